import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Omtale

@Suite("JUnit reporter")
struct JUnitReporterTests {
    /// What an XML parser reads back from the report.
    final class Reading: NSObject, XMLParserDelegate {
        struct Case { var suite: String; var name: String; var failure: String?; var failureType: String?; var error: String?; var output: String? }
        var suites: [String: [String: String]] = [:]
        var cases: [Case] = []
        var root: [String: String] = [:]
        private var suite = ""
        private var element = ""
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            element = name
            text = ""
            switch name {
            case "testsuites": root = attributes
            case "testsuite": suite = attributes["name"] ?? ""; suites[suite] = attributes
            case "testcase": cases.append(Case(suite: suite, name: attributes["name"] ?? ""))
            case "failure": cases[cases.count - 1].failureType = attributes["type"]
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "failure": cases[cases.count - 1].failure = text
            case "error": cases[cases.count - 1].error = text
            case "system-out": cases[cases.count - 1].output = text
            default: break
            }
            text = ""
        }
    }

    static func parse(_ xml: String) throws -> Reading {
        let parser = XMLParser(data: Data(xml.utf8))
        let reading = Reading()
        parser.delegate = reading
        let ok = parser.parse()
        #expect(ok, "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
        return reading
    }

    @Test func oneSuitePerFileOneCasePerRule() throws {
        let xml = JUnitReporter().render(ReportSamples.reports, options: ReportSamples.options())
        let reading = try Self.parse(xml)
        let paths = ReportSamples.reports.map(\.path)
        #expect(Set(reading.suites.keys) == Set(paths))
        // One case per rule for each readable file, one error case for the unreadable one.
        let readable = ReportSamples.reports.filter { $0.error == nil }.count
        let cases = readable * Fixtures.reporterRuleset.rules.count + (ReportSamples.reports.count - readable)
        #expect(reading.root["tests"] == String(cases) && reading.root["failures"] == "2" && reading.root["errors"] == "1")
        let draft = reading.cases.filter { $0.suite == paths[0] }
        #expect(draft.map(\.name) == Fixtures.reporterRuleset.rules.map(\.id))
        let partner = try #require(draft.first { $0.name == "partner-mention" })
        #expect(partner.failureType == "error")
        #expect(partner.failure?.contains("udkast/Pressemeddelelse æøå.txt:1:7: fejl: Realdania er ikke nævnt.") == true)
        #expect(draft.first { $0.name == "party-abbreviation" }?.failureType == "warning")
        // Info findings are listed but do not fail the case (they do not fail the run either).
        let collective = try #require(draft.first { $0.name == "regions-collective" })
        #expect(collective.failure == nil && collective.output?.contains("de fem regioner") == true)
        #expect(draft.first { $0.name == "party-spelling" }?.failure == nil)
        #expect(reading.cases.filter { $0.suite == paths[1] }.allSatisfy { $0.failure == nil })
        let unreadable = reading.cases.filter { $0.suite == paths[2] }
        #expect(unreadable.count == 1 && unreadable[0].error == "filen indeholder binære data.")
    }

    @Test func escapesMarkupAndDropsCharactersXMLCannotHold() throws {
        let message = "A & B <tag> \"citat\" 'x' ]]> \u{1}\u{B} slut"
        let diagnostic = Diagnostic(ruleID: "partner-mention", severity: .error, message: Localized(verbatim: message), range: 0..<1,
                                    start: Location(line: 1, column: 1), end: Location(line: 1, column: 2))
        let report = FileReport(path: "a&b <c>.txt", input: "text", applies: true, diagnostics: [diagnostic])
        let xml = JUnitReporter().render([report], options: ReportSamples.options())
        let reading = try Self.parse(xml)
        #expect(reading.suites.keys.first == "a&b <c>.txt")
        let failure = try #require(reading.cases.first { $0.name == "partner-mention" }?.failure)
        #expect(failure.contains("A & B <tag> \"citat\" 'x' ]]> \u{FFFD}\u{FFFD} slut"))
    }

    @Test func disabledRulesAreSkipped() throws {
        var ruleset = Fixtures.reporterRuleset
        ruleset.rules[1].enabled = false
        var options = ReportSamples.options()
        options.ruleset = ruleset
        let xml = JUnitReporter().render([ReportSamples.reports[1]], options: options)
        #expect(xml.contains("<skipped message=\"reglen er slået fra\"/>"))
        let reading = try Self.parse(xml)
        #expect(reading.root["skipped"] == "1")
    }
}
