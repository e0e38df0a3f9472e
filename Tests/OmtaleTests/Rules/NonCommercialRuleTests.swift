import Foundation
import Testing
@testable import Omtale

/// The `non-commercial` rule: the evidence features it finds, the document-level finding, severity
/// by strength, and the data file. The weights are fitted (scripts/commercial/fit.py), so these
/// tests check what the features are and how findings are made from them, not fixed numbers.
@Suite("non-commercial")
struct NonCommercialRuleTests {
    static let terms = try! CommercialTerms.load(from: Fixtures.ruleset)
    static let evidence = CommercialEvidence.shared(for: terms)

    /// The feature ids found in each paragraph of a text.
    func features(_ text: String) -> [[String]] {
        let document = Document(path: "", inputID: "text", source: SourceText(text: text), tokenizer: Tokenizer())
        return Self.evidence.evidence(in: document).map { $0.features.sorted().map { Self.terms.features[$0].id } }
    }

    func has(_ text: String, _ feature: String) -> Bool { features(text).flatMap { $0 }.contains(feature) }

    @Test(.enabled(if: lexiconTestsRun, "hunspell-da is not installed (CI installs it)"))
    func danishInflectionsAndCompoundsAreRecognisedByTheirParts() throws {
        #expect(has("Abonnementsaftalen løber et år.", "subscription"))
        #expect(has("Leasingaftalen løber et år.", "subscription"))
        #expect(has("Brug rabatkoden ved kassen.", "discount"))
        #expect(has("Billetprisen er sat ned.", "booking"))
        #expect(has("Billetprisen er sat ned.", "priceWord"))
        #expect(has("Se hele produktlinjen.", "product"))
        #expect(has("Hent prislisten.", "priceWord"))
        #expect(has("De bestilte i går.", "purchase"))
        // Not everything that contains a sales word is one.
        #expect(!has("Kommunens indkøb af busser.", "purchase"))
        #expect(!has("Købmanden i byen.", "purchase"))
        #expect(!has("Tilbyderen er kendt.", "discount"))
    }

    @Test func guidesQuestionsAndFinePrintAreTheirOwnEvidence() {
        // Explanations for the reader, the look-alikes of sales pages that are not offers.
        #expect(has("Hvad er et klimaregnskab?", "guide"))
        #expect(has("Hvad er et klimaregnskab?", "question"))
        #expect(has("I denne vejledning forklarer vi metoden.", "guide"))
        #expect(has("Read our guide to heat pumps.", "guide"))
        #expect(!has("Vi er klar til at hjælpe.", "question"))
        #expect(has("Læs vilkårene, før du handler.", "conditions"))
        #expect(has("Fortrydelsesretten gælder i 14 dage (§ 18).", "conditions"))
        #expect(has("The terms of delivery apply to every order.", "conditions"))
        #expect(!has("Vi leverer i hele landet.", "conditions"))
    }

    @Test(.enabled(if: lexiconTestsRun, "hunspell-da is not installed (CI installs it)"))
    func plusturAndTheTransportCompanyAreAPublicFare() {
        #expect(has("Prisen for en plustur stiger til 24 kr.", "transport"))
        #expect(has("Trafikselskabets kundecenter svarer.", "transport"))
    }

    @Test func pricesBudgetsAndPeriods() {
        #expect(has("Den koster 499 kr.", "price"))
        #expect(has("Den koster kr. 499.", "price"))
        #expect(has("The fee is DKK 3,900.", "price"))
        #expect(has("Kortet koster 375 kr. pr. måned.", "pricePerPeriod"))
        // Tax words between the price and its period (a real service-contract page, issue 16).
        #expect(has("Servicekontrakten koster kr. 995,00 inkl. moms pr. år.", "pricePerPeriod"))
        #expect(has("Abonnementet er 120 kr. ekskl. moms pr. md.", "pricePerPeriod"))
        #expect(!has("Den koster 499 kr. inkl. moms og levering.", "pricePerPeriod"))
        #expect(has("Projektet får 82,1 mio. kr.", "budget"))
        #expect(!has("Projektet får 82,1 mio. kr.", "price"))
    }

    @Test func paragraphsAreBlocksBetweenBlankLinesOrLines() {
        #expect(features("Overskrift\nBrødtekst.\n\nNæste afsnit.").count == 2)
        #expect(features("Overskrift\nBrødtekst.\nNæste afsnit.").count == 3)
    }

    @Test func anOfferWithAPriceAndACallToBuyIsAnError() {
        assertRule("non-commercial", """
            Klimaalliancen har givet os data.

            Køb KlimaTavlen i vores webshop: pris 1️⃣499 kr. og fri fragt.
            """, [
                Expected("1️⃣", whole: "Afsnittet ligner kommerciel brug: »Køb«, »webshop«, »pris« og »499 kr.«. Partnerskabet må kun bruges ikke-kommercielt (pkt. 9.1).",
                         english: "The paragraph looks like commercial use: 'Køb', 'webshop', 'pris' and '499 kr.'. The partnership may only be used non-commercially (section 9.1).",
                         severity: .error),
            ])
    }

    @Test func theWholeDocumentIsJudgedAndOneFindingNamesTheRest() throws {
        // The alliance is named in the first paragraph, the sale comes far below it.
        let text = """
            Klimaalliancen holder møde.

            A.

            B.

            C.

            D.

            Køb bogen i vores webshop for 299 kr.

            Billetter til foredraget koster 150 kr. Køb billet ved døren.
            """
        let found = Fixtures.checker().check(text: text).diagnostics.filter { $0.ruleID == "non-commercial" }
        #expect(found.count == 1)
        let finding = try #require(found.first)
        #expect(finding.message(.da).contains(" Også linje "))
        #expect(finding.severity == .error)
    }

    @Test func onlyTextsAboutTheAlliance() {
        assertRule("non-commercial", "Køb vores varmepumpe i webshoppen for 39.995 kr.", [])
    }

    @Test func counterEvidenceKeepsAPriceFromBeingAnOffer() {
        // A public fare: a price and "købes", but in a text about a bus trial.
        assertRule("non-commercial", """
            Klimaalliancen: nyt takstforsøg i landdistrikterne.

            Et periodekort til bussen koster 375 kr. pr. måned og købes i trafikselskabets app.
            """, [])
        assertRule("non-commercial", "Klimaalliancen: Kommunerne kan søge tilskud fra puljen på 500.000 kr.", [])
        assertRule("non-commercial", "Klimaalliancen tilbyder kommunerne gratis sparring. Tilbuddet gælder hele året.", [])
    }

    @Test func englishMessageAndFix() throws {
        // The finding points at the strongest evidence: the price.
        assertRule("non-commercial", "Klimaalliancen: Køb bogen for 1️⃣299 kr.", [
            Expected("1️⃣", whole: "The paragraph looks like commercial use: 'Køb' and '299 kr.'. The partnership may only be used non-commercially (section 9.1)."),
        ], language: .en)
        let report = Fixtures.checker().check(text: "Klimaalliancen: Køb bogen for 299 kr.")
        let diagnostic = try #require(report.diagnostics.first { $0.ruleID == "non-commercial" })
        #expect(diagnostic.message(.da) == "Afsnittet ligner kommerciel brug: »Køb« og »299 kr.«. Partnerskabet må kun bruges ikke-kommercielt (pkt. 9.1).")
        #expect(diagnostic.fix?.message(.da).isEmpty == false)
        #expect(diagnostic.fix?.replacements == [])
    }

    @Test func theModelIsTheFileAndItsThresholds() {
        // Every weight names a feature, and the thresholds are ordered.
        let names = Set(Self.terms.featureNames)
        #expect(!Self.terms.model.weights.isEmpty)
        #expect(Self.terms.model.weights.keys.allSatisfy(names.contains))
        #expect(Self.terms.thresholds.paragraph <= Self.terms.thresholds.error)
        #expect(Self.terms.model.fitted?["cross-validation"]?.contains("grouped by publisher") == true)
    }

    @Test func theBenchJudgementIsTheRulesWithoutTheLink() throws {
        let document = Document(path: "", inputID: "text", source: SourceText(text: "Nyt.\n\nKøb bogen i vores webshop for 299 kr."),
                                tokenizer: Tokenizer())
        let paragraphs = try CommercialModel.paragraphs(in: document, ruleset: Fixtures.ruleset)
        #expect(paragraphs.map(\.start) == [0, 6])
        #expect(paragraphs.map(\.commercial) == [false, true])
        #expect(paragraphs[1].features.contains("price"))
    }

    @Test(.enabled(if: lexiconTestsRun, "hunspell-da is not installed (CI installs it)"))
    func aLearnedWordWeightCountsOncePerParagraphWhateverItsForms() throws {
        var files = RulesetLoaderTests.files
        files["commercial.yml"] = files["commercial.yml"]!.replacingOccurrences(of: "  fitted:\n", with: "  words:\n    \"vindue\": 3.0\n  fitted:\n")
        let learned = try RulesetLoader.load(files: files, origin: .folder(URL(fileURLWithPath: "/tmp/regler")))
        let text = "Vi pudser vinduer.\n\nVi pudser vinduerne og vinduet.\n\nVi pudser døre."
        func logits(_ ruleset: Ruleset) throws -> [Double] {
            let document = Document(path: "", inputID: "text", source: SourceText(text: text), tokenizer: Tokenizer())
            return try CommercialModel.paragraphs(in: document, ruleset: ruleset).map { log($0.probability / (1 - $0.probability)) }
        }
        let with = try logits(learned), without = try logits(Fixtures.ruleset)
        let added = zip(with, without).map { $0 - $1 }
        #expect(added.count == 3)
        #expect(abs(added[0] - 3) < 1e-6)
        // Two forms of the word in one paragraph: its weight once.
        #expect(abs(added[1] - 3) < 1e-6)
        #expect(abs(added[2]) < 1e-6)
    }

    @Test func learnedWordWeightsMustBeNumbers() throws {
        let text = RulesetLoaderTests.files["commercial.yml"]!.replacingOccurrences(of: "  fitted:\n", with: "  words:\n    \"vindue\": .nan\n  fitted:\n")
        let error = try #require(checkerError(["commercial.yml": text]))
        #expect(error.message.da.contains("tal"))
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
        #expect(error.message.da.contains("ukendt nøgle »maxEvidenceShwon«"))
        #expect(error.line != nil)
    }

    @Test func weightsMustNameFeatures() throws {
        let text = RulesetLoaderTests.files["commercial.yml"]!.replacingOccurrences(of: "  weights:\n", with: "  weights:\n    prize2: 1.0\n")
        let error = try #require(checkerError(["commercial.yml": text]))
        #expect(error.message.da.contains("»prize2«"))
    }

    @Test func thresholdsMustBeProbabilities() throws {
        let text = RulesetLoaderTests.files["commercial.yml"]!.replacingOccurrences(of: "  error: ", with: "  error: 1")
        let error = try #require(checkerError(["commercial.yml": text]))
        #expect(error.message.da.contains("mellem 0 og 1"))
    }
}

/// The Danish lexicon is installed in CI (.ci/run, CI set): there the tests that need it run and fail
/// without it; on a developer's machine without hunspell-da they are skipped.
let lexiconTestsRun = DanishMorphology.shared.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil
