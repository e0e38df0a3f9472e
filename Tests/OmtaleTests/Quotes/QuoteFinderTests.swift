import Foundation
import Testing
@testable import Omtale

/// A quote expected at a marker: where it starts, and who said it (nil: nobody).
struct ExpectedQuote {
    var marker: String
    var speaker: String?
    var role: String?
    var organisation: String?
    var party: String?
    var text: String?
    var attribution: String?

    init(_ marker: String, _ speaker: String?, role: String? = nil, organisation: String? = nil, party: String? = nil,
         text: String? = nil, attribution: String? = nil) {
        self.marker = marker
        self.speaker = speaker
        self.role = role
        self.organisation = organisation
        self.party = party
        self.text = text
        self.attribution = attribution
    }
}

/// Finds the quotes of the marked text and checks that exactly the expected ones come out, each
/// starting at its marker, with its speaker (and role, organisation, party, text when given).
/// Runs again with a non-ASCII prefix, like `assertRule`.
func assertQuotes(_ marked: String, _ expected: [ExpectedQuote], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let markedText = MarkedText(marked)
    let prefixLength = nonASCIIPrefix.unicodeScalars.count
    for prefixed in [false, true] {
        let text = prefixed ? nonASCIIPrefix + markedText.text : markedText.text
        let quotes = Fixtures.checker().check(text: text).quotes
        let label = prefixed ? "with non-ASCII prefix" : "plain"
        #expect(quotes.count == expected.count,
                "\(label): expected \(expected.count) quotes, got \(quotes.map { "\($0.line):\($0.column) \($0.speaker ?? "nil"): \($0.text)" })",
                sourceLocation: sourceLocation)
        for (quote, want) in zip(quotes, expected) {
            guard var location = markedText.locations[want.marker] else {
                Issue.record("no marker \(want.marker) in the text", sourceLocation: sourceLocation)
                continue
            }
            if prefixed && location.line == 1 { location.column += prefixLength }
            #expect(quote.line == location.line && quote.column == location.column,
                    "\(label): quote at \(quote.line):\(quote.column), expected \(want.marker) at \(location.line):\(location.column)",
                    sourceLocation: sourceLocation)
            #expect(quote.speaker == want.speaker, "\(label): speaker at \(want.marker)", sourceLocation: sourceLocation)
            if let role = want.role { #expect(quote.role == role, "\(label): role at \(want.marker)", sourceLocation: sourceLocation) }
            if let organisation = want.organisation {
                #expect(quote.organisation == organisation, "\(label): organisation at \(want.marker)", sourceLocation: sourceLocation)
            }
            if let party = want.party { #expect(quote.party == party, "\(label): party at \(want.marker)", sourceLocation: sourceLocation) }
            if let text = want.text { #expect(quote.text == text, "\(label): text at \(want.marker)", sourceLocation: sourceLocation) }
            if let attribution = want.attribution {
                #expect(quote.attribution?.form == attribution, "\(label): attribution at \(want.marker)", sourceLocation: sourceLocation)
            }
        }
    }
}

@Suite("Quote finder")
struct QuoteFinderTests {
    @Test func guillemetsWithSpeakerAfter() {
        assertQuotes("""
            1️⃣»Det er en stor dag for klimaet,« siger Anne Jensen, formand for Klima- og Miljøudvalget i KL.
            """, [
                ExpectedQuote("1️⃣", "Anne Jensen", role: "formand for Klima- og Miljøudvalget", organisation: "KL", party: "KL",
                              text: "Det er en stor dag for klimaet", attribution: "after"),
            ])
    }

    @Test func everyPairOfMarks() {
        assertQuotes("""
            1️⃣„Vi skal samarbejde bedre,“ siger Karen Eksempelsen, adm. direktør i Realdania.

            2️⃣“Vi er klar,” siger Per Prøvesen, chefkonsulent hos CONCITO.

            3️⃣"Vi er også klar," siger Lise Fiktiv, konsulent i Danske Regioner.

            4️⃣‘Det er KL’s plan,’ siger Hans Hansen, konsulent i KL.

            5️⃣”Samme tegn begge veje,” siger Ole Opdigtet, projektleder i Region Midtjylland.
            """, [
                ExpectedQuote("1️⃣", "Karen Eksempelsen", role: "adm. direktør", organisation: "Realdania", party: "Realdania"),
                ExpectedQuote("2️⃣", "Per Prøvesen", role: "chefkonsulent", organisation: "CONCITO", text: "Vi er klar"),
                ExpectedQuote("3️⃣", "Lise Fiktiv", role: "konsulent", organisation: "Danske Regioner"),
                ExpectedQuote("4️⃣", "Hans Hansen", organisation: "KL", text: "Det er KL’s plan"),
                ExpectedQuote("5️⃣", "Ole Opdigtet", organisation: "Region Midtjylland", party: "Region Midtjylland"),
            ])
    }

    @Test func dialogueDashHyphenAndEnDash() {
        assertQuotes("""
            Nyhed

            1️⃣- Vi er klar, siger Jens Opdigtet (V), borgmester i Fjordby Kommune.

            2️⃣– Det er en stor dag, siger regionsrådsformand Birthe Fiktivsen (S).

            3️⃣— Vi går i gang, fortæller Anne-Marie Jensen, rådmand i Aarhus Kommune.
            """, [
                ExpectedQuote("1️⃣", "Jens Opdigtet", role: "borgmester", organisation: "Fjordby Kommune", text: "Vi er klar"),
                ExpectedQuote("2️⃣", "Birthe Fiktivsen", role: "regionsrådsformand", text: "Det er en stor dag"),
                ExpectedQuote("3️⃣", "Anne-Marie Jensen", role: "rådmand", organisation: "Aarhus Kommune"),
            ])
    }

    @Test func dashListsAreNotQuotes() {
        assertQuotes("""
            Fakta
            - Periode: 2023–2027
            - Budget: 82,1 mio. kr.
            - Fire møder om året med oplæg og workshops.

            Parterne er: – KL – og regionerne.
            """, [])
    }

    @Test func dashParagraphsContinueTheSpeaker() {
        assertQuotes("""
            Nyhed

            1️⃣- Første afsnit af svaret, siger Anne Jensen, konsulent i KL.

            - Andet afsnit af svaret, som også er hendes ord.

            Klimaalliancen fortsætter til 2027.

            2️⃣»Et citat i mærker efter et tilskrevet,« siger Jens Opdigtet, konsulent i KL.

            3️⃣»Og et afsnit mere af det samme citat.«
            """, [
                // A speaker's consecutive dash paragraphs are one quote (issue 15).
                ExpectedQuote("1️⃣", "Anne Jensen", text: "Første afsnit af svaret Andet afsnit af svaret, som også er hendes ord.", attribution: "after"),
                ExpectedQuote("2️⃣", "Jens Opdigtet", attribution: "after"),
                ExpectedQuote("3️⃣", "Jens Opdigtet", attribution: "continuation"),
            ])
    }

    @Test func verbsAndPhrases() {
        assertQuotes("""
            1️⃣»Det går for langsomt,« lyder det fra Søren Prøve, direktør i C40.

            2️⃣»Vi skal videre,« ifølge Mette Eksempel, chefkonsulent i KL.

            3️⃣»Vi skal lære af hinanden,« slår Jens Opdigtet, projektchef i Realdania, fast.

            4️⃣»Det er afgørende,« understreger Karen Eksempelsen, formand for KKR Midtjylland.
            """, [
                ExpectedQuote("1️⃣", "Søren Prøve", role: "direktør", organisation: "C40", attribution: "after"),
                ExpectedQuote("2️⃣", "Mette Eksempel", organisation: "KL"),
                ExpectedQuote("3️⃣", "Jens Opdigtet", organisation: "Realdania"),
                ExpectedQuote("4️⃣", "Karen Eksempelsen", role: "formand", organisation: "KKR Midtjylland"),
            ])
    }

    @Test func attributionBeforeTheQuoteEndingInAColon() {
        assertQuotes("""
            Nyhed

            Anne Jensen, regionsrådsformand (S), Region Sjælland, siger:

            1️⃣»Vi er stolte af resultatet.«

            Sådan lyder det fra Birthe Fiktivsen, adm. direktør i Realdania:

            2️⃣”Det her er kun begyndelsen.”

            Jens Opdigtet, formand for KKR Nordjylland, glæder sig over planen: 3️⃣»Den er god.«
            """, [
                ExpectedQuote("1️⃣", "Anne Jensen", role: "regionsrådsformand", organisation: "Region Sjælland", attribution: "before"),
                ExpectedQuote("2️⃣", "Birthe Fiktivsen", role: "adm. direktør", organisation: "Realdania", attribution: "before"),
                ExpectedQuote("3️⃣", "Jens Opdigtet", organisation: "KKR Nordjylland", attribution: "before"),
            ])
    }

    @Test func pronounsResolveToTheLastNamedSpeaker() {
        assertQuotes("""
            1️⃣»Det er en stor dag,« siger Anne Jensen, konsulent i KL.

            Regionerne har også været med fra starten.

            2️⃣»Vi har ventet længe på det her,« tilføjer hun.

            Ifølge Jens Opdigtet, international konsulent i Realdania, er det samarbejdet, der tæller.

            3️⃣”Mange steder arbejder byerne alene,” siger han.
            """, [
                ExpectedQuote("1️⃣", "Anne Jensen", attribution: "after"),
                ExpectedQuote("2️⃣", "Anne Jensen", organisation: "KL", attribution: "pronoun"),
                ExpectedQuote("3️⃣", "Jens Opdigtet", organisation: "Realdania", attribution: "pronoun"),
            ])
    }

    @Test func pronounBeforeAColon() {
        assertQuotes("""
            1️⃣»Vi er klar,« siger Anne Jensen, konsulent i KL.

            Hun uddyber: 2️⃣»Vi har ventet på det her i flere år.«
            """, [
                ExpectedQuote("1️⃣", "Anne Jensen"),
                ExpectedQuote("2️⃣", "Anne Jensen", organisation: "KL", attribution: "pronoun"),
            ])
    }

    @Test func headlineQuoteRepeatedInTheBody() {
        assertQuotes("""
            Nyhed

            1️⃣»Vi skal turde mere«

            Klimaalliancen holder konference i Odense.

            2️⃣»Vi skal turde mere, end vi har gjort hidtil,« siger Birthe Fiktivsen, formand for KKR Nordjylland.
            """, [
                ExpectedQuote("1️⃣", "Birthe Fiktivsen", organisation: "KKR Nordjylland", attribution: "repeated"),
                ExpectedQuote("2️⃣", "Birthe Fiktivsen", attribution: "after"),
            ])
    }

    @Test func quoteOverSeveralParagraphs() {
        assertQuotes("""
            1️⃣»Første afsnit af et langt citat.

            »Andet afsnit af citatet.

            »Tredje afsnit,« siger Hans Hansen, konsulent i KL.
            """, [
                ExpectedQuote("1️⃣", "Hans Hansen", text: "Første afsnit af et langt citat. Andet afsnit af citatet. Tredje afsnit"),
            ])
    }

    @Test func nestedAndMismatchedMarks() {
        assertQuotes("""
            1️⃣”Vi kalder det ”grøn mobilitet”, og det virker,” siger Ole Opdigtet, projektleder i Realdania.

            2️⃣"Vi kalder det "grøn mobilitet", og det virker," siger Ole Opdigtet.

            3️⃣"Parrene passer ikke,” siger Lise Fiktiv, konsulent i KL.

            4️⃣»Vi har læst ›Klimaplanen‹ og »Fra plan til handling«,« siger Lise Fiktiv.
            """, [
                ExpectedQuote("1️⃣", "Ole Opdigtet", text: "Vi kalder det ”grøn mobilitet”, og det virker"),
                ExpectedQuote("2️⃣", "Ole Opdigtet", text: "Vi kalder det \"grøn mobilitet\", og det virker"),
                ExpectedQuote("3️⃣", "Lise Fiktiv", text: "Parrene passer ikke"),
                ExpectedQuote("4️⃣", "Lise Fiktiv"),
            ])
    }

    @Test func namesAndTitlesInMarksAreNotQuotes() {
        assertQuotes("""
            Kataloget »Fra plan til handling« samler 40 eksempler, og rapporten »Halvvejs mod 2027« er klar.

            Fakta: »Klimaalliancen 2023–2027«

            Konferencen hedder ”Klimaalliancen” i år.

            Læs rapporten »Klimaalliancen – status for kommunernes klimaindsats i 2024 og de næste skridt« på hjemmesiden.
            """, [])
    }

    @Test func unattributedQuoteHasNoSpeaker() {
        assertQuotes("""
            Klimaalliancen holder konference.

            1️⃣”Et citat helt uden afsender, som ingen har sagt.”

            Konferencen er åben for alle.
            """, [ExpectedQuote("1️⃣", nil)])
    }

    @Test func leadInInTheNextSentence() {
        assertQuotes("""
            1️⃣»Vi skal have fart på omstillingen i alle kommuner.«

            Det siger Jens Opdigtet, projektleder i Realdania.
            """, [ExpectedQuote("1️⃣", "Jens Opdigtet", organisation: "Realdania", attribution: "leadIn")])
    }

    @Test func headlinesAndCaptions() {
        assertQuotes("""
            Nyhed fra KL, 1. marts 2024

            KL: 1️⃣Klimapolitik er lokalpolitik

            Foto: Region Sjælland

            Klimaalliancen: Nyt netværk for klimakoordinatorer

            Billedtekst: Birthe Fiktivsen: 2️⃣»Vi står sammen om det her«
            """, [
                ExpectedQuote("1️⃣", "KL", organisation: "KL", party: "KL", attribution: "label"),
                ExpectedQuote("2️⃣", "Birthe Fiktivsen", attribution: "before"),
            ])
    }

    @Test func headlineDashQuoteAfterATitleAndAColon() {
        // The headline gives the title, the body the person: "Borgmester: - …", then "Borgmester i Fjordby, …".
        assertQuotes("""
            Borgmester: 1️⃣- Det minder mest om en strafnedsættelse

            Fjordby skal betale langt mindre end først ventet i den nye udligning.

            Borgmester i Fjordby, Karl Opdigtsen (S) ser det som en god ting, at aftalen kom i hus.
            """, [ExpectedQuote("1️⃣", "Karl Opdigtsen", text: "Det minder mest om en strafnedsættelse")])
        assertQuotes("""
            Borgmester roser aftalen: 1️⃣- Den sikrer ro om økonomien

            2️⃣- Vi er gået fra at skulle betale millioner ekstra til næsten ingenting, siger borgmester Karl Opdigtsen.
            """, [ExpectedQuote("1️⃣", "Karl Opdigtsen"), ExpectedQuote("2️⃣", "Karl Opdigtsen")])
        // The body's speaker without a title: inferred, not established.
        assertQuotes("""
            Borgmester roser aftalen: 1️⃣- Den sikrer ro om økonomien

            2️⃣- Vi er gået fra at skulle betale millioner ekstra til næsten ingenting, siger Karl Opdigtsen.
            """, [ExpectedQuote("1️⃣", "Karl Opdigtsen", attribution: "context"), ExpectedQuote("2️⃣", "Karl Opdigtsen", attribution: "after")])
    }

    @Test func headlineDashQuoteWithoutATitleHasNoSpeaker() {
        assertQuotes("""
            Nyt fra byrådet: 1️⃣- Vi bygger den nye skole i år

            Byrådet vedtog i går planen for den nye skole i Fjordby.
            """, [ExpectedQuote("1️⃣", nil)])
        // Nor is it merged with the body's first dash paragraph, which is its own quote.
        assertQuotes("""
            Nyt fra byrådet: 1️⃣- Vi bygger den nye skole i år

            2️⃣- Vi er glade for, at pengene er fundet, siger borgmester Karl Opdigtsen.
            """, [ExpectedQuote("1️⃣", nil), ExpectedQuote("2️⃣", "Karl Opdigtsen")])
    }

    @Test func aDashAfterAColonInRunningTextIsNotAHeadlineQuote() {
        // Running text further down: a colon and a dash there without a verb of saying is not a quote.
        assertQuotes("""
            Nyhed

            Kommunen har sat tre mål for året.

            Det er der flere grunde til, og der er også tre mål for næste år, som byrådet vil vedtage i maj: - Flere boliger til de unge i byen.
            """, [])
    }

    @Test func closingMarkForgotten() {
        assertQuotes("""
            1️⃣”Vi er klar til at gå i gang, siger Anne Jensen, direktør i Realdania.

            Planen er klar.
            """, [ExpectedQuote("1️⃣", "Anne Jensen", organisation: "Realdania", text: "Vi er klar til at gå i gang")])
    }

    @Test func titleBeforeNameAndOrganisationInGenitive() {
        assertQuotes("""
            1️⃣”Kommunerne har gjort deres hjemmearbejde,” siger KLs formand for klimaområdet, Jens Opdigtet (K).

            2️⃣»Vi er klar,« siger Borgmester Birthe Fiktivsen fra Sønderå Kommune.
            """, [
                ExpectedQuote("1️⃣", "Jens Opdigtet", role: "KLs formand for klimaområdet", organisation: "KL", party: "KL"),
                ExpectedQuote("2️⃣", "Birthe Fiktivsen", organisation: "Sønderå Kommune"),
            ])
    }

    @Test func roleWithoutTheOrganisationKeepsItsOwnWords() {
        assertQuotes("""
            1️⃣»Vi er klar,« siger Karen Eksempelsen (SF), formand for Region Sjællands udvalg for klima og miljø.

            2️⃣»Vi også,« siger Lise Fiktiv, sekretariatschef i Klimaalliancen og ansat i KL.

            3️⃣»Og vi,« siger Anne Jensen, regionsrådsformand (S), Region Sjælland.
            """, [
                ExpectedQuote("1️⃣", "Karen Eksempelsen", role: "formand for Region Sjællands udvalg for klima og miljø", organisation: "Region Sjælland"),
                ExpectedQuote("2️⃣", "Lise Fiktiv", role: "sekretariatschef i Klimaalliancen", organisation: "KL"),
                ExpectedQuote("3️⃣", "Anne Jensen", role: "regionsrådsformand", organisation: "Region Sjælland", party: "Region Sjælland"),
            ])
    }

    @Test func aDialogueDashWithoutItsSpaceNeedsAnAttribution() {
        // "-Vi er …, siger …" is speech; "-Kontakt os" and "-Punkt et er vigtigt." are list items, as ever.
        assertQuotes("""
            Nyhed

            1️⃣-Vi er meget glade for at kunne aflevere en bedre motorvej, siger Karl Opdigtsen, direktør i Fjordby Vej.

            -Kontakt os
            -Se mere

            -Punkt et er vigtigt for os alle sammen.
            """, [ExpectedQuote("1️⃣", "Karl Opdigtsen", role: "direktør", organisation: "Fjordby Vej")])
    }

    @Test func attributionAcrossAHardWrappedLine() {
        assertQuotes("""
            1️⃣”Vi har brug for løsninger, der kan skaleres til hele landet. Det her
            spor har potentiale,” siger Karen Eksempelsen,
            der til daglig er programchef i Realdania.
            """, [ExpectedQuote("1️⃣", "Karen Eksempelsen", role: "programchef", organisation: "Realdania")])
    }

    @Test func untidyTextNeverDerailsTheFinder() {
        // Random texts from the pieces that make quotes hard; every run must finish with sane quotes.
        let pieces = ["»", "«", "”", "\"", "„", "“", "‘", "’", "- ", "– ", "\n", "\n\n", ", siger ", "hun", "Anne Jensen", " (S)",
                      ", formand for ", "Klimaalliancen", "KL", ":", ".", " ", "adm.", " i ", "Region Sjælland", "Det ", "ifølge ",
                      "lyder det fra ", "slår ", " fast", "CONCITO", "\r\n", "👨‍👩‍👧", "Vi er klar til det", "KL’s", ","]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let checker = Fixtures.checker()
        for _ in 0..<1_500 {
            let text = (0..<(next() % 40)).map { _ in pieces[next() % pieces.count] }.joined()
            let report = checker.check(text: text)
            for quote in report.quotes {
                #expect(quote.line >= 1 && quote.column >= 1, "\(text.debugDescription)")
                if let speaker = quote.speaker { #expect(!speaker.isEmpty) }
            }
        }
    }

    /// The shapes of quotation marks that once made the finder quadratic or worse: strays in one long
    /// paragraph, many short quotes in one paragraph (3,360 s for 400 K characters before the signature
    /// look was bounded), deep nesting, and a quote reopened in every one of many paragraphs.
    static func quotationMarkShape(_ shape: String, _ n: Int) -> String {
        switch shape {
        case "strays": String(repeating: "”", count: 16 * n)
        case "shortQuotes": String(repeating: "»a« ", count: 4 * n)
        case "nesting": String(repeating: "»", count: 8 * n) + String(repeating: "«", count: 7 * n)
        default: String(repeating: "\"x, siger Anne Jensen\n", count: n)
        }
    }

    /// Each shape at two sizes in the same run: the finder's CPU time must grow in proportion to the
    /// text. A ratio of the thread's CPU time, never a wall-clock bound, so a busy machine or a
    /// sanitizer cannot fail it; a quadratic scan grows 16× for 4× the text, a linear one 4×.
    @Test(arguments: ["strays", "shortQuotes", "nesting", "reopened"])
    func quotationMarksCostTimeInProportionToTheText(shape: String) {
        let checker = Fixtures.checker()
        func cost(_ n: Int) -> (Duration, [Quote]) {
            let document = Document(path: "-", inputID: "text", source: SourceText(text: Self.quotationMarkShape(shape, n)), tokenizer: Tokenizer())
            let scan = PartyScan(document: document, ruleset: checker.ruleset, matcher: checker.matcher)
            return CPUBudget.measure { checker.quoteFinder.quotes(in: document, scan: scan, ruleset: checker.ruleset) }
        }
        _ = cost(250)  // warm-up: first-use costs (rules, ICU data) must not count in the small size
        let (small, _) = cost(2_500), (large, quotes) = cost(10_000)
        let ratio = large / small
        #expect(ratio < 8, "4× the text took \(ratio)× the CPU time (\(small) → \(large))")
        if shape == "reopened" {
            // The reopened quote runs to the end and is attributed there.
            #expect(quotes.last?.attribution?.speaker.name == "Anne Jensen")
        }
    }
}
