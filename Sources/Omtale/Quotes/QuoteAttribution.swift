import Foundation

/// Where a quote says who said it: after the quote, inside it, before it ending in a colon, or in a lead-in.
extension QuoteScan {
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
        if t < limit, isPunctuation(t, UTF16Unit.comma) { t = skipSpaces(t + 1, limit) }  // ","
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
                if u == UTF16Unit.colon || u == UTF16Unit.semicolon || u == UTF16Unit.exclamationMark || u == UTF16Unit.questionMark || Self.isQuoteMark(u) { break }
                if u == UTF16Unit.fullStop {
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
            if words > 0, tokens[t].kind == .punctuation, isPunctuation(t, UTF16Unit.comma) || Self.isQuoteMark(units[tokens[t].range.lowerBound]) {
                var v = t + 1
                while v < limit, tokens[v].kind == .punctuation, isPunctuation(v, UTF16Unit.comma) || Self.isQuoteMark(units[tokens[v].range.lowerBound]) { v += 1 }
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
            if units[k] == UTF16Unit.colon { colon = k }
        } else if p > 0 {
            let previous = trimmed(document.paragraphs[p - 1])
            if let last = previous.last, units[last] == UTF16Unit.colon {
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
                if Self.isQuoteMark(u) || u == UTF16Unit.exclamationMark || u == UTF16Unit.questionMark || u == UTF16Unit.colon { break }
                if u == UTF16Unit.fullStop, c >= 2, tokens[c - 2].kind == .word,
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
        while t < sameParagraphLimit, tokens[t].kind == .space || isPunctuation(t, UTF16Unit.fullStop) || isPunctuation(t, UTF16Unit.comma) { t += 1 }
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
        while k < units.count, Self.isSpace(units[k]), units[k] != UTF16Unit.lineFeed { k += 1 }
        if k < units.count, units[k] == UTF16Unit.colon { return nil }
        if var attribution = result.0 {
            attribution.range = tokens[t].range.lowerBound..<attribution.range.upperBound
            return (attribution, nil)
        }
        return result
    }
}
