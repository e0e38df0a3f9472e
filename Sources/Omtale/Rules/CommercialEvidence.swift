import Foundation

/// Finds the evidence features of `commercial.yml` in a document, paragraph by paragraph, and
/// weighs them with the fitted logistic model.
///
/// A paragraph here is a block of lines between blank lines (a text without blank lines, such as
/// a .docx document, has one paragraph per line), as the corpus was annotated. Words are matched
/// through `DanishMorphology`: a lemma matches its inflections ("bestilte" is "bestille"), the last
/// part of a compound ("billetprisen" is "pris"), and, where the term allows it, the first part
/// ("rabatkoden" is "rabat"). Nothing is searched for in raw text: "indkøb" is not "køb" unless the
/// lexicon says "ind" + "køb" and the term allows compounds, and the feature's `except` list can
/// still refuse it.
final class CommercialEvidence: @unchecked Sendable {
    /// One piece of evidence: a feature at a place.
    struct Piece: Sendable, Equatable {
        var feature: Int
        /// UTF-16 range in the normalized text.
        var range: Range<Int>
    }

    /// One paragraph (block) of the document and what it holds.
    struct Block: Sendable {
        var range: Range<Int>
        var pieces: [Piece]
        var features: Set<Int>
        /// The keys of its words (folded forms and lemmas), for the model's learned word weights.
        var words: Set<String> = []
        /// Model probability that the paragraph is commercial (set by `judge`).
        var probability: Double = 0
        var logit: Double = 0
    }

    let terms: CommercialTerms
    let morphology: DanishMorphology
    /// Per feature: its weight, and the weight of its document-level twin.
    let weights: [Double]
    let documentWeights: [Double]
    let ids: [String]
    let errorSets: [Set<Int>]
    /// The features that are claims (`claims.claimFeatures`).
    let claimFeatures: Set<Int>
    let counterFeatures: Set<Int>

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [(CommercialTerms, CommercialEvidence)] = []

    /// One evidence finder per distinct `commercial.yml`, shared by the rules that read it (its caches too).
    static func shared(for terms: CommercialTerms) -> CommercialEvidence {
        registryLock.lock()
        defer { registryLock.unlock() }
        if let found = registry.first(where: { $0.0 == terms }) { return found.1 }
        let made = CommercialEvidence(terms)
        if registry.count > 8 { registry.removeFirst() }
        registry.append((terms, made))
        return made
    }

    private struct LemmaEntry { var feature: Int; var head: Bool; var modifier: Bool }
    private var lemmaIndex: [String: [LemmaEntry]] = [:]
    private var formsIndex: [String: [Int]] = [:]
    private struct Phrase { var words: [Set<String>]; var feature: Int }
    private var phrases: [Phrase] = []
    private var phrasesByFirst: [String: [Int]] = [:]
    private let except: [Set<String>]
    private let sentenceStartOnly: [Bool]
    private let detector: [String?]
    private var labelOf: [Set<Int>] = []
    private let currencyAfter: [[String]]
    private let currencyBefore: [[String]]
    private let scaleWords: [[String]]
    /// The first words of those lists (nil where a list holds an empty term, which matches anywhere):
    /// most tokens start none of them, and are passed over without trying each term.
    private let currencyAfterFirst, currencyBeforeFirst, scaleFirst: Set<String>?
    private let periodLinks: Set<String>
    private let periodQualifiers: Set<String>
    private var periodKeys: Set<String> = []

    private let lock = NSLock()
    private let indexLock = NSLock()
    private var wordCache: [String: [Int]] = [:]
    private var keyCache: [String: Set<String>] = [:]

    init(_ terms: CommercialTerms, morphology: DanishMorphology = .shared) {
        self.terms = terms
        self.morphology = morphology
        ids = terms.features.map(\.id)
        weights = terms.features.map { terms.model.weights[$0.id] ?? 0 }
        documentWeights = terms.features.map { terms.model.weights["document." + $0.id] ?? 0 }
        except = terms.features.map { Set(($0.except ?? []).map { NameMatcher.foldWord($0) }) }
        sentenceStartOnly = terms.features.map { $0.sentenceStart == true }
        detector = terms.features.map(\.detector)
        let ids = self.ids
        errorSets = terms.thresholds.errorWhenAll.map { Set($0.compactMap { ids.firstIndex(of: $0) }) }
        claimFeatures = Set(terms.claims.claimFeatures.compactMap { ids.firstIndex(of: $0) })
        counterFeatures = Set(terms.thresholds.counterEvidence.compactMap { ids.firstIndex(of: $0) })
        func tokens(_ text: String) -> [String] { Self.foldedTokens(of: text) }
        currencyAfter = terms.prices.currencyAfter.map(tokens)
        currencyBefore = terms.prices.currencyBefore.map(tokens)
        scaleWords = terms.prices.scaleWords.map(tokens)
        func firsts(_ list: [[String]]) -> Set<String>? {
            list.contains(where: \.isEmpty) ? nil : Set(list.map { $0[0] })
        }
        currencyAfterFirst = firsts(currencyAfter)
        currencyBeforeFirst = firsts(currencyBefore)
        scaleFirst = firsts(scaleWords)
        periodLinks = Set(terms.prices.periodLinks.map { NameMatcher.foldWord($0) })
        periodQualifiers = Set((terms.prices.periodQualifiers ?? []).map { NameMatcher.foldWord($0) })
        labelOf = terms.features.map { feature in Set((feature.of ?? []).compactMap { ids.firstIndex(of: $0) }) }
    }

    private var indexed = false

    /// Compiles the terms through the lexicon on first use, so a run that meets no text about the
    /// alliance never loads hunspell-da.
    private func ensureIndex() {
        lock.lock()
        let done = indexed
        lock.unlock()
        guard !done else { return }
        indexLock.lock()
        defer { indexLock.unlock() }
        guard !indexed else { return }
        func tokens(_ text: String) -> [String] { Self.foldedTokens(of: text) }
        for period in terms.prices.periods { periodKeys.formUnion(keys(NameMatcher.foldWord(period))) }
        for (index, feature) in terms.features.enumerated() {
            for term in feature.terms ?? [] {
                if let lemma = term.lemma {
                    let folded = NameMatcher.foldWord(lemma)
                    for key in [folded] + morphology.stems(folded) {
                        lemmaIndex[key, default: []].append(LemmaEntry(feature: index, head: term.head ?? true, modifier: term.modifier ?? false))
                    }
                } else if let forms = term.forms {
                    for form in forms { formsIndex[NameMatcher.foldWord(form), default: []].append(index) }
                } else if let phrase = term.phrase {
                    let words = tokens(phrase).map { keys($0) }
                    guard let first = words.first else { continue }
                    for key in first { phrasesByFirst[key, default: []].append(phrases.count) }
                    phrases.append(Phrase(words: words, feature: index))
                }
            }
        }
        lock.lock()
        indexed = true
        lock.unlock()
    }

    /// The folded non-space tokens of a term, tokenized like a document.
    static func foldedTokens(of text: String) -> [String] {
        let units = Array(text.utf16)
        return Tokenizer().tokens(units).filter { $0.kind != .space }.map { Document.fold(units[$0.range]) }
    }

    /// The keys a folded word is matched by: itself and its lemmas.
    func keys(_ word: String) -> Set<String> {
        lock.lock()
        if let cached = keyCache[word] { lock.unlock(); return cached }
        lock.unlock()
        var result: Set<String> = [word]
        if word.count >= 2, word.unicodeScalars.contains(where: { CharacterSetCache.letters.contains($0) }) {
            result.formUnion(morphology.stems(word))
        }
        lock.lock()
        if keyCache.count > 100_000 { keyCache.removeAll() }
        keyCache[word] = result
        lock.unlock()
        return result
    }

    /// The features a single folded word is evidence of (lemmas, compounds, exact forms).
    func features(ofWord word: String) -> [Int] {
        ensureIndex()
        lock.lock()
        if let cached = wordCache[word] { lock.unlock(); return cached }
        lock.unlock()
        var found = Set<Int>()
        let wordKeys = keys(word)
        for key in wordKeys {
            for entry in lemmaIndex[key] ?? [] { found.insert(entry.feature) }
        }
        found.formUnion(formsIndex[word] ?? [])
        // The last part of a compound: a known lemma at the end, a word before it.
        for key in wordKeys {
            let chars = Array(key)
            guard chars.count >= 5 else { continue }
            for start in 2...(chars.count - 3) {
                guard let entries = lemmaIndex[String(chars[start...])], entries.contains(where: \.head) else { continue }
                if morphology.isCompoundPart(Substring(String(chars[..<start])), linking: true) {
                    for entry in entries where entry.head { found.insert(entry.feature) }
                    break
                }
            }
        }
        // The first part of a compound, for terms that allow it ("rabat" + "koden", "abonnement" + "s" + …).
        let chars = Array(word)
        if chars.count >= 6 {
            for end in 3...(chars.count - 2) {
                var candidates = [String(chars[..<end])]
                if end >= 4, chars[end - 1] == "s" || chars[end - 1] == "e" { candidates.append(String(chars[..<(end - 1)])) }
                if chars[end - 1] == "-" { candidates.append(String(chars[..<(end - 1)])) }
                for candidate in candidates {
                    guard let entries = lemmaIndex[candidate], entries.contains(where: \.modifier) else { continue }
                    if morphology.isCompoundPart(Substring(String(chars[end...])), linking: false) {
                        for entry in entries where entry.modifier { found.insert(entry.feature) }
                    }
                }
            }
        }
        let result = found.filter { !except[$0].contains(word) && except[$0].isDisjoint(with: wordKeys) }.sorted()
        lock.lock()
        if wordCache.count > 100_000 { wordCache.removeAll() }
        wordCache[word] = result
        lock.unlock()
        return result
    }

    /// The document's paragraphs as blocks (UTF-16 ranges): lines between blank lines, or every
    /// line when the document has no blank line.
    static func blockRanges(_ document: Document) -> [Range<Int>] {
        let paragraphs = document.paragraphs
        guard !paragraphs.isEmpty else { return [] }
        func blankBetween(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
            document.utf16[a.upperBound..<b.lowerBound].filter { $0 == 0x0A }.count >= 2
        }
        let anyBlank = zip(paragraphs, paragraphs.dropFirst()).contains { blankBetween($0, $1) }
        guard anyBlank else { return paragraphs }
        var blocks: [Range<Int>] = []
        var start = paragraphs[0]
        var end = paragraphs[0]
        for next in paragraphs.dropFirst() {
            if blankBetween(end, next) {
                blocks.append(start.lowerBound..<end.upperBound)
                start = next
            }
            end = next
        }
        blocks.append(start.lowerBound..<end.upperBound)
        return blocks
    }

    /// Every block of the document with its evidence, weighed.
    /// `collectingWords` keeps each block's word keys even when the model has no word weights (for
    /// the fitting script); otherwise they are collected only when the model weighs them.
    func judge(_ document: Document, collectingWords: Bool = false) -> [Block] {
        var blocks = evidence(in: document, collectingWords: collectingWords || terms.model.words != nil)
        var inDocument = Set<Int>()
        for block in blocks { inDocument.formUnion(block.features) }
        for index in blocks.indices {
            var logit = terms.model.bias
            for feature in blocks[index].features { logit += weights[feature] }
            for feature in inDocument { logit += documentWeights[feature] }
            if let wordWeights = terms.model.words {
                for word in blocks[index].words { logit += wordWeights[word] ?? 0 }
            }
            blocks[index].logit = logit
            blocks[index].probability = 1 / (1 + exp(-logit))
        }
        return blocks
    }

    /// Weighs a block again without some of its features (document-level twins stay).
    func reweigh(_ block: inout Block, without removed: Set<Int>) {
        for feature in block.features.intersection(removed) { block.logit -= weights[feature] }
        block.features.subtract(removed)
        block.pieces.removeAll { removed.contains($0.feature) }
        block.probability = 1 / (1 + exp(-block.logit))
    }

    /// The feature vector of a block for the fitting script: feature names that are present.
    func featureNames(of block: Block, inDocument: Set<Int>) -> [String] {
        block.features.sorted().map { ids[$0] }
            + inDocument.filter { terms.features[$0].documentLevel == true }.sorted().map { "document." + ids[$0] }
    }

    private static let commentOpen = Array("<!--".utf16), commentClose = Array("-->".utf16)

    /// The evidence of every block, unweighed.
    func evidence(in document: Document, collectingWords: Bool = false) -> [Block] {
        ensureIndex()
        // A comment line ("<!-- omtale-disable … -->", a waiver) is no paragraph of the text.
        let ranges = Self.blockRanges(document).filter { range in
            // On the units first: only a block that starts with "<!--" and ends with "-->" can be one.
            let trimmed = FastText.trimmingWhitespace(document.utf16, range)
            let units = document.utf16[trimmed]
            guard units.starts(with: Self.commentOpen), units.reversed().starts(with: Self.commentClose.reversed()) else { return true }
            let text = document.string(range).trimmingCharacters(in: .whitespaces)
            return !(text.hasPrefix("<!--") && text.hasSuffix("-->"))
        }
        var blocks = ranges.map { Block(range: $0, pieces: [], features: []) }
        guard !blocks.isEmpty else { return [] }
        // Non-space tokens with their folded text; links never match anything.
        // Waiver comments (`<!-- omtale-disable partner-mention -->`) are not published text: their
        // words ("partner" in a rule id) are never evidence.
        let waivers = Waivers.directives(in: document.text).map(\.range)
        let indices = document.tokens.indices.filter { index in
            document.tokens[index].kind != .space && !waivers.contains { $0.contains(document.tokens[index].range.lowerBound) }
        }
        let tokenRanges = indices.map { document.tokens[$0].range }
        let folded: [String?] = indices.map { index in
            let token = document.tokens[index]
            switch token.kind {
            case .link, .space: return nil
            case .word, .number: return document.foldedTokens[index]
            case .punctuation: return Document.fold(document.utf16[token.range])
            }
        }
        let kinds = indices.map { document.tokens[$0].kind }
        var blockOf = Array(repeating: -1, count: indices.count)
        var b = 0
        for (position, range) in tokenRanges.enumerated() {
            while b < ranges.count, ranges[b].upperBound <= range.lowerBound { b += 1 }
            if b < ranges.count, ranges[b].contains(range.lowerBound) { blockOf[position] = b }
        }
        var sentenceStart = Array(repeating: false, count: indices.count)
        var lastSentence = -1
        for (position, range) in tokenRanges.enumerated() where kinds[position] == .word {
            let sentence = document.sentenceIndex(containing: range.lowerBound) ?? -1
            if sentence != lastSentence { sentenceStart[position] = true; lastSentence = sentence }
        }
        func add(_ feature: Int, _ from: Int, _ to: Int) {
            let block = blockOf[from]
            guard block >= 0 else { return }
            blocks[block].pieces.append(Piece(feature: feature, range: tokenRanges[from].lowerBound..<tokenRanges[to - 1].upperBound))
            blocks[block].features.insert(feature)
        }
        func matches(_ sequence: [String], at start: Int) -> Int? {
            guard start + sequence.count <= folded.count else { return nil }
            for (offset, word) in sequence.enumerated() where folded[start + offset] != word { return nil }
            return start + sequence.count
        }
        func longest(_ list: [[String]], _ firsts: Set<String>?, at start: Int) -> Int? {
            if let firsts {
                guard start < folded.count, let word = folded[start], firsts.contains(word) else { return nil }
            }
            return list.compactMap { matches($0, at: start) }.max()
        }

        // Words, phrases and their features.
        var tokenKeys: [Set<String>?] = Array(repeating: nil, count: folded.count)
        func keysAt(_ position: Int) -> Set<String> {
            if let cached = tokenKeys[position] { return cached }
            let result = folded[position].map { kinds[position] == .punctuation ? [$0] : keys($0) } ?? []
            tokenKeys[position] = result
            return result
        }
        for position in folded.indices {
            guard let word = folded[position] else { continue }
            if kinds[position] == .word {
                if collectingWords, blockOf[position] >= 0 { blocks[blockOf[position]].words.formUnion(keysAt(position)) }
                for feature in features(ofWord: word) where !sentenceStartOnly[feature] || sentenceStart[position] {
                    add(feature, position, position + 1)
                }
            } else if kinds[position] == .punctuation, let forms = formsIndex[word] {
                for feature in forms { add(feature, position, position + 1) }
            }
            var candidates = Set<Int>()
            for key in keysAt(position) { candidates.formUnion(phrasesByFirst[key] ?? []) }
            for index in candidates.sorted() {
                let phrase = phrases[index]
                guard position + phrase.words.count <= folded.count else { continue }
                var ok = true
                for offset in 1..<max(1, phrase.words.count) where keysAt(position + offset).isDisjoint(with: phrase.words[offset]) {
                    ok = false
                    break
                }
                if ok, !sentenceStartOnly[phrase.feature] || sentenceStart[position] {
                    add(phrase.feature, position, position + phrase.words.count)
                }
            }
        }

        // Prices and budgets: a number with a currency after it or before it.
        let priceFeature = detector.firstIndex(of: "price")
        let periodFeature = detector.firstIndex(of: "pricePerPeriod")
        let budgetFeature = detector.firstIndex(of: "budget")
        var position = 0
        while position < folded.count {
            defer { position += 1 }
            var start = -1, end = -1, scaled = false
            if kinds[position] == .number {
                var next = position + 1
                if next < folded.count, let scale = longest(scaleWords, scaleFirst, at: next) { scaled = true; next = scale }
                if next < folded.count, let currency = longest(currencyAfter, currencyAfterFirst, at: next) {
                    start = position
                    end = currency
                }
            } else if let currency = longest(currencyBefore, currencyBeforeFirst, at: position), currency < folded.count, kinds[currency] == .number {
                start = position
                end = currency + 1
                if end < folded.count, let scale = longest(scaleWords, scaleFirst, at: end) { scaled = true; end = scale }
            }
            guard start >= 0 else { continue }
            if scaled {
                if let budgetFeature { add(budgetFeature, start, end) }
            } else {
                if let priceFeature { add(priceFeature, start, end) }
                if let periodFeature {
                    // "242 kr. pr. måned", "995 kr. om året", "99 kr./md."
                    var look = end
                    var linked = false
                    var window = end + 4
                    while look < min(folded.count, window) {
                        guard let word = folded[look] else { break }
                        if periodLinks.contains(word) { linked = true } else if linked, !keysAt(look).isDisjoint(with: periodKeys) {
                            add(periodFeature, start, look + 1)
                            break
                        } else if !linked, periodQualifiers.contains(word) {
                            // "995 kr. inkl. moms pr. år": the tax words do not end the search for the period.
                            window += 2
                        } else if kinds[look] == .word { break }
                        look += 1
                    }
                }
            }
            position = end - 1
        }

        // Block-level detectors.
        var wordsPerBlock = Array(repeating: 0, count: blocks.count)
        var capitalWords = Array(repeating: 0, count: blocks.count)
        var lowerWords = Array(repeating: 0, count: blocks.count)
        var exclamations = Array(repeating: -1, count: blocks.count)
        for position in folded.indices where blockOf[position] >= 0 {
            let block = blockOf[position]
            if kinds[position] == .word {
                wordsPerBlock[block] += 1
                let text = document.utf16[tokenRanges[position]]
                let letters = String(utf16Units: text)
                if letters.count >= 2, letters.unicodeScalars.allSatisfy({ !CharacterSetCache.lower.contains($0) }) {
                    capitalWords[block] += 1
                } else {
                    lowerWords[block] += 1
                }
            } else if folded[position] == "!", exclamations[block] < 0 {
                exclamations[block] = position
            }
        }
        func wordsInside(_ pieces: [Piece], of block: Int) -> Int {
            folded.indices.filter { position in
                blockOf[position] == block && kinds[position] == .word
                    && pieces.contains { $0.range.contains(tokenRanges[position].lowerBound) }
            }.count
        }
        for (feature, kind) in detector.enumerated() {
            guard let kind else { continue }
            for index in blocks.indices {
                let range = blocks[index].range
                switch kind {
                case "label":
                    let covered = blocks[index].pieces.filter { labelOf[feature].contains($0.feature) }
                    if !covered.isEmpty, wordsPerBlock[index] <= 4, wordsInside(covered, of: index) == wordsPerBlock[index] {
                        blocks[index].pieces.append(Piece(feature: feature, range: covered[0].range))
                        blocks[index].features.insert(feature)
                    }
                case "priceWith":
                    let prices = blocks[index].pieces.filter { detector[$0.feature] == "price" || detector[$0.feature] == "pricePerPeriod" }
                    if let price = prices.first, !blocks[index].features.isDisjoint(with: labelOf[feature]) {
                        blocks[index].pieces.append(Piece(feature: feature, range: price.range))
                        blocks[index].features.insert(feature)
                    }
                case "capitals":
                    if capitalWords[index] >= 2, lowerWords[index] == 0, wordsPerBlock[index] <= 20 {
                        blocks[index].pieces.append(Piece(feature: feature, range: range))
                        blocks[index].features.insert(feature)
                    }
                case "exclamation":
                    if exclamations[index] >= 0 {
                        blocks[index].pieces.append(Piece(feature: feature, range: tokenRanges[exclamations[index]]))
                        blocks[index].features.insert(feature)
                    }
                case "short":
                    if wordsPerBlock[index] <= 5 {
                        blocks[index].pieces.append(Piece(feature: feature, range: range))
                        blocks[index].features.insert(feature)
                    }
                default: break
                }
            }
        }
        for index in blocks.indices { blocks[index].pieces.sort { $0.range.lowerBound < $1.range.lowerBound } }
        return blocks
    }

    /// Whether a block's features make it an error on their own (an offer with a price and a call to
    /// buy), with no counter-evidence in it (a public fare, a grant).
    func isErrorByFeatures(_ block: Block) -> Bool {
        errorSets.contains { !$0.isEmpty && $0.isSubset(of: block.features) } && block.features.isDisjoint(with: counterFeatures)
    }

    /// The features of the block that make it an error on their own (empty when none do).
    func errorFeatures(_ block: Block) -> Set<Int> {
        guard isErrorByFeatures(block) else { return [] }
        return errorSets.filter { !$0.isEmpty && $0.isSubset(of: block.features) }.reduce(into: Set<Int>()) { $0.formUnion($1) }
    }

    /// Whether a block counts as commercial: the model says so, or it is an error by its features.
    func isCommercial(_ block: Block) -> Bool {
        block.probability >= terms.thresholds.paragraph || isErrorByFeatures(block)
    }
}

enum CharacterSetCache {
    static let letters = CharacterSet.letters
    static let lower = CharacterSet.lowercaseLetters
}

/// The evidence model's judgement of every paragraph, without the link to the alliance: what
/// `omtale-bench commercial` prints for the corpus scorer and the fitting script.
public struct CommercialParagraph: Sendable {
    /// Scalar offsets in the input's text (code points), end exclusive.
    public var start: Int
    public var end: Int
    public var probability: Double
    public var commercial: Bool
    /// The features present, document-level ones as `document.<id>`.
    public var features: [String]
    /// The keys of the paragraph's words (folded forms and lemmas), sorted: what the learned word
    /// weights are looked up by.
    public var words: [String]
}

public enum CommercialModel {
    /// Every paragraph of a document, weighed by the ruleset's `commercial.yml`.
    /// `withWords` fills in each paragraph's ``CommercialParagraph/words`` even when the model weighs
    /// no words (what the fitting script needs); otherwise they are there only when it does.
    public static func paragraphs(in document: Document, ruleset: Ruleset, withWords: Bool = false) throws -> [CommercialParagraph] {
        let terms = try CommercialTerms.load(from: ruleset)
        let evidence = CommercialEvidence.shared(for: terms)
        let blocks = evidence.judge(document, collectingWords: withWords)
        var inDocument = Set<Int>()
        for block in blocks { inDocument.formUnion(block.features) }
        return blocks.map { block in
            CommercialParagraph(start: document.sourceOffset(ofUTF16: block.range.lowerBound),
                                end: document.sourceOffset(ofUTF16: block.range.upperBound),
                                probability: block.probability, commercial: evidence.isCommercial(block),
                                features: evidence.featureNames(of: block, inDocument: inDocument),
                                words: block.words.sorted())
        }
    }

    /// Why the Danish lexicon is not in use, or nil when it is.
    public static var lexiconUnavailableReason: String? { DanishMorphology.shared.unavailableReason }
    /// Why the Danish lexicon was missing when this process weighed commercial evidence, or nil
    /// (in use, or never needed).
    public static var lexiconMissedReason: String? { DanishMorphology.shared.reasonIfItWasNeeded }
    /// Writes the lexicon's answers found in this process to the disk cache (`$OMTALE_CACHE_DIR`,
    /// `$XDG_CACHE_HOME/omtale` or `~/.cache/omtale`; off with `OMTALE_CACHE=off`), so a later run
    /// with the same words need not open hunspell-da. Throws when the cache folder cannot be
    /// written; findings never depend on it.
    public static func saveLexiconCache() throws { try DanishMorphology.shared.saveCache() }
}
