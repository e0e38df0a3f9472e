import Foundation

/// The UTF-16 code units the quote finder looks at, by name.
enum UTF16Unit {
    /// \n
    static let lineFeed: UInt16 = 0x0A
    ///  
    static let space: UInt16 = 0x20
    /// !
    static let exclamationMark: UInt16 = 0x21
    /// " (straight)
    static let quotationMark: UInt16 = 0x22
    /// (
    static let leftParenthesis: UInt16 = 0x28
    /// )
    static let rightParenthesis: UInt16 = 0x29
    /// ,
    static let comma: UInt16 = 0x2C
    /// -
    static let hyphenMinus: UInt16 = 0x2D
    /// .
    static let fullStop: UInt16 = 0x2E
    /// /
    static let solidus: UInt16 = 0x2F
    /// 0
    static let digitZero: UInt16 = 0x30
    /// 9
    static let digitNine: UInt16 = 0x39
    /// :
    static let colon: UInt16 = 0x3A
    /// ;
    static let semicolon: UInt16 = 0x3B
    /// ?
    static let questionMark: UInt16 = 0x3F
    /// A
    static let capitalA: UInt16 = 0x41
    /// Z
    static let capitalZ: UInt16 = 0x5A
    /// [
    static let leftSquareBracket: UInt16 = 0x5B
    /// a
    static let smallA: UInt16 = 0x61
    /// s (KL’s)
    static let smallS: UInt16 = 0x73
    /// z
    static let smallZ: UInt16 = 0x7A
    /// «
    static let leftGuillemet: UInt16 = 0xAB
    /// »
    static let rightGuillemet: UInt16 = 0xBB
    /// À, the first Latin-1 letter
    static let latin1LettersStart: UInt16 = 0xC0
    /// ×, not a letter
    static let multiplicationSign: UInt16 = 0xD7
    /// ÷, not a letter
    static let divisionSign: UInt16 = 0xF7
    /// the first General Punctuation unit: no letters from here on
    static let generalPunctuationStart: UInt16 = 0x2000
    /// –
    static let enDash: UInt16 = 0x2013
    /// —
    static let emDash: UInt16 = 0x2014
    /// ‘
    static let leftSingleQuote: UInt16 = 0x2018
    /// ’ (also the apostrophe)
    static let rightSingleQuote: UInt16 = 0x2019
    /// “
    static let leftDoubleQuote: UInt16 = 0x201C
    /// ”
    static let rightDoubleQuote: UInt16 = 0x201D
    /// „
    static let lowDoubleQuote: UInt16 = 0x201E
    /// …
    static let ellipsis: UInt16 = 0x2026
}

/// Quotation marks and dialogue dashes: which mark opens or closes a quote, and the quote candidates they give.
extension QuoteScan {
    // MARK: - Characters

    static func isSpace(_ u: UInt16) -> Bool { Tokenizer.isSpaceUnit(u) }
    static func isDash(_ u: UInt16) -> Bool { u == UTF16Unit.hyphenMinus || u == UTF16Unit.enDash || u == UTF16Unit.emDash }
    static func isQuoteMark(_ u: UInt16) -> Bool {
        u == UTF16Unit.rightGuillemet || u == UTF16Unit.leftGuillemet || u == UTF16Unit.lowDoubleQuote || u == UTF16Unit.leftDoubleQuote || u == UTF16Unit.rightDoubleQuote || u == UTF16Unit.quotationMark || u == UTF16Unit.leftSingleQuote || u == UTF16Unit.rightSingleQuote
    }
    static func isLetter(_ u: UInt16) -> Bool {
        (u >= UTF16Unit.capitalA && u <= UTF16Unit.capitalZ) || (u >= UTF16Unit.smallA && u <= UTF16Unit.smallZ) || (u >= UTF16Unit.latin1LettersStart && u != UTF16Unit.multiplicationSign && u != UTF16Unit.divisionSign && u < UTF16Unit.generalPunctuationStart)
    }

    func unit(_ i: Int) -> UInt16? { i >= 0 && i < units.count ? units[i] : nil }

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
        let before = k > paragraph.lowerBound ? units[k - 1] : UTF16Unit.space
        let after = k + 1 < paragraph.upperBound ? units[k + 1] : UTF16Unit.space
        let spaceBefore = Self.isSpace(before) || before == UTF16Unit.leftParenthesis || before == UTF16Unit.leftSquareBracket || Self.isDash(before) || before == UTF16Unit.solidus
        let spaceAfter = Self.isSpace(after)
        switch u {
        case UTF16Unit.rightGuillemet, UTF16Unit.lowDoubleQuote:  // » „: always open
            return .open
        case UTF16Unit.leftGuillemet:  // «
            return stack.isEmpty ? .text : .close
        case UTF16Unit.leftSingleQuote:  // ‘
            return spaceAfter ? .text : .open
        case UTF16Unit.rightSingleQuote:  // ’: an apostrophe inside or after a word (KL’s, C40’s)
            if Self.isLetter(after) || after == UTF16Unit.smallS { return .text }
            return stack.last == UTF16Unit.leftSingleQuote ? .close : .text
        default:  // “ ” ": ambiguous
            if stack.isEmpty {
                // A closing-looking mark with nothing open is a stray: read it as text.
                if spaceAfter && !spaceBefore { return .text }
                return spaceAfter ? .text : .open
            }
            if u == UTF16Unit.leftDoubleQuote && stack.last == UTF16Unit.lowDoubleQuote { return .close }
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
            if let last = previous.last.map({ units[$0] }), last == UTF16Unit.colon {
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

    static func isSentenceEnd(_ u: UInt16) -> Bool { u == UTF16Unit.fullStop || u == UTF16Unit.exclamationMark || u == UTF16Unit.questionMark || u == UTF16Unit.ellipsis }

    /// `KL: Klimapolitik er lokalpolitik` in a headline, subheading or caption.
    func labelCandidate(paragraph p: Int) -> Candidate? {
        let paragraph = trimmed(document.paragraphs[p])
        guard !paragraph.isEmpty else { return nil }
        // Headline-like: the first paragraph, or one that does not end like a sentence.
        let lastUnit = units[paragraph.upperBound - 1]
        guard p == 0 || !Self.isSentenceEnd(lastUnit) || wordCount(paragraph, limit: 30) < 25 else { return nil }
        let limit = min(paragraph.upperBound, paragraph.lowerBound + 80)
        guard let colon = (paragraph.lowerBound..<limit).first(where: { units[$0] == UTF16Unit.colon }),
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
}
