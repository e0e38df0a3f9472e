import Testing
@testable import Omtale

@Suite("partner-mention")
struct PartnerMentionRuleTests {
    static let allParties = "KL, Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania"

    @Test func allPartiesNamedGivesNothing() {
        assertRule("partner-mention", "Klimaalliancen samler \(Self.allParties).", [])
    }

    @Test func eachMissingPartyIsReportedAtTheFirstMentionOfTheAlliance() {
        assertRule("partner-mention", """
            Nyt fra 1️⃣Klimaalliancen
            KL og Realdania præsenterede i dag planen. Klimaalliancen fortsætter.
            """, [
                Expected("1️⃣", "Region Nordjylland er ikke nævnt.", severity: .error),
                Expected("1️⃣", "Region Midtjylland er ikke nævnt."),
                Expected("1️⃣", "Region Syddanmark er ikke nævnt."),
                Expected("1️⃣", "Region Sjælland er ikke nævnt."),
                Expected("1️⃣", "Region Hovedstaden er ikke nævnt."),
            ])
    }

    @Test func textNotAboutTheAllianceIsNotChecked() {
        assertRule("partner-mention", "DK2020 har givet 95 kommuner en klimaplan. KL glæder sig.", [])
    }

    @Test func genitivesCountAsMentions() {
        assertRule("partner-mention", """
            1️⃣Klimaalliancens arbejde: KL's, Region Nordjyllands, Region Midtjyllands, Region Syddanmarks og \
            Region Sjællands folk mødtes med Region Hovedstadens direktion.
            """, [Expected("1️⃣", "Realdania er ikke nævnt.")])
    }

    @Test func curlyApostropheAndPlainGenitiveOfKL() {
        for form in ["KL’s", "KLs", "KL's"] {
            assertRule("partner-mention", "Klimaalliancen: \(form) formand, Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.", [])
        }
    }

    @Test func klAsOClockOrInAnAddressIsNotKL() {
        assertRule("partner-mention", """
            Mødet i 1️⃣Klimaalliancen begynder kl. 10.00. Skriv til presse@kl.dk eller se https://www.kl.dk/klima. \
            Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania deltager.
            """, [Expected("1️⃣", "KL er ikke nævnt.")])
    }

    @Test func kommunernesKontaktraadIsNotKLAndTheMessageSaysWhy() {
        assertRule("partner-mention", """
            1️⃣Klimaalliancen: KKR Midtjylland og Kommunernes Kontaktråd mødtes med Region Nordjylland, Region Midtjylland, \
            Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.
            """, [Expected("1️⃣", "KL er ikke nævnt. Teksten omtaler Klimaalliancen, og så skal alle parter nævnes (pkt. 9.1). «KKR»")])
    }

    @Test func kommunernesLandsforeningNamesKL() {
        assertRule("partner-mention", "Klimaalliancen: Kommunernes Landsforening, Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.", [])
    }

    @Test func collectiveFormCoversTheRegionsButBareRegionerneDoesNot() {
        assertRule("partner-mention", "Klimaalliancen: KL, de fem regioner og Realdania.", [])
        assertRule("partner-mention", "1️⃣Klimaalliancen: KL, regionerne og Realdania.", [
            Expected("1️⃣", "Region Nordjylland er ikke nævnt."), Expected("1️⃣", "Region Midtjylland er ikke nævnt."),
            Expected("1️⃣", "Region Syddanmark er ikke nævnt."), Expected("1️⃣", "Region Sjælland er ikke nævnt."),
            Expected("1️⃣", "Region Hovedstaden er ikke nævnt."),
        ])
    }

    @Test func danskeRegionerIsNotARegionAndIsExplained() {
        let report = Fixtures.checker().check(text: "Klimaalliancen: KL, Danske Regioner og Realdania.")
        let missing = report.diagnostics.filter { $0.ruleID == "partner-mention" }
        #expect(missing.count == 5)
        #expect(missing.allSatisfy { $0.message(.da).contains("Danske Regioner er regionernes interesseorganisation") })
    }

    @Test func abbreviationDoesNotCountAndTheMessageSaysSo() {
        assertRule("partner-mention", """
            1️⃣Klimaalliancen: KL, RN, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.
            """, [Expected("1️⃣", "Region Nordjylland er ikke nævnt. Teksten omtaler Klimaalliancen, og så skal alle parter nævnes (pkt. 9.1). «RN» står i teksten")])
    }

    @Test func bareRegionNamesAreNotTheRegions() {
        assertRule("partner-mention", """
            1️⃣Klimaalliancen: KL, Midtjylland, Region Nordjylland, Region Syddanmark, hovedstadsregionen, Region Sjælland og Realdania.
            """, [Expected("1️⃣", "Region Midtjylland er ikke nævnt."), Expected("1️⃣", "Region Hovedstaden er ikke nævnt.")])
    }

    @Test func namesSplitAcrossLinesAndHyphenatedAtLineEndsStillCount() {
        assertRule("partner-mention", """
            Det nationale partnerskab 1️⃣Klimaal-
            liancen samler KL, Region Nord-
            jylland, Region
            Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Real-
            dania om de fælles klimaplaner i hele landet.
            """, [])
    }

    @Test func theFixInsertsTheBoilerplateAtTheEndOfTheParagraph() throws {
        let report = Fixtures.checker().check(text: "Klimaalliancen er i gang. KL deltager.\n\nMere tekst.")
        let fix = try #require(report.diagnostics.first { $0.ruleID == "partner-mention" }?.fix)
        let replacement = try #require(fix.replacements.first)
        #expect(replacement.line == 1 && replacement.column == 39 && replacement.endColumn == 39)
        #expect(replacement.text == " " + Fixtures.ruleset.boilerplate)
    }

    @Test func englishMessages() {
        assertRule("partner-mention", "1️⃣Klimaalliancen: KL, de fem regioner.", [Expected("1️⃣", "Realdania is not named. The text is about Klimaalliancen")], language: .en)
    }
}
