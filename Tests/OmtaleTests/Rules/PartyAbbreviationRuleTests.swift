import Testing
@testable import Omtale

@Suite("party-abbreviation")
struct PartyAbbreviationRuleTests {
    @Test func eachAbbreviationIsAWarningWithTheFullName() {
        assertRule("party-abbreviation", """
            Klimaalliancen: KL, 1️⃣RN, 2️⃣RM og 3️⃣RSD samt 4️⃣RS og 5️⃣RH.
            """, [
                Expected("1️⃣", "»RN« er aftalens interne forkortelse for Region Nordjylland", severity: .warning),
                Expected("2️⃣", "»RM« er aftalens interne forkortelse for Region Midtjylland"),
                Expected("3️⃣", "»RSD« er aftalens interne forkortelse for Region Syddanmark"),
                Expected("4️⃣", "»RS« er aftalens interne forkortelse for Region Sjælland"),
                Expected("5️⃣", "»RH« er aftalens interne forkortelse for Region Hovedstaden"),
            ])
    }

    @Test func lowerCaseWordsAreNotAbbreviations() {
        assertRule("party-abbreviation", "Klimaalliancen: rs, rm og rh er ikke forkortelser her.", [])
    }

    @Test func notReportedOutsideTextsAboutTheAlliance() {
        assertRule("party-abbreviation", "RN og RM holdt møde om DK2020.", [])
    }

    @Test func fixReplacesTheAbbreviation() throws {
        let report = Fixtures.checker().check(text: "Klimaalliancen: RS deltager.")
        let fix = try #require(report.diagnostics.first { $0.ruleID == "party-abbreviation" }?.fix)
        #expect(fix.replacements.first?.text == "Region Sjælland")
        #expect(fix.replacements.first?.column == 17 && fix.replacements.first?.endColumn == 19)
    }
}
