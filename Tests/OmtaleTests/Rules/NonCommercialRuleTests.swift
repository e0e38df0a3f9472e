import Foundation
import Testing
@testable import Omtale

@Suite("non-commercial")
struct NonCommercialRuleTests {
    /// The evidence texts the rule finds in a text (before weighing), for checking single terms.
    func evidence(_ text: String) -> [String] {
        let ruleset = Fixtures.ruleset
        let document = Document(path: "", inputID: "text", source: SourceText(text: text), tokenizer: Tokenizer())
        let scan = PartyScan(document: document, ruleset: ruleset, matcher: NameMatcher(ruleset: ruleset))
        let terms = try! CommercialTerms.load(from: ruleset)
        return CommercialEvidence(terms).evidence(in: document, partnershipMentions: scan.partnershipMentions)
            .map { document.string($0.range) }
    }

    @Test func purchasePriceAndWebshopInOneParagraph() {
        assertRule("non-commercial", """
            Klimaalliancen har givet os data.

            1️⃣Køb KlimaTavlen i vores webshop: pris 499 kr. og fri fragt.
            """, [
                Expected("1️⃣", "Teksten bruger Klimaalliancen kommercielt: «Køb» + «webshop» + «pris 499 kr.» + «fri fragt» i samme afsnit (pkt. 9.1: kun ikke-kommerciel brug).",
                         severity: .warning),
            ])
    }

    @Test func singleWordsAreNotEnough() {
        assertRule("non-commercial", "Klimaalliancen tilbyder kommunerne gratis sparring. Tilbuddet gælder hele året.", [])
        assertRule("non-commercial", "Klimaalliancen: Køb ind lokalt til julefrokosten.", [])
        assertRule("non-commercial", "Klimaalliancen giver 10 % rabat på ventetiden.", [])
        assertRule("non-commercial", "GrønBus A/S (fiktiv) deltager i Klimaalliancens spor om mobilitet.", [])
    }

    @Test func oneCategoryCountsOnce() {
        // Two offer words are still one kind of evidence; a purchase call makes it two.
        assertRule("non-commercial", "Klimaalliancen: Tilbuddet gælder i dag, og rabatten er 20 %.", [])
        assertRule("non-commercial", "Klimaalliancen: Tilbuddet gælder i dag. 1️⃣Bestil nu, og få rabatten på 20 %.", [
            Expected("1️⃣", "Teksten bruger Klimaalliancen kommercielt: «Tilbuddet» + «Bestil» + «rabatten» i samme afsnit"),
        ])
    }

    @Test func publicBuyingAndOffersOfSupport() {
        // "købe ind" is procurement; an offer of support is weak evidence.
        assertRule("non-commercial", "Klimaalliancen: Kommunerne kan købe ind sammen, og prisen er 4.200 kr. pr. cykel.", [])
        assertRule("non-commercial", "Klimaalliancen anbefaler at købe grøn strøm. Tilbuddet om rådgivning gælder alle.", [])
    }

    @Test func budgetsInMillionsAreNotPrices() {
        assertRule("non-commercial", "Klimaalliancen: Køb af elbusser for 82,1 mio. kr. og 2 mia. kr. til ladestandere.", [])
        #expect(evidence("Projektet får 82,1 mio. kr. og 3 millioner kroner.") == [])
        #expect(evidence("Den koster 499 kr., 299,- eller kr. 199 og DKK 99.") == ["koster 499 kr.", "299,-", "kr. 199", "DKK 99"])
    }

    @Test func termsAreWholeTokensWithListedEndings() {
        #expect(evidence("indkøb tilbyder annoncerer købt kursusforløbet") == [])
        #expect(evidence("købe købes tilbuddene rabatten bestilles webshoppen annoncen") == [
            "købe", "købes", "tilbuddene", "rabatten", "bestilles", "webshoppen", "annoncen",
        ])
        #expect(evidence("KØB T-SHIRTS") == ["KØB", "T-SHIRTS"])
    }

    @Test func procurementAndGrantsNeutralizeTheirSentence() {
        assertRule("non-commercial", """
            Klimaalliancen: Det fælles udbud gav en lavere pris pr. bus på 4.500 kr. GrønBus A/S vandt udbuddet.
            """, [])
        assertRule("non-commercial", "Klimaalliancen: Kommunerne kan søge tilskud på 500.000 kr. Tilbuddet gælder alle.", [])
        // "gratis" in another sentence does not make a sale free.
        assertRule("non-commercial", "Klimaalliancens rapport er gratis. 1️⃣Køb den trykte bog for 299 kr.", [
            Expected("1️⃣", "Teksten bruger Klimaalliancen kommercielt: «Køb» + «299 kr.»"),
        ])
        // "gratis fragt" is a sales term, not a neutralizer.
        assertRule("non-commercial", "Klimaalliancen: 1️⃣Bestil plakaten til 99 kr. med gratis fragt.", [
            Expected("1️⃣", "Teksten bruger Klimaalliancen kommercielt: «Bestil» + «99 kr.» + «gratis fragt»"),
        ])
    }

    @Test func endorsementClaims() {
        assertRule("non-commercial", "Varmepumpen er 1️⃣certificeret af Klimaalliancen.", [
            Expected("1️⃣", "Teksten bruger Klimaalliancen kommercielt: «certificeret af Klimaalliancen» (pkt. 9.1"),
        ])
        assertRule("non-commercial", "EnergiKompasset® er nu 1️⃣Klimaalliancen-godkendt.", [
            Expected("1️⃣", "Teksten bruger Klimaalliancen kommercielt: «®» + «Klimaalliancen-godkendt»"),
        ])
        assertRule("non-commercial", "Planen er godkendt af Klimaalliancens forretningsudvalg og anbefalet af Klimaalliancens styregruppe.", [])
        // Approval alone is weighed; with a company it is reported.
        assertRule("non-commercial", "Metoden er anbefalet af Klimaalliancen.", [])
        assertRule("non-commercial", "Appen fra Appfabrikken ApS er 1️⃣anbefalet af Klimaalliancen.", [
            Expected("1️⃣", "Teksten bruger Klimaalliancen kommercielt: «ApS» + «anbefalet af Klimaalliancen»"),
        ])
    }

    @Test func labelsAloneOnTheirLine() {
        assertRule("non-commercial", "Nyt fra GrønStrøm\n1️⃣Sponsoreret indhold\n\nSådan sparer kommunerne i Klimaalliancen på varmen.", [
            Expected("1️⃣", "Teksten bruger Klimaalliancen kommercielt: «Sponsoreret indhold» (pkt. 9.1"),
        ])
        // (The label is on line 2, so the test's prefix on line 1 does not join it.)
        assertRule("non-commercial", "Nyt fra GrønStrøm\n1️⃣ANNONCE\n\nKlimaalliancen viser vejen.", [
            Expected("1️⃣", "Teksten bruger Klimaalliancen kommercielt: «ANNONCE»"),
        ])
        // The same word inside a sentence is ordinary evidence.
        assertRule("non-commercial", "Kommunen har sat en annonce i avisen om Klimaalliancens borgermøde.", [])
    }

    @Test func onlyTextsAboutTheAllianceAndNearAMention() {
        assertRule("non-commercial", "Køb vores varmepumpe i webshoppen for 39.995 kr.", [])
        let far = "Klimaalliancen holder møde.\n\nA.\n\nB.\n\nC.\n\nD.\n\nKøb bogen i vores webshop for 299 kr."
        assertRule("non-commercial", far, [])
        let near = "Klimaalliancen holder møde.\n\nA.\n\nB.\n\n1️⃣Køb bogen i vores webshop for 299 kr."
        assertRule("non-commercial", near, [Expected("1️⃣", "Teksten bruger Klimaalliancen kommercielt")])
    }

    @Test func englishMessageAndFix() throws {
        assertRule("non-commercial", "Klimaalliancen: 1️⃣Køb bogen for 299 kr.", [
            Expected("1️⃣", "The text uses Klimaalliancen commercially: 'Køb' + '299 kr.' in the same paragraph (pkt. 9.1: non-commercial use only)."),
        ], language: .en)
        let report = Fixtures.checker().check(text: "Klimaalliancen: Køb bogen for 299 kr.")
        let diagnostic = try #require(report.diagnostics.first { $0.ruleID == "non-commercial" })
        #expect(diagnostic.excerpt == "Køb")
        #expect(diagnostic.fix?.message(.da).hasPrefix("Fjern opfordringen til at købe eller bestille") == true)
        #expect(diagnostic.fix?.replacements == [])
    }

    // MARK: - Images

    func imageReport(_ text: String, images: [ImageReference]) -> [Diagnostic] {
        let source = SourceText(text: text, images: images, lineBreaksAreSoft: false)
        return Fixtures.checker().check(source, path: "billeder.docx", inputID: "docx").diagnostics
            .filter { $0.ruleID == "non-commercial" }
    }

    @Test func partnershipImageInACommercialTextIsReportedAtItsAnchor() throws {
        let text = "Ny tavle fra Klimaalliancen\nFoto: GrønStrøm ApS\nKøb tavlen i vores webshop for 499 kr."
        let anchor = "Ny tavle fra Klimaalliancen\n".unicodeScalars.count
        let found = imageReport(text, images: [
            ImageReference(name: "logo.png", altText: "Klimaalliancens logo", title: "Logo", anchor: anchor),
            ImageReference(name: "pumpe.png", altText: "En varmepumpe", anchor: anchor),
        ])
        #expect(found.count == 2)
        let image = try #require(found.first)
        #expect(image.start == Location(line: 2, column: 1))
        #expect(image.message(.da).hasPrefix("Billedet «Klimaalliancens logo» viser Klimaalliancen i en tekst med kommerciel brug («Køb» + «webshop» + «499 kr.»)"))
        #expect(found[1].start.line == 3)
    }

    @Test func imageTitleNamingAPartyCounts() {
        let found = imageReport("Klimaalliancens kursus\nKursusgebyr 2.995 kr. Bestil i vores webshop.", images: [
            ImageReference(altText: "", title: "Realdanias konference", anchor: 0),
        ])
        #expect(found.map { $0.message(.en) }.contains { $0.hasPrefix("The image 'Realdanias konference' shows Realdania in a text with commercial use") })
    }

    @Test func partnershipImageInAnOrdinaryTextIsFine() {
        let found = imageReport("Klimaalliancen samler kommunerne\nKlimaalliancen tilbyder gratis sparring.", images: [
            ImageReference(altText: "Klimaalliancens workshop", anchor: 0),
        ])
        #expect(found.isEmpty)
    }

    @Test func anImageNamingTheAllianceMakesACommercialTextAboutIt() {
        // The text never names the alliance, but its logo stands beside the sales pitch.
        let found = imageReport("Ny klimatavle\nKøb tavlen i vores webshop for 499 kr.", images: [
            ImageReference(altText: "Klimaalliancens logo", anchor: 0),
        ])
        #expect(found.count == 2)
    }

    @Test func anImageNamingOnlyAPartyDoesNotMakeATextAboutTheAlliance() {
        let found = imageReport("Ny klimatavle\nKøb tavlen i vores webshop for 499 kr.", images: [
            ImageReference(altText: "Region Midtjyllands hospital i Gødstrup", anchor: 0),
        ])
        #expect(found.isEmpty)
    }

    // MARK: - The data file

    func checkerError(_ changes: [String: String?]) -> RulesError? {
        var files = RulesetLoaderTests.files
        for (name, content) in changes { files[name] = content }
        do {
            let ruleset = try RulesetLoader.load(files: files, origin: .folder(URL(fileURLWithPath: "/tmp/regler")))
            _ = try Checker(ruleset: ruleset)
            return nil
        } catch let error as RulesError { return error } catch { return nil }
    }

    @Test func missingDataFileIsNamed() throws {
        let error = try #require(checkerError(["commercial.yml": nil]))
        #expect(error.file == "/tmp/regler/commercial.yml")
    }

    @Test func unknownKeyInDataFileHasItsLine() throws {
        let text = RulesetLoaderTests.files["commercial.yml"]!.replacingOccurrences(of: "maxEvidenceShown:", with: "maxEvidenceShwon:")
        let error = try #require(checkerError(["commercial.yml": text]))
        #expect(error.message.da.contains("ukendt nøgle «maxEvidenceShwon»"))
        #expect(error.line != nil)
    }

    @Test func neutralizerMustCancelKnownCategories() throws {
        let text = RulesetLoaderTests.files["commercial.yml"]!.replacingOccurrences(of: "cancels: [price]", with: "cancels: [prize]")
        let error = try #require(checkerError(["commercial.yml": text]))
        #expect(error.message.da.contains("«prize»"))
    }
}
