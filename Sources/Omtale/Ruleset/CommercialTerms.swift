/// The evidence of commercial use (`commercial.yml` in a rules folder), decoded with strict keys.
/// Read by the `non-commercial` rule kind; see the file's header for the evidence model.
public struct CommercialTerms: Sendable, Codable, Equatable {
    /// Score a paragraph must reach to be reported.
    public var threshold: Int
    /// How many paragraphs evidence may be from a mention of the partnership.
    public var proximity: Int
    /// How many pieces of evidence a message lists.
    public var maxEvidenceShown: Int
    public var prices: Prices
    public var categories: [Category]
    public var neutralizers: [Neutralizer]

    /// Numbers with a currency: the evidence of a price.
    public struct Prices: Sendable, Codable, Equatable {
        /// The category a price counts in.
        public var category: String
        public var weight: Int
        public var currencyAfter: [String]
        public var currencyBefore: [String]
        /// Words between number and currency that make it a budget ("mio.").
        public var scaleWords: [String]
        /// Words before a price that are shown with it ("pris 499 kr.").
        public var leadWords: [String]
    }

    public struct Category: Sendable, Codable, Equatable {
        public var id: String
        public var label: Localized
        public var weight: Int
        public var fix: Localized
        public var terms: [Term]
        /// Terms count only right next to a mention of the partnership (endorsement claims).
        public var withPartnership: Bool?
        /// Words that, right after that mention, name the alliance's own bodies (not an endorsement).
        public var unlessNameFollowedBy: [String]?
        /// Weight of a term that stands alone as a label or heading ("ANNONCE", "Sponsoreret:").
        public var labelWeight: Int?
    }

    /// Words that cancel evidence of some categories in their sentence ("gratis", "udbud").
    public struct Neutralizer: Sendable, Codable, Equatable {
        public var id: String
        public var cancels: [String]
        public var terms: [Term]
    }

    /// A word or phrase; in YAML a plain string, or `{text, endings, weight}` where `endings`
    /// are the allowed endings of the last word ("" for the bare word).
    public struct Term: Sendable, Codable, Equatable {
        public var text: String
        public var endings: [String]?
        public var weight: Int?

        public init(text: String, endings: [String]? = nil, weight: Int? = nil) {
            self.text = text
            self.endings = endings
            self.weight = weight
        }

        private enum CodingKeys: String, CodingKey { case text, endings, weight }

        public init(from decoder: Decoder) throws {
            if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
                self.init(text: text)
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(text: try c.decode(String.self, forKey: .text),
                      endings: try c.decodeIfPresent([String].self, forKey: .endings),
                      weight: try c.decodeIfPresent(Int.self, forKey: .weight))
        }
    }

    static let fileName = "commercial.yml"

    static let term: KeySchema = .stringOr(["text": .any, "endings": .any, "weight": .any])
    static let localized: KeySchema = .stringOr(["da": .any, "en": .any])
    static let schema: KeySchema = .mapping([
        "threshold": .any, "proximity": .any, "maxEvidenceShown": .any,
        "prices": .mapping(["category": .any, "weight": .any, "currencyAfter": .sequence(.any),
                            "currencyBefore": .sequence(.any), "scaleWords": .sequence(.any), "leadWords": .sequence(.any)]),
        "categories": .sequence(.mapping(["id": .any, "label": localized, "weight": .any, "fix": localized,
                                          "terms": .sequence(term), "withPartnership": .any, "unlessNameFollowedBy": .any, "labelWeight": .any])),
        "neutralizers": .sequence(.mapping(["id": .any, "cancels": .sequence(.any), "terms": .sequence(term)])),
    ])

    /// Decodes and validates `commercial.yml` of a ruleset.
    public static func load(from ruleset: Ruleset) throws -> CommercialTerms {
        let file = ruleset.origin.path(fileName)
        guard let text = ruleset.files[fileName] else {
            throw RulesError(file: file, message: Localized(da: "filen mangler (reglen non-commercial læser sine ord herfra)",
                                                            en: "the file is missing (the non-commercial rule reads its terms from it)"))
        }
        let terms = try YAMLFile.decode(CommercialTerms.self, from: text, file: file, schema: schema)
        try terms.validate(file: file)
        return terms
    }

    func validate(file: String) throws {
        func fail(_ da: String, _ en: String) -> RulesError { RulesError(file: file, message: Localized(da: da, en: en)) }
        let ids = categories.map(\.id)
        if Set(ids).count != ids.count { throw fail("to kategorier har samme id", "two categories have the same id") }
        if threshold < 1 { throw fail("threshold skal være mindst 1", "threshold must be at least 1") }
        if proximity < 0 || maxEvidenceShown < 1 {
            throw fail("proximity skal være mindst 0 og maxEvidenceShown mindst 1", "proximity must be at least 0 and maxEvidenceShown at least 1")
        }
        if !ids.contains(prices.category) {
            throw fail("prices.category «\(prices.category)» er ikke en kategori", "prices.category '\(prices.category)' is not a category")
        }
        for neutralizer in neutralizers {
            for id in neutralizer.cancels where !ids.contains(id) {
                throw fail("neutralizer «\(neutralizer.id)» ophæver «\(id)», som ikke er en kategori",
                           "neutralizer '\(neutralizer.id)' cancels '\(id)', which is not a category")
            }
        }
        let weights = [prices.weight] + categories.flatMap { [$0.weight] + $0.terms.compactMap(\.weight) + [$0.labelWeight ?? 1] }
        if weights.contains(where: { $0 < 1 }) { throw fail("vægte skal være mindst 1", "weights must be at least 1") }
        for term in categories.flatMap(\.terms) + neutralizers.flatMap(\.terms)
            where term.text.allSatisfy(\.isWhitespace) {
            throw fail("et ord er tomt", "a term is empty")
        }
    }
}
