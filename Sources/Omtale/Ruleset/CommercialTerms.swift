/// The evidence model of commercial use (`commercial.yml` in a rules folder), decoded with strict keys.
/// Read by the `non-commercial` and `partnership-claim` rule kinds; see the file's header.
///
/// Evidence is a list of features (a purchase call, a price, a subscription, a public grant…), each
/// found in a paragraph by its terms (Danish lemmas matched through `DanishMorphology`, phrases,
/// exact English forms) or by a built-in detector (a price, a budget, a label line). A paragraph's
/// probability of being commercial is a logistic model over those features; its weights are fitted
/// on the real corpus by `scripts/commercial/fit.py` and written into the `model` section.
struct CommercialTerms: Sendable, Codable, Equatable {
    /// How many pieces of evidence a message lists.
    var maxEvidenceShown: Int
    var thresholds: Thresholds
    var prices: Prices
    var features: [Feature]
    var claims: Claims
    var model: Model

    private enum CodingKeys: String, CodingKey, CaseIterable { case maxEvidenceShown, thresholds, prices, features, claims, model }

    struct Thresholds: Sendable, Codable, Equatable {
        /// Probability from which a paragraph counts as commercial evidence (a warning).
        var paragraph: Double
        /// Probability from which the finding is an error.
        var error: Double
        /// Features that, all in one commercial paragraph, make it an error whatever its probability
        /// (an offer with a price and a call to buy).
        var errorWhenAll: [[String]]
        /// Features that, in the paragraph, keep `errorWhenAll` from applying (a public fare, a grant).
        var counterEvidence: [String]

        private enum CodingKeys: String, CodingKey, CaseIterable { case paragraph, error, errorWhenAll, counterEvidence }
    }

    /// Numbers with a currency: a price; with a scale word ("mio.") a budget.
    struct Prices: Sendable, Codable, Equatable {
        var currencyAfter: [String]
        var currencyBefore: [String]
        var scaleWords: [String]
        /// Words joining a price to a period ("pr.", "om", "per", "/").
        var periodLinks: [String]
        var periods: [String]
        /// Words that may stand between a price and its period ("995 kr. inkl. moms pr. år").
        var periodQualifiers: [String]?

        private enum CodingKeys: String, CodingKey, CaseIterable { case currencyAfter, currencyBefore, scaleWords, periodLinks, periods, periodQualifiers }
    }

    struct Feature: Sendable, Codable, Equatable {
        var id: String
        var label: Localized
        /// What to do when this feature is the strongest evidence of a finding.
        var fix: Localized?
        /// `price`, `pricePerPeriod`, `budget`, `label` (a paragraph that is only terms of the
        /// features named in `of`), `priceWith` (a price and one of the features in `of`), `capitals` (a heading in capitals), `exclamation`, `short`.
        var detector: String?
        /// For `label`: the features whose terms make a label.
        var of: [String]?
        var terms: [Term]?
        /// Word forms (folded) that never count for this feature ("indkøb" is not "køb").
        var except: [String]?
        /// Only the first word of a sentence counts (imperatives: "Bestil", "Vælg").
        var sentenceStart: Bool?
        /// Also a document-level feature `document.<id>`: the document has it in any paragraph.
        var documentLevel: Bool?
        /// Whether a message may cite this feature's words (false for pronouns: weighed, not cited).
        var shown: Bool?

        private enum CodingKeys: String, CodingKey, CaseIterable { case id, label, fix, detector, of, terms, except, sentenceStart, documentLevel, shown }
    }

    /// A term: in YAML a plain string (a Danish lemma), or one of
    /// `{lemma, modifier}` (also as the first part of a compound), `{phrase}` (words matched by lemma),
    /// `{forms}` (exact word forms, for English).
    struct Term: Sendable, Codable, Equatable {
        var lemma: String?
        /// The lemma also counts as the first part of a compound ("rabat" in "rabatkoden").
        var modifier: Bool?
        /// The lemma does not count as the last part of a compound ("køb" is not "indkøb").
        var head: Bool?
        var phrase: String?
        var forms: [String]?

        init(lemma: String? = nil, modifier: Bool? = nil, head: Bool? = nil, phrase: String? = nil, forms: [String]? = nil) {
            self.lemma = lemma
            self.modifier = modifier
            self.head = head
            self.phrase = phrase
            self.forms = forms
        }

        private enum CodingKeys: String, CodingKey, CaseIterable { case lemma, modifier, head, phrase, forms }

        init(from decoder: Decoder) throws {
            if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
                self.init(lemma: text)
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(lemma: try c.decodeIfPresent(String.self, forKey: .lemma),
                      modifier: try c.decodeIfPresent(Bool.self, forKey: .modifier),
                      head: try c.decodeIfPresent(Bool.self, forKey: .head),
                      phrase: try c.decodeIfPresent(String.self, forKey: .phrase),
                      forms: try c.decodeIfPresent([String].self, forKey: .forms))
        }
    }

    /// Claims about the partnership itself (the `partnership-claim` rule).
    struct Claims: Sendable, Codable, Equatable {
        var kinds: [ClaimKind]
        /// Words for who makes a claim that a party may make ("Region Syddanmark er partner i …"):
        /// a partner claim by one of these, or by a party or knowledge partner, is not a claim.
        var publicClaimants: [String]
        /// Words right after the mention that name the alliance's own bodies ("forretningsudvalg").
        var ownBodies: [String]
        /// Words that, as the last part of a compound or after a hyphen, make the alliance's name a
        /// brand, product, package or code ("Klimaalliance-pakken").
        var brandHeads: [Term]
        /// Words right after the name that make it a product name ("Pro", "Plus").
        var brandSuffixes: [String]
        /// Words right before the name that make it a code ("rabatkode", "koden").
        var codeWords: [Term]
        /// Features that show a company or a product: with them anywhere in the text, a partner claim
        /// is a claim even when no paragraph looks commercial.
        var contextFeatures: [String]
        /// The features of the evidence model that are claims; a paragraph holding a claim about the
        /// partnership is weighed without them by `non-commercial` (the claim is reported on its own).
        var claimFeatures: [String]

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case kinds, publicClaimants, ownBodies, brandHeads, brandSuffixes, codeWords, contextFeatures, claimFeatures
        }
    }

    struct ClaimKind: Sendable, Codable, Equatable {
        /// `approval`, `partner`, `brand`, `image`.
        var id: String
        var label: Localized
        /// Phrases right before a mention ("certificeret af", "officiel partner i").
        var before: [String]?
        /// Words right after a mention with a hyphen, or glued to it ("Klimaalliancen-godkendt").
        var after: [Term]?
        /// Words earlier in the sentence that, with one of `links` right before the mention, make a
        /// claim ("certificeret efter Klimaalliancens metode").
        var sentenceWords: [Term]?
        var links: [String]?
        /// A claim only in a document that also shows a company or commercial use.
        var needsCommercialContext: Bool?
        /// Exempt when a public claimant or a party makes it.
        var exemptPublicClaimants: Bool?
        var message: Localized
        var fix: Localized

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case id, label, before, after, sentenceWords, links, needsCommercialContext, exemptPublicClaimants, message, fix
        }
    }

    /// The fitted logistic model: P(commercial) = 1 / (1 + e^-(bias + Σ weight · feature)).
    struct Model: Sendable, Codable, Equatable {
        var bias: Double
        var weights: [String: Double]
        /// Learned word weights: a paragraph holding a word with this key (its folded form or one
        /// of its lemmas) adds the weight once, whichever of its forms occur. Fitted with the
        /// features, on words that occur at several publishers of the corpus.
        var words: [String: Double]?
        /// How the weights were fitted (free text written by the fitting script).
        var fitted: [String: String]?

        private enum CodingKeys: String, CodingKey, CaseIterable { case bias, weights, words, fitted }
    }

    static let fileName = "commercial.yml"

    static let detectors: Set<String> = ["price", "pricePerPeriod", "budget", "label", "priceWith", "capitals", "exclamation", "short"]

    /// Decodes and validates `commercial.yml` of a ruleset.
    static func load(from ruleset: Ruleset) throws -> CommercialTerms {
        let file = ruleset.origin.path(fileName)
        guard let text = ruleset.files[fileName] else {
            throw RulesError(file: file, message: Localized(da: "filen mangler (reglen non-commercial læser sine ord herfra)",
                                                            en: "the file is missing (the non-commercial rule reads its terms from it)"))
        }
        let terms = try YAMLFile.decode(CommercialTerms.self, from: text, file: file)
        try terms.validate(file: file)
        return terms
    }

    /// Every feature name the model may weigh: the features and their document-level twins.
    var featureNames: [String] {
        features.map(\.id) + features.filter { $0.documentLevel == true }.map { "document." + $0.id }
    }

    func validate(file: String) throws {
        func fail(_ da: String, _ en: String) -> RulesError { RulesError(file: file, message: Localized(da: da, en: en)) }
        let ids = features.map(\.id)
        if Set(ids).count != ids.count { throw fail("to features har samme id", "two features have the same id") }
        if maxEvidenceShown < 1 { throw fail("maxEvidenceShown skal være mindst 1", "maxEvidenceShown must be at least 1") }
        for value in [thresholds.paragraph, thresholds.error] where !(value > 0 && value < 1) {
            throw fail("tærskler skal ligge mellem 0 og 1", "thresholds must lie between 0 and 1")
        }
        if thresholds.error < thresholds.paragraph {
            throw fail("thresholds.error må ikke være under thresholds.paragraph", "thresholds.error may not be below thresholds.paragraph")
        }
        for id in thresholds.errorWhenAll.flatMap({ $0 }) + thresholds.counterEvidence where !ids.contains(id) {
            throw fail("thresholds.errorWhenAll nævner »\(id)«, som ikke er en feature", "thresholds.errorWhenAll names '\(id)', which is not a feature")
        }
        for feature in features {
            if let detector = feature.detector, !Self.detectors.contains(detector) {
                throw fail("feature »\(feature.id)«: ukendt detector »\(detector)«", "feature '\(feature.id)': unknown detector '\(detector)'")
            }
            if feature.detector == nil, (feature.terms ?? []).isEmpty {
                throw fail("feature »\(feature.id)« har hverken terms eller detector", "feature '\(feature.id)' has neither terms nor a detector")
            }
            for other in feature.of ?? [] where !ids.contains(other) {
                throw fail("feature »\(feature.id)«: »\(other)« er ikke en feature", "feature '\(feature.id)': '\(other)' is not a feature")
            }
            for term in feature.terms ?? [] {
                let given = [term.lemma != nil, term.phrase != nil, term.forms != nil].filter { $0 }.count
                if given != 1 {
                    throw fail("feature »\(feature.id)«: et ord skal have netop én af lemma, phrase og forms",
                               "feature '\(feature.id)': a term needs exactly one of lemma, phrase and forms")
                }
                if [term.lemma, term.phrase].compactMap({ $0 }).contains(where: { $0.allSatisfy(\.isWhitespace) }) || term.forms?.isEmpty == true {
                    throw fail("feature »\(feature.id)«: et ord er tomt", "feature '\(feature.id)': a term is empty")
                }
            }
        }
        for id in claims.contextFeatures + claims.claimFeatures where !ids.contains(id) {
            throw fail("claims nævner »\(id)«, som ikke er en feature", "claims names '\(id)', which is not a feature")
        }
        let names = Set(featureNames)
        for name in model.weights.keys where !names.contains(name) {
            throw fail("model.weights nævner »\(name)«, som ikke er en feature", "model.weights names '\(name)', which is not a feature")
        }
        if model.weights.values.contains(where: { !$0.isFinite }) || !model.bias.isFinite
            || (model.words ?? [:]).values.contains(where: { !$0.isFinite }) {
            throw fail("model: vægtene skal være tal", "model: the weights must be numbers")
        }
    }
}

/// A stable description of the model (its dictionaries sorted by key), so two decodings of the same
/// file describe themselves alike whatever order their dictionaries hash in.
extension CommercialTerms.Model: CustomReflectable {
    var customMirror: Mirror {
        Mirror(self, children: [
            "bias": bias as Any,
            "weights": weights.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" } as Any,
            "words": (words ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" } as Any,
            "fitted": (fitted ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" } as Any,
        ])
    }
}
