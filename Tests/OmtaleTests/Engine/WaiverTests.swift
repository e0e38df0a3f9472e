import Testing
@testable import Omtale

@Suite("Waivers")
struct WaiverTests {
    let checker = Fixtures.checker()

    func rules(_ text: String) -> [String] {
        checker.check(text: text).diagnostics.map { "\($0.start.line):\($0.start.column) \($0.ruleID)" }
    }

    @Test func disableUntilEnable() {
        let text = """
            <!-- omtale-disable party-abbreviation: intern note til sekretariatet -->
            Klimaalliancen: KL, RN og de fem regioner samt Realdania.
            <!-- omtale-enable party-abbreviation -->
            Også RM deltager.
            """
        #expect(rules(text) == ["2:27 regions-collective", "4:6 party-abbreviation"])
    }

    @Test func disableNextLineCoversOnlyTheNextLine() {
        let text = """
            Klimaalliancen: KL, de fem regioner og Realdania.
            <!-- omtale-disable-next-line party-abbreviation: forkortelsen er forklaret i boksen -->
            Deltagere: RN.
            Deltagere: RM.
            """
        #expect(rules(text) == ["1:21 regions-collective", "4:12 party-abbreviation"])
    }

    @Test func severalRulesAndAll() {
        #expect(rules("<!-- omtale-disable party-abbreviation, regions-collective: aftalt -->\nKlimaalliancen: KL, RN, de fem regioner og Realdania.").isEmpty)
        #expect(rules("<!-- omtale-disable all: arkivtekst -->\nKlimaalliancen: RN.").isEmpty)
    }

    @Test func waiverWithoutReasonIsAWarning() {
        let report = checker.check(text: "<!-- omtale-disable party-abbreviation -->\nKlimaalliancen: KL, RN, de fem regioner og Realdania.")
        let finding = report.diagnostics.first { $0.ruleID == Waivers.withoutReasonRule }
        #expect(finding?.severity == .warning)
        #expect(finding?.start == SourceLocation(line: 1, column: 1))
        #expect(!report.diagnostics.contains { $0.ruleID == "party-abbreviation" })
    }

    @Test func waiverThatWaivesNothingIsReported() {
        let report = checker.check(text: "<!-- omtale-disable party-spelling: ingen grund -->\nKlimaalliancen: KL, de fem regioner og Realdania.")
        #expect(report.diagnostics.contains { $0.ruleID == Waivers.superfluousRule && $0.message(.da).contains("undtager ingenting") })
    }

    @Test func waiverNamingAnUnknownRuleIsReported() {
        let report = checker.check(text: "<!-- omtale-disable partner-mentoin: stavefejl -->\nKlimaalliancen.")
        #expect(report.diagnostics.contains { $0.ruleID == Waivers.superfluousRule && $0.message(.da).contains("»partner-mentoin«") })
        #expect(report.diagnostics.contains { $0.ruleID == "partner-mention" })
    }

    @Test func wordCommentWaivesItsRange() {
        // What the .docx plugin produces for a comment covering the first paragraph.
        let text = "Klimaalliancen: KL og Realdania.\nMere tekst."
        let source = SourceText(text: text, comments: [Comment(author: "Birthe Fiktivsen", text: "omtale-disable partner-mention: aftalt med sekretariatet", range: 0..<32)])
        let report = checker.check(source, path: "x.docx", inputID: "text")
        #expect(!report.diagnostics.contains { $0.ruleID == "partner-mention" })
        #expect(!report.diagnostics.contains { $0.ruleID == Waivers.superfluousRule })
    }

    @Test func wordCommentWaiverInARealDocxWaivesTheWholeDocumentsMissingParties() throws {
        // The comment covers the lead paragraph; the missing-party error is shown at the headline's
        // "Klimaalliancen". Missing parties are missing from the whole text, so the waiver covers them.
        let report = checker.check(fileAt: TestPaths.fixture("docx/11-comment-waiver.docx").path)
        #expect(report.error == nil)
        #expect(report.parties.contains { !$0.mentioned && $0.collective == nil }, "the fixture really misses a party")
        #expect(!report.diagnostics.contains { $0.ruleID == "partner-mention" })
        #expect(!report.diagnostics.contains { $0.ruleID == Waivers.superfluousRule || $0.ruleID == Waivers.withoutReasonRule })
    }

    @Test func wordCommentWaiverForAPlaceRuleStaysInItsRange() {
        let text = "Klimaalliancen: KL, RN, de fem regioner og Realdania.\nOgså RM."
        let source = SourceText(text: text, comments: [Comment(text: "omtale-disable party-abbreviation: forklaret", range: 0..<53)])
        let report = checker.check(source, path: "x.docx", inputID: "text")
        #expect(report.diagnostics.filter { $0.ruleID == "party-abbreviation" }.map(\.excerpt) == ["RM"])
    }
}
