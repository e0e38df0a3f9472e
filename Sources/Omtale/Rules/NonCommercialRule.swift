/// Section 9.1: the parties may use information about the partnership and its results, images
/// included, only "på en ikke-kommerciel basis".
///
/// A text about the alliance is judged as a whole (headline, body, fact boxes, captions): every
/// paragraph is weighed by the evidence model of `commercial.yml` (`CommercialEvidence`), and when
/// any paragraph looks commercial the rule reports one finding, at the strongest evidence of the
/// strongest paragraph, naming the other commercial paragraphs. Severity follows strength: an
/// error from `thresholds.error`, or for an offer with a price and a call to buy
/// (`thresholds.errorWhenAll`); otherwise the rule's own severity (a warning). Claims about the
/// partnership (approval, partner, brand, images in an advert) are the `partnership-claim` rule's.
struct NonCommercialRule: Rule, RuleKind {
    static let kind = "non-commercial"
    let definition: RuleDefinition
    let terms: CommercialTerms
    let evidence: CommercialEvidence
    let claims: PartnershipClaims

    static func make(_ definition: RuleDefinition, ruleset: Ruleset) throws -> any Rule {
        let terms = try CommercialTerms.load(from: ruleset)
        let evidence = CommercialEvidence.shared(for: terms)
        return NonCommercialRule(definition: definition, terms: terms, evidence: evidence,
                                 claims: PartnershipClaims(terms: terms, evidence: evidence, ruleset: ruleset))
    }

    enum Messages {
        static func quoted(_ items: [String], _ language: Language) -> String {
            let marked = items.map { language == .da ? "»\($0)«" : "'\($0)'" }
            guard marked.count > 1 else { return marked.first ?? "" }
            let and = language == .da ? " og " : " and "
            return marked.dropLast().joined(separator: ", ") + and + marked.last!
        }

        static func commercial(evidence: [String], others: [(line: Int, evidence: String)], clause: Localized) -> Localized {
            Localized(da: commercial(evidence: evidence, others: others, clause: clause.da, language: .da),
                      en: commercial(evidence: evidence, others: others, clause: clause.en, language: .en))
        }

        static func commercial(evidence: [String], others: [(line: Int, evidence: String)], clause: String, language: Language) -> String {
            let list = quoted(evidence, language)
            var text = language == .da
                ? "Afsnittet ligner kommerciel brug: \(list). Partnerskabet må kun bruges ikke-kommercielt (\(clause))."
                : "The paragraph looks like commercial use: \(list). The partnership may only be used non-commercially (\(clause))."
            if !others.isEmpty {
                let places = others.map { language == .da ? "linje \($0.line) (»\($0.evidence)«)" : "line \($0.line) ('\($0.evidence)')" }
                let joined = places.count > 1 ? places.dropLast().joined(separator: ", ") + (language == .da ? " og " : " and ") + places.last! : places[0]
                text += language == .da ? " Også \(joined)." : " Also \(joined)."
            }
            return text
        }

        static let fix = Localized(
            da: "Fjern salgsindholdet fra teksten om Klimaalliancen, eller sælg i en selvstændig tekst uden henvisning til partnerskabet.",
            en: "Remove the sales content from the text about Klimaalliancen, or sell in a separate text that does not refer to the partnership.")
    }

    func check(_ context: CheckContext) -> [Diagnostic] {
        let document = context.document
        guard context.scan.applies else { return [] }
        let claimRanges = claims.find(context).map(\.range)
        let commercial = commercialBlocks(document, claimRanges: claimRanges)
        // The strongest paragraph: an offer that is an error by its features first, then by probability.
        func rank(_ block: CommercialEvidence.Block) -> (Int, Double, Int) {
            (evidence.isErrorByFeatures(block) ? 1 : 0, block.probability, -block.range.lowerBound)
        }
        guard let strongest = commercial.max(by: { rank($0) < rank($1) }) else { return [] }
        let shown = self.shown(strongest, document)
        guard let pointed = shown.first?.piece ?? strongest.pieces.first else { return [] }
        let others = commercial.filter { $0.range != strongest.range }.map { block in
            (line: document.location(of: block.range.lowerBound).line,
             evidence: self.shown(block, document).first.map { document.string($0.piece.range) } ?? document.string(block.range))
        }
        let isError = strongest.probability >= terms.thresholds.error || evidence.isErrorByFeatures(strongest)
        let fix = shown.lazy.compactMap { self.terms.features[$0.piece.feature].fix }.first ?? Messages.fix
        let message = Messages.commercial(evidence: shown.sorted { $0.piece.range.lowerBound < $1.piece.range.lowerBound }
                                            .map { document.string($0.piece.range) },
                                          others: others, clause: context.clause(definition))
        return [context.diagnostic(definition, message, at: pointed.range, severity: isError ? .error : nil,
                                   fix: Fix(message: fix, replacements: []))]
    }

    /// The paragraphs the model calls commercial. A paragraph holding a claim about the partnership
    /// is weighed without its claim features: the claim is reported on its own.
    func commercialBlocks(_ document: Document, claimRanges: [Range<Int>]) -> [CommercialEvidence.Block] {
        evidence.judge(document).compactMap { block in
            var block = block
            if claimRanges.contains(where: { block.range.overlaps($0) }) {
                evidence.reweigh(&block, without: evidence.claimFeatures)
            }
            // A paragraph is reported only with evidence a reader can be shown.
            return evidence.isCommercial(block) && !Self.shown(block, evidence: evidence, document: document).isEmpty ? block : nil
        }
    }

    /// The texts of the evidence a message shows, in text order.
    static func shownTexts(_ block: CommercialEvidence.Block, evidence: CommercialEvidence, document: Document) -> [String] {
        shown(block, evidence: evidence, document: document).sorted { $0.piece.range.lowerBound < $1.piece.range.lowerBound }.map { document.string($0.piece.range) }
    }

    /// The evidence a message shows: the pieces of the features with the largest positive weights,
    /// strongest first, each distinct text once.
    func shown(_ block: CommercialEvidence.Block, _ document: Document) -> [(piece: CommercialEvidence.Piece, weight: Double)] {
        Self.shown(block, evidence: evidence, document: document)
    }

    static func shown(_ block: CommercialEvidence.Block, evidence: CommercialEvidence,
                      document: Document) -> [(piece: CommercialEvidence.Piece, weight: Double)] {
        let terms = evidence.terms
        var seen = Set<String>()
        var result: [(piece: CommercialEvidence.Piece, weight: Double)] = []
        var ranked: [(CommercialEvidence.Piece, Double)] = []
        // The features that make the paragraph an error on their own are shown first.
        let decisive = evidence.errorFeatures(block)
        for piece in block.pieces {
            let weight = decisive.contains(piece.feature) ? 100 + evidence.weights[piece.feature] : evidence.weights[piece.feature]
            if weight > 0, terms.features[piece.feature].shown ?? true { ranked.append((piece, weight)) }
        }
        ranked.sort { (a: (CommercialEvidence.Piece, Double), b: (CommercialEvidence.Piece, Double)) -> Bool in
            a.1 > b.1 || (a.1 == b.1 && a.0.range.lowerBound < b.0.range.lowerBound)
        }
        for (piece, weight) in ranked where result.count < terms.maxEvidenceShown {
            // One piece inside or around another ("Kontakt" in "Kontakt os") is shown once.
            if result.contains(where: { $0.piece.range.overlaps(piece.range) }) { continue }
            let text = document.string(piece.range)
            if seen.insert(text.lowercased()).inserted { result.append((piece, weight)) }
        }
        return result
    }
}
