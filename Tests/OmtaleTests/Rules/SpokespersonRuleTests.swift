import Foundation
import Testing
@testable import Omtale

@Suite("spokesperson")
struct SpokespersonRuleTests {
    /// The fixtures' ruleset: the default rules with fictional people in the talsmandsstruktur.
    static let named: Checker = {
        try! Checker(ruleset: Fixtures.spokespersonRuleset)
    }()

    static let parties = "Klimaalliancen er et partnerskab mellem KL, Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania."

    @Test func quoteWithoutSpeakerIsAWarning() {
        assertRule("spokesperson", """
            Klimaalliancen holder konference.

            1️⃣”Vi glæder os til at se jer alle sammen til konferencen.”

            2️⃣- Det bliver en god dag for alle, der arbejder med klima.
            """, [
                Expected("1️⃣", whole: "Det fremgår ikke, hvem der siger citatet. Skriv navn, titel og organisation (pkt. 9.1).",
                         english: "The text does not say who says the quote. Give the name, title and organisation (section 9.1).", severity: .warning),
                Expected("2️⃣", "Det fremgår ikke, hvem der siger citatet.", severity: .warning),
            ])
    }

    @Test func attributedQuotesAndTitlesInMarksAreFine() {
        assertRule("spokesperson", """
            \(Self.parties)

            »Vi er klar,« siger Anne Jensen, konsulent i KL.

            »Det er vi også,« tilføjer hun. Rapporten »Fra plan til handling« er udkommet.
            """, [])
    }

    @Test func chairFromARegionContradictsTheStructure() {
        assertRule("spokesperson", """
            \(Self.parties)

            »Vi er klar,« siger Anne Jensen (S), regionsrådsmedlem i Region Sjælland og 1️⃣formand for Klimaalliancen.
            """, [
                Expected("1️⃣", whole: "Anne Jensen står som formand for forretningsudvalget i Klimaalliancen, men kommer fra Region Sjælland. Ifølge pkt. 8.2 er rollen forbeholdt KL eller en kommune. Ret titlen, eller lad en anden udtale sig.",
                         english: "Anne Jensen appears as chair of the executive committee of Klimaalliancen but comes from Region Sjælland. Under section 8.2 the role is reserved for KL or a municipality. Correct the title, or let someone else speak.",
                         severity: .error),
            ])
    }

    @Test func viceChairFromKLContradictsTheStructure() {
        assertRule("spokesperson", """
            \(Self.parties)

            Jens Hansen (V), 1️⃣næstformand i alliancens forretningsudvalg, KL, siger:

            - Vi skal have fart på nu.
            """, [
                Expected("1️⃣", whole: "Jens Hansen står som næstformand for forretningsudvalget i Klimaalliancen, men kommer fra KL. Ifølge pkt. 8.2 er rollen forbeholdt Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden eller Danske Regioner. Ret titlen, eller lad en anden udtale sig.",
                         severity: .error),
            ])
    }

    @Test func chairFromAMunicipalityAndViceChairFromARegionAreFine() {
        assertRule("spokesperson", """
            \(Self.parties)

            - Vi er klar, siger Anne Jensen, borgmester i Fjordby Kommune og formand for Klimaalliancen.

            - Det er regionerne også, siger Jens Hansen, regionsrådsformand i Region Sjælland og næstformand for Klimaalliancen.
            """, [])
    }

    @Test func titlesNotAboutTheAllianceAreNotItsRoles() {
        assertRule("spokesperson", """
            \(Self.parties)

            - Vi er klar, siger Anne Jensen, formand for Klima- og Miljøudvalget i Region Sjælland.

            - Vi er med, siger Jens Hansen, næstformand i KL’s bestyrelse.
            """, [])
    }

    @Test func knowledgePartnerSpeakingForTheAllianceIsAnError() {
        assertRule("spokesperson", """
            \(Self.parties)

            - Kommunerne er godt på vej, siger Per Prøvesen, direktør i CONCITO og 1️⃣talsperson for Klimaalliancen.

            - Danske byer ligger i top, siger Søren Eksempel, direktør for C40 i Danmark.
            """, [
                Expected("1️⃣", whole: "Per Prøvesen fra CONCITO står som talsperson for partnerskabet og taler dermed på vegne af Klimaalliancen. CONCITO er uafhængig videnspartner og taler ikke på alliancens vegne (pkt. 8.7). Fjern titlen.",
                         english: "Per Prøvesen of CONCITO appears as spokesperson of the partnership and so speaks on behalf of Klimaalliancen. CONCITO is an independent knowledge partner and does not speak for the alliance (section 8.7). Remove the title.",
                         severity: .error),
            ])
    }

    @Test func textsNotAboutThePartnershipGetNoFindingsButTheirQuotesAreReported() {
        let report = Fixtures.checker().check(text: "Nyhed\n\n»Vi er klar,« siger Mette Eksempel.\n\n»Ingen kilde her.«")
        #expect(!report.diagnostics.contains { $0.ruleID == "spokesperson" })
        #expect(report.quotes.count == 2)
        #expect(report.quotes.first?.speaker == "Mette Eksempel")
    }

    @Test func knowledgePartnerInItsOwnVoiceIsFine() {
        assertRule("spokesperson", """
            \(Self.parties)

            ”Vi måler effekten uafhængigt,” siger Per Prøvesen, analysechef i CONCITO, der er videnspartner i Klimaalliancen.
            """, [])
    }

    @Test func speakerWithoutOrganisationIsInfoWithASuggestion() throws {
        assertRule("spokesperson", """
            Nyhed fra Klimaalliancen

            - Vi er klar, siger 1️⃣Mette Eksempel, klimakoordinator.

            - Også til næste år, siger hun.

            »Vi gør det igen,« siger 2️⃣Ole Hansen.
            """, [
                Expected("1️⃣", whole: "Det fremgår ikke, hvilken organisation Mette Eksempel kommer fra.",
                         english: "The text does not say which organisation Mette Eksempel comes from.", severity: .info),
                Expected("2️⃣", "Det fremgår ikke, hvilken organisation Ole Hansen kommer fra.", severity: .info),
            ])
        let report = Fixtures.checker().check(text: "Klimaalliancen\n\n- Vi er klar, siger Mette Eksempel, klimakoordinator.")
        let fix = try #require(report.diagnostics.first { $0.ruleID == "spokesperson" }?.fix)
        #expect(fix.message(.da) == "Skriv, hvilken organisation Mette Eksempel kommer fra, fx »Mette Eksempel, klimakoordinator i Realdania«.")
    }

    /// A speaker from an organisation that is not a party: no suggestion glues »i Realdania« onto it
    /// (»Mads Påfundsen, direktør, GrønStrøm ApS (fiktiv) i Realdania«); the writer decides.
    @Test func speakerFromAnOrganisationThatIsNotAPartyIsAskedWhomTheySpeakFor() throws {
        let report = Fixtures.checker().check(text: "Klimaalliancen\n\n- Vi har taget det bedste fra partnerskabet, siger\ndirektør Mads Påfundsen, GrønStrøm ApS (fiktiv).")
        let finding = try #require(report.diagnostics.first { $0.ruleID == "spokesperson" })
        #expect(finding.severity == .info)
        #expect(finding.message(.da) == "Mads Påfundsen kommer fra »GrønStrøm ApS (fiktiv)«, som ikke er part i Klimaalliancen.")
        #expect(finding.message(.en) == "Mads Påfundsen comes from 'GrønStrøm ApS (fiktiv)', which is not a party to Klimaalliancen.")
        let fix = try #require(finding.fix)
        #expect(fix.message(.da) == "Afgør, hvem Mads Påfundsen taler for: taler personen for en part, så skriv partens navn ved citatet; taler personen kun for »GrønStrøm ApS (fiktiv)«, så fjern titler, der knytter personen til Klimaalliancen.")
        #expect(fix.message(.en) == "Decide whom Mads Påfundsen speaks for: if for a party, name the party at the quote; if only for 'GrønStrøm ApS (fiktiv)', remove any title that ties the person to Klimaalliancen.")
    }

    @Test func organisationGivenAtAnotherQuoteCounts() {
        assertRule("spokesperson", """
            »Vi er klar,« siger Anne Jensen, konsulent i KL.

            »Det er vi,« siger Anne Jensen.
            """, [])
    }

    @Test func rolesAreOnlyCheckedInTextsAboutTheAlliance() {
        assertRule("spokesperson", """
            DK2020-partnerskabet samler kommunerne.

            - Vi er klar, siger Anne Jensen (S), regionsrådsmedlem i Region Sjælland og formand for partnerskabet.
            """, [])
    }

    @Test func theDefaultStructureNamesNobody() {
        assertRule("spokesperson", """
            \(Self.parties)

            - Vi er klar, siger Hans Hansen, borgmester i Sønderå Kommune og formand for Klimaalliancen.
            """, [])
    }

    @Test func speakerNotInTheStructure() {
        assertRule("spokesperson", """
            \(Self.parties)

            - Vi er klar, siger 1️⃣Hans Hansen, borgmester i Sønderå Kommune og formand for Klimaalliancen.
            """, [
                Expected("1️⃣", whole: "Hans Hansen udtaler sig som formand for forretningsudvalget i Klimaalliancen, men står ikke i talsmandsstrukturen (pkt. 9.1). Ret titlen, eller lad en fra talsmandsstrukturen udtale sig.",
                         severity: .error),
            ], checker: Self.named)
    }

    @Test func speakerInTheStructureWithAnotherRole() {
        assertRule("spokesperson", """
            \(Self.parties)

            - Vi er klar, siger Birthe Fiktivsen, regionsrådsmedlem i Region Syddanmark og 1️⃣medlem af Klimaalliancens forretningsudvalg.
            """, [
                Expected("1️⃣", whole: "Birthe Fiktivsen står i talsmandsstrukturen som næstformand for forretningsudvalget, ikke som medlem af forretningsudvalget (pkt. 9.1). Ret titlen til »næstformand for forretningsudvalget«.",
                         severity: .error),
            ], checker: Self.named)
    }

    @Test func speakerInTheStructureFromAnotherOrganisation() {
        assertRule("spokesperson", """
            \(Self.parties)

            »Vi er klar,« siger Karen Eksempelsen, medlem af Klimaalliancens forretningsudvalg, 1️⃣Region Sjælland.

            »Vi også,« siger Birthe Fiktivsen (S), næstformand for Klimaalliancen og regionsrådsmedlem i Region Syddanmark.
            """, [
                Expected("1️⃣", whole: "Karen Eksempelsen står i talsmandsstrukturen fra Realdania, men teksten siger Region Sjælland (pkt. 9.1). Ret organisationen til »Realdania«.",
                         severity: .error),
            ], checker: Self.named)
    }

    @Test func englishMessages() {
        assertRule("spokesperson", """
            \(Self.parties)

            1️⃣”Vi glæder os til at se jer alle sammen til konferencen.”

            »Vi er klar,« siger Anne Jensen (S), regionsrådsmedlem i Region Sjælland og 2️⃣formand for Klimaalliancen.
            """, [
                Expected("1️⃣", whole: "The text does not say who says the quote. Give the name, title and organisation (section 9.1)."),
                Expected("2️⃣", "Anne Jensen appears as chair of the executive committee of Klimaalliancen but comes from Region Sjælland. Under section 8.2"),
            ], language: .en)
    }

    @Test func theFixtureRulesetDiffersOnlyInNames() throws {
        let fixture = Fixtures.spokespersonRuleset
        let folder = try RulesetLoader.load(directory: TestPaths.rulesFolder)
        #expect(Set(fixture.files.keys) == Set(folder.files.keys))
        for (name, text) in folder.files where name != Spokespersons.file {
            #expect(fixture.files[name] == text, "\(name) differs from rules/klimaalliancen")
        }
        var named = try Spokespersons.load(fixture)
        for i in named.roles.indices { named.roles[i].names = [] }
        #expect(named == (try Spokespersons.load(folder)))
        #expect(try Spokespersons.load(folder).roles.allSatisfy(\.names.isEmpty), "the default structure names nobody")
    }

    @Test func structureKeysAreChecked() throws {
        var files = try RulesetLoader.load(directory: TestPaths.rulesFolder).files
        files[Spokespersons.file] = files[Spokespersons.file]!.replacingOccurrences(of: "    speaksForPartnership: true\n",
                                                                                   with: "    speaksForPartner: true\n")
        let ruleset = try RulesetLoader.load(files: files, origin: .folder(URL(fileURLWithPath: "/tmp/regler")))
        #expect(throws: RulesError.self) { _ = try Checker(ruleset: ruleset) }
        do { _ = try Checker(ruleset: ruleset) } catch let error as RulesError {
            #expect(error.file == "/tmp/regler/spokespersons.yml")
            #expect(error.message.da.contains("ukendt nøgle »speaksForPartner«"))
            #expect(error.line != nil)
        }
    }

    @Test func quoteLanguageKeysAreChecked() throws {
        var files = try RulesetLoader.load(directory: TestPaths.rulesFolder).files
        files["quotes.yml"] = "verbs: [siger]\nverber: [mener]\n"
        #expect(throws: RulesError.self) { _ = try RulesetLoader.load(files: files, origin: .folder(URL(fileURLWithPath: "/tmp/regler"))) }
        files["quotes.yml"] = nil
        let fallback = try RulesetLoader.load(files: files, origin: .folder(URL(fileURLWithPath: "/tmp/regler")))
        #expect(fallback.quoteLanguage.verbs.contains("siger"), "a folder without quotes.yml uses the bundled one")
    }
}
