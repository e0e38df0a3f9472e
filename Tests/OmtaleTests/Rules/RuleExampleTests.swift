import Foundation
import Testing
@testable import Omtale

/// Every `examples:` entry of every rule in rules/klimaalliancen/: a marked example is reported
/// exactly at its marked spans, an unmarked one not at all; again after a non-ASCII prefix (every
/// span moves by the prefix), and under a waiver (nothing of the rule is left).
@Suite("Rule examples from the rule files")
struct RuleExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var index: Int
        var example: RuleExample
        var testDescription: String { "\(rule) #\(index + 1)" }
    }

    static let cases: [Case] = Fixtures.ruleset.rules.flatMap { rule in
        rule.examples.enumerated().map { Case(rule: rule.id, index: $0.offset, example: $0.element) }
    }

    @Test func everyRuleHasAnExampleThatTriggersAndOneThatDoesNot() {
        for rule in Fixtures.ruleset.rules {
            #expect(rule.examples.contains { $0.triggers }, "\(rule.id) has no example that must trigger")
            #expect(rule.examples.contains { !$0.triggers }, "\(rule.id) has no example that must not trigger")
        }
    }

    @Test(arguments: cases) func example(_ test: Case) {
        let checker = Fixtures.checker()
        let text = test.example.plainText
        for prefix in ["", nonASCIIPrefix] {
            let shift = prefix.utf16.count
            let found = checker.check(text: prefix + text).diagnostics.filter { $0.ruleID == test.rule }
            let expected = test.example.spans.map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
            #expect(Set(found.map(\.range)) == Set(expected),
                    "\(test.testDescription) (prefix »\(prefix)«): found \(found.map { "\($0.range) »\($0.excerpt)«" })")
            #expect(found.isEmpty == expected.isEmpty)
        }
        let waived = checker.check(text: "<!-- omtale-disable \(test.rule): test af undtagelse -->\n" + text)
        #expect(waived.diagnostics.filter { $0.ruleID == test.rule }.isEmpty, "waiver: \(test.rule) still reported")
        let superfluous = waived.diagnostics.filter { $0.ruleID == Waivers.superfluousRule }.count
        #expect(superfluous == (test.example.triggers ? 0 : 1), "waiver: superfluous-waiver count \(superfluous)")
    }

    @Test func spansAreUTF16RangesOfThePlainText() {
        let example = RuleExample(text: "Æ 👨‍👩‍👧 ⟦KL⟧ og ⟦RN⟧.")
        #expect(example.plainText == "Æ 👨‍👩‍👧 KL og RN.")
        let units = Array(example.plainText.utf16)
        #expect(example.spans.map { String(decoding: units[$0], as: UTF16.self) } == ["KL", "RN"])
        #expect(!RuleExample(text: "Intet her.").triggers)
    }
}
