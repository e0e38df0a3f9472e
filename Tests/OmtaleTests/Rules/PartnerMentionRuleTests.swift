import Testing
@testable import Omtale

@Suite("partner-mention")
struct PartnerMentionRuleTests {
    static let allParties = "KL, Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania"

    @Test func allPartiesNamedGivesNothing() {
        assertRule("partner-mention", "Klimaalliancen samler \(Self.allParties).", [])
    }

    @Test func theMissingPartiesAreOneFindingAtTheFirstMentionOfTheAlliance() {
        assertRule("partner-mention", """
            Nyt fra 1️⃣Klimaalliancen
            KL og Realdania præsenterede i dag planen. Klimaalliancen fortsætter.
            """, [
                Expected("1️⃣", whole: "5 parter er ikke nævnt: Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland og Region Hovedstaden. En tekst om Klimaalliancen skal nævne alle parter (pkt. 9.1). Er teksten fra en af parterne, behøver afsenderen ikke nævne sig selv: angiv den med --sender eller sender: i .omtale.yml.",
                         english: "5 parties are not named: Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland and Region Hovedstaden. A text about Klimaalliancen must name every party (section 9.1). If the text is from one of the parties, that party need not name itself: give the sender with --sender or sender: in .omtale.yml.",
                         severity: .error),
            ])
    }

    @Test func theSenderNeedNotNameItself() {
        let checker = Fixtures.checker()
        checker.assumptions.sender = "rm"
        assertRule("partner-mention", "Klimaalliancen: KL, Region Nordjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.", [],
                   checker: checker)
        checker.assumptions.sender = "Region Midtjylland"
        #expect(checker.check(text: "Klimaalliancen: KL, Region Nordjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.")
            .parties.first { $0.name == "Region Midtjylland" }?.isSender == true)
    }

    @Test func anUnknownSenderIsToldHowToStateItself() {
        let report = Fixtures.checker().check(text: "Klimaalliancen: KL, Region Nordjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.")
        let message = try? #require(report.diagnostics.first { $0.ruleID == "partner-mention" }?.message(.da))
        #expect(message?.contains("angiv den med --sender eller sender: i .omtale.yml") == true)
        #expect(report.sender == nil)
    }

    @Test func aSenderThatIsNotAPartyMustNameAllAndIsToldSo() {
        let checker = Fixtures.checker()
        checker.assumptions.sender = "Fjordby Kommune"
        let report = checker.check(text: "Klimaalliancen: KL, Region Nordjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.")
        #expect(report.sender?.party == nil && report.sender?.name == "Fjordby Kommune")
        let message = report.diagnostics.first { $0.ruleID == "partner-mention" }?.message(.da) ?? ""
        #expect(message.hasPrefix("Region Midtjylland er ikke nævnt."))
        #expect(message.contains("Afsenderen, Fjordby Kommune, er ikke en part og skal nævne alle parter."))
        checker.assumptions.sender = "concito"
        #expect(checker.check(text: "Klimaalliancen: KL.").sender?.knowledgePartner == true)
    }

    @Test func aTextDatedOutsideThePeriodGetsOneInfoAndDoesNotApply() {
        let checker = Fixtures.checker()
        checker.assumptions.date = "2021-06-08"
        let report = checker.check(text: "Klimaalliancen skal samle KL og kommunerne.")
        #expect(report.applies == false)
        #expect(report.diagnostics.map(\.severity) == [.info])
        #expect(report.diagnostics.first?.message(.da).hasPrefix("Teksten er dateret 8. juni 2021 (angivet med --date), uden for Klimaalliancens periode 1. april 2023–31. december 2027 (pkt. 7.1).") == true)
        #expect(report.date?.source == "option" && report.date?.inPeriod == false)
        checker.assumptions.date = "2024-01-10"
        #expect(checker.check(text: "Klimaalliancen skal samle KL og kommunerne.").applies)
    }

    @Test func anUndatedTextIsJudgedAtTheCheckDate() {
        let checker = Fixtures.checker()
        checker.assumptions.today = "2028-02-01"
        let report = checker.check(text: "Klimaalliancen skal samle KL og kommunerne.")
        #expect(report.date?.value == "2028-02-01" && report.date?.source == "checkDate")
        #expect(report.applies == false)
    }

    @Test func datelinesInCommonDanishFormats() {
        for (line, value) in [("Udgivet d. 8. juni 2021", "2021-06-08"), ("17. april 2023", "2023-04-17"), ("17.04.2023", "2023-04-17"),
                              ("Aarhus, 1. december 2026", "2026-12-01"), ("21. mar. 2024", "2024-03-21"), ("08.01.07", "2007-01-08"),
                              ("Maj 2024", "2024-05"), ("2024-09-30", "2024-09-30")] {
            let report = Fixtures.checker().check(text: "\(line)\n\nOverskrift om klimaet\n\nKlimaalliancen samler kommunerne om klimaplaner i hele landet.")
            #expect(report.date?.value == value && report.date?.source == "dateline", "\(line): \(String(describing: report.date))")
        }
        // A date inside a body sentence is not a dateline.
        let body = Fixtures.checker().check(text: "Overskrift\n\nKlimaalliancen trådte i kraft, da partnerskabet blev indgået den 1. april 2023 af alle parter.")
        #expect(body.date?.source == "checkDate")
    }

    @Test func onlyTheProperNameMeansThePartnership() {
        for text in ["Fjordby tager initiativ til en ny klimaalliance. Klimaalliancen består af tolv kommuner. KL følger den.",
                     "Fjordlandets Klimaalliance holder møde med KL.", "De nye klimaalliance-kommuner mødes med KL.",
                     "Borgmesteren er formand for en klimaalliance med nabokommunerne."] {
            let report = Fixtures.checker().check(text: text)
            #expect(!report.applies, "\(text)")
            #expect(report.diagnostics.isEmpty, "\(text)")
        }
        // A capitalised "Klimaalliancen" inside a sentence still names the partnership after an introduction.
        #expect(Fixtures.checker().check(text: "Realdania går sammen med KL om en klimaalliance. Formålet med Klimaalliancen er handling.").applies)
    }

    @Test func lowerCaseKlimaalliancenInAPartnershipLikeTextIsAsked() {
        assertRule("partner-mention", "I 1️⃣klimaalliancen arbejder KL, Region Sjælland og Realdania sammen.", [
            Expected("1️⃣", whole: "»klimaalliancen« står med lille begyndelsesbogstav, men teksten nævner 3 af parterne. Mener I partnerskabet, så skriv »Klimaalliancen« med stort. Så gælder kravene i pkt. 9.1, fx at alle parter skal nævnes.",
                     english: "'klimaalliancen' is written in lower case, but the text names 3 of the parties. If you mean the partnership, write 'Klimaalliancen' with a capital. Then the requirements of section 9.1 apply, e.g. that every party is named.",
                     severity: .info),
        ])
        assertRule("partner-mention", "Vi har brug for en klimaalliancen i byen, siger KL.", [])
    }

    @Test func regionListsAndSuspendedHyphensNameTheRegions() {
        assertRule("partner-mention", "Klimaalliancen samler KL, regionerne Nordjylland, Midtjylland, Syddanmark, Sjælland og Hovedstaden samt Realdania.", [])
        assertRule("partner-mention", "I Klimaalliancen går Region Nord- og Midtjylland sammen med Region Syddanmark, Region Sjælland, Region Hovedstaden, KL og Realdania.", [])
    }

    @Test func aMentionOnlyInAPhotoCreditDoesNotCount() throws {
        let report = Fixtures.checker().check(text: "Overskrift\n\nKlimaalliancen: KL, de fem regioner.\n\nFoto: Realdania")
        let realdania = try #require(report.parties.first { $0.name == "Realdania" })
        #expect(!realdania.mentioned && realdania.missing)
        #expect(realdania.occurrences.first?.counts == false && realdania.occurrences.first?.section == "caption")
        #expect(realdania.localizedNotes.first?.da.contains("billedtekst") == true)
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
            """, [Expected("1️⃣", "KL er ikke nævnt. En tekst om Klimaalliancen skal nævne alle parter (pkt. 9.1).")])
        let report = Fixtures.checker().check(text: "Klimaalliancen: KKR Midtjylland og Kommunernes Kontaktråd mødtes.")
        #expect(report.parties.first?.localizedNotes.first == Localized(
            da: "»KKR« tæller ikke. KKR (Kommunernes Kontaktråd) er KL's regionale politiske fora, men ikke KL selv. Nævn KL ved navn.",
            en: "'KKR' does not count. KKR (the municipalities' contact councils) are KL's regional forums, not KL itself. Name KL."))
    }

    @Test func kommunernesLandsforeningNamesKL() {
        assertRule("partner-mention", "Klimaalliancen: Kommunernes Landsforening, Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.", [])
    }

    @Test func collectiveFormsCoverTheRegionsAndRegionerneOnlyBesideAnotherParty() {
        assertRule("partner-mention", "Klimaalliancen: KL, de fem regioner og Realdania.", [])
        // The agreement's own wording (pkt. 2.1, 9.1): "Realdania, KL og regionerne".
        assertRule("partner-mention", "Klimaalliancen: KL, regionerne og Realdania.", [])
        assertRule("partner-mention", "1️⃣Klimaalliancen: KL og Realdania står bag. Regionerne driver sygehusene.", [
            Expected("1️⃣", "5 parter er ikke nævnt: Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland og Region Hovedstaden."),
        ])
    }

    @Test func danskeRegionerIsNotARegionAndIsExplainedOnEveryRegion() {
        let report = Fixtures.checker().check(text: "Klimaalliancen: KL, Danske Regioner og Realdania.")
        let missing = report.diagnostics.filter { $0.ruleID == "partner-mention" }
        #expect(missing.count == 1)
        let regions = report.parties.filter { $0.name.hasPrefix("Region") }
        let note = Localized(
            da: "»Danske Regioner« tæller ikke. Danske Regioner er regionernes interesseorganisation og ikke en part i Klimaalliancen. Nævn regionerne ved navn, eller skriv »de fem regioner«.",
            en: "'Danske Regioner' does not count. Danske Regioner is the regions' association and not a party to Klimaalliancen. Name the regions, or write 'de fem regioner'.")
        #expect(regions.count == 5 && regions.allSatisfy { $0.missing && $0.localizedNotes.contains(note) })
    }

    @Test func abbreviationDoesNotCountAndThePartySaysSo() throws {
        assertRule("partner-mention", """
            1️⃣Klimaalliancen: KL, RN, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.
            """, [Expected("1️⃣", "Region Nordjylland er ikke nævnt. En tekst om Klimaalliancen skal nævne alle parter (pkt. 9.1).")])
        let report = Fixtures.checker().check(text: "Klimaalliancen: KL, RN, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.")
        let north = try #require(report.parties.first { $0.name == "Region Nordjylland" })
        #expect(north.localizedNotes == [Localized(da: "»RN« er en intern forkortelse fra aftalen, men en forkortelse tæller ikke som at nævne Region Nordjylland.",
                                                en: "'RN' is an internal abbreviation from the agreement, but an abbreviation does not count as naming Region Nordjylland.")])
    }

    @Test func bareRegionNamesAreNotTheRegionsAndEachNoteSitsOnItsOwnRegion() throws {
        assertRule("partner-mention", """
            1️⃣Klimaalliancen: KL, Midtjylland, Region Nordjylland, Region Syddanmark, hovedstadsregionen, Region Sjælland og Realdania.
            """, [Expected("1️⃣", "2 parter er ikke nævnt: Region Midtjylland og Region Hovedstaden.")])
        let report = Fixtures.checker().check(text: "Klimaalliancen: KL, Midtjylland, Region Nordjylland og Realdania.")
        let mid = try #require(report.parties.first { $0.name == "Region Midtjylland" })
        #expect(mid.localizedNotes.map(\.da).contains { $0.hasPrefix("»Midtjylland«") })
        let south = try #require(report.parties.first { $0.name == "Region Syddanmark" })
        #expect(!south.localizedNotes.map(\.da).contains { $0.hasPrefix("»Midtjylland«") })
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

    @Test func theFixAddsTheBoilerplateAsAParagraphAtTheEndOfTheBody() throws {
        let report = Fixtures.checker().check(text: "Klimaalliancen er i gang\n\nKlimaalliancen er i gang med arbejdet, og KL deltager.\n\nMere tekst om arbejdet.")
        let fix = try #require(report.diagnostics.first { $0.ruleID == "partner-mention" }?.fix)
        let replacement = try #require(fix.replacements.first)
        #expect(replacement.line == 5 && replacement.column == 24 && replacement.endColumn == 24)
        #expect(replacement.text == "\n\n" + Fixtures.ruleset.boilerplate)
        #expect(fix.message(.da).hasPrefix("Tilføj standardsætningen om parterne som et afsnit sidst i brødteksten: »Klimaalliancen er et partnerskab"))
    }

    @Test func theFixAddsOnlyTheMissingPartiesToAnEnumerationInTheAgreementsOrder() throws {
        let report = Fixtures.checker().check(text: "Klimaalliancen samler KL, Region Midtjylland, Region Syddanmark, Region Sjælland og Realdania.")
        let fix = try #require(report.diagnostics.first { $0.ruleID == "partner-mention" }?.fix)
        #expect(fix.replacements.first?.text == "KL, Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania")
        #expect(fix.replacements.first?.column == 23)
    }

    @Test func englishMessages() {
        assertRule("partner-mention", "1️⃣Klimaalliancen: KL, de fem regioner.", [Expected("1️⃣", "Realdania is not named. A text about Klimaalliancen must name every party (section 9.1).")], language: .en)
    }

    @Test func theEnumerationFixWritesAnAbbreviatedOrMisspelledPartyOutOnceByItsName() throws {
        let report = Fixtures.checker().check(text: "Klimaalliancen samler KL, RM, Region Syd Danmark og Real Dania.")
        let fix = try #require(report.diagnostics.first { $0.ruleID == "partner-mention" }?.fix)
        #expect(fix.replacements.first?.text == "KL, Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania")
        #expect(fix.replacements.first?.column == 23)
        #expect(fix.replacements.first?.endColumn == 63)
    }
}
