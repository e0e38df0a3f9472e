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

    // MARK: - Characters

    static func isSpace(_ u: UInt16) -> Bool { Tokenizer.isSpaceUnit(u) }
    static func isDash(_ u: UInt16) -> Bool { u == 0x2D || u == 0x2013 || u == 0x2014 }
    static func isQuoteMark(_ u: UInt16) -> Bool {
        u == 0xBB || u == 0xAB || u == 0x201E || u == 0x201C || u == 0x201D || u == 0x22 || u == 0x2018 || u == 0x2019
    }
    static func isLetter(_ u: UInt16) -> Bool {
        (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || (u >= 0xC0 && u != 0xD7 && u != 0xF7 && u < 0x2000)
    }

    func unit(_ i: Int) -> UInt16? { i >= 0 && i < units.count ? units[i] : nil }

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

    func containsNewline(_ t: Int) -> Bool { units[tokens[t].range].contains(0x0A) }

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

    // MARK: - Finding quotes

    mutating func find() -> [Quote] {
        var candidates: [Candidate] = []
        let paragraphs = document.paragraphs
        /// A quote still open at the end of a paragraph: the outermost opening mark and its segments.
        var carried: (start: Int, segments: [Range<Int>], paragraph: Int)? = nil
        var previousDashQuote = false
        var previousDashList = false

        for (p, paragraph) in paragraphs.enumerated() {
            var pos = paragraph.lowerBound
            while pos < paragraph.upperBound, Self.isSpace(units[pos]) { pos += 1 }
            var stack: [UInt16] = []
            var quoteStart = 0
            var innerStart = 0
            var segments: [Range<Int>] = []
            var startParagraph = p

            if let open = carried {
                carried = nil
                if pos < paragraph.upperBound, isOpening(pos, paragraph: paragraph) {
                    // The quote goes on: a new paragraph opens again.
                    stack = [units[pos]]
                    quoteStart = open.start
                    segments = open.segments
                    innerStart = pos + 1
                    startParagraph = open.paragraph
                    pos += 1
                } else {
                    finishUnterminated(open.start, open.segments, paragraph: open.paragraph, last: p - 1, into: &candidates)
                }
            }

            var dashQuote = false
            var dashList = false
            if stack.isEmpty, pos + 1 < paragraph.upperBound, Self.isDash(units[pos]), Self.isSpace(units[pos + 1]) {
                if let (candidate, end) = dashCandidate(paragraph: p, dash: pos, previousWasQuote: previousDashQuote,
                                                        previousWasList: previousDashList) {
                    candidates.append(candidate)
                    dashQuote = true
                    pos = end
                } else {
                    dashList = true
                    pos = paragraph.upperBound
                }
            }
            previousDashQuote = dashQuote
            previousDashList = dashList
            let before = candidates.count

            // Quotation marks.
            var k = pos
            while k < paragraph.upperBound {
                let u = units[k]
                guard Self.isQuoteMark(u) else { k += 1; continue }
                switch role(of: k, open: stack, paragraph: paragraph) {
                case .open:
                    if stack.isEmpty {
                        quoteStart = k
                        innerStart = k + 1
                        segments = []
                        startParagraph = p
                    }
                    if stack.count < finder.maxDepth { stack.append(u) }
                case .close:
                    stack.removeLast()
                    if stack.isEmpty {
                        segments.append(innerStart..<k)
                        if let candidate = markCandidate(quoteStart..<(k + 1), segments: segments, paragraph: startParagraph, last: p) {
                            candidates.append(candidate)
                        }
                    }
                case .text:
                    break
                }
                k += 1
            }
            if !stack.isEmpty {
                segments.append(innerStart..<paragraph.upperBound)
                carried = (quoteStart, segments, startParagraph)
            }
            if candidates.count == before, !dashQuote, !dashList, carried == nil, let label = labelCandidate(paragraph: p) {
                candidates.append(label)
            }
        }
        if let open = carried {
            finishUnterminated(open.start, open.segments, paragraph: open.paragraph, last: paragraphs.count - 1, into: &candidates)
        }
        return resolve(candidates)
    }

    enum MarkRole { case open, close, text }

    /// Whether the mark at `k` opens a quote (used at a paragraph start, for continued quotes).
    func isOpening(_ k: Int, paragraph: Range<Int>) -> Bool {
        guard Self.isQuoteMark(units[k]) else { return false }
        return role(of: k, open: [], paragraph: paragraph) == .open
    }

    /// What a quotation mark does here: ” and " are read from their surroundings.
    func role(of k: Int, open stack: [UInt16], paragraph: Range<Int>) -> MarkRole {
        let u = units[k]
        let before = k > paragraph.lowerBound ? units[k - 1] : 0x20
        let after = k + 1 < paragraph.upperBound ? units[k + 1] : 0x20
        let spaceBefore = Self.isSpace(before) || before == 0x28 || before == 0x5B || Self.isDash(before) || before == 0x2F
        let spaceAfter = Self.isSpace(after)
        switch u {
        case 0xBB, 0x201E:  // » „: always open
            return .open
        case 0xAB:  // «
            return stack.isEmpty ? .text : .close
        case 0x2018:  // ‘
            return spaceAfter ? .text : .open
        case 0x2019:  // ’: an apostrophe inside or after a word (KL’s, C40’s)
            if Self.isLetter(after) || after == 0x73 { return .text }
            return stack.last == 0x2018 ? .close : .text
        default:  // “ ” ": ambiguous
            if stack.isEmpty {
                // A closing-looking mark with nothing open is a stray: read it as text.
                if spaceAfter && !spaceBefore { return .text }
                return spaceAfter ? .text : .open
            }
            if u == 0x201C && stack.last == 0x201E { return .close }
            // Nested with the same mark: ” after a space and before a word opens an inner quote.
            if spaceBefore && !spaceAfter && Self.isLetter(after) { return .open }
            return .close
        }
    }

    // MARK: - Candidates

    /// A quote set off by marks, with its attribution; nil when it is a name or title in marks.
    func markCandidate(_ range: Range<Int>, segments: [Range<Int>], paragraph: Int, last: Int) -> Candidate? {
        // Marks around nothing ("””", "»«") are not a quote; nor worth looking for a speaker.
        guard segments.contains(where: { wordCount($0, limit: 1) > 0 }) else { return nil }
        var candidate = Candidate(quote: Quote(style: .marks, range: range, segments: segments, attribution: nil),
                                  paragraph: paragraph, lastParagraph: last)
        attribute(&candidate, after: range.upperBound, paragraph: document.paragraphs[last])
        if candidate.quote.attribution == nil && candidate.pronounRange == nil && !looksLikeSpeech(candidate) { return nil }
        candidate.quote.segments = segments.map(trimmed)
        return candidate
    }

    /// A quote left open at the end of its paragraph: ends there, unless an attribution stands inside it
    /// (`”Vi er klar, siger Anne Jensen.` with the closing mark forgotten).
    mutating func finishUnterminated(_ start: Int, _ segments: [Range<Int>], paragraph: Int, last: Int, into candidates: inout [Candidate]) {
        var segments = segments.map(trimmed)
        guard let lastSegment = segments.last else { return }
        let paragraphRange = document.paragraphs[last]
        if let (attribution, pronoun, speechEnd) = inlineAttribution(in: lastSegment.lowerBound..<paragraphRange.upperBound) {
            segments[segments.count - 1] = trimmed(lastSegment.lowerBound..<speechEnd)
            var candidate = Candidate(quote: Quote(style: .marks, range: start..<speechEnd, segments: segments, attribution: attribution),
                                      paragraph: paragraph, lastParagraph: last, pronounRange: pronoun)
            if candidate.quote.attribution == nil && candidate.pronounRange == nil { attribute(&candidate, after: paragraphRange.upperBound, paragraph: paragraphRange) }
            candidates.append(candidate)
            return
        }
        var candidate = Candidate(quote: Quote(style: .marks, range: start..<lastSegment.upperBound, segments: segments, attribution: nil),
                                  paragraph: paragraph, lastParagraph: last)
        attribute(&candidate, after: paragraphRange.upperBound, paragraph: paragraphRange)
        if candidate.quote.attribution == nil && candidate.pronounRange == nil && !looksLikeSpeech(candidate) { return }
        candidates.append(candidate)
    }

    /// A dialogue-dash paragraph: a quote when it is attributed or reads as speech; nil for a list item.
    func dashCandidate(paragraph p: Int, dash: Int, previousWasQuote: Bool, previousWasList: Bool) -> (Candidate, Int)? {
        let paragraph = document.paragraphs[p]
        var contentStart = dash + 1
        while contentStart < paragraph.upperBound, Self.isSpace(units[contentStart]) { contentStart += 1 }
        guard contentStart < paragraph.upperBound else { return nil }
        let content = contentStart..<paragraph.upperBound
        if let (attribution, pronoun, speechEnd) = inlineAttribution(in: content) {
            let quote = Quote(style: .dash, range: dash..<speechEnd, segments: [trimmed(contentStart..<speechEnd)], attribution: attribution)
            let end = attribution?.range.upperBound ?? pronoun?.upperBound ?? speechEnd
            return (Candidate(quote: quote, paragraph: p, lastParagraph: p, pronounRange: pronoun), end)
        }
        // No attribution in the paragraph: speech only if it reads like sentences, not like a list item.
        if previousWasList { return nil }
        if !previousWasQuote, p > 0 {
            let previous = trimmed(document.paragraphs[p - 1])
            if let last = previous.last.map({ units[$0] }), last == 0x3A {
                // "Sådan lyder det fra Anne Jensen:" then the quote; "Fakta:" then a list.
                guard let (attribution, pronoun) = attributionBefore(dash, paragraph: p) else { return nil }
                let speech = trimmed(content)
                let quote = Quote(style: .dash, range: dash..<speech.upperBound, segments: [speech], attribution: attribution)
                return (Candidate(quote: quote, paragraph: p, lastParagraph: p, pronounRange: pronoun), paragraph.upperBound)
            }
            if wordCount(previous, limit: 6) <= 5, let last = previous.last.map({ units[$0] }), !Self.isSentenceEnd(last) {
                return nil  // a short heading ("Fakta", "Sådan søger du") opens a list
            }
        }
        let speech = trimmed(content)
        guard let lastUnit = speech.last.map({ units[$0] }), Self.isSentenceEnd(lastUnit) || Self.isQuoteMark(lastUnit),
              wordCount(speech, limit: 5) >= 5 else { return nil }
        var candidate = Candidate(quote: Quote(style: .dash, range: dash..<speech.upperBound, segments: [speech], attribution: nil),
                                  paragraph: p, lastParagraph: p)
        attribute(&candidate, after: paragraph.upperBound, paragraph: paragraph)
        return (candidate, paragraph.upperBound)
    }

    static func isSentenceEnd(_ u: UInt16) -> Bool { u == 0x2E || u == 0x21 || u == 0x3F || u == 0x2026 }

    /// `KL: Klimapolitik er lokalpolitik` in a headline, subheading or caption.
    func labelCandidate(paragraph p: Int) -> Candidate? {
        let paragraph = trimmed(document.paragraphs[p])
        guard !paragraph.isEmpty else { return nil }
        // Headline-like: the first paragraph, or one that does not end like a sentence.
        let lastUnit = units[paragraph.upperBound - 1]
        guard p == 0 || !Self.isSentenceEnd(lastUnit) || wordCount(paragraph, limit: 30) < 25 else { return nil }
        let limit = min(paragraph.upperBound, paragraph.lowerBound + 80)
        guard let colon = (paragraph.lowerBound..<limit).first(where: { units[$0] == 0x3A }),
              colon + 1 < paragraph.upperBound, Self.isSpace(units[colon + 1]) else { return nil }
        let label = trimmed(paragraph.lowerBound..<colon)
        let rest = trimmed((colon + 1)..<paragraph.upperBound)
        guard !label.isEmpty, wordCount(label, limit: 7) <= 6, wordCount(rest, limit: 3) >= 3 else { return nil }
        if finder.notSpeakers.contains(foldedWords(label)) { return nil }
        let first = tokenIndex(at: label.lowerBound)
        let end = tokenIndex(at: label.upperBound)
        // A label is a speaker and nothing else: no verb, just a name or an organisation.
        for t in first..<end where matchPhrase(finder.verbs, at: t, limit: end) != nil { return nil }
        guard case .speaker(let speaker)? = parseSpeaker(first, end, labelOnly: true) else { return nil }
        let attribution = Attribution(form: .label, range: label, speaker: speaker)
        return Candidate(quote: Quote(style: .label, range: rest, segments: [rest], attribution: attribution), paragraph: p, lastParagraph: p)
    }

    // MARK: - Attribution

    /// Looks for an attribution for a candidate that has none: before it (colon), right after it,
    /// or in the next sentence (`Det siger …`).
    func attribute(_ candidate: inout Candidate, after end: Int, paragraph: Range<Int>) {
        if candidate.quote.attribution != nil || candidate.pronounRange != nil { return }
        if let (attribution, pronoun) = attributionAfter(end, paragraph: paragraph) {
            candidate.quote.attribution = attribution
            candidate.pronounRange = pronoun
            return
        }
        if candidate.quote.style != .dash, let (attribution, pronoun) = attributionBefore(candidate.quote.range.lowerBound, paragraph: candidate.paragraph) {
            candidate.quote.attribution = attribution
            candidate.pronounRange = pronoun
            return
        }
        if let (attribution, pronoun) = leadInAfter(end, paragraph: candidate.lastParagraph) {
            candidate.quote.attribution = attribution
            candidate.pronounRange = pronoun
        }
    }

    /// `, siger Anne Jensen, …` right after a closing mark (or at `end`).
    func attributionAfter(_ end: Int, paragraph: Range<Int>) -> (Attribution?, Range<Int>?)? {
        guard end < paragraph.upperBound else { return nil }
        let limit = tokenIndex(at: min(paragraph.upperBound, end + finder.window))
        var t = skipSpaces(tokenIndex(at: end), limit)
        if t < limit, isPunctuation(t, 0x2C) { t = skipSpaces(t + 1, limit) }  // ","
        return speakerAfterPhrase(at: t, limit: limit, form: .after)
    }

    /// At token `t` a verb, "lyder det fra" or "ifølge", then the speaker.
    func speakerAfterPhrase(at t: Int, limit: Int, form: Attribution.Form) -> (Attribution?, Range<Int>?)? {
        var speakerEnd: Int? = nil
        var phraseEnd = matchPhrase(finder.verbs, at: t, limit: limit) ?? matchPhrase(finder.fromPhrases, at: t, limit: limit)
            ?? matchPhrase(finder.accordingTo, at: t, limit: limit)
        if phraseEnd == nil, let (end, particle) = separableVerb(at: t, limit: limit) {
            // "slår Anne Jensen fast": the particle comes after the speaker.
            phraseEnd = t + 1
            speakerEnd = particle
            _ = end
        }
        guard let phraseEnd else { return nil }
        let end = phraseEndToken(from: phraseEnd, limit: limit)
        switch parseSpeaker(phraseEnd, speakerEnd ?? end) {
        case .speaker(let speaker)?:
            let range = tokens[t].range.lowerBound..<tokens[end - 1].range.upperBound
            return (Attribution(form: form, range: range, speaker: speaker), nil)
        case .pronoun(let range)?:
            return (nil, tokens[t].range.lowerBound..<range.upperBound)
        case nil:
            return nil
        }
    }

    /// A two-word verb split by its subject ("slår … fast"): the end of the phrase and where the particle starts.
    func separableVerb(at t: Int, limit: Int) -> (Int, Int)? {
        guard t < limit, tokens[t].isWordLike, let phrases = finder.verbs[folded[t]] else { return nil }
        let end = phraseEndToken(from: t + 1, limit: limit)
        var last = end - 1
        while last > t, tokens[last].kind == .space { last -= 1 }
        for phrase in phrases where phrase.count == 2 {
            if last > t + 1, tokens[last].isWordLike, folded[last] == phrase[1] { return (end, last) }
        }
        return nil
    }

    /// Where a speaker phrase ends: at the end of the sentence (not at "adm." or an initial), a colon,
    /// a quotation mark, the paragraph end or the window.
    func phraseEndToken(from start: Int, limit: Int) -> Int {
        var t = start
        while t < limit {
            let token = tokens[t]
            if token.kind == .space, containsNewline(t) { break }
            if token.kind == .punctuation {
                let u = units[token.range.lowerBound]
                if u == 0x3A || u == 0x3B || u == 0x21 || u == 0x3F || Self.isQuoteMark(u) { break }
                if u == 0x2E {
                    // "adm. direktør", "Anne K. Jensen": the full stop does not end the phrase.
                    if t > start, tokens[t - 1].kind == .word {
                        let abbreviation = isAbbreviation(t - 1)
                        let initial = tokens[t - 1].range.count == 1 && isCapitalised(t - 1)
                        if abbreviation || initial { t += 1; continue }
                    }
                    break
                }
            }
            t += 1
        }
        return t
    }

    /// The speech of a dash or unclosed quote ends where `, siger …` begins: the attribution, the pronoun, and where the speech ends.
    func inlineAttribution(in content: Range<Int>) -> (Attribution?, Range<Int>?, Int)? {
        let first = tokenIndex(at: content.lowerBound)
        let limit = tokenIndex(at: content.upperBound)
        var t = first
        var words = 0
        while t < limit {
            if tokens[t].isWordLike { words += 1 }
            // ", siger …" or "," siger …" (a stray closing mark before the comma or after it).
            if words > 0, tokens[t].kind == .punctuation, isPunctuation(t, 0x2C) || Self.isQuoteMark(units[tokens[t].range.lowerBound]) {
                var v = t + 1
                while v < limit, tokens[v].kind == .punctuation, isPunctuation(v, 0x2C) || Self.isQuoteMark(units[tokens[v].range.lowerBound]) { v += 1 }
                v = skipSpaces(v, limit)
                let windowLimit = tokenIndex(at: min(content.upperBound, tokens[min(v, limit - 1)].range.lowerBound + finder.window))
                if v < limit, let (attribution, pronoun) = speakerAfterPhrase(at: v, limit: max(windowLimit, v + 1), form: .after) {
                    return (attribution, pronoun, tokens[t].range.lowerBound)
                }
            }
            t += 1
        }
        return nil
    }

    /// `Anne Jensen, formand for X, siger: »…«` or the previous paragraph ending in a colon.
    func attributionBefore(_ start: Int, paragraph p: Int) -> (Attribution?, Range<Int>?)? {
        var k = start - 1
        let paragraph = document.paragraphs[p]
        while k >= paragraph.lowerBound, Self.isSpace(units[k]) { k -= 1 }
        var colon: Int? = nil
        var clauseFloor = paragraph.lowerBound
        if k >= paragraph.lowerBound {
            if units[k] == 0x3A { colon = k }
        } else if p > 0 {
            let previous = trimmed(document.paragraphs[p - 1])
            if let last = previous.last, units[last] == 0x3A {
                colon = last
                clauseFloor = previous.lowerBound
            }
        }
        guard let colon else { return nil }
        // The clause: back to the sentence start, a quotation mark, or the window.
        let floor = max(clauseFloor, colon - finder.window)
        let colonToken = tokenIndex(at: colon)
        var c = colonToken
        while c > 0, tokens[c - 1].range.lowerBound >= floor {
            let token = tokens[c - 1]
            if token.kind == .punctuation {
                let u = units[token.range.lowerBound]
                if Self.isQuoteMark(u) || u == 0x21 || u == 0x3F || u == 0x3A { break }
                if u == 0x2E, c >= 2, tokens[c - 2].kind == .word,
                   !isAbbreviation(c - 2), !(tokens[c - 2].range.count == 1 && isCapitalised(c - 2)) { break }
            }
            c -= 1
        }
        let clause = tokens[c].range.lowerBound..<colon
        let first = skipSpaces(c, colonToken)
        guard first < colonToken else { return nil }
        if finder.notSpeakers.contains(foldedWords(trimmed(clause))) { return nil }
        // A verb or "lyder det fra" in the clause: the speaker is after it, or before it.
        for t in first..<colonToken {
            guard let phraseEnd = matchPhrase(finder.verbs, at: t, limit: colonToken) ?? matchPhrase(finder.fromPhrases, at: t, limit: colonToken)
                    ?? matchPhrase(finder.accordingTo, at: t, limit: colonToken) else { continue }
            // "siger Anne Jensen:" / "Anne Jensen, formand for X, siger:" / "Hun siger:" / "Det siger han:"
            for parsed in [parseSpeaker(phraseEnd, colonToken), parseSpeaker(first, t)] {
                switch parsed {
                case .speaker(let speaker)?: return (Attribution(form: .before, range: trimmed(clause), speaker: speaker), nil)
                case .pronoun(let range)?: return (nil, range)
                case nil: continue
                }
            }
            return nil
        }
        // No verb: a label (`Birthe Fiktivsen, formand for X: »…«`), which starts with the name or organisation.
        guard wordCount(clause, limit: 20) <= 16, case .speaker(let speaker)? = parseSpeaker(first, colonToken, labelOnly: true) else { return nil }
        return (Attribution(form: .before, range: trimmed(clause), speaker: speaker), nil)
    }

    /// `»…« Det siger Anne Jensen, …` in the same paragraph after the quote or at the start of the next.
    func leadInAfter(_ end: Int, paragraph p: Int) -> (Attribution?, Range<Int>?)? {
        let paragraphs = document.paragraphs
        var t = tokenIndex(at: end)
        var limitOffset = paragraphs[p].upperBound
        let sameParagraphLimit = tokenIndex(at: limitOffset)
        while t < sameParagraphLimit, tokens[t].kind == .space || isPunctuation(t, 0x2E) || isPunctuation(t, 0x2C) { t += 1 }
        if t >= sameParagraphLimit {
            guard p + 1 < paragraphs.count else { return nil }
            limitOffset = paragraphs[p + 1].upperBound
            t = tokenIndex(at: paragraphs[p + 1].lowerBound)
            t = skipSpaces(t, tokenIndex(at: limitOffset))
        }
        let limit = tokenIndex(at: min(limitOffset, tokens[min(t, tokens.count - 1)].range.lowerBound + finder.window))
        guard t < limit, tokens[t].isWordLike, finder.leadIns.contains(folded[t]) else { return nil }
        let v = skipSpaces(t + 1, limit)
        guard let result = speakerAfterPhrase(at: v, limit: limit, form: .leadIn) else { return nil }
        // "Sådan lyder det fra Anne Jensen:" introduces the next quote, not this one.
        let end = result.0?.range.upperBound ?? result.1?.upperBound ?? 0
        var k = end
        while k < units.count, Self.isSpace(units[k]), units[k] != 0x0A { k += 1 }
        if k < units.count, units[k] == 0x3A { return nil }
        if var attribution = result.0 {
            attribution.range = tokens[t].range.lowerBound..<attribution.range.upperBound
            return (attribution, nil)
        }
        return result
    }

    // MARK: - Speakers

    enum Parsed { case speaker(Speaker), pronoun(Range<Int>) }

    /// Reads a speaker phrase (tokens `start..<end`): a name with title, party letter and organisation,
    /// an organisation, or a pronoun. `labelOnly`: the phrase must be a name or organisation and nothing more.
    func parseSpeaker(_ start: Int, _ end: Int, labelOnly: Bool = false) -> Parsed? {
        var a = start
        var b = end
        while a < b, tokens[a].kind == .space || isPunctuation(a, 0x2C) { a += 1 }
        while b > a, tokens[b - 1].kind == .space || (tokens[b - 1].kind == .punctuation && !isPunctuation(b - 1, 0x29) && !isPunctuation(b - 1, 0x2E)) { b -= 1 }
        // A trailing full stop belongs to an abbreviation only ("adm."); the sentence's own is not part of the phrase.
        if b > a, isPunctuation(b - 1, 0x2E), !(b - 2 >= a && isAbbreviation(b - 2)) { b -= 1 }
        guard a < b else { return nil }
        let phrase = tokens[a].range.lowerBound..<tokens[b - 1].range.upperBound

        if tokens[a].isWordLike, finder.pronouns.contains(folded[a]) {
            return .pronoun(tokens[a].range)
        }

        let name = nameRun(a, b)
        let letter = partyLetter(a, b)
        let organisation = self.organisation(a, b, excluding: name)

        if name == nil {
            // An organisation as the speaker: "siger KL", "lyder det fra Realdania", "KL: …".
            guard let organisation, let range = organisation.range,
                  tokenIndex(at: range.lowerBound) == a || trimmed(phrase) == range else { return nil }
            // The partnership's name before a colon is a rubric ("Klimaalliancen: Nyt netværk …"), not a speaker.
            if labelOnly, range != trimmed(phrase) || organisation.affiliation == .partnership { return nil }
            return .speaker(Speaker(name: nil, nameRange: nil, partyLetter: letter?.letter, role: nil, titleRanges: [],
                                    organisation: organisation.name, organisationRange: range, affiliation: organisation.affiliation,
                                    range: phrase))
        }
        let nameRange = tokens[name!.lowerBound].range.lowerBound..<tokens[name!.upperBound - 1].range.upperBound
        if labelOnly {
            // A label starts with the name, or a short title and the name ("borgmester Anne Jensen (S):").
            if wordCount(tokens[a].range.lowerBound..<nameRange.lowerBound, limit: 3) > 2 { return nil }
        }
        let (role, titles) = self.role(a, b, name: name!, letter: letter?.tokens, organisation: organisation)
        return .speaker(Speaker(name: document.string(nameRange), nameRange: nameRange, partyLetter: letter?.letter, role: role,
                                titleRanges: titles, organisation: organisation?.name, organisationRange: organisation?.range,
                                affiliation: organisation?.affiliation, range: phrase))
    }

    /// The first run of two or more capitalised words that is a person's name: not an organisation,
    /// not after "i"/"for" (the organisation), not starting with a title ("Borgmester Anne Jensen").
    func nameRun(_ a: Int, _ b: Int) -> Range<Int>? {
        var t = a
        while t < b {
            guard isNameWord(t) else { t += 1; continue }
            // Preceded by a preposition: the start of an organisation or committee name.
            var p = t - 1
            while p >= a, tokens[p].kind == .space { p -= 1 }
            let afterPreposition = p >= a && tokens[p].kind == .word && finder.prepositions.contains(folded[p])
            var run = [t]
            var j = t
            while true {
                var n = j + 1
                if n < b, tokens[n].kind == .space, !containsNewline(n) {
                    n += 1
                } else if n < b, tokens[n].kind == .punctuation, Self.isDash(units[tokens[n].range.lowerBound]), tokens[n].range.count == 1 {
                    n += 1  // Anne-Marie, Jensen-Hansen
                } else {
                    break
                }
                guard n < b, isNameWord(n) else { break }
                run.append(n)
                j = n
            }
            let next = j + 1 < b ? skipSpaces(j + 1, b) : b
            let followedByOrganisationWord = next < b && tokens[next].kind == .word && finder.organisationWords.contains(folded[next])
            while run.count > 2, finder.titleWords.contains(folded[run[0]]) { run.removeFirst() }
            if !afterPreposition, !followedByOrganisationWord, run.count >= 2, !finder.titleWords.contains(folded[run[0]]) {
                return run[0]..<(run[run.count - 1] + 1)
            }
            t = j + 1
        }
        return nil
    }

    func isNameWord(_ t: Int) -> Bool {
        guard isCapitalised(t), nameMatch(at: tokens[t].range.lowerBound) == nil else { return false }
        let word = folded[t]
        return !finder.organisationWords.contains(word) && !finder.pronouns.contains(word) && !finder.leadIns.contains(word)
            && verbsContain(word) == false
    }

    func verbsContain(_ word: String) -> Bool {
        finder.verbs[word]?.contains { $0.count == 1 } ?? false
    }

    /// "(S)", "(SF)", "(Ø)": one to three capital letters in parentheses.
    func partyLetter(_ a: Int, _ b: Int) -> (letter: String, tokens: Range<Int>)? {
        var t = a
        while t + 2 < b + 0 {
            if isPunctuation(t, 0x28), tokens[t + 1].kind == .word, isPunctuation(t + 2, 0x29) {
                let word = text(t + 1)
                if (1...3).contains(word.count), word == word.uppercased(), word.allSatisfy(\.isLetter) {
                    return (word, t..<(t + 3))
                }
            }
            t += 1
        }
        return nil
    }

    struct Organisation {
        var name: String
        var range: Range<Int>?
        var affiliation: Speaker.Affiliation
    }

    /// The speaker's organisation: a party or knowledge partner named in the phrase, else a look-alike
    /// ("KKR Nordjylland", "Danske Regioner"), else a capitalised name after "i", "hos", "for" …
    func organisation(_ a: Int, _ b: Int, excluding name: Range<Int>?) -> Organisation? {
        let lower = tokens[a].range.lowerBound
        let upper = tokens[b - 1].range.upperBound
        var lookalike: NameMatcher.Match? = nil
        var partnership: NameMatcher.Match? = nil
        var t = a
        while t < b {
            if let match = nameMatch(at: tokens[t].range.lowerBound), match.range.lowerBound >= lower, match.range.upperBound <= upper {
                switch match.target {
                case .party(let i) where PartyScan.names(match.kind):
                    return Organisation(name: ruleset.parties[i].name, range: match.range, affiliation: .party)
                case .knowledgePartner(let i) where PartyScan.names(match.kind):
                    return Organisation(name: ruleset.knowledgePartners[i].name, range: match.range, affiliation: .knowledgePartner)
                case .lookalike:
                    if lookalike == nil { lookalike = match }
                case .partnership where PartyScan.names(match.kind):
                    if partnership == nil { partnership = match }
                default:
                    break
                }
                t = tokenIndex(at: match.range.upperBound)
                continue
            }
            t += 1
        }
        if let lookalike {
            // "KKR Midtjylland": the look-alike with the capitalised words that complete its name.
            var last = tokenIndex(at: lookalike.range.upperBound - 1)
            while true {
                let n = skipSpaces(last + 1, b)
                guard n > last + 1, n < b, isCapitalised(n) else { break }
                last = n
            }
            let range = lookalike.range.lowerBound..<tokens[last].range.upperBound
            return Organisation(name: document.string(range), range: range, affiliation: .other)
        }
        // The last capitalised phrase after a preposition: "borgmester i Fjordby Kommune".
        var found: Range<Int>? = nil
        t = a
        while t < b {
            if tokens[t].kind == .word, finder.prepositions.contains(folded[t]) {
                var n = skipSpaces(t + 1, b)
                // "formand for Klimaalliancen": the partnership is what the title is about, not where the speaker comes from.
                if n < b, let match = nameMatch(at: tokens[n].range.lowerBound), match.target == .partnership {
                    t = n + 1
                    continue
                }
                // "i foreningen Grøn Fremtid": skip one lower-case word.
                if n < b, tokens[n].kind == .word, !isCapitalised(n) {
                    let m = skipSpaces(n + 1, b)
                    if m < b, isCapitalised(m) { n = m }
                }
                var last = n
                var j = n
                while j < b, isCapitalised(j) || (tokens[j].kind == .word && finder.organisationWords.contains(folded[j])) || tokens[j].kind == .number {
                    if let name, name.contains(j) { break }
                    last = j + 1
                    let s = skipSpaces(j + 1, b)
                    guard s < b, s > j + 1, !containsNewline(j + 1) else { break }
                    j = s
                }
                if last > n {
                    found = tokens[n].range.lowerBound..<tokens[last - 1].range.upperBound
                    t = last
                    continue
                }
            }
            t += 1
        }
        if let found { return Organisation(name: document.string(found), range: found, affiliation: .other) }
        if let partnership, name == nil {
            return Organisation(name: ruleset.partnership.name, range: partnership.range, affiliation: .partnership)
        }
        return nil
    }

    /// The title as written (without name, party letter and a final "i <organisation>"), and its parts
    /// (split at commas and "og") for checking roles.
    func role(_ a: Int, _ b: Int, name: Range<Int>, letter: Range<Int>?, organisation: Organisation?) -> (String?, [Range<Int>]) {
        /// Token ranges of the phrase without the name and party letter, split at commas (and at "og" when `atAnd`).
        func split(atAnd: Bool) -> [Range<Int>] {
            var parts: [Range<Int>] = []
            var partStart: Int? = nil
            var depth = 0
            func close(_ end: Int) {
                if let s = partStart, end > s {
                    let range = trimmed(tokens[s].range.lowerBound..<tokens[end - 1].range.upperBound)
                    if !range.isEmpty, range != organisation?.range { parts.append(range) }
                }
                partStart = nil
            }
            var t = a
            while t < b {
                if name.contains(t) || (letter?.contains(t) ?? false) { close(t); t += 1; continue }
                if isPunctuation(t, 0x28) { depth += 1 }
                if isPunctuation(t, 0x29) { depth = max(0, depth - 1) }
                let splitsHere = depth == 0 && (isPunctuation(t, 0x2C) || (atAnd && tokens[t].kind == .word && folded[t] == "og"))
                if splitsHere { close(t); t += 1; continue }
                if tokens[t].kind != .space, partStart == nil { partStart = t }
                t += 1
            }
            close(b)
            return parts
        }
        let titles = split(atAnd: true)
        var pieces = split(atAnd: false)
        guard !pieces.isEmpty else { return (nil, titles) }
        var organisationRemoved = false
        // Without a final "i <organisation>": "adm. direktør i Realdania" is the role "adm. direktør".
        if let org = organisation?.range, org.upperBound == pieces[pieces.count - 1].upperBound {
            var q = tokenIndex(at: org.lowerBound) - 1
            while q >= 0, tokens[q].kind == .space { q -= 1 }
            // "i foreningen Realdania": one lower-case word may stand between the preposition and the name.
            if q >= 1, tokens[q].kind == .word, !isCapitalised(q), !finder.prepositions.contains(folded[q]) {
                q -= 1
                while q >= 0, tokens[q].kind == .space { q -= 1 }
            }
            let last = pieces[pieces.count - 1]
            if q >= 0, tokens[q].kind == .word, finder.prepositions.contains(folded[q]), tokens[q].range.lowerBound > last.lowerBound {
                pieces[pieces.count - 1] = trimmed(last.lowerBound..<tokens[q].range.lowerBound)
                organisationRemoved = true
            }
        }
        var texts = pieces.filter { !$0.isEmpty }.map { document.string($0) }
        // "sekretariatschef i Klimaalliancen og ansat [i KL]": a bare participle left by the organisation is not a title.
        if organisationRemoved, var last = texts.last, let range = last.range(of: " og ", options: .backwards) {
            let tail = last[range.upperBound...]
            if !tail.contains(" "), let first = tail.first, first.isLowercase,
               !finder.titleWords.contains(NameMatcher.foldWord(String(tail))) {
                last.removeSubrange(range.lowerBound...)
                texts[texts.count - 1] = last
            }
        }
        // "der til daglig er programchef …": the relative clause's verb is not part of the title.
        if var first = texts.first {
            for opener in ["der ", "som "] where first.hasPrefix(opener) {
                let words = first.split(separator: " ", omittingEmptySubsequences: true)
                if let index = words.prefix(5).firstIndex(where: { $0 == "er" || $0 == "var" }) {
                    first = words[(index + 1)...].joined(separator: " ")
                }
            }
            texts[0] = first
        }
        var role = texts.filter { !$0.isEmpty }.joined(separator: ", ")
        while let last = role.last, last == "," || last == " " || last == "." && !role.hasSuffix("adm.") { role.removeLast() }
        return (role.isEmpty ? nil : role, titles)
    }

    // MARK: - Helpers

    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, Self.isSpace(units[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(units[upper - 1]) || units[upper - 1] == 0x2C { upper -= 1 }
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
        if let last = segment.last.map({ units[$0] }), Self.isSentenceEnd(last) || last == 0x2C { return true }
        // Right after a word, with no sentence in it: a title or phrase in marks ("rapporten »…«"), at any length.
        var k = candidate.quote.range.lowerBound - 1
        while k >= 0, Self.isSpace(units[k]), units[k] != 0x0A { k -= 1 }
        if k >= 0, Self.isLetter(units[k]) || (units[k] >= 0x30 && units[k] <= 0x39) { return false }
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

    // MARK: - Resolving

    /// Pronouns to the last named speaker before them; quote paragraphs without attribution that
    /// follow an attributed quote directly continue it.
    func resolve(_ candidates: [Candidate]) -> [Quote] {
        let candidates = candidates.sorted { $0.quote.range.lowerBound < $1.quote.range.lowerBound }
        // Named speakers by where they are named: attributions, and "Ifølge Anne Jensen, …" in the text.
        var named: [(offset: Int, speaker: Speaker)] = []
        for candidate in candidates {
            if let attribution = candidate.quote.attribution, attribution.speaker.name != nil {
                named.append((attribution.range.lowerBound, attribution.speaker))
            }
        }
        named += narrativeSpeakers()
        named.sort { $0.offset < $1.offset }

        func lastNamed(before offset: Int) -> Speaker? {
            var low = 0
            var high = named.count
            while low < high {
                let mid = (low + high) / 2
                if named[mid].offset < offset { low = mid + 1 } else { high = mid }
            }
            return low > 0 ? named[low - 1].speaker : nil
        }

        var quotes: [Quote] = []
        var previous: Candidate? = nil
        for var candidate in candidates {
            if let pronoun = candidate.pronounRange, candidate.quote.attribution == nil, let speaker = lastNamed(before: pronoun.lowerBound) {
                candidate.quote.attribution = Attribution(form: .pronoun, range: pronoun, speaker: speaker)
            }
            if candidate.quote.attribution == nil, candidate.pronounRange == nil, let previous, let attribution = previous.quote.attribution,
               previous.lastParagraph + 1 == candidate.paragraph, candidate.quote.style != .label,
               candidate.quote.range.lowerBound == trimmed(document.paragraphs[candidate.paragraph]).lowerBound {
                candidate.quote.attribution = Attribution(form: .continuation, range: candidate.quote.range, speaker: attribution.speaker)
            }
            quotes.append(candidate.quote)
            previous = candidate
        }
        // A quote in the headline or lead repeated with its speaker further down: "»Vi skal turde mere«" as the
        // headline and "»Vi skal turde mere, end vi har gjort,« siger …" in the body. Bounded: the first
        // paragraphs only, against at most `maxRepeatChecks` attributed quotes.
        let maxRepeatChecks = 200
        let attributed = quotes.indices.filter { quotes[$0].attribution != nil }.prefix(maxRepeatChecks)
        for i in quotes.indices where quotes[i].attribution == nil {
            guard let paragraph = document.paragraphIndex(containing: quotes[i].range.lowerBound) else { continue }
            if paragraph >= 4 { break }
            let text = comparable(quotes[i])
            guard text.count >= 8 else { continue }
            if let j = attributed.first(where: { $0 > i && comparable(quotes[$0]).hasPrefix(text) }), let attribution = quotes[j].attribution {
                quotes[i].attribution = Attribution(form: .repeated, range: attribution.range, speaker: attribution.speaker)
            }
        }
        return quotes
    }

    /// A quote's words, lower-cased, without punctuation at its end, for finding it repeated.
    func comparable(_ quote: Quote) -> String {
        var text = quote.segments.map { document.string($0) }.joined(separator: " ").lowercased()
        while let last = text.last, last.isPunctuation || last.isWhitespace { text.removeLast() }
        return text
    }

    /// "Ifølge Anne Jensen, …" outside quotes: a named speaker pronouns may refer to.
    func narrativeSpeakers() -> [(offset: Int, speaker: Speaker)] {
        var result: [(Int, Speaker)] = []
        for t in tokens.indices where tokens[t].kind == .word && finder.accordingTo[folded[t]] != nil {
            var limit = tokenIndex(at: min(units.count, tokens[t].range.lowerBound + finder.window))
            // In running text the speaker phrase is the name and one title between commas: "Ifølge Anne Jensen, formand for X, er …".
            var commas = 0
            for c in t..<limit where isPunctuation(c, 0x2C) {
                commas += 1
                if commas == 2 { limit = c; break }
            }
            guard let (attribution, _) = speakerAfterPhrase(at: t, limit: limit, form: .after), let attribution,
                  attribution.speaker.name != nil else { continue }
            result.append((tokens[t].range.lowerBound, attribution.speaker))
        }
        return result
    }
}
