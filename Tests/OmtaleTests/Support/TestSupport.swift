import Foundation
import Testing
@testable import Omtale

enum TestPaths {
    /// The repository root, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ relative: String) -> URL { root.appendingPathComponent("fixtures").appendingPathComponent(relative) }

    static var rulesFolder: URL { root.appendingPathComponent("rules/klimaalliancen") }
}

enum Fixtures {
    /// The bundled ruleset, decoded once for all tests.
    static let ruleset: Ruleset = RulesetLoader.bundled()

    static func checker(_ rules: Ruleset = ruleset) -> Checker {
        // The bundled rules and their variants below are valid (RulesetTests proves it), so this cannot throw.
        let checker = try! Checker(ruleset: rules)
        // Undated texts are judged at the check date: one fixed day keeps expectations reproducible.
        checker.assumptions.today = "2026-12-01"
        return checker
    }

    /// The bundled rules with fixtures/spokesperson/spokespersons.yml, which names fictional people
    /// (the default structure names nobody): every other file is the bundled one, so a rule added
    /// to rules/klimaalliancen needs no copy here.
    static let spokespersonRuleset: Ruleset = {
        var files = RulesetLoader.bundledFiles
        files[Spokespersons.file] = try! String(contentsOf: TestPaths.fixture("spokesperson/\(Spokespersons.file)"), encoding: .utf8)
        return try! RulesetLoader.load(files: files, origin: .folder(TestPaths.fixture("spokesperson")))
    }()

    /// The rules the reporters' canned output was recorded with: the bundled ruleset with these
    /// rule files only, so adding a rule to rules/klimaalliancen re-records no reporter golden.
    static let reporterRuleIDs = ["non-commercial", "partner-mention", "partnership-claim", "party-abbreviation",
                                  "party-spelling", "regions-collective", "spokesperson"]

    static let reporterRuleset: Ruleset = {
        let files = RulesetLoader.bundledFiles.filter { name, _ in
            !name.hasPrefix("rules/") || reporterRuleIDs.contains { name == "rules/\($0).yml" }
        }
        return try! RulesetLoader.load(files: files, origin: .bundled)
    }()
}

/// A diagnostic expected at a marker.
struct Expected {
    var marker: String
    var message: String
    var severity: Severity?
    /// The whole message, not only its beginning (`Expected(marker, whole:, english:)`).
    var whole = false
    /// The whole English message, when the test pins it too.
    var english: String?

    init(_ marker: String, _ message: String, severity: Severity? = nil) {
        self.marker = marker
        self.message = message
        self.severity = severity
    }

    /// A key message pinned word for word, in Danish and (optionally) English.
    init(_ marker: String, whole message: String, english: String? = nil, severity: Severity? = nil) {
        self.init(marker, message, severity: severity)
        self.whole = true
        self.english = english
    }
}

/// Runs `rule` on the marked text and checks that exactly the expected diagnostics come out,
/// at the markers, with these messages (a message matches when it starts with the expected text,
/// or is the whole expected text for `Expected(_:whole:english:)`).
/// Then runs it again with a non-ASCII prefix on the first line, where columns on line 1 must
/// shift by the prefix's length in scalars and every other position must stay put.
func assertRule(
    _ rule: String, _ marked: String, _ expected: [Expected], language: Language = .da, checker: Checker? = nil,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let checker = checker ?? Fixtures.checker()
    let markedText = MarkedText(marked)
    let prefixLength = nonASCIIPrefix.unicodeScalars.count
    for prefixed in [false, true] {
        let text = prefixed ? nonASCIIPrefix + markedText.text : markedText.text
        let report = checker.check(text: text)
        let found = report.diagnostics.filter { $0.ruleID == rule }
        let label = prefixed ? "with non-ASCII prefix" : "plain"
        #expect(found.count == expected.count, "\(label): expected \(expected.count) diagnostics of \(rule), got \(found.map { "\($0.start.line):\($0.start.column) \($0.message(language))" })", sourceLocation: sourceLocation)
        for (diagnostic, want) in zip(found, expected) {
            guard var location = markedText.locations[want.marker] else {
                Issue.record("no marker \(want.marker) in the text", sourceLocation: sourceLocation)
                continue
            }
            if prefixed && location.line == 1 { location.column += prefixLength }
            #expect(diagnostic.start.line == location.line && diagnostic.start.column == location.column,
                    "\(label): \(rule) at \(diagnostic.start.line):\(diagnostic.start.column), expected \(want.marker) at \(location.line):\(location.column)",
                    sourceLocation: sourceLocation)
            if want.whole {
                #expect(diagnostic.message(language) == want.message, "\(label)", sourceLocation: sourceLocation)
                if let english = want.english {
                    #expect(diagnostic.message(.en) == english, "\(label), English", sourceLocation: sourceLocation)
                }
            } else {
                #expect(diagnostic.message(language).hasPrefix(want.message), "\(label): message was »\(diagnostic.message(language))«", sourceLocation: sourceLocation)
            }
            if let severity = want.severity {
                #expect(diagnostic.severity == severity, sourceLocation: sourceLocation)
            }
        }
    }
    // SwiftLint's check that waivers work for every example: with the rule disabled at the top,
    // nothing of the rule remains, and a waiver that had nothing to waive is itself reported.
    let waived = checker.check(text: "<!-- omtale-disable \(rule): test af undtagelse -->\n" + markedText.text)
    #expect(waived.diagnostics.filter { $0.ruleID == rule }.isEmpty, "waiver: \(rule) still reported", sourceLocation: sourceLocation)
    let superfluous = waived.diagnostics.filter { $0.ruleID == Waivers.superfluousRule }.count
    #expect(superfluous == (expected.isEmpty ? 1 : 0), "waiver: superfluous-waiver count \(superfluous)", sourceLocation: sourceLocation)
}
