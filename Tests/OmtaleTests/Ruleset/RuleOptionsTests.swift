import Foundation
import Testing
@testable import Omtale

/// A kind a library user might add: it reads its settings from `options:` in its rule file.
private struct LongTextRule: Rule, RuleKind {
    struct Options: Decodable, Sendable, Equatable {
        var maxCharacters: Int
        var word: String

        private enum CodingKeys: String, CodingKey, CaseIterable { case maxCharacters, word }

        init(maxCharacters: Int, word: String) {
            self.maxCharacters = maxCharacters
            self.word = word
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            maxCharacters = try c.decodeIfPresent(Int.self, forKey: .maxCharacters) ?? 2000
            word = try c.decodeIfPresent(String.self, forKey: .word) ?? "tegn"
        }
    }

    static let kind = "long-text"
    let definition: RuleDefinition
    let options: Options

    static func make(_ definition: RuleDefinition, ruleset: Ruleset) throws -> any Rule {
        LongTextRule(definition: definition, options: try definition.options(for: Self.self))
    }

    func check(_ context: CheckContext) -> [Diagnostic] {
        let count = context.document.text.count
        guard count > options.maxCharacters else { return [] }
        return [context.diagnostic(definition, Localized(verbatim: "\(count) \(options.word)"), at: 0..<1)]
    }
}

@Suite("Rule kinds own their options")
struct RuleOptionsTests {
    static let kinds = RuleRegistry(kinds: RuleRegistry.standard.kinds + [LongTextRule.self])

    func load(_ ruleFiles: [String: String]) throws -> Ruleset {
        var files = RulesetLoaderTests.files
        for (name, text) in ruleFiles { files[name] = text }
        return try YAMLFile.$bundledForm.withValue(.off) {
            try RulesetLoader.load(files: files, origin: .folder(URL(fileURLWithPath: "/tmp/regler")), kinds: Self.kinds)
        }
    }

    func error(_ ruleFiles: [String: String]) -> RulesError? {
        do { _ = try load(ruleFiles); return nil } catch let error as RulesError { return error } catch { return nil }
    }

    static let header = "kind: long-text\nseverity: info\nsummary: Lang tekst\ndescription: For mange tegn\n"

    @Test func optionsAreDecodedIntoTheKindsType() throws {
        let ruleset = try load(["rules/long-text.yml": Self.header + "options:\n  maxCharacters: 10\n  word: bogstaver\n"])
        let definition = try #require(ruleset.rule("long-text"))
        #expect(try definition.options(for: LongTextRule.self) == LongTextRule.Options(maxCharacters: 10, word: "bogstaver"))
        let report = try Checker(ruleset: ruleset, kinds: Self.kinds).check(text: "Elleve tegn", path: "a.txt")
        #expect(report.diagnostics.filter { $0.ruleID == "long-text" }.map { $0.message(.da) } == ["11 bogstaver"])
    }

    @Test func withoutOptionsTheKindsDefaultsApply() throws {
        let ruleset = try load(["rules/long-text.yml": Self.header])
        #expect(try ruleset.rule("long-text")?.options(for: LongTextRule.self) == LongTextRule.Options(maxCharacters: 2000, word: "tegn"))
    }

    @Test func anOptionTheKindDoesNotReadIsAnErrorAtItsKey() throws {
        let error = try #require(self.error(["rules/long-text.yml": Self.header + "options:\n  maxCharacters: 10\n  maxWords: 3\n"]))
        #expect(error.file == "/tmp/regler/rules/long-text.yml")
        #expect(error.line == 7 && error.column == 3)
        #expect(error.message.da == "ukendt nøgle »maxWords«. Kendte nøgler her: maxCharacters, word. Ret eller slet nøglen.")
    }

    @Test func optionsForAKindWithoutOptionsAreAnErrorAtTheKey() throws {
        let text = RulesetLoaderTests.files["rules/party-spelling.yml"]! + "options:\n  strict: true\n"
        let error = try #require(self.error(["rules/party-spelling.yml": text]))
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("options:") }! + 1
        #expect(error.line == line && error.column == 1)
        #expect(error.message.da == "regeltypen »party-spelling« læser ingen options; fjern »options:«")
        #expect(error.message.en == "rule kind 'party-spelling' reads no options; remove 'options:'")
    }

    @Test func anOptionOfTheWrongTypeNamesItsLine() throws {
        let error = try #require(self.error(["rules/long-text.yml": Self.header + "options:\n  maxCharacters: mange\n"]))
        #expect(error.line == 6)
        #expect(error.message.da.contains("options.maxCharacters"))
    }

    /// The schema comes from the coding keys: a key of a nested value (a party's name form) is checked too.
    @Test func keysAreCheckedDeepInsideAFile() throws {
        let parties = RulesetLoaderTests.files["parties.yml"]!
        let text = parties.replacingOccurrences(of: "caseSensitive: true", with: "caseSensitiv: true")
        #expect(text != parties)
        let error = try #require(self.error(["parties.yml": text]))
        // A misspelling close to a known key gets that key as its fix (issue 18), in both languages.
        #expect(error.message.da == "ukendt nøgle »caseSensitiv«. Kendte nøgler her: caseSensitive, text. Ret den til »caseSensitive«.")
        #expect(error.message.en == "unknown key 'caseSensitiv'. Known keys here: caseSensitive, text. Change it to 'caseSensitive'.")
        #expect(error.line != nil && error.column != nil)
    }
}
