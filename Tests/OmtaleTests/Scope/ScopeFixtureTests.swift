import Foundation
import Testing
import Yams
@testable import Omtale

/// The scope fixtures (sender, date, which alliance, parts of a release, where the fix goes) against
/// the expectations written by hand in fixtures/scope/expected.yml.
@Suite("Scope fixtures")
struct ScopeFixtureTests {
    struct Expectation: Decodable {
        var about: Bool
        var sender: String?
        var evidence: String?
        var date: String?
        var dateSource: String?
        var missing: [String]
        var findings: [String]
        var fix: String?
        var fixAfter: String?
        var note: String?
    }

    static let expectations: [String: Expectation] = {
        let text = try! String(contentsOf: TestPaths.fixture("scope/expected.yml"), encoding: .utf8)
        return try! YAMLDecoder().decode([String: Expectation].self, from: text)
    }()

    static var names: [String] { expectations.keys.sorted() }

    @Test func everyFixtureHasAnExpectationAndTheReverse() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.fixture("scope").path)
            .filter { ["txt", "md", "docx"].contains(($0 as NSString).pathExtension) }
        #expect(Set(files) == Set(Self.names))
        #expect(Self.names.count >= 20)
    }

    @Test(arguments: names)
    func senderDateAndVerdictAreAsARaderSeesThem(_ name: String) throws {
        let expected = try #require(Self.expectations[name])
        let report = Fixtures.checker().check(fileAt: TestPaths.fixture("scope/\(name)").path)
        #expect(report.error == nil)
        #expect(report.applies == expected.about)
        #expect(report.sender?.party == expected.sender)
        if let evidence = expected.evidence { #expect(report.sender?.evidence == evidence) }
        if let date = expected.date {
            #expect(report.date?.value == date)
            #expect(report.date?.source == expected.dateSource)
        } else {
            #expect(report.date?.source == "checkDate")
        }
        #expect(report.parties.filter(\.missing).map(\.name) == expected.missing)
        // This suite is about the partner rules; quotes and commercial use have their own fixtures.
        let findings = report.diagnostics.filter { ["partner-mention", "regions-collective"].contains($0.ruleID) }
            .map { "\($0.severity.rawValue) \($0.ruleID): \($0.message(.da))" }
        #expect(findings.count == expected.findings.count, "\(findings)")
        for (found, want) in zip(findings, expected.findings) { #expect(found.hasPrefix(want), "\(found)") }
    }

    @Test(arguments: names.filter { expectations[$0]?.fix != nil })
    func theFixGoesInTheRightPlace(_ name: String) throws {
        let expected = try #require(Self.expectations[name])
        let report = Fixtures.checker().check(fileAt: TestPaths.fixture("scope/\(name)").path)
        let diagnostic = try #require(report.diagnostics.first { $0.ruleID == "partner-mention" })
        let replacement = try #require(diagnostic.fix?.replacements.first)
        #expect(replacement.text.contains(expected.fix!))
        let document = try #require(report.document)
        let line = try #require(document.sourceLineText(of: SourceLocation(line: replacement.line, column: 1, part: replacement.part)))
        if let after = expected.fixAfter {
            let before = String(String.UnicodeScalarView(line.unicodeScalars.prefix(replacement.column - 1)))
            #expect(before.hasSuffix(after), "inserted after »\(before)«")
        }
        // Never into a headline, a quote or a caption.
        let kinds = report.sections.filter { $0.line == replacement.line && $0.part == replacement.part }.map(\.kind)
        #expect(!kinds.contains("headline") && !kinds.contains("caption"), "\(kinds)")
    }
}
