import Foundation
import Testing
@testable import Omtale

@Suite("Configuration (.omtale.yml)")
struct ConfigurationTests {
    @Test func starterFileIsValidAndMeansWhatItSays() throws {
        let configuration = try Configuration.parse(Configuration.starter, file: "/x/.omtale.yml")
        #expect(configuration.language == .da)
        #expect(configuration.collectiveRegions == .report)
        #expect(configuration.includes(relativePath: "udkast/a.txt"))
        #expect(!configuration.includes(relativePath: "arkiv/2023/a.txt"))
        #expect(!configuration.includes(relativePath: "noter.rtf"))
    }

    @Test func unknownKeyIsAnErrorWithLineAndColumn() throws {
        do {
            _ = try Configuration.parse("language: da\nsprog: en\n", file: "/x/.omtale.yml")
            Issue.record("an unknown key was accepted")
        } catch let error as RulesError {
            #expect(error.description == "/x/.omtale.yml:2:1: ukendt nøgle »sprog«. Kendte nøgler her: collectiveRegions, exclude, include, language, ruleSettings, rules, sender. Ret eller slet nøglen.")
            #expect(error.description(.en) == "/x/.omtale.yml:2:1: unknown key 'sprog'. Known keys here: collectiveRegions, exclude, include, language, ruleSettings, rules, sender. Correct or remove the key.")
        }
    }

    @Test func wrongTypeIsAnErrorWithLine() throws {
        do {
            _ = try Configuration.parse("ruleSettings:\n  partner-mention:\n    enabled: måske\n", file: "c.yml")
            Issue.record("a wrong type was accepted")
        } catch let error as RulesError {
            #expect(error.line == 3)
        }
    }

    /// The expected type is named as the key needs it: `include` wants a list, `sender` a single
    /// value, never »en tabel af nøgler og værdier« for either.
    @Test func wrongTypeNamesTheExpectedType() throws {
        let cases = [
            ("include: 3\n", "c.yml:1:10: »include« har forkert type (forventede en liste)", "c.yml:1:10: 'include' has the wrong type (expected a list)"),
            ("sender: [KL, RM]\n", "c.yml:1:9: »sender« har forkert type (forventede en enkelt værdi)", "c.yml:1:9: 'sender' has the wrong type (expected a single value)"),
        ]
        for (yaml, danish, english) in cases {
            do {
                _ = try Configuration.parse(yaml, file: "c.yml")
                Issue.record("a wrong type was accepted: \(yaml)")
            } catch let error as RulesError {
                #expect(error.description == danish)
                #expect(error.description(.en) == english)
            }
        }
    }

    @Test func ruleSettingsAndCollectivePolicyChangeTheRules() throws {
        let configuration = try Configuration.parse("""
            collectiveRegions: forbid
            ruleSettings:
              party-abbreviation: {severity: error}
              party-spelling: {enabled: false}
            """, file: "c.yml")
        let ruleset = try configuration.apply(to: Fixtures.ruleset)
        #expect(ruleset.rule("party-abbreviation")?.severity == .error)
        #expect(ruleset.rule("party-spelling")?.enabled == false)
        #expect(ruleset.rule("regions-collective")?.severity == .error)
        let checker = try Checker(ruleset: ruleset)
        let report = checker.check(text: "Klimaalliancen: KL, de fem regioner, Real Dania og RN.")
        #expect(report.diagnostics.map(\.ruleID) == ["regions-collective", "party-abbreviation"])
        #expect(report.diagnostics.allSatisfy { $0.severity == .error })
    }

    /// The run names the settings it used (issue 18), and none when there are none.
    @Test func theRunSaysWhichSettingsItUsed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-settings-\(UUID())")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("udkast"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "language: da\n".write(to: folder.appendingPathComponent(".omtale.yml"), atomically: true, encoding: .utf8)
        try Texts.good.write(to: folder.appendingPathComponent("udkast/a.txt"), atomically: true, encoding: .utf8)
        let used = try CLI.run(["check", "udkast/a.txt"], directory: folder)
        #expect(used.status == 0)
        let path = folder.appendingPathComponent(".omtale.yml").standardizedFileURL.path
        #expect(used.stderr == "omtale: indstillinger fra \(path)\n", "\(used.stderr)")
        let english = try CLI.run(["check", "--lang", "en", "udkast/a.txt"], directory: folder)
        #expect(english.stderr == "omtale: settings from \(path)\n")
        let none = try CLI.run(["check", "fixtures/press/01-alle-parter.txt"])
        #expect(!none.stderr.contains("indstillinger"))
    }

    @Test func unknownRuleInSettingsIsAnError() throws {
        let configuration = try Configuration.parse("language: da\nruleSettings:\n  party-spelling: {enabled: false}\n  partner-mentoin: {enabled: false}\n", file: "c.yml")
        let known = Fixtures.ruleset.rules.map(\.id).joined(separator: ", ")
        #expect { try configuration.apply(to: Fixtures.ruleset) } throws: { error in
            (error as? RulesError)?.description == "c.yml:4:3: ukendt regel »partner-mentoin« under ruleSettings. Kendte regler: \(known). Ret den til »partner-mention«."
        }
        #expect { try configuration.apply(to: Fixtures.ruleset) } throws: { error in
            (error as? RulesError)?.description(.en) == "c.yml:4:3: unknown rule 'partner-mentoin' under ruleSettings. Known rules: \(known). Change it to 'partner-mention'."
        }
        // Nothing close: the fix says what to do without guessing.
        let far = try Configuration.parse("ruleSettings:\n  citater: {enabled: false}\n", file: "c.yml")
        #expect { try far.apply(to: Fixtures.ruleset) } throws: { error in
            (error as? RulesError)?.description == "c.yml:2:3: ukendt regel »citater« under ruleSettings. Kendte regler: \(known). Ret id'et til en af dem, eller slet reglen her."
        }
        #expect { try far.apply(to: Fixtures.ruleset) } throws: { error in
            (error as? RulesError)?.description(.en) == "c.yml:2:3: unknown rule 'citater' under ruleSettings. Known rules: \(known). Change the id to one of them, or remove the rule here."
        }
    }

    /// A misspelt value of an enumeration names the key, its place and the values allowed (issue 18).
    @Test(arguments: [
        ("ruleSettings:\n  partner-mention:\n    severity: eror\n",
         "c.yml:3:15: »ruleSettings.partner-mention.severity« kan ikke være »eror«. Brug en af: error, warning, info. Skriv fx »severity: error«.",
         "c.yml:3:15: 'ruleSettings.partner-mention.severity' cannot be 'eror'. Use one of: error, warning, info. Write e.g. 'severity: error'."),
        ("collectiveRegions: maybe\n",
         "c.yml:1:20: »collectiveRegions« kan ikke være »maybe«. Brug en af: allow, report, forbid. Skriv fx »collectiveRegions: allow«.",
         "c.yml:1:20: 'collectiveRegions' cannot be 'maybe'. Use one of: allow, report, forbid. Write e.g. 'collectiveRegions: allow'."),
        ("language: de\n",
         "c.yml:1:11: »language« kan ikke være »de«. Brug en af: da, en. Skriv fx »language: da«.",
         "c.yml:1:11: 'language' cannot be 'de'. Use one of: da, en. Write e.g. 'language: da'."),
    ])
    func anInvalidEnumerationValueIsExplainedInDanish(_ yaml: String, _ message: String, _ english: String) {
        #expect { try Configuration.parse(yaml, file: "c.yml") } throws: { ($0 as? RulesError)?.description == message }
        #expect { try Configuration.parse(yaml, file: "c.yml") } throws: { ($0 as? RulesError)?.description(.en) == english }
    }

    @Test func globs() {
        #expect(Glob.matches("**/*.txt", "a.txt"))
        #expect(Glob.matches("**/*.txt", "a/b/c.txt"))
        #expect(!Glob.matches("*.txt", "a/b.txt"))
        #expect(Glob.matches("arkiv/**", "arkiv/2023/x.docx"))
        #expect(Glob.matches("udkast/?.md", "udkast/a.md"))
        #expect(!Glob.matches("udkast/?.md", "udkast/ab.md"))
        #expect(Glob.matches("**/pressemeddelelse *.txt", "2024/pressemeddelelse æø.txt"))
    }

    @Test func foundUpwardAndNotBeyondTheRepositoryRoot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-config-\(UUID())")
        let repo = root.appendingPathComponent("repo")
        let deep = repo.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        // A configuration above the repository root must not apply.
        try "language: en\n".write(to: root.appendingPathComponent(".omtale.yml"), atomically: true, encoding: .utf8)
        #expect(ConfigurationLocator.find(from: deep.path) == nil)
        try "language: da\n".write(to: repo.appendingPathComponent("a/.omtale.yml"), atomically: true, encoding: .utf8)
        #expect(ConfigurationLocator.find(from: deep.path) == repo.appendingPathComponent("a/.omtale.yml").standardizedFileURL.path)
    }
}
