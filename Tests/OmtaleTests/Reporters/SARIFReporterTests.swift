import Foundation
import Testing
@testable import Omtale

@Suite("SARIF reporter")
struct SARIFReporterTests {
    static let schema = TestPaths.root.appendingPathComponent("Tests/OmtaleTests/Reporters/Schemas/sarif-schema-2.1.0.json")

    /// Validates a SARIF document with the `jsonschema` package against the official schema
    /// (a copy of /work/shared/schemas/sarif-schema-2.1.0.json, committed so CI has it).
    /// Returns the validator's complaints, one per line; empty when valid.
    static func schemaErrors(_ sarif: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-sarif-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = folder.appendingPathComponent("report.sarif")
        try sarif.write(to: instance, atomically: true, encoding: .utf8)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            instance = json.load(open(sys.argv[2], encoding="utf-8"))
            validator = jsonschema.validators.validator_for(schema)
            validator.check_schema(schema)
            errors = sorted(validator(schema).iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
            for error in errors:
                print("/".join(map(str, error.absolute_path)) + ": " + error.message)
            sys.exit(1 if errors else 0)
            """
        let result = try ExternalTools.run(["python3", "-c", script, schema.path, instance.path])
        if result.status != 0 && result.stdout.isEmpty { return "python3 failed: \(result.stderr)" }
        return result.stdout
    }

    @Test(ExternalTools.jsonSchemaTrait)
    func outputIsValidAgainstTheOfficialSchema() throws {
        guard ExternalTools.hasJSONSchema else {
            Issue.record("CI is set but python3 cannot import jsonschema: run `pip install jsonschema` (.ci/run does)")
            return
        }
        let sarif = SARIFReporter().render(ReportSamples.reports, options: ReportSamples.options())
        #expect(try Self.schemaErrors(sarif) == "")
        // The validator really validates: a level SARIF does not know is rejected.
        let broken = sarif.replacingOccurrences(of: "\"level\" : \"warning\"", with: "\"level\" : \"fatal\"")
        #expect(broken != sarif)
        #expect(try Self.schemaErrors(broken).contains("fatal"))
    }

    @Test func runDescribesToolRulesAndResults() throws {
        let sarif = SARIFReporter().render(ReportSamples.reports, options: ReportSamples.options())
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "omtale")
        #expect(driver["version"] as? String == "9.9.9-test")
        #expect(driver["informationUri"] as? String == OmtaleInfo.informationURI)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == Fixtures.reporterRuleset.rules.map(\.id))
        let partner = try #require(rules.first { $0["id"] as? String == "partner-mention" })
        let help = try #require((partner["help"] as? [String: Any])?["text"] as? String)
        #expect(help.hasPrefix("Krav i Partnerskabsaftale om Klimaalliancen, pkt. 9.1."))
        // English SARIF cites the clause as English does (issue 18): "section", never "pkt.".
        let english = SARIFReporter().render(ReportSamples.reports, options: ReportSamples.options(.en))
        #expect(english.contains("\"text\" : \"Required by Partnerskabsaftale om Klimaalliancen, section 9.1. "))
        #expect(english.contains("\"text\" : \"Required by Partnerskabsaftale om Klimaalliancen, sections 1 and 9.1. "))
        // Every text a reader sees; the rule's `clause` property stays the rules' own data ("pkt. 9.1").
        let texts = english.components(separatedBy: "\n").filter { $0.contains("\"text\" :") }
        #expect(!texts.isEmpty && !texts.contains { $0.contains("pkt.") }, "\(texts.filter { $0.contains("pkt.") })")
        #expect((partner["shortDescription"] as? [String: Any])?["text"] as? String == Fixtures.reporterRuleset.rule("partner-mention")?.summary.da)

        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == ["error", "note", "warning"])
        #expect(results.map { $0["ruleId"] as? String } == ["partner-mention", "regions-collective", "party-abbreviation"])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        let first = try #require(results.first)
        #expect((first["message"] as? [String: Any])?["text"] as? String == ReportSamples.reports[0].diagnostics[0].message(.da))
        let physical = try #require(((first["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "udkast/Pressemeddelelse%20%C3%A6%C3%B8%C3%A5.txt")
        let region = try #require(physical["region"] as? [String: Int])
        // After "👨‍👩‍👧 ": five code points and a space, counted as code points (columnKind).
        #expect(region == ["startLine": 1, "startColumn": 7, "endLine": 1, "endColumn": 21])
        #expect(run["columnKind"] as? String == "unicodeCodePoints")

        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notifications = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notifications.count == 1)
        #expect(((notifications[0]["message"] as? [String: Any])?["text"] as? String)?.contains("binære data") == true)
    }

    @Test func artifactURIsAreRelativeAndEscaped() {
        let cwd = "/home/anne/presse"
        #expect(SARIFReporter.artifactURI("udkast/Æble grød.txt", workingDirectory: cwd) == "udkast/%C3%86ble%20gr%C3%B8d.txt")
        #expect(SARIFReporter.artifactURI("./udkast/a.txt", workingDirectory: cwd) == "udkast/a.txt")
        #expect(SARIFReporter.artifactURI("/home/anne/presse/nyt, kort: 100%.txt", workingDirectory: cwd) == "nyt%2C%20kort%3A%20100%25.txt")
        #expect(SARIFReporter.artifactURI("/home/anne/presse/a.txt", workingDirectory: cwd + "/") == "a.txt")
        #expect(SARIFReporter.artifactURI("/home/anne/presseklip/a.txt", workingDirectory: cwd) == "file:///home/anne/presseklip/a.txt")
        #expect(SARIFReporter.artifactURI("../fælles/#1?.txt", workingDirectory: cwd) == "../f%C3%A6lles/%231%3F.txt")
    }

    @Test func fnv1aMatchesTheReferenceValues() {
        // Test vectors of the FNV reference implementation.
        #expect(Fingerprint.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(Fingerprint.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(Fingerprint.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func fingerprintsSurviveLinesAddedAboveAndTellFindingsApart() throws {
        let checker = Fixtures.checker()
        let text = "Klimaalliancen samler KL og Region Sjælland.\n\nRN og RH kommer senere. RM deltager også.\n"
        let before = checker.check(text: text, path: "a.txt")
        let after = checker.check(text: "Ny indledning.\n\nEndnu en linje.\n\n" + text, path: "a.txt")
        #expect(before.diagnostics.count == after.diagnostics.count && before.diagnostics.count > 2)
        #expect(before.diagnostics.map(\.start.line) != after.diagnostics.map(\.start.line))
        let old = SARIFReporter.fingerprints(before), new = SARIFReporter.fingerprints(after)
        #expect(old == new)
        #expect(Set(old).count == old.count, "every finding has its own fingerprint")
        // Several missing parties reported at the same mention differ by the party (the finding's subject),
        // not only by the running number.
        #expect(old[0].hasSuffix(":1") && old[1].hasSuffix(":1") && old[0].prefix(16) != old[1].prefix(16))
        // Changing the sentence around a finding changes its fingerprint.
        let edited = checker.check(text: text.replacingOccurrences(of: "RM deltager også.", with: "RM deltager ikke."), path: "a.txt")
        #expect(SARIFReporter.fingerprints(edited).last != old.last)
    }

    @Test func withoutARulesetRulesComeFromTheFindings() throws {
        let sarif = SARIFReporter().render(ReportSamples.reports, options: ReportOptions(toolVersion: "1"))
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let driver = try #require((((log["runs"] as? [[String: Any]])?.first)?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect((driver["rules"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
                == ["partner-mention", "regions-collective", "party-abbreviation"])
    }
}
