/// Finds names (parties, the partnership, collective forms, look-alikes) among a document's tokens.
///
/// Matching works on ICU word tokens, never on raw substrings: "kl.dk" is one token and does not
/// contain "KL"; "Region" and "Hovedstaden" may be separated by any white space, including a
/// rejoined line break. Comparison uses ICU case folding, except for forms marked case-sensitive
/// (acronyms like "KL", which must not match "kl." for o'clock). The last word of a name may carry
/// the Danish genitive: "Realdanias", "KL's", "KL’s", "Region Sjællands".
public struct NameMatcher: Sendable {
    /// What a match found.
    public enum Kind: Int, Sendable, Comparable {
        // Lower raw value wins when two patterns match the same tokens.
        case name = 0, collective, transliteration, misspelling, abbreviation, lookalike

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Who a match is about.
    public enum Target: Sendable, Hashable {
        case partnership
        case party(Int)
        case knowledgePartner(Int)
        case collective(Int)
        case lookalike(Int)
    }

    public struct Pattern: Sendable {
        /// Folded words, or exact words when `caseSensitive`.
        public var words: [String]
        public var caseSensitive: Bool
        public var kind: Kind
        public var target: Target
        /// How the name should be written (for suggestions).
        public var canonical: String
    }

    public struct Match: Sendable, Equatable {
        public var kind: Kind
        public var target: Target
        /// UTF-16 range in the normalized text.
        public var range: Range<Int>
        /// The text as written.
        public var text: String
        /// How it should be written, with the genitive the text used ("Region Sjællands").
        public var suggestion: String
    }

    public private(set) var patterns: [Pattern] = []
    /// Pattern indices by folded first word.
    private var byFirstWord: [String: [Int]] = [:]
    /// Long single words (and last words of multi-word names) that misspellings are measured against.
    private var fuzzyTargets: [(word: String, scalars: [Unicode.Scalar], pattern: Int)] = []
    /// Each fuzzy target's length in UTF-8 bytes, parallel to `fuzzyTargets`, for the cheap length test.
    private var fuzzyTargetBytes: [Int] = []
    private var notMisspellings: Set<String> = []
    /// Shortest fuzzy target in UTF-8 bytes, less one edit: shorter tokens cannot be misspellings.
    private var minimumFuzzyBytes = 0

    public init(ruleset: Ruleset) {
        func add(_ form: NameForm, _ kind: Kind, _ target: Target, canonical: String) {
            let words = NameMatcher.words(of: form.text, caseSensitive: form.caseSensitive)
            guard !words.isEmpty else { return }
            let pattern = Pattern(words: words, caseSensitive: form.caseSensitive, kind: kind, target: target, canonical: canonical)
            let index = patterns.count
            patterns.append(pattern)
            byFirstWord[NameMatcher.foldWord(words[0]), default: []].append(index)
            // æ/ø/å typed as ae/oe/aa (a keyboard without Danish letters): still the name, with a warning.
            if kind == .name, !form.caseSensitive {
                let ascii = NameMatcher.transliterate(words)
                if ascii != words {
                    let alternative = Pattern(words: ascii, caseSensitive: false, kind: .transliteration, target: target, canonical: canonical)
                    byFirstWord[ascii[0], default: []].append(patterns.count)
                    patterns.append(alternative)
                }
            }
            if kind == .name, !form.caseSensitive, let last = words.last, last.count >= 8 {
                fuzzyTargets.append((last, Array(last.unicodeScalars), index))
            }
        }
        for form in ruleset.partnership.forms { add(form, .name, .partnership, canonical: ruleset.partnership.name) }
        for form in ruleset.partnership.misspellings { add(form, .misspelling, .partnership, canonical: ruleset.partnership.name) }
        for (i, party) in ruleset.parties.enumerated() {
            let forms = party.forms.contains { $0.text == party.name } ? party.forms : [NameForm(text: party.name)] + party.forms
            for form in forms { add(form, .name, .party(i), canonical: party.name) }
            for form in party.misspellings { add(form, .misspelling, .party(i), canonical: party.name) }
            for form in party.abbreviations { add(form, .abbreviation, .party(i), canonical: party.name) }
        }
        for (i, partner) in ruleset.knowledgePartners.enumerated() {
            for form in partner.forms { add(form, .name, .knowledgePartner(i), canonical: partner.name) }
            for form in partner.misspellings { add(form, .misspelling, .knowledgePartner(i), canonical: partner.name) }
        }
        for (i, collective) in ruleset.collectives.enumerated() {
            for form in collective.forms { add(form, .collective, .collective(i), canonical: collective.name) }
        }
        for (i, lookalike) in ruleset.lookalikes.enumerated() {
            for form in lookalike.forms { add(form, .lookalike, .lookalike(i), canonical: form.text) }
        }
        notMisspellings = Set(ruleset.partnership.notMisspellings.map(NameMatcher.foldWord))
        fuzzyTargetBytes = fuzzyTargets.map { $0.word.utf8.count }
        minimumFuzzyBytes = max(0, (fuzzyTargetBytes.min() ?? 0) - 2)
        // Every exact form is by definition not a misspelling.
        for pattern in patterns where pattern.words.count == 1 { notMisspellings.insert(NameMatcher.foldWord(pattern.words[0])) }
    }

    // MARK: - Words

    static func words(of text: String, caseSensitive: Bool) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map { caseSensitive ? String($0) : foldWord(String($0)) }
    }

    static func foldWord(_ word: String) -> String {
        Document.fold(ArraySlice(Array(word.utf16)))
    }

    static func transliterate(_ words: [String]) -> [String] {
        words.map { word in
            var result = ""
            for character in word {
                switch character {
                case "æ": result += "ae"
                case "ø": result += "oe"
                case "å": result += "aa"
                default: result.append(character)
                }
            }
            return result
        }
    }

    /// The word without a Danish genitive ending, and the ending ("Realdanias" → "Realdania", "s").
    static func genitiveStems(_ word: String) -> [(stem: String, suffix: String)] {
        // Every genitive ending ends in "s" or an apostrophe: most words are rejected by one byte.
        guard let last = word.utf8.last, last == UInt8(ascii: "s") || last == UInt8(ascii: "'") || last == 0x99 else { return [] }
        var stems: [(String, String)] = []
        for suffix in ["'s", "’s", "´s", "`s", "'", "’", "s"] where word.hasSuffix(suffix) && word.count > suffix.count {
            stems.append((String(word.dropLast(suffix.count)), suffix))
        }
        return stems
    }

    // MARK: - Matching

    /// All matches in the document, left to right, non-overlapping (longest first, then by kind).
    public func matches(in document: Document) -> [Match] {
        var result: [Match] = []
        let tokens = document.tokens
        var i = 0
        while i < tokens.count {
            guard tokens[i].isWordLike else { i += 1; continue }
            if let (match, lastToken) = bestMatch(at: i, in: document) {
                result.append(match)
                i = lastToken + 1
            } else {
                i += 1
            }
        }
        return result
    }

    private func bestMatch(at start: Int, in document: Document) -> (Match, Int)? {
        let folded = document.foldedTokens[start]
        var candidates = byFirstWord[folded] ?? []
        for (stem, _) in Self.genitiveStems(folded) {
            for index in byFirstWord[stem] ?? [] where patterns[index].words.count == 1 { candidates.append(index) }
        }
        var best: (match: Match, last: Int, length: Int, kind: Kind)? = nil
        for index in candidates {
            guard let (last, suffix) = match(patterns[index], at: start, in: document) else { continue }
            let pattern = patterns[index]
            let length = last - start
            if let current = best, current.length > length || (current.length == length && current.kind <= pattern.kind) { continue }
            let range = document.tokens[start].range.lowerBound..<document.tokens[last].range.upperBound
            let match = Match(kind: pattern.kind, target: pattern.target, range: range, text: document.string(range),
                              suggestion: pattern.canonical + suffix)
            best = (match, last, length, pattern.kind)
        }
        if let best { return (best.match, best.last) }
        return fuzzyMatch(at: start, in: document)
    }

    /// Matches a pattern's words at token `start`; returns the last token index and the genitive suffix used.
    private func match(_ pattern: Pattern, at start: Int, in document: Document) -> (Int, String)? {
        var tokenIndex = start
        for (wordIndex, word) in pattern.words.enumerated() {
            if wordIndex > 0 {
                // Only white space may separate the words of a name.
                tokenIndex += 1
                var sawSpace = false
                while tokenIndex < document.tokens.count, document.tokens[tokenIndex].kind == .space {
                    sawSpace = true
                    tokenIndex += 1
                }
                guard sawSpace, tokenIndex < document.tokens.count else { return nil }
            }
            let token = document.tokens[tokenIndex]
            guard token.isWordLike else { return nil }
            let candidate = pattern.caseSensitive ? document.string(token.range) : document.foldedTokens[tokenIndex]
            if candidate == word { continue }
            guard wordIndex == pattern.words.count - 1,
                  let suffix = Self.genitiveStems(candidate).first(where: { $0.stem == word })?.suffix else { return nil }
            // "KLs"/"KL's": an acronym's genitive keeps the acronym's case.
            return (tokenIndex, suffix)
        }
        return (tokenIndex, "")
    }

    /// A long word one edit away from a name ("Klimalliancen", "Realdannia"): a misspelling.
    private func fuzzyMatch(at start: Int, in document: Document) -> (Match, Int)? {
        let folded = document.foldedTokens[start]
        // utf8.count is O(1); a name of 8+ letters is at least 8 bytes, and one edit removes at most one letter.
        let bytes = folded.utf8.count
        guard bytes >= 7, bytes >= minimumFuzzyBytes, document.tokens[start].kind == .word, !notMisspellings.contains(folded) else { return nil }
        var forms = [(folded, "")]
        for (stem, suffix) in Self.genitiveStems(folded) where !notMisspellings.contains(stem) { forms.append((stem, suffix)) }
        // Scalars only once some target passes the byte-length test (most tokens pass none).
        var formScalars: [[Unicode.Scalar]]? = nil
        let formBytes = forms.map { $0.0.utf8.count }
        for targetIndex in fuzzyTargets.indices {
            // Byte lengths within 2 (æ/ø/å are two bytes) before the exact one-edit test; the target
            // and its pattern are read only for a target that passes (most pass for no form).
            let targetBytes = fuzzyTargetBytes[targetIndex]
            guard formBytes.contains(where: { abs($0 - targetBytes) <= 2 }) else { continue }
            let (_, target, patternIndex) = fuzzyTargets[targetIndex]
            let pattern = patterns[patternIndex]
            for (index, (_, suffix)) in forms.enumerated() where abs(formBytes[index] - targetBytes) <= 2 {
                if formScalars == nil { formScalars = forms.map { Array($0.0.unicodeScalars) } }
                guard Self.isOneEditApart(formScalars![index], target) else { continue }
                // A multi-word name must match up to its last word exactly ("Region Syddanmrk").
                var first = start
                if pattern.words.count > 1 {
                    var t = start - 1
                    for expected in pattern.words.dropLast().reversed() {
                        while t >= 0, document.tokens[t].kind == .space { t -= 1 }
                        guard t >= 0, document.foldedTokens[t] == expected else { first = -1; break }
                        first = t
                        t -= 1
                    }
                    guard first >= 0 else { continue }
                }
                let range = document.tokens[first].range.lowerBound..<document.tokens[start].range.upperBound
                let match = Match(kind: .misspelling, target: pattern.target, range: range, text: document.string(range),
                                  suggestion: pattern.canonical + suffix)
                return (match, start)
            }
        }
        return nil
    }

    /// Damerau–Levenshtein distance exactly 1 (one insertion, deletion, substitution or transposition).
    static func isOneEditApart(_ a: String, _ b: String) -> Bool {
        isOneEditApart(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    static func isOneEditApart(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar]) -> Bool {
        if x == y { return false }
        if x.count == y.count {
            // The first two differences, stopping at a third (no array of all of them).
            var first = -1, second = -1
            for k in x.indices where x[k] != y[k] {
                if first < 0 { first = k } else if second < 0 { second = k } else { return false }
            }
            if second < 0 { return true }
            return second == first + 1 && x[first] == y[second] && x[second] == y[first]
        }
        let (long, short) = x.count > y.count ? (x, y) : (y, x)
        guard long.count == short.count + 1 else { return false }
        var i = 0
        while i < short.count, long[i] == short[i] { i += 1 }
        return long[(i + 1)...].elementsEqual(short[i...])
    }
}
