import Testing
@testable import Omtale

@Suite("party-abbreviation")
struct PartyAbbreviationRuleTests {
    @Test func eachAbbreviationIsAWarningWithTheFullName() {
        assertRule("party-abbreviation", """
            Klimaalliancen: KL, 1️⃣RN, 2️⃣RM og 3️⃣RSD samt 4️⃣RS og 5️⃣RH.
            """, [
                Expected("1️⃣", whole: "»RN« er en intern forkortelse fra aftalen, som læserne ikke kender. Skriv »Region Nordjylland« (pkt. 1 og 9.1).",
                         english: "'RN' is an internal abbreviation from the agreement that readers do not know. Write 'Region Nordjylland' (sections 1 and 9.1).", severity: .warning),
                Expected("2️⃣", whole: "»RM« er en intern forkortelse fra aftalen, som læserne ikke kender. Skriv »Region Midtjylland« (pkt. 1 og 9.1).",
                         english: "'RM' is an internal abbreviation from the agreement that readers do not know. Write 'Region Midtjylland' (sections 1 and 9.1)."),
                Expected("3️⃣", whole: "»RSD« er en intern forkortelse fra aftalen, som læserne ikke kender. Skriv »Region Syddanmark« (pkt. 1 og 9.1).",
                         english: "'RSD' is an internal abbreviation from the agreement that readers do not know. Write 'Region Syddanmark' (sections 1 and 9.1)."),
                Expected("4️⃣", whole: "»RS« er en intern forkortelse fra aftalen, som læserne ikke kender. Skriv »Region Sjælland« (pkt. 1 og 9.1).",
                         english: "'RS' is an internal abbreviation from the agreement that readers do not know. Write 'Region Sjælland' (sections 1 and 9.1)."),
                Expected("5️⃣", whole: "»RH« er en intern forkortelse fra aftalen, som læserne ikke kender. Skriv »Region Hovedstaden« (pkt. 1 og 9.1).",
                         english: "'RH' is an internal abbreviation from the agreement that readers do not know. Write 'Region Hovedstaden' (sections 1 and 9.1)."),
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
