import Testing
@testable import Omtale

@Suite("regions-collective")
struct RegionsCollectiveRuleTests {
    @Test func collectiveFormIsReportedAsInfo() {
        assertRule("regions-collective", "Klimaalliancen: KL, 1️⃣de fem regioner og Realdania.", [
            Expected("1️⃣", whole: "»de fem regioner« dækker Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland og Region Hovedstaden, som ikke er nævnt ved navn. Det opfylder kravet om at nævne parterne.",
                     english: "'de fem regioner' covers Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland and Region Hovedstaden, which are not named individually. That meets the duty to name the parties.",
                     severity: .info),
        ])
    }

    @Test func onlyTheRegionsNotNamedAreListed() {
        assertRule("regions-collective", "Klimaalliancen: KL, Region Sjælland og 1️⃣alle fem regioner samt Realdania.", [
            Expected("1️⃣", "»alle fem regioner« dækker Region Nordjylland, Region Midtjylland, Region Syddanmark og Region Hovedstaden,"),
        ])
    }

    @Test func nothingWhenEveryRegionIsNamed() {
        assertRule("regions-collective", "Klimaalliancen: KL, de fem regioner (Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland og Region Hovedstaden) og Realdania.", [])
    }

    @Test func capitalisedAtSentenceStart() {
        assertRule("regions-collective", "Klimaalliancen er i gang. 1️⃣De fem regioner deltager med KL og Realdania.", [
            Expected("1️⃣", "»De fem regioner« dækker"),
        ])
    }

    @Test func coverageReportsTheCollectiveBesideTheParty() throws {
        let report = Fixtures.checker().check(text: "Klimaalliancen: KL, landets fem regioner og Realdania.")
        let sjaelland = try #require(report.parties.first { $0.name == "Region Sjælland" })
        #expect(sjaelland.mentioned == false)
        #expect(sjaelland.collective == "landets fem regioner")
        #expect(report.parties.first { $0.name == "KL" }?.mentioned == true)
    }
}
