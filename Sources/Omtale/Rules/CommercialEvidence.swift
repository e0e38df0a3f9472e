/// Finds the evidence of commercial use that `commercial.yml` describes, on a document's tokens.
///
/// Terms are tokenized with the same ICU tokenizer as the text and matched token by token
/// (case-folded); the last word of a term may carry one of its listed endings. Nothing is
/// searched for in raw text, so "indkøb" never contains "køb" and "kl.dk" is one link token.
struct CommercialEvidence: Sendable {
    /// One piece of evidence in a document.
    struct Item: Sendable, Equatable {
        var category: Int
        var weight: Int
        /// UTF-16 range in the normalized text.
        var range: Range<Int>
    }

    /// A term compiled to the folded strings each of its tokens may be.
    struct Pattern: Sendable {
        var tokens: [Set<String>]
        var weight: Int
        /// Category or neutralizer index.
        var owner: Int
    }

    /// Patterns indexed by the folded strings of their first token.
    struct PatternSet: Sendable {
        var patterns: [Pattern] = []
        var byFirst: [String: [Int]] = [:]

        mutating func add(_ pattern: Pattern) {
            for first in pattern.tokens[0] { byFirst[first, default: []].append(patterns.count) }
            patterns.append(pattern)
        }

        /// The longest pattern matching at non-space token `start`, and the index after its last token.
        func longest(at start: Int, in tokens: [String?]) -> (pattern: Pattern, end: Int)? {
            guard let first = tokens[start], let candidates = byFirst[first] else { return nil }
            var best: (Pattern, Int)? = nil
            for index in candidates {
                let pattern = patterns[index]
                guard start + pattern.tokens.count <= tokens.count else { continue }
                var ok = true
                for (offset, allowed) in pattern.tokens.enumerated().dropFirst() {
                    guard let token = tokens[start + offset], allowed.contains(token) else { ok = false; break }
                }
                guard ok else { continue }
                let end = start + pattern.tokens.count
                if best == nil || end > best!.1 || (end == best!.1 && pattern.weight > best!.0.weight) { best = (pattern, end) }
            }
            return best
        }
    }

    let terms: CommercialTerms
    let categories: PatternSet
    let neutralizers: PatternSet
    let currencyAfter: PatternSet
    let currencyBefore: PatternSet
    let scaleWords: PatternSet
    let leadWords: PatternSet
    let priceCategory: Int
    /// Per neutralizer, the categories it cancels.
    let cancels: [Set<Int>]
    /// Per category, the folded words after a partnership mention that cancel it.
    let unlessFollowedBy: [Set<String>]

    init(_ terms: CommercialTerms) {
        self.terms = terms
        let tokenizer = Tokenizer()
        func compile(_ term: CommercialTerms.Term, weight: Int, owner: Int) -> Pattern? {
            let units = Array(term.text.utf16)
            var words = tokenizer.tokens(units).filter { $0.kind != .space }.map { Document.fold(units[$0.range]) }
            guard let last = words.popLast() else { return nil }
            var tokens = words.map { Set([$0]) }
            let endings = term.endings ?? [""]
            tokens.append(Set(endings.map { last + Document.fold(ArraySlice(Array($0.utf16))) }))
            // Endings extend the last token only ("t-shirt" + "s": [t, -, shirts]).
            return Pattern(tokens: tokens, weight: term.weight ?? weight, owner: owner)
        }
        func set(_ list: [CommercialTerms.Term], weight: Int = 1, owner: Int = 0) -> PatternSet {
            var result = PatternSet()
            for term in list { if let pattern = compile(term, weight: weight, owner: owner) { result.add(pattern) } }
            return result
        }
        var categories = PatternSet()
        for (index, category) in terms.categories.enumerated() {
            for term in category.terms {
                if let pattern = compile(term, weight: category.weight, owner: index) { categories.add(pattern) }
            }
        }
        self.categories = categories
        var neutralizers = PatternSet()
        for (index, neutralizer) in terms.neutralizers.enumerated() {
            for term in neutralizer.terms {
                if let pattern = compile(term, weight: 1, owner: index) { neutralizers.add(pattern) }
            }
        }
        self.neutralizers = neutralizers
        currencyAfter = set(terms.prices.currencyAfter.map { CommercialTerms.Term(text: $0) })
        currencyBefore = set(terms.prices.currencyBefore.map { CommercialTerms.Term(text: $0) })
        scaleWords = set(terms.prices.scaleWords.map { CommercialTerms.Term(text: $0) })
        leadWords = set(terms.prices.leadWords.map { CommercialTerms.Term(text: $0) })
        let ids = terms.categories.map(\.id)
        priceCategory = ids.firstIndex(of: terms.prices.category) ?? 0
        cancels = terms.neutralizers.map { Set($0.cancels.compactMap { ids.firstIndex(of: $0) }) }
        unlessFollowedBy = terms.categories.map { Set(($0.unlessNameFollowedBy ?? []).map { NameMatcher.foldWord($0) }) }
    }

    /// Every piece of evidence in the document that no neutralizer in its sentence cancels.
    func evidence(in document: Document, partnershipMentions: [NameMatcher.Match]) -> [Item] {
        // Non-space tokens and their folded text; links never match anything.
        let indices = document.tokens.indices.filter { document.tokens[$0].kind != .space }
        let ranges = indices.map { document.tokens[$0].range }
        let folded: [String?] = indices.map { index in
            let token = document.tokens[index]
            switch token.kind {
            case .link, .space: return nil
            case .word, .number: return document.foldedTokens[index]
            case .punctuation: return Document.fold(document.utf16[token.range])
            }
        }
        let isNumber = indices.map { document.tokens[$0].kind == .number }
        let isWord = indices.map { document.tokens[$0].isWordLike }
        let mentionsByStart = Dictionary(partnershipMentions.map { ($0.range.lowerBound, $0) }, uniquingKeysWith: { a, _ in a })
        let mentionsByEnd = Dictionary(partnershipMentions.map { ($0.range.upperBound, $0) }, uniquingKeysWith: { a, _ in a })

        var items: [Item] = []
        var covered = Set<Int>()  // non-space token positions inside evidence
        func range(_ from: Int, _ to: Int) -> Range<Int> { ranges[from].lowerBound..<ranges[to - 1].upperBound }

        // Prices: a number with a currency after it (not with "mio." between) or before it.
        var position = 0
        while position < folded.count {
            defer { position += 1 }
            var start = -1, end = -1
            if isNumber[position] {
                let next = position + 1
                if next < folded.count, scaleWords.longest(at: next, in: folded) == nil,
                   let currency = currencyAfter.longest(at: next, in: folded) {
                    start = position
                    end = currency.end
                }
            } else if let currency = currencyBefore.longest(at: position, in: folded), currency.end < folded.count,
                      isNumber[currency.end] {
                let after = currency.end + 1
                if after >= folded.count || scaleWords.longest(at: after, in: folded) == nil {
                    start = position
                    end = currency.end + 1
                }
            }
            guard start >= 0 else { continue }
            // Extend back over a lead word ("pris 499 kr.", "koster kun 299 kr.").
            var leadStart = start
            for back in stride(from: max(0, start - 3), to: start, by: 1) {
                if let lead = leadWords.longest(at: back, in: folded), lead.end == start { leadStart = back; break }
            }
            items.append(Item(category: priceCategory, weight: terms.prices.weight, range: range(leadStart, end)))
            covered.formUnion(leadStart..<end)
            position = end - 1
        }

        // Word tokens per paragraph, to recognise a term standing alone as a label.
        var wordsPerParagraph = Array(repeating: 0, count: document.paragraphs.count)
        var paragraph = 0
        for token in document.tokens where token.isWordLike {
            while paragraph < document.paragraphs.count, document.paragraphs[paragraph].upperBound <= token.range.lowerBound { paragraph += 1 }
            if paragraph < document.paragraphs.count, document.paragraphs[paragraph].contains(token.range.lowerBound) {
                wordsPerParagraph[paragraph] += 1
            }
        }

        // Terms of every category, longest first at each token.
        position = 0
        while position < folded.count {
            guard !covered.contains(position), let (pattern, end) = categories.longest(at: position, in: folded) else {
                position += 1
                continue
            }
            let category = terms.categories[pattern.owner]
            var itemRange = range(position, end)
            if category.withPartnership == true {
                // The claim is shown with the name it is about ("certificeret af Klimaalliancen").
                guard let mention = partnershipNextTo(from: position, to: end, ranges: ranges, folded: folded, category: pattern.owner,
                                                      mentionsByStart: mentionsByStart, mentionsByEnd: mentionsByEnd) else {
                    position += 1
                    continue
                }
                itemRange = min(itemRange.lowerBound, mention.lowerBound)..<max(itemRange.upperBound, mention.upperBound)
            }
            var weight = pattern.weight
            if let label = category.labelWeight, isAlone(itemRange, words: (position..<end).filter { isWord[$0] }.count, in: document,
                                                             wordsPerParagraph: wordsPerParagraph) {
                weight = max(weight, label)
            }
            items.append(Item(category: pattern.owner, weight: weight, range: itemRange))
            covered.formUnion(position..<end)
            position = end
        }

        // Neutralizers, by sentence; one inside a piece of evidence ("gratis" in "gratis fragt")
        // neutralizes nothing, one reaching beyond it ("købe ind" over "købe") does.
        var cancelled: [Int: Set<Int>] = [:]  // sentence → categories
        position = 0
        while position < folded.count {
            guard let (pattern, end) = neutralizers.longest(at: position, in: folded),
                  !(position..<end).allSatisfy(covered.contains) else {
                position += 1
                continue
            }
            if let sentence = document.sentenceIndex(containing: ranges[position].lowerBound) {
                cancelled[sentence, default: []].formUnion(cancels[pattern.owner])
            }
            position = end
        }
        return items.filter { item in
            guard let sentence = document.sentenceIndex(containing: item.range.lowerBound) else { return true }
            return !(cancelled[sentence]?.contains(item.category) ?? false)
        }.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The mention of the partnership right after the term at non-space tokens `from..<to`
    /// ("certificeret af Klimaalliancen") or right before it with a hyphen ("Klimaalliancen-godkendt"),
    /// unless the mention is of the alliance's own bodies ("Klimaalliancens forretningsudvalg").
    private func partnershipNextTo(from: Int, to: Int, ranges: [Range<Int>], folded: [String?], category: Int,
                                   mentionsByStart: [Int: NameMatcher.Match], mentionsByEnd: [Int: NameMatcher.Match]) -> Range<Int>? {
        if to < ranges.count, let mention = mentionsByStart[ranges[to].lowerBound] {
            var next = to
            while next < ranges.count, ranges[next].lowerBound < mention.range.upperBound { next += 1 }
            if next < ranges.count, let word = folded[next], unlessFollowedBy[category].contains(word) { return nil }
            return mention.range
        }
        if from >= 2, folded[from - 1] == "-", ranges[from - 1].upperBound == ranges[from].lowerBound,
           let mention = mentionsByEnd[ranges[from - 2].upperBound], ranges[from - 2].upperBound == ranges[from - 1].lowerBound {
            return mention.range
        }
        return nil
    }

    /// Whether a piece of evidence with `words` word tokens holds every word of its paragraph
    /// (a label such as "ANNONCE" on its own line).
    private func isAlone(_ range: Range<Int>, words: Int, in document: Document, wordsPerParagraph: [Int]) -> Bool {
        guard let index = document.paragraphIndex(containing: range.lowerBound) else { return false }
        return words == wordsPerParagraph[index]
    }
}
