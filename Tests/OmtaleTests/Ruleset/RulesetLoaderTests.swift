import Foundation
import Testing
@testable import Omtale

@Suite("Rules as data")
struct RulesetLoaderTests {
    /// The rules folder's files, to derive broken variants from.
    static let files: [String: String] = {
        let ruleset = try! RulesetLoader.load(directory: TestPaths.rulesFolder)
        return ruleset.files
    }()

    func load(_ changes: [String: String?]) throws -> Ruleset {
        var files = Self.files
        for (name, content) in changes { files[name] = content }
        return try RulesetLoader.load(files: files, origin: .folder(URL(fileURLWithPath: "/tmp/regler")))
    }

    func error(_ changes: [String: String?]) -> RulesError? {
        do { _ = try load(changes); return nil } catch let error as RulesError { return error } catch { return nil }
    }

    @Test func theBundledCopyIsTheRulesFolder() throws {
        let folder = try RulesetLoader.load(directory: TestPaths.rulesFolder)
        #expect(BundledRules.files == folder.files)
        #expect(Set(BundledRules.roots.keys) == Set(folder.files.keys))
    }

    /// Everything the built-in rules decode to, read through the build-time form (required, so a
    /// silent fallback to YAML fails) and through Yams from the folder, must be the same values.
    @Test func theBundledFormDecodesToTheSameValuesAsTheYAML() throws {
        func everything(_ ruleset: Ruleset) throws -> String {
            var text = ""
            dump((ruleset.id, ruleset.name, ruleset.agreement, ruleset.partnership, ruleset.boilerplate, ruleset.parties,
                  ruleset.knowledgePartners, ruleset.collectives, ruleset.lookalikes, ruleset.rules, ruleset.quoteLanguage),
                 to: &text)
            dump(try Spokespersons.load(ruleset), to: &text)
            return text
        }
        let fromBundled = try YAMLFile.$bundledForm.withValue(.required) { try everything(RulesetLoader.bundled()) }
        let fromYAML = try YAMLFile.$bundledForm.withValue(.off) {
            try everything(RulesetLoader.load(directory: TestPaths.rulesFolder))
        }
        #expect(fromBundled == fromYAML)
        // The commercial model holds dictionaries, whose dumped order is not stable: compared as values.
        let termsFromBundled = try YAMLFile.$bundledForm.withValue(.required) { try CommercialTerms.load(from: RulesetLoader.bundled()) }
        let termsFromYAML = try YAMLFile.$bundledForm.withValue(.off) {
            try CommercialTerms.load(from: RulesetLoader.load(directory: TestPaths.rulesFolder))
        }
        #expect(termsFromBundled == termsFromYAML)
        #expect(fromBundled.count > 10_000)
    }

    @Test func defaultRulesetEncodesTheAgreement() throws {
        let ruleset = Fixtures.ruleset
        #expect(ruleset.parties.map(\.name) == ["KL", "Region Nordjylland", "Region Midtjylland", "Region Syddanmark",
                                                 "Region Sjælland", "Region Hovedstaden", "Realdania"])
        #expect(ruleset.knowledgePartners.map(\.name) == ["CONCITO", "C40"])
        #expect(ruleset.agreement.period == Agreement.Period(start: "2023-04-01", end: "2027-12-31"))
        #expect(Set(ruleset.parties.flatMap(\.abbreviations).map(\.text)) == ["RN", "RM", "RSD", "RS", "RH"])
        for party in ruleset.parties { #expect(ruleset.boilerplate.contains(party.name)) }
        // One rule per file of rules/, and the agreement's obligations among them (a new rule kind adds to the list).
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.rulesFolder.appendingPathComponent("rules").path)
        #expect(ruleset.rules.map(\.id).sorted() == files.filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }.sorted())
        #expect(Set(ruleset.rules.map(\.id)).isSuperset(of: ["non-commercial", "partner-mention", "partnership-claim", "party-abbreviation",
                                                             "party-spelling", "regions-collective", "spokesperson"]))
        #expect(ruleset.rule("partner-mention")?.severity == .error)
        #expect(ruleset.rule("regions-collective")?.severity == .info)
    }

    @Test func invalidYAMLIsReportedWithLineAndColumn() throws {
        let error = try #require(self.error(["rules/partner-mention.yml": "kind: partner-mention\nseverity: [error\n"]))
        #expect(error.file == "/tmp/regler/rules/partner-mention.yml")
        #expect(error.line == 3)
        #expect(error.description.hasPrefix("/tmp/regler/rules/partner-mention.yml:3:"))
    }

    @Test func unknownKeyIsAnErrorAtThatKey() throws {
        let text = Self.files["rules/party-spelling.yml"]!.replacingOccurrences(of: "severity: warning", with: "severty: warning")
        let error = try #require(self.error(["rules/party-spelling.yml": text]))
        #expect(error.line == 2 && error.column == 1)
        #expect(error.message.da.contains("ukendt nøgle »severty«"))
    }

    @Test func wrongTypeNamesTheKeyAndItsLine() throws {
        let text = Self.files["rules/party-spelling.yml"]!.replacingOccurrences(of: "severity: warning", with: "severity: [warning]")
        let error = try #require(self.error(["rules/party-spelling.yml": text]))
        #expect(error.line == 2)
        #expect(error.message.da.contains("severity"))
    }

    @Test func invalidSeverityValue() throws {
        let text = Self.files["rules/party-spelling.yml"]!.replacingOccurrences(of: "severity: warning", with: "severity: fatal")
        let error = try #require(self.error(["rules/party-spelling.yml": text]))
        #expect(error.line == 2)
    }

    @Test func unknownRuleKind() throws {
        let error = try #require(self.error(["rules/x.yml": "kind: nope\nseverity: error\nsummary: a\ndescription: b\n"]))
        #expect(error.message.da.contains("ukendt regeltype »nope«"))
    }

    @Test func collectiveCoveringAnUnknownPartyIsRejected() throws {
        let text = Self.files["parties.yml"]!.replacingOccurrences(of: "covers: [Region Nordjylland,", with: "covers: [Region Nordjyland,")
        let error = try #require(self.error(["parties.yml": text]))
        #expect(error.message.da.contains("Region Nordjyland"))
    }

    @Test func missingFileIsNamed() throws {
        let error = try #require(self.error(["parties.yml": nil]))
        #expect(error.file == "/tmp/regler/parties.yml")
    }

    @Test func anotherPartnershipIsJustOtherData() throws {
        let files: [String: String] = [
            "ruleset.yml": """
                id: havalliancen
                name: Havalliancen
                agreement: {title: Havaftalen, communicationClause: "§ 4"}
                partnership: {name: Havalliancen}
                boilerplate: "Havalliancen er et partnerskab mellem Fiskeby Kommune og Fonden Blå."
                """,
            "parties.yml": """
                parties:
                  - name: Fiskeby Kommune
                  - name: Fonden Blå
                """,
            "rules/partner-mention.yml": Self.files["rules/partner-mention.yml"]!,
        ]
        let ruleset = try RulesetLoader.load(files: files, origin: .folder(URL(fileURLWithPath: "/tmp/hav")))
        let checker = try Checker(ruleset: ruleset)
        let report = checker.check(text: "Havalliancens nye projekt med Fiskeby Kommune.")
        #expect(report.diagnostics.map { $0.message(.da) } == ["Fonden Blå er ikke nævnt. En tekst om Havalliancen skal nævne alle parter (pkt. 9.1). Er teksten fra en af parterne, behøver afsenderen ikke nævne sig selv: angiv den med --sender eller sender: i .omtale.yml."])
    }
}
