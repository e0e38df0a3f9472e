import Foundation

/// One document's quote analysis (the finder's working state).
struct QuoteScan {
    let finder: QuoteFinder
    let document: Document
    let scan: PartyScan
    let ruleset: Ruleset
    let units: [UInt16]
    let tokens: [Token]
    let folded: [String]
    /// Every word of the document, folded: whether the text writes a word elsewhere ("Fjordby" beside "Fjordbys").
    let wordsWritten: Set<String>

    init(finder: QuoteFinder, document: Document, scan: PartyScan, ruleset: Ruleset) {
        self.finder = finder
        self.document = document
        self.scan = scan
        self.ruleset = ruleset
        units = document.utf16
        tokens = document.tokens
        folded = document.foldedTokens
        wordsWritten = Set(folded)
    }

    /// A quote found, before pronouns and continuations are resolved.
    struct Candidate {
        var quote: Quote
        var paragraph: Int
        var lastParagraph: Int
        /// `siger hun` / `siger borgmesteren` / `siger Jensen`: resolve to the person it refers to.
        var reference: Reference?
    }

    /// A word that stands for a speaker named elsewhere.
    struct Reference {
        enum Kind { case pronoun, noun, surname }
        var kind: Kind
        /// The attribution phrase (verb and the word).
        var range: Range<Int>
        /// The referring word itself.
        var word: Range<Int>
        var steps: [Attribution.Step]
    }

    // MARK: - Tokens

    func unit(_ i: Int) -> UInt16? { i >= 0 && i < units.count ? units[i] : nil }

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

    /// Next non-space token index at or after `t`, before `limit` (a line break stops it).
    func skipSpaces(_ t: Int, _ limit: Int) -> Int {
        var t = t
        while t < limit, tokens[t].kind == .space, !containsNewline(t) { t += 1 }
        return t
    }

    /// The previous non-space token before `t`, not before `floor`; nil when none.
    func previousWord(_ t: Int, floor: Int) -> Int? {
        var p = t - 1
        while p >= floor, tokens[p].kind == .space { p -= 1 }
        return p >= floor ? p : nil
    }

    /// A word that a full stop after does not end ("adm.", "bl.a."); an acronym in capitals ("KL.") is not one.
    func isAbbreviation(_ t: Int) -> Bool {
        let word = text(t)
        if word.count > 1, word == word.uppercased() { return false }
        return DanishAbbreviations.neverFinal.contains(folded[t] + ".")
    }

    func containsNewline(_ t: Int) -> Bool { units[tokens[t].range].contains(Unit.newline) }

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

    /// A verb, "lyder det fra" or "ifølge" at `t`: the index after it.
    func matchAttributionPhrase(at t: Int, limit: Int) -> Int? {
        matchPhrase(finder.verbs, at: t, limit: limit) ?? matchPhrase(finder.fromPhrases, at: t, limit: limit)
            ?? matchPhrase(finder.accordingTo, at: t, limit: limit)
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
            while pos < paragraph.upperBound, Unit.isSpace(units[pos]) { pos += 1 }
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
                } else if !paragraph.contains(where: { Unit.isQuoteMark(units[$0]) }),
                          (p + 1..<min(p + 3, paragraphs.count)).first(where: { q in
                              document.paragraphs[q].contains(where: { Unit.isQuoteMark(units[$0]) }) })
                            .map({ q in closingWithAttribution(from: document.paragraphs[q].lowerBound, paragraph: document.paragraphs[q],
                                                               opening: units[open.start]) != nil }) == true {
                    // A middle paragraph of such a speech, with no marks at all: the quote goes on through it.
                    carried = (open.start, open.segments + [trimmed(paragraph)], open.paragraph)
                    continue
                } else if closingWithAttribution(from: pos, paragraph: paragraph, opening: units[open.start]) != nil {
                    // ”A.¶ B”, sagde Anne Jensen.: the speech went on without a new opening mark and closes here,
                    // attributed (seen in the r8 dev texts). The mark is read as the closing one below.
                    stack = [units[open.start]]
                    quoteStart = open.start
                    segments = open.segments
                    innerStart = pos
                    startParagraph = open.paragraph
                } else {
                    finishUnterminated(open.start, open.segments, paragraph: open.paragraph, last: p - 1, into: &candidates)
                }
            }

            var dashQuote = false
            var dashList = false
            // "-Vi er meget glade …, siger …": a dash written without its space counts only with an attribution in
            // its paragraph, since "-Punkt" is more often a list item.
            let unspaced = pos + 1 < paragraph.upperBound && Unit.isDash(units[pos])
                && (Unicode.Scalar(units[pos + 1]).map { $0.properties.isUppercase } ?? false)
            if stack.isEmpty, pos + 1 < paragraph.upperBound, Unit.isDash(units[pos]), Unit.isSpace(units[pos + 1]) || unspaced {
                if let (candidate, end) = dashCandidate(paragraph: p, dash: pos, previousWasQuote: previousDashQuote,
                                                        previousWasList: previousDashList, attributedOnly: unspaced) {
                    candidates.append(candidate)
                    dashQuote = true
                    pos = end
                } else if unspaced {
                    // Not speech: read the paragraph as text.
                } else {
                    dashList = true
                    pos = paragraph.upperBound
                }
            }
            previousDashQuote = dashQuote
            previousDashList = dashList
            let before = candidates.count

            // Quotation marks, and dialogue dashes after a sentence inside the paragraph.
            var k = pos
            while k < paragraph.upperBound {
                let u = units[k]
                if stack.isEmpty, Unit.isDash(u), let (candidate, end) = midParagraphDash(at: k, paragraph: p) {
                    candidates.append(candidate)
                    k = max(end, k + 1)
                    continue
                }
                guard Unit.isQuoteMark(u) else { k += 1; continue }
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

    /// The paragraph's first quotation mark, when it closes `opening` and an attribution follows it (", sagde …"):
    /// the close of a quote carried over from the paragraph before.
    func closingWithAttribution(from pos: Int, paragraph: Range<Int>, opening: UInt16) -> Int? {
        var k = pos
        while k < paragraph.upperBound, !Unit.isQuoteMark(units[k]) { k += 1 }
        guard k < paragraph.upperBound, role(of: k, open: [opening], paragraph: paragraph) == .close,
              attributionAfter(k + 1, paragraph: paragraph) != nil else { return nil }
        return k
    }

    // MARK: - Candidates

    /// A quote set off by marks, with its attribution; nil when it is a name or title in marks.
    func markCandidate(_ range: Range<Int>, segments: [Range<Int>], paragraph: Int, last: Int) -> Candidate? {
        // Marks around nothing ("””", "»«") are not a quote; nor worth looking for a speaker.
        guard segments.contains(where: { wordCount($0, limit: 1) > 0 }) else { return nil }
        var candidate = Candidate(quote: Quote(style: .marks, range: range, segments: segments, attribution: nil),
                                  paragraph: paragraph, lastParagraph: last)
        attribute(&candidate, after: range.upperBound, paragraph: document.paragraphs[last])
        if candidate.quote.attribution == nil && candidate.reference == nil, let (attribution, reference) = indirectSpeech(before: range.lowerBound) {
            candidate.quote.attribution = attribution
            candidate.reference = reference
        }
        if candidate.quote.attribution == nil && candidate.reference == nil && !looksLikeSpeech(candidate) { return nil }
        candidate.quote.segments = segments.map(trimmed)
        return candidate
    }

    /// A quote left open at the end of its paragraph: ends there, unless an attribution stands inside it
    /// (`”Vi er klar, siger Anne Jensen.` with the closing mark forgotten).
    mutating func finishUnterminated(_ start: Int, _ segments: [Range<Int>], paragraph: Int, last: Int, into candidates: inout [Candidate]) {
        var segments = segments.map(trimmed)
        guard let lastSegment = segments.last else { return }
        let paragraphRange = document.paragraphs[last]
        if let (attribution, reference, speechEnd) = inlineAttribution(in: lastSegment.lowerBound..<paragraphRange.upperBound) {
            segments[segments.count - 1] = trimmed(lastSegment.lowerBound..<speechEnd)
            var candidate = Candidate(quote: Quote(style: .marks, range: start..<speechEnd, segments: segments, attribution: attribution),
                                      paragraph: paragraph, lastParagraph: last, reference: reference)
            if candidate.quote.attribution == nil && candidate.reference == nil {
                attribute(&candidate, after: paragraphRange.upperBound, paragraph: paragraphRange)
            }
            candidates.append(candidate)
            return
        }
        var candidate = Candidate(quote: Quote(style: .marks, range: start..<lastSegment.upperBound, segments: segments, attribution: nil),
                                  paragraph: paragraph, lastParagraph: last)
        attribute(&candidate, after: paragraphRange.upperBound, paragraph: paragraphRange)
        if candidate.quote.attribution == nil && candidate.reference == nil && !looksLikeSpeech(candidate) { return }
        candidates.append(candidate)
    }

    /// A dialogue-dash paragraph: a quote when it is attributed or reads as speech; nil for a list item.
    func dashCandidate(paragraph p: Int, dash: Int, previousWasQuote: Bool, previousWasList: Bool,
                       attributedOnly: Bool = false) -> (Candidate, Int)? {
        let paragraph = document.paragraphs[p]
        var contentStart = dash + 1
        while contentStart < paragraph.upperBound, Unit.isSpace(units[contentStart]) { contentStart += 1 }
        guard contentStart < paragraph.upperBound else { return nil }
        let content = contentStart..<paragraph.upperBound
        if let (attribution, reference, speechEnd) = inlineAttribution(in: content) {
            let quote = Quote(style: .dash, range: dash..<speechEnd, segments: [trimmed(contentStart..<speechEnd)], attribution: attribution)
            let end = attribution?.range.upperBound ?? reference?.range.upperBound ?? speechEnd
            return (Candidate(quote: quote, paragraph: p, lastParagraph: p, reference: reference), end)
        }
        // No attribution in the paragraph: speech only if it reads like sentences, not like a list item.
        if previousWasList || attributedOnly { return nil }
        if !previousWasQuote, p > 0 {
            let previous = trimmed(document.paragraphs[p - 1])
            if let last = previous.last.map({ units[$0] }), last == Unit.colon {
                // "Sådan lyder det fra Anne Jensen:" then the quote; "Fakta:" then a list.
                guard let (attribution, reference) = attributionBefore(dash, paragraph: p) else { return nil }
                let speech = trimmed(content)
                let quote = Quote(style: .dash, range: dash..<speech.upperBound, segments: [speech], attribution: attribution)
                return (Candidate(quote: quote, paragraph: p, lastParagraph: p, reference: reference), paragraph.upperBound)
            }
            if wordCount(previous, limit: 6) <= 5, let last = previous.last.map({ units[$0] }), !Unit.isSentenceEnd(last) {
                return nil  // a short heading ("Fakta", "Sådan søger du") opens a list
            }
        }
        let speech = trimmed(content)
        // A sentence, or a long speech cut off at the end of an excerpt (a list item is short).
        guard let lastUnit = speech.last.map({ units[$0] }),
              (Unit.isSentenceEnd(lastUnit) || Unit.isQuoteMark(lastUnit)) && wordCount(speech, limit: 5) >= 5
                || wordCount(speech, limit: finder.longSpeechWords) >= finder.longSpeechWords else { return nil }
        var candidate = Candidate(quote: Quote(style: .dash, range: dash..<speech.upperBound, segments: [speech], attribution: nil),
                                  paragraph: p, lastParagraph: p)
        attribute(&candidate, after: paragraph.upperBound, paragraph: paragraph)
        return (candidate, paragraph.upperBound)
    }

    /// `… kommunerne. – Vi er godt på vej, siger …`: a dialogue dash after a sentence (or after a colon)
    /// inside a paragraph. Only with its attribution in the same paragraph: a dash between sentences is
    /// otherwise a pause, not speech.
    func midParagraphDash(at k: Int, paragraph p: Int) -> (Candidate, Int)? {
        let paragraph = document.paragraphs[p]
        guard k > paragraph.lowerBound, k + 2 < paragraph.upperBound, Unit.isSpace(units[k + 1]) else { return nil }
        var b = k - 1
        while b > paragraph.lowerBound, Unit.isSpace(units[b]) { b -= 1 }
        // "sygehuse.- Medarbejderne …" (texts joined without a space) counts as "sygehuse. – Medarbejderne".
        guard b < k - 1 || Unit.isSentenceEnd(units[b]) else { return nil }
        let previous = units[b]
        guard Unit.isSentenceEnd(previous) || previous == Unit.colon || Unit.isQuoteMark(previous) && b > paragraph.lowerBound
                && Unit.isSentenceEnd(units[b - 1]) else { return nil }
        var contentStart = k + 1
        while contentStart < paragraph.upperBound, Unit.isSpace(units[contentStart]) { contentStart += 1 }
        guard contentStart < paragraph.upperBound, let first = Unicode.Scalar(units[contentStart]),
              first.properties.isUppercase else { return nil }
        guard let (attribution, reference, speechEnd) = inlineAttribution(in: contentStart..<paragraph.upperBound),
              attribution != nil || reference != nil else {
            return previous == Unit.colon ? headlineDash(at: k, contentStart: contentStart, colon: b, paragraph: p) : nil
        }
        let quote = Quote(style: .dash, range: k..<speechEnd, segments: [trimmed(contentStart..<speechEnd)], attribution: attribution)
        let end = attribution?.range.upperBound ?? reference?.range.upperBound ?? speechEnd
        return (Candidate(quote: quote, paragraph: p, lastParagraph: p, reference: reference), end)
    }

    /// `Borgmester: - Det minder om en strafnedsættelse` / `Borgmester roser aftalen: - Den sikrer ro`: the
    /// news headline's dash quote after a colon, with nothing after it. Its speaker is the title before the
    /// colon, a noun that the body names (resolved like "siger borgmesteren", but forward); without a title
    /// the quote has no speaker here (a repeat in the body may still give one).
    func headlineDash(at k: Int, contentStart: Int, colon: Int, paragraph p: Int) -> (Candidate, Int)? {
        let paragraph = trimmed(document.paragraphs[p])
        // A headline: among the first paragraphs, short, not ending like a sentence of running text.
        guard p < finder.headlineParagraphs, wordCount(paragraph, limit: 26) <= 25,
              !(paragraph.upperBound - 1 > contentStart && units[paragraph.upperBound - 1] == Unit.fullStop && p > 0),
              wordCount(contentStart..<paragraph.upperBound, limit: 3) >= 3 else { return nil }
        let label = trimmed(paragraph.lowerBound..<colon)
        guard !label.isEmpty, wordCount(label, limit: 9) <= 8 else { return nil }
        let speech = trimmed(contentStart..<paragraph.upperBound)
        let quote = Quote(style: .dash, range: k..<speech.upperBound, segments: [speech], attribution: nil)
        let first = tokenIndex(at: label.lowerBound)
        let end = tokenIndex(at: label.upperBound)
        var reference: Reference? = nil
        if let title = (first..<end).first(where: { isTitle($0) }) {
            reference = Reference(kind: .noun, range: label, word: tokens[title].range,
                                  steps: [Attribution.Step("headline", document.string(label)), Attribution.Step("noun", document.string(tokens[title].range))])
        }
        return (Candidate(quote: quote, paragraph: p, lastParagraph: p, reference: reference), paragraph.upperBound)
    }

    /// `KL: Klimapolitik er lokalpolitik` in a headline, subheading or caption.
    func labelCandidate(paragraph p: Int) -> Candidate? {
        let paragraph = trimmed(document.paragraphs[p])
        guard !paragraph.isEmpty else { return nil }
        // Headline-like: the first paragraph, or one that does not end like a sentence.
        let lastUnit = units[paragraph.upperBound - 1]
        guard p == 0 || !Unit.isSentenceEnd(lastUnit) || wordCount(paragraph, limit: 30) < 25 else { return nil }
        let limit = min(paragraph.upperBound, paragraph.lowerBound + 80)
        guard let colon = (paragraph.lowerBound..<limit).first(where: { units[$0] == Unit.colon }),
              colon + 1 < paragraph.upperBound, Unit.isSpace(units[colon + 1]) else { return nil }
        let label = trimmed(paragraph.lowerBound..<colon)
        let rest = trimmed((colon + 1)..<paragraph.upperBound)
        guard !label.isEmpty, wordCount(label, limit: 7) <= 6, wordCount(rest, limit: 3) >= 3 else { return nil }
        if finder.notSpeakers.contains(foldedWords(label)) { return nil }
        let first = tokenIndex(at: label.lowerBound)
        let end = tokenIndex(at: label.upperBound)
        // A label is a speaker and nothing else: no verb, just a name or an organisation.
        for t in first..<end where matchPhrase(finder.verbs, at: t, limit: end) != nil { return nil }
        guard case .speaker(let speaker, let steps)? = parseSpeaker(first, end, labelOnly: true) else { return nil }
        let attribution = Attribution(form: .label, range: label, speaker: speaker,
                                      steps: [Attribution.Step("label", document.string(label))] + steps)
        return Candidate(quote: Quote(style: .label, range: rest, segments: [rest], attribution: attribution), paragraph: p, lastParagraph: p)
    }

    // MARK: - Helpers

    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, Unit.isSpace(units[lower]) { lower += 1 }
        while upper > lower, Unit.isSpace(units[upper - 1]) || units[upper - 1] == Unit.comma { upper -= 1 }
        return lower..<upper
    }

    func trimmedKeepComma(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, Unit.isSpace(units[lower]) { lower += 1 }
        while upper > lower, Unit.isSpace(units[upper - 1]) { upper -= 1 }
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
        // Right after a word, with no sentence in it: a title or phrase in marks ("rapporten »…«"), at any length.
        var k = candidate.quote.range.lowerBound - 1
        while k >= 0, Unit.isSpace(units[k]), units[k] != Unit.newline { k -= 1 }
        let afterWord = k >= 0 && (Unit.isLetter(units[k]) || Unit.isDigit(units[k]))
        // "han kalder det »…«", "den såkaldte »…«": a name or term.
        let before = tokenIndex(at: candidate.quote.range.lowerBound)
        if let p = previousWord(before, floor: 0), tokens[p].kind == .word {
            if finder.namingWords.contains(folded[p]) { return false }
            if let q = previousWord(p, floor: 0), tokens[q].kind == .word, finder.namingWords.contains(folded[q]) { return false }
        }
        if let last = segment.last.map({ units[$0] }), Unit.isSentenceEnd(last) || last == Unit.comma {
            // "rapporten »Klimaplaner for hele landet.«": a title ending in a full stop is still a title.
            // Words quoted mid-sentence start in lower case ("kalder det »en god dag.«"); a title in capitals.
            let capital = Unicode.Scalar(units[segment.lowerBound]).map { $0.properties.isUppercase } ?? false
            return !(afterWord && capital && wordCount(segment, limit: 9) <= 8 && !segmentHasSentenceInside(segment))
        }
        if afterWord { return false }
        if wordCount(segment, limit: 9) > 8 { return true }
        let paragraph = trimmed(document.paragraphs[candidate.paragraph])
        return paragraph == candidate.quote.range && wordCount(segment, limit: 3) >= 3
    }

    /// A full stop, "!" or "?" before the last character: more than one sentence.
    func segmentHasSentenceInside(_ segment: Range<Int>) -> Bool {
        guard segment.count > 2 else { return false }
        return (segment.lowerBound..<(segment.upperBound - 1)).contains { Unit.isSentenceEnd(units[$0]) && Unit.isSpace(units[$0 + 1]) }
    }
}
