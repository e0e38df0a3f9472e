import Foundation

/// Section 9.1 again, for claims about the partnership itself: that the alliance approves,
/// certifies or recommends something; that a company is its partner, sponsor or supplier; its
/// name used in a brand, product, package or campaign code; its images in an advert. These need
/// no price to count, and they are errors (the hook blocks them).
///
/// The claims are found next to a mention of the alliance (`commercial.yml`, `claims`): a phrase
/// right before it ("certificeret af Klimaalliancen"), a word after it with a hyphen or glued to it
/// ("Klimaalliancen-godkendt", "Klimaalliancepakken", "KLIMAALLIANCEN25"), a certification word
/// earlier in the sentence with a link right before it ("certificeret efter Klimaalliancens
/// metode"). A partner claim by a party, a knowledge partner or a municipality ("Region
/// Syddanmark er partner i Klimaalliancen") is not a claim; nor is an approval by the alliance's
/// own bodies ("godkendt af Klimaalliancens forretningsudvalg").
struct PartnershipClaimRule: Rule, RuleKind {
    static let kind = "partnership-claim"
    let definition: RuleDefinition
    let claims: PartnershipClaims

    static func make(_ definition: RuleDefinition, ruleset: Ruleset) throws -> any Rule {
        let terms = try CommercialTerms.load(from: ruleset)
        return PartnershipClaimRule(definition: definition,
                                    claims: PartnershipClaims(terms: terms, evidence: .shared(for: terms), ruleset: ruleset))
    }

    func check(_ context: CheckContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let terms = claims.terms
        if context.scan.applies {
            for claim in claims.find(context) {
                let kind = terms.claims.kinds[claim.kind]
                let text = context.document.string(claim.range)
                let message = Localized(da: kind.message.da.replacingOccurrences(of: "{evidence}", with: text),
                                        en: kind.message.en.replacingOccurrences(of: "{evidence}", with: text))
                diagnostics.append(context.diagnostic(definition, message, at: claim.range, fix: Fix(message: kind.fix, replacements: [])))
            }
        }
        diagnostics += claims.imageClaims(context, rule: definition)
        return diagnostics.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}

/// Finds claims about the partnership in a document (shared by `partnership-claim` and
/// `non-commercial`, which weighs a paragraph with a claim without its claim features).
struct PartnershipClaims: Sendable {
    struct Claim: Sendable, Equatable {
        /// Index into `claims.kinds`.
        var kind: Int
        /// UTF-16 range of the claim, mention included.
        var range: Range<Int>
    }

    let terms: CommercialTerms
    let evidence: CommercialEvidence
    let matcher: NameMatcher
    let partnershipName: String
    let kinds: [String: Int]
    /// Per kind: its phrases before the mention, as folded token sequences; its link phrases.
    let before: [[[String]]]
    let links: [[[String]]]
    let publicClaimants: Set<String>
    let ownBodies: Set<String>
    let brandSuffixes: Set<String>
    /// The word sets matched by lemma, compiled through the lexicon on first use.
    let keySets: KeySets
    var after: [Set<String>] { keySets.value.after }
    var sentenceWords: [Set<String>] { keySets.value.sentenceWords }
    var brandHeads: Set<String> { keySets.value.brandHeads }
    var codeWords: Set<String> { keySets.value.codeWords }

    final class KeySets: @unchecked Sendable {
        struct Value { var after: [Set<String>]; var sentenceWords: [Set<String>]; var brandHeads: Set<String>; var codeWords: Set<String> }
        private let make: @Sendable () -> Value
        private let lock = NSLock()
        private var made: Value?
        init(_ make: @escaping @Sendable () -> Value) { self.make = make }
        var value: Value {
            lock.lock()
            defer { lock.unlock() }
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
    let contextFeatures: Set<Int>
    /// The alliance's name forms, folded ("klimaalliancen", "klimaalliance").
    let nameForms: [String]

    init(terms: CommercialTerms, evidence: CommercialEvidence, ruleset: Ruleset) {
        self.terms = terms
        self.evidence = evidence
        matcher = NameMatcher(ruleset: ruleset)
        partnershipName = ruleset.partnership.name
        let claims = terms.claims
        kinds = Dictionary(claims.kinds.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        before = claims.kinds.map { ($0.before ?? []).map(CommercialEvidence.foldedTokens(of:)) }
        links = claims.kinds.map { ($0.links ?? []).map(CommercialEvidence.foldedTokens(of:)) }
        keySets = KeySets { [evidence] in
            func keys(_ list: [CommercialTerms.Term]) -> Set<String> {
                var result = Set<String>()
                for term in list {
                    if let lemma = term.lemma { result.formUnion(evidence.keys(NameMatcher.foldWord(lemma))) }
                    for form in term.forms ?? [] { result.insert(NameMatcher.foldWord(form)) }
                }
                return result
            }
            return KeySets.Value(after: claims.kinds.map { keys($0.after ?? []) }, sentenceWords: claims.kinds.map { keys($0.sentenceWords ?? []) },
                                 brandHeads: keys(claims.brandHeads), codeWords: keys(claims.codeWords))
        }
        publicClaimants = Set(claims.publicClaimants.map { NameMatcher.foldWord($0) })
        ownBodies = Set(claims.ownBodies.map { NameMatcher.foldWord($0) })
        brandSuffixes = Set(claims.brandSuffixes.map { NameMatcher.foldWord($0) })
        let ids = terms.features.map(\.id)
        contextFeatures = Set(claims.contextFeatures.compactMap { ids.firstIndex(of: $0) })
        nameForms = ([ruleset.partnership.name] + ruleset.partnership.forms.map(\.text)).map { NameMatcher.foldWord($0) }
            .sorted { $0.count > $1.count }
    }

    /// A word's keys (itself and its lemmas), and whether it or its last compound part is one of `set`.
    func word(_ folded: String, isIn set: Set<String>) -> Bool {
        let wordKeys = evidence.keys(folded)
        if !wordKeys.isDisjoint(with: set) { return true }
        let chars = Array(folded)
        guard chars.count >= 5 else { return false }
        for key in wordKeys {
            let k = Array(key)
            guard k.count >= 5 else { continue }
            for start in 2...(k.count - 3) where set.contains(String(k[start...])) {
                if evidence.morphology.isCompoundPart(Substring(String(k[..<start])), linking: true) { return true }
            }
        }
        return false
    }

    func find(_ context: CheckContext) -> [Claim] {
        let document = context.document
        let indices = document.tokens.indices.filter { document.tokens[$0].kind != .space }
        let ranges = indices.map { document.tokens[$0].range }
        let kindsOf = indices.map { document.tokens[$0].kind }
        let folded: [String] = indices.map { index in
            let token = document.tokens[index]
            switch token.kind {
            case .word, .number: return document.foldedTokens[index]
            case .punctuation: return Document.fold(document.utf16[token.range])
            case .link, .space: return ""
            }
        }
        func position(at offset: Int) -> Int? {
            var low = 0, high = ranges.count
            while low < high {
                let mid = (low + high) / 2
                if ranges[mid].lowerBound < offset { low = mid + 1 } else { high = mid }
            }
            return low < ranges.count && ranges[low].lowerBound == offset ? low : nil
        }
        // Each word's keys once per document: the phrases are tried at every mention, and a lookup
        // in the shared cache (behind its lock) was half of this rule's time.
        var keyMemo: [String: Set<String>] = [:]
        func keys(_ word: String) -> Set<String> {
            if let known = keyMemo[word] { return known }
            let found = evidence.keys(word)
            keyMemo[word] = found
            return found
        }
        func endsAt(_ phrase: [String], before end: Int) -> Int? {
            let start = end - phrase.count
            guard start >= 0 else { return nil }
            for (offset, word) in phrase.enumerated() {
                let token = folded[start + offset]
                if token != word, keys(token).isDisjoint(with: keys(word)) { return nil }
            }
            return start
        }
        let others = context.scan.partyMatches.flatMap { $0 } + context.scan.knowledgePartnerMatches.flatMap { $0 }
        func publicClaimant(from sentenceStart: Int, to end: Int) -> Bool {
            if (sentenceStart..<end).contains(where: { publicClaimants.contains(folded[$0]) }) { return true }
            let lower = ranges[sentenceStart].lowerBound, upper = ranges[max(sentenceStart, end - 1)].upperBound
            return others.contains { PartyScan.names($0.kind) && $0.range.lowerBound >= lower && $0.range.lowerBound < upper }
        }
        lazy var commercialContext: Bool = {
            let blocks = evidence.judge(document)
            return blocks.contains { evidence.isCommercial($0) || !$0.features.isDisjoint(with: contextFeatures) }
        }()

        var claims: [Claim] = []
        let mentions = context.scan.partnershipMentions.filter { PartyScan.names($0.kind) }
        for mention in mentions {
            guard let first = position(at: mention.range.lowerBound) else { continue }
            var next = first
            while next < ranges.count, ranges[next].lowerBound < mention.range.upperBound { next += 1 }
            let ownBody = next < folded.count && ownBodies.contains(folded[next])
            let sentence = document.sentenceIndex(containing: mention.range.lowerBound)
            var sentenceStart = first
            while sentenceStart > 0, document.sentenceIndex(containing: ranges[sentenceStart - 1].lowerBound) == sentence { sentenceStart -= 1 }
            var found: Claim? = nil
            for (kind, phrases) in before.enumerated() where found == nil {
                let spec = terms.claims.kinds[kind]
                if ownBody { continue }
                for phrase in phrases.sorted(by: { $0.count > $1.count }) {
                    guard let start = endsAt(phrase, before: first), start >= sentenceStart else { continue }
                    if spec.exemptPublicClaimants == true, publicClaimant(from: sentenceStart, to: start) { break }
                    if spec.needsCommercialContext == true, !commercialContext { break }
                    found = Claim(kind: kind, range: ranges[start].lowerBound..<mention.range.upperBound)
                    break
                }
            }
            // "certificeret efter Klimaalliancens metode": a certification word earlier in the sentence.
            for (kind, phrases) in links.enumerated() where found == nil && !ownBody && !sentenceWords[kind].isEmpty {
                for phrase in phrases {
                    guard let start = endsAt(phrase, before: first), start > sentenceStart,
                          let word = (sentenceStart..<start).first(where: { kindsOf[$0] == .word && self.word(folded[$0], isIn: sentenceWords[kind]) })
                    else { continue }
                    found = Claim(kind: kind, range: ranges[word].lowerBound..<mention.range.upperBound)
                    break
                }
            }
            // A word after the mention with a hyphen: "Klimaalliancen-godkendt", "Klimaalliance-pakken".
            if found == nil, next + 1 < folded.count, folded[next] == "-", ranges[next].lowerBound == mention.range.upperBound,
               kindsOf[next + 1] == .word, ranges[next + 1].lowerBound == ranges[next].upperBound {
                let word = folded[next + 1]
                let range = mention.range.lowerBound..<ranges[next + 1].upperBound
                if let approval = kinds["approval"], self.word(word, isIn: after[approval]) {
                    found = Claim(kind: approval, range: range)
                } else if let brand = kinds["brand"], self.word(word, isIn: brandHeads) {
                    found = Claim(kind: brand, range: range)
                }
            }
            // "Klimaalliancen Pro", "Klimaalliancen®"; "rabatkoden KLIMAALLIANCEN".
            if found == nil, let brand = kinds["brand"] {
                if next < folded.count, brandSuffixes.contains(folded[next]), !ownBody,
                   kindsOf[next] != .word || document.utf16[ranges[next].lowerBound] < 0x61 || folded[next] == "®" || folded[next] == "™" {
                    found = Claim(kind: brand, range: mention.range.lowerBound..<ranges[next].upperBound)
                } else if let code = (max(0, first - 2)..<first).last(where: { kindsOf[$0] == .word && word(folded[$0], isIn: codeWords) }) {
                    found = Claim(kind: brand, range: ranges[code].lowerBound..<mention.range.upperBound)
                }
            }
            if let found { claims.append(found) }
        }
        // The name glued to a word or a code: "Klimaalliancepakken", "KLIMAALLIANCEN25", "klimaalliancegodkendt".
        for position in folded.indices where kindsOf[position] == .word || kindsOf[position] == .number {
            let word = folded[position]
            guard let form = nameForms.first(where: { word.hasPrefix($0) && word.count > $0.count }) else { continue }
            var rest = String(word.dropFirst(form.count))
            if rest.hasPrefix("s"), rest.count > 3 { rest.removeFirst() }
            if rest.count < 2 || ["s", "r", "rne", "rnes", "ns", "er", "erne", "ernes", "es"].contains(rest) { continue }
            let range = ranges[position]
            if claims.contains(where: { $0.range.overlaps(range) }) { continue }
            if rest.allSatisfy(\.isNumber), let brand = kinds["brand"] {
                claims.append(Claim(kind: brand, range: range))
            } else if let approval = kinds["approval"], self.word(rest, isIn: after[approval]) {
                claims.append(Claim(kind: approval, range: range))
            } else if let brand = kinds["brand"], self.word(rest, isIn: brandHeads) {
                claims.append(Claim(kind: brand, range: range))
            }
        }
        return claims.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    // MARK: Images in an advert

    /// Images whose alt text or title names the partnership or a party, in a document whose text
    /// the evidence model calls commercial.
    func imageClaims(_ context: CheckContext, rule: RuleDefinition) -> [Diagnostic] {
        guard let kind = kinds["image"] else { return [] }
        let images = partnershipImages(context)
        guard !images.isEmpty, context.scan.applies || images.contains(where: \.namesPartnership) else { return [] }
        let blocks = evidence.judge(context.document).filter { evidence.isCommercial($0) }
        func rank(_ block: CommercialEvidence.Block) -> (Int, Double) { (evidence.isErrorByFeatures(block) ? 1 : 0, block.probability) }
        guard let strongest = blocks.max(by: { rank($0) < rank($1) }) else { return [] }
        let texts = NonCommercialRule.shownTexts(strongest, evidence: evidence, document: context.document)
        let spec = terms.claims.kinds[kind]
        return images.map { image in
            func fill(_ template: String, _ language: Language) -> String {
                template.replacingOccurrences(of: "{evidence}", with: image.described).replacingOccurrences(of: "{named}", with: image.named)
                    .replacingOccurrences(of: "{commercial}", with: NonCommercialRule.Messages.quoted(texts, language))
            }
            return context.diagnostic(rule, Localized(da: fill(spec.message.da, .da), en: fill(spec.message.en, .en)),
                                      at: image.offset..<image.offset, fix: Fix(message: spec.fix, replacements: []))
        }
    }

    /// An image whose alt text or title names the partnership or a party.
    struct PartnershipImage {
        var described: String
        var named: String
        /// The image names the partnership itself, not only a party.
        var namesPartnership: Bool
        /// UTF-16 offset in the normalized text where the image is anchored.
        var offset: Int
    }

    func partnershipImages(_ context: CheckContext) -> [PartnershipImage] {
        let document = context.document
        guard !document.source.images.isEmpty else { return [] }
        let tokenizer = Tokenizer()
        var result: [PartnershipImage] = []
        for image in document.source.images {
            let texts = [image.altText, image.title].compactMap { $0 }.filter { !$0.isEmpty }
            var named: String? = nil
            var namesPartnership = false
            for text in texts {
                let described = Document(path: "", inputID: "image", source: SourceText(text: text), tokenizer: tokenizer)
                for match in matcher.matches(in: described) where PartyScan.names(match.kind) {
                    switch match.target {
                    case .partnership:
                        named = named ?? context.ruleset.partnership.name
                        namesPartnership = true
                    case .party(let index): named = named ?? context.ruleset.parties[index].name
                    default: break
                    }
                }
            }
            guard let named, let described = texts.first else { continue }
            result.append(PartnershipImage(described: described, named: named, namesPartnership: namesPartnership,
                                           offset: utf16Offset(ofSource: image.anchor, in: document)))
        }
        return result
    }

    /// The UTF-16 offset of the normalized text that a scalar offset of the input plugin's text maps to
    /// (the first offset at or after it; the maps are monotone).
    func utf16Offset(ofSource anchor: Int, in document: Document) -> Int {
        let target = document.source.toSource.map(anchor)
        var low = 0
        var high = document.utf16.count
        while low < high {
            let mid = (low + high) / 2
            if document.sourceOffset(ofUTF16: mid) < target { low = mid + 1 } else { high = mid }
        }
        if low < document.utf16.count, UTF16.isTrailSurrogate(document.utf16[low]) { low -= 1 }
        return low
    }
}
