import Foundation

/// Finds the quotes of a document and who said them, the way Danish press releases write them.
///
/// Quote forms: any pair of quotation marks (»…«, „…“, “…”, ”…”, "…", ‘…’, mismatched pairs and
/// ” used both ways included), the dialogue dash at the start of a paragraph (`- Vi er klar, siger …`,
/// hyphen-minus, en or em dash), quotes that run over several paragraphs (each new paragraph opens
/// again, the last one closes), and a speaker label in a headline or caption (`KL: …`).
/// Attribution after the quote (`, siger …`, `, lyder det fra …`, `, ifølge …`), before it ending in a
/// colon (`Anne Jensen, formand for X, siger:` / `Sådan lyder det fra …:`), in the following sentence
/// (`Det siger …`), by pronoun (`siger hun`: the last named speaker) and by continuation.
///
/// The work is linear in the text: one pass over the quotation marks with a bounded nesting stack,
/// and every look for an attribution is bounded by `window`, so a million quotation marks stay fast.
public struct QuoteFinder: Sendable {
    let verbs: [String: [[String]]]
    let fromPhrases: [String: [[String]]]
    let accordingTo: [String: [[String]]]
    let pronouns: Set<String>
    let leadIns: Set<String>
    let titleWords: Set<String>
    let prepositions: Set<String>
    let organisationWords: Set<String>
    let notSpeakers: Set<String>
    /// How far (UTF-16 units) an attribution may reach from its quote.
    let window = 400
    /// Nesting deeper than this is read as text, which keeps the mark scan linear.
    let maxDepth = 8

    public init(language: QuoteLanguage) {
        func table(_ phrases: [String]) -> [String: [[String]]] {
            var result: [String: [[String]]] = [:]
            for phrase in phrases {
                let words = NameMatcher.words(of: phrase, caseSensitive: false)
                guard let first = words.first else { continue }
                result[first, default: []].append(words)
            }
            for key in result.keys { result[key]!.sort { $0.count > $1.count } }
            return result
        }
        func set(_ words: [String]) -> Set<String> {
            Set(words.map { NameMatcher.words(of: $0, caseSensitive: false).joined(separator: " ") })
        }
        verbs = table(language.verbs)
        fromPhrases = table(language.fromPhrases)
        accordingTo = table(language.accordingTo)
        pronouns = set(language.pronouns)
        leadIns = set(language.leadIns)
        titleWords = set(language.titleWords)
        prepositions = set(language.organisationPrepositions)
        organisationWords = set(language.organisationWords)
        notSpeakers = set(language.notSpeakers)
    }

    /// Every quote of the document, in text order.
    public func quotes(in document: Document, scan: PartyScan, ruleset: Ruleset) -> [Quote] {
        var run = QuoteScan(finder: self, document: document, scan: scan, ruleset: ruleset)
        return run.find()
    }
}

/// One document's quote analysis (the finder's working state).
struct QuoteScan {
    let finder: QuoteFinder
    let document: Document
    let scan: PartyScan
    let ruleset: Ruleset
    let units: [UInt16]
    let tokens: [Token]
    let folded: [String]

    init(finder: QuoteFinder, document: Document, scan: PartyScan, ruleset: Ruleset) {
        self.finder = finder
        self.document = document
        self.scan = scan
        self.ruleset = ruleset
        units = document.utf16
        tokens = document.tokens
        folded = document.foldedTokens
    }

    /// A quote found, before pronouns and continuations are resolved.
    struct Candidate {
        var quote: Quote
        var paragraph: Int
        var lastParagraph: Int
        /// `siger hun`: resolve to the last named speaker.
        var pronounRange: Range<Int>?
    }
}

extension QuoteScan {
    // MARK: - Tokens

    /// Index of the token containing `offset` (or the first after it).
    func tokenIndex(at offset: Int) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].range.upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func text(_ t: Int) -> String { document.string(tokens[t].range) }

    func isCapitalised(_ t: Int) -> Bool {
        guard tokens[t].kind == .word, let first = text(t).first else { return false }
        return first.isUppercase
    }

    func isPunctuation(_ t: Int, _ u: UInt16) -> Bool {
        tokens[t].kind == .punctuation && tokens[t].range.count == 1 && units[tokens[t].range.lowerBound] == u
    }

    /// Next non-space token index at or after `t`, before `limit`.
    func skipSpaces(_ t: Int, _ limit: Int) -> Int {
        var t = t
        while t < limit, tokens[t].kind == .space, !containsNewline(t) { t += 1 }
        return t
    }

    /// A word that a full stop after does not end ("adm.", "bl.a."); an acronym in capitals ("KL.") is not one.
    func isAbbreviation(_ t: Int) -> Bool {
        let word = text(t)
        if word.count > 1, word == word.uppercased() { return false }
        return DanishAbbreviations.neverFinal.contains(folded[t] + ".")
    }

    func containsNewline(_ t: Int) -> Bool { units[tokens[t].range].contains(UTF16Unit.lineFeed) }

    /// Matches one of the phrases at token `t`; returns the index after its last word.
    func matchPhrase(_ table: [String: [[String]]], at t: Int, limit: Int) -> Int? {
        guard t < limit, tokens[t].isWordLike, let phrases = table[folded[t]] else { return nil }
        for phrase in phrases {
            var i = t
            var ok = true
            for (k, word) in phrase.enumerated() {
                if k > 0 {
                    let next = skipSpaces(i, limit)
                    guard next > i else { ok = false; break }
                    i = next
                }
                guard i < limit, tokens[i].isWordLike, folded[i] == word else { ok = false; break }
                i += 1
            }
            if ok { return i }
        }
        return nil
    }

    /// The name match (party, knowledge partner, partnership, look-alike) covering a UTF-16 offset.
    func nameMatch(at offset: Int) -> NameMatcher.Match? {
        let matches = scan.matches
        var low = 0
        var high = matches.count
        while low < high {
            let mid = (low + high) / 2
            if matches[mid].range.upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        guard low < matches.count, matches[low].range.contains(offset) else { return nil }
        return matches[low]
    }


    // MARK: - Helpers

    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, Self.isSpace(units[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(units[upper - 1]) || units[upper - 1] == UTF16Unit.comma { upper -= 1 }
        return lower..<upper
    }

    /// Words in a range, counting at most to `limit`.
    func wordCount(_ range: Range<Int>, limit: Int) -> Int {
        guard !range.isEmpty else { return 0 }
        var count = 0
        var t = tokenIndex(at: range.lowerBound)
        while t < tokens.count, tokens[t].range.lowerBound < range.upperBound, count < limit {
            if tokens[t].isWordLike { count += 1 }
            t += 1
        }
        return count
    }

    func foldedWords(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        var words: [String] = []
        var t = tokenIndex(at: range.lowerBound)
        while t < tokens.count, tokens[t].range.lowerBound < range.upperBound, words.count < 8 {
            if tokens[t].isWordLike { words.append(folded[t]) }
            t += 1
        }
        return words.joined(separator: " ")
    }

    /// Speech, not a name or title in marks: a sentence (ends in . ! ? , …), more than eight words,
    /// or a whole paragraph (a quote as subheading).
    func looksLikeSpeech(_ candidate: Candidate) -> Bool {
        let inner = candidate.quote.segments.map(trimmedKeepComma)
        if inner.count > 1 { return true }
        guard let segment = inner.first, !segment.isEmpty else { return false }
        if let last = segment.last.map({ units[$0] }), Self.isSentenceEnd(last) || last == UTF16Unit.comma { return true }
        // Right after a word, with no sentence in it: a title or phrase in marks ("rapporten »…«"), at any length.
        var k = candidate.quote.range.lowerBound - 1
        while k >= 0, Self.isSpace(units[k]), units[k] != UTF16Unit.lineFeed { k -= 1 }
        if k >= 0, Self.isLetter(units[k]) || (units[k] >= UTF16Unit.digitZero && units[k] <= UTF16Unit.digitNine) { return false }
        if wordCount(segment, limit: 9) > 8 { return true }
        let paragraph = trimmed(document.paragraphs[candidate.paragraph])
        return paragraph == candidate.quote.range && wordCount(segment, limit: 3) >= 3
    }

    func trimmedKeepComma(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, Self.isSpace(units[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(units[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
