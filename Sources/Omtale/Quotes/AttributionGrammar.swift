/// The attribution grammar: where a Danish text says who speaks, read with the verbs and phrases of
/// `quotes.yml`.
///
/// - after the quote: `»…«, siger Anne Jensen, …` / `, lyder det fra …` / `, ifølge …` / `, slår hun fast`;
/// - before it, ending in a colon: `Anne Jensen, formand for X, siger: »…«` / `Sådan lyder det fra …:`,
///   or a label `Anne Jensen, formand for X: »…«`;
/// - an introducing sentence ending in a colon that names the speaker without a verb of saying:
///   `Borgmester i Fjordby Kommune, Anne Jensen, glæder sig over aftalen:`;
/// - the sentence after the quote: `Det siger Anne Jensen.`
extension QuoteScan {
    /// Looks for an attribution for a candidate that has none: right after it, before it (colon),
    /// or in the next sentence (`Det siger …`).
    func attribute(_ candidate: inout Candidate, after end: Int, paragraph: Range<Int>) {
        if candidate.quote.attribution != nil || candidate.reference != nil { return }
        if let (attribution, reference) = attributionAfter(end, paragraph: paragraph) {
            candidate.quote.attribution = attribution
            candidate.reference = reference
            return
        }
        if candidate.quote.style != .dash, let (attribution, reference) = attributionBefore(candidate.quote.range.lowerBound, paragraph: candidate.paragraph) {
            candidate.quote.attribution = attribution
            candidate.reference = reference
            return
        }
        if let (attribution, reference) = leadInAfter(end, paragraph: candidate.lastParagraph) {
            candidate.quote.attribution = attribution
            candidate.reference = reference
            return
        }
        if let attribution = signature(after: end, paragraph: candidate.lastParagraph) {
            candidate.quote.attribution = attribution
        }
    }

    /// `»…«` then a line of its own with the speaker: `– Anne Jensen, formand for KL` (a signature under a quote).
    func signature(after end: Int, paragraph p: Int) -> Attribution? {
        let paragraphs = document.paragraphs
        // The quote ends its line (only punctuation after it); the signature is the next line, in the same
        // paragraph or the next. A signature is a few words, so every look is bounded by the window: a
        // paragraph of many quotes must not be scanned to its end once per quote.
        let rest = end..<paragraphs[p].upperBound
        let window = min(rest.upperBound, end + finder.window)
        let newline = (end..<window).first { units[$0] == Unit.newline }
        var line: Range<Int>
        if !(end..<(newline ?? window)).allSatisfy({ !Unit.isLetter(units[$0]) }) {
            // A line break read as a space (a hard-wrapped paragraph): the rest of the paragraph is the signature.
            guard newline == nil, window == rest.upperBound, let first = rest.first(where: { Unit.isLetter(units[$0]) }),
                  Unicode.Scalar(units[first]).map({ $0.properties.isUppercase }) == true,
                  (end..<first).allSatisfy({ !Unit.isLetter(units[$0]) && !Unit.isSentenceEnd(units[$0]) }) else { return nil }
            line = trimmed(first..<rest.upperBound)
        } else if let newline, !trimmed((newline + 1)..<min(rest.upperBound, newline + 1 + finder.window)).isEmpty {
            let lineWindow = (newline + 1)..<min(rest.upperBound, newline + 1 + finder.window)
            guard let lineEnd = lineWindow.first(where: { units[$0] == Unit.newline }) ?? (lineWindow.upperBound == rest.upperBound ? rest.upperBound : nil)
            else { return nil }
            line = trimmed((newline + 1)..<lineEnd)
        } else {
            guard newline != nil || window == rest.upperBound, p + 1 < paragraphs.count,
                  paragraphs[p + 1].count <= finder.window else { return nil }
            line = trimmed(paragraphs[p + 1])
        }
        guard !line.isEmpty else { return nil }
        var start = line.lowerBound
        if Unit.isDash(units[start]) {
            start += 1
            while start < line.upperBound, Unit.isSpace(units[start]) { start += 1 }
        }
        while line.upperBound > start, units[line.upperBound - 1] == Unit.fullStop { line = line.lowerBound..<(line.upperBound - 1) }
        let range = start..<line.upperBound
        guard !range.isEmpty, wordCount(range, limit: 14) <= 12 else { return nil }
        let first = tokenIndex(at: range.lowerBound)
        let last = tokenIndex(at: range.upperBound)
        guard (first..<last).allSatisfy({ matchAttributionPhrase(at: $0, limit: last) == nil }),
              !finder.notSpeakers.contains(folded[first]),
              case .speaker(let speaker, let steps)? = parseSpeaker(first, last, labelOnly: true), speaker.name != nil,
              // A line of capitalised words is a signature only with evidence it is a person ("Fakta Fjordbys boliger" is a box heading).
              steps.first.map({ $0.kind != "name" || $0.reason != "run" }) ?? true else { return nil }
        return Attribution(form: .after, range: range, speaker: speaker, steps: [Attribution.Step("signature", document.string(range))] + steps)
    }

    /// `, siger Anne Jensen, …` right after a closing mark (or at `end`).
    func attributionAfter(_ end: Int, paragraph: Range<Int>) -> (Attribution?, Reference?)? {
        guard end < paragraph.upperBound else { return nil }
        let limit = tokenIndex(at: min(paragraph.upperBound, end + finder.window))
        var t = skipSpaces(tokenIndex(at: end), limit)
        // "»…«, siger …" and "“…” – lød det fra …": a comma or a dash between the quote and the verb, or both
        // ("”…”, - siger …", seen in the r6 dev texts).
        var separators = 0
        while separators < 2, t < limit, isPunctuation(t, Unit.comma) || tokens[t].kind == .punctuation && tokens[t].range.count == 1
            && Unit.isDash(units[tokens[t].range.lowerBound]) {
            t = skipSpaces(t + 1, limit)
            separators += 1
        }
        return speakerAfterPhrase(at: t, limit: limit, form: .after)
    }

    /// At token `t` a verb, "lyder det fra" or "ifølge", then the speaker.
    func speakerAfterPhrase(at t: Int, limit: Int, form: Attribution.Form) -> (Attribution?, Reference?)? {
        var speakerEnd: Int? = nil
        var phraseEnd = matchAttributionPhrase(at: t, limit: limit)
        if phraseEnd == nil, let particle = separableVerb(at: t, limit: limit) {
            // "slår Anne Jensen fast": the particle comes after the speaker.
            phraseEnd = t + 1
            speakerEnd = particle
        }
        if phraseEnd == nil, let impersonal = matchPhrase(finder.impersonal, at: t, limit: limit) {
            // "»…«, lyder det videre.": nobody named; the speaker is the one before.
            let after = skipSpaces(impersonal, limit)
            if after >= limit || tokens[after].kind == .punctuation && Unit.isSentenceEnd(units[tokens[after].range.lowerBound]) {
                let range = tokens[t].range.lowerBound..<tokens[impersonal - 1].range.upperBound
                return (nil, Reference(kind: .pronoun, range: range, word: range, steps: [Attribution.Step("impersonal", document.string(range))]))
            }
            // "»…«, fortsatte Anne Jensen, …": with a speaker after it, the phrase is an ordinary verb.
            phraseEnd = impersonal
        }
        guard let phraseEnd else { return nil }
        let end = phraseEndToken(from: phraseEnd, limit: limit)
        let phrase = document.string(tokens[t].range.lowerBound..<tokens[phraseEnd - 1].range.upperBound)
        let kind = matchPhrase(finder.verbs, at: t, limit: limit) != nil || speakerEnd != nil ? "verb"
            : matchPhrase(finder.fromPhrases, at: t, limit: limit) != nil ? "fromPhrase"
            : matchPhrase(finder.impersonal, at: t, limit: limit) != nil ? "verb" : "accordingTo"
        let verbStep = Attribution.Step(kind, phrase, form == .leadIn ? "leadIn" : "afterQuote")
        switch parseSpeaker(phraseEnd, speakerEnd ?? end) {
        case .speaker(let speaker, let steps)?:
            let range = tokens[t].range.lowerBound..<tokens[end - 1].range.upperBound
            return (Attribution(form: form, range: range, speaker: speaker, steps: [verbStep] + steps), nil)
        case .reference(var reference)?:
            reference.range = tokens[t].range.lowerBound..<reference.word.upperBound
            reference.steps.insert(verbStep, at: 0)
            return (nil, reference)
        case nil:
            return nil
        }
    }

    /// A two-word verb split by its subject ("slår … fast"): where the particle stands.
    func separableVerb(at t: Int, limit: Int) -> Int? {
        guard t < limit, tokens[t].isWordLike, let phrases = finder.verbs[folded[t]] else { return nil }
        let end = phraseEndToken(from: t + 1, limit: limit)
        var last = end - 1
        while last > t, tokens[last].kind == .space { last -= 1 }
        for phrase in phrases where phrase.count == 2 {
            if last > t + 1, tokens[last].isWordLike, folded[last] == phrase[1] { return last }
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
            // "…, forklarer Anne Jensen, mens Ole Hansen er mindre beskeden": the rest is about someone else.
            if token.kind == .word, t > start, finder.handoverWords.contains(folded[t]) {
                var p = t - 1
                while p > start, tokens[p].kind == .space { p -= 1 }
                return isPunctuation(p, Unit.comma) ? p : t
            }
            if token.kind == .punctuation {
                let u = units[token.range.lowerBound]
                if u == Unit.colon || u == Unit.semicolon || u == Unit.exclamation || u == Unit.question || Unit.isQuoteMark(u) { break }
                if u == Unit.fullStop {
                    // "adm. direktør", "Anne K. Jensen", "H.P. Hansen", "Ane M.M. Jensen": the full stop does not end the phrase.
                    if t > start, tokens[t - 1].kind == .word {
                        let abbreviation = isAbbreviation(t - 1)
                        let initial = isInitial(t - 1)
                        if abbreviation || initial { t += 1; continue }
                    }
                    break
                }
            }
            t += 1
        }
        return t
    }

    /// The speech of a dash or unclosed quote ends where `, siger …` begins: the attribution or reference,
    /// and where the speech ends.
    func inlineAttribution(in content: Range<Int>) -> (Attribution?, Reference?, Int)? {
        let first = tokenIndex(at: content.lowerBound)
        let limit = tokenIndex(at: content.upperBound)
        var t = first
        var words = 0
        // A lead-in sentence counts only when no ", siger …" follows in the paragraph: "Det håber vi, at …, siger X".
        var leadIn: (Attribution?, Reference?, Int)? = nil
        while t < limit {
            if tokens[t].isWordLike { words += 1 }
            // ", siger …" or "," siger …" (a stray closing mark before the comma or after it).
            if words > 0, tokens[t].kind == .punctuation, isPunctuation(t, Unit.comma) || Unit.isQuoteMark(units[tokens[t].range.lowerBound]) {
                var v = t + 1
                while v < limit, tokens[v].kind == .punctuation, isPunctuation(v, Unit.comma) || Unit.isQuoteMark(units[tokens[v].range.lowerBound]) { v += 1 }
                v = skipSpaces(v, limit)
                let windowLimit = tokenIndex(at: min(content.upperBound, tokens[min(v, limit - 1)].range.lowerBound + finder.window))
                if v < limit, let (attribution, reference) = speakerAfterPhrase(at: v, limit: max(windowLimit, v + 1), form: .after) {
                    return (attribution, reference, tokens[t].range.lowerBound)
                }
            }
            // "– Vi sætter prisen ned. Det var udmeldingen fra formanden, Anne Jensen, …": a lead-in sentence after
            // the speech (seen in the r7 dev texts); one ending in a colon introduces the next quote instead.
            if leadIn == nil, words > 0, tokens[t].kind == .punctuation, Unit.isSentenceEnd(units[tokens[t].range.lowerBound]),
               skipSpaces(t + 1, limit) < limit, let p = document.paragraphIndex(containing: tokens[t].range.lowerBound),
               let (attribution, reference) = leadInAfter(tokens[t].range.upperBound, paragraph: p) {
                leadIn = (attribution, reference, tokens[t].range.upperBound)
            }
            t += 1
        }
        return leadIn
    }

    /// `Anne Jensen, formand for X, siger: »…«`, or the previous paragraph ending in a colon.
    func attributionBefore(_ start: Int, paragraph p: Int) -> (Attribution?, Reference?)? {
        var k = start - 1
        let paragraph = document.paragraphs[p]
        while k >= paragraph.lowerBound, Unit.isSpace(units[k]) { k -= 1 }
        var colon: Int? = nil
        var clauseFloor = paragraph.lowerBound
        if k >= paragraph.lowerBound {
            if units[k] == Unit.colon { colon = k }
        } else if p > 0 {
            // The paragraph before, passing over blank ones (lines of spaces).
            var b = p - 1
            while b > 0, b >= p - 3, trimmed(document.paragraphs[b]).isEmpty { b -= 1 }
            let previous = trimmed(document.paragraphs[b])
            if let last = previous.last, units[last] == Unit.colon {
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
                if Unit.isQuoteMark(u) || u == Unit.exclamation || u == Unit.question || u == Unit.colon { break }
                if u == Unit.fullStop, c >= 2, tokens[c - 2].kind == .word,
                   !isAbbreviation(c - 2), !isInitial(c - 2) { break }
            }
            c -= 1
        }
        let clause = tokens[c].range.lowerBound..<colon
        let first = skipSpaces(c, colonToken)
        guard first < colonToken else { return nil }
        if finder.notSpeakers.contains(foldedWords(trimmed(clause))) { return nil }
        let colonStep = Attribution.Step("colon", document.string(trimmed(clause)))
        // A verb or "lyder det fra" in the clause: the speaker is after it, or before it.
        for t in first..<colonToken {
            guard let phraseEnd = matchAttributionPhrase(at: t, limit: colonToken) else { continue }
            let verbStep = Attribution.Step("verb", document.string(tokens[t].range.lowerBound..<tokens[phraseEnd - 1].range.upperBound), "beforeColon")
            // "siger Anne Jensen:" / "Anne Jensen, formand for X, siger:" / "Hun siger:" / "Det siger han:"
            for parsed in [parseSpeaker(phraseEnd, colonToken), parseSpeaker(first, t)] {
                switch parsed {
                case .speaker(let speaker, let steps)?:
                    return (Attribution(form: .before, range: trimmed(clause), speaker: speaker, steps: [colonStep, verbStep] + steps), nil)
                case .reference(var reference)?:
                    reference.steps = [colonStep, verbStep] + reference.steps
                    return (nil, reference)
                case nil: continue
                }
            }
            break
        }
        // No verb: a label (`Birthe Fiktivsen, formand for X: »…«`), which starts with the name or organisation.
        // "Anne Jensen er glad for aftalen:" has a verb after the name, so it is an introducing sentence, not a label
        // with the title »er glad for aftalen«.
        if wordCount(clause, limit: 20) <= 16, case .speaker(let speaker, let steps)? = parseSpeaker(first, colonToken, labelOnly: true),
           !(speaker.role.map { role in finder.sentenceVerbs.contains(NameMatcher.foldWord(String(role.prefix { $0.isLetter }))) } ?? false) {
            return (Attribution(form: .before, range: trimmed(clause), speaker: speaker, steps: [colonStep] + steps), nil)
        }
        // An introducing sentence: the person it names is the speaker (`Anne Jensen er glad for aftalen:`,
        // `Det glæder borgmester Anne Jensen (S), der …:`), or its pronoun subject (`Hun er glad:`).
        return introducedSpeaker(first, colonToken, clause: trimmed(clause), colonStep: colonStep)
    }

    /// The speaker of an introducing sentence ending in a colon: the first person named in it (not in the
    /// genitive, not after a preposition), with the title and apposition around the name; else a pronoun or
    /// a definite noun as its first word.
    func introducedSpeaker(_ first: Int, _ end: Int, clause: Range<Int>, colonStep: Attribution.Step) -> (Attribution?, Reference?)? {
        var t = first
        while t < end {
            guard let name = nameRun(t, end), name.lowerBound < end else { break }
            let last = name.upperBound - 1
            let genitive = folded[last].hasSuffix("s") && !finder.firstNames.contains(folded[last])
                && isKnownGenitive(last)
            if !genitive, confidence(of: name, from: first) != nil {
                // The phrase: back over the title words before the name, on to the apposition after it.
                var a = name.lowerBound
                while let p = previousWord(a, floor: first), tokens[p].kind == .word,
                      finder.titleWords.contains(folded[p]) || isPunctuation(p, Unit.fullStop) || finder.prepositions.contains(folded[p])
                        || isCapitalised(p) && a < name.lowerBound { a = p }
                // "af de radikales Anne Jensen": the party in the genitive before the name and its title.
                if let p = previousWord(a, floor: first), let article = partyGenitiveArticle(p, floor: first) { a = article }
                if a == name.lowerBound, first < name.lowerBound, subjectApposition(first, name.lowerBound) { a = first }
                let b = appositionEnd(after: name.upperBound, limit: end)
                if case .speaker(let speaker, let steps)? = parseSpeaker(a, b) {
                    return (Attribution(form: .before, range: clause, speaker: speaker,
                                        steps: [colonStep, Attribution.Step("introduced", document.string(clause), "personInSentence")] + steps), nil)
                }
            }
            t = name.upperBound
        }
        if tokens[first].isWordLike, finder.pronouns.contains(folded[first]) || isReferringNoun(first) {
            let kind: Reference.Kind = finder.pronouns.contains(folded[first]) ? .pronoun : .noun
            return (nil, Reference(kind: kind, range: clause, word: tokens[first].range,
                                   steps: [colonStep, Attribution.Step("introduced", document.string(clause), "subject")]))
        }
        return nil
    }

    /// `Anne Jensen siger, at »vi er klar«` / `I mailen skriver Anne Jensen, at »…«`: words quoted inside indirect
    /// speech belong to the subject of the verb of saying before "at".
    /// Also a few words into the "at" clause, for words quoted in lower case: `lød det fra Anne Jensen, at risikoen
    /// var »meget lav«` (a title in marks starts with a capital and is not taken).
    func indirectSpeech(before start: Int) -> (Attribution?, Reference?)? {
        let at = tokenIndex(at: start) - 1
        guard let before = previousWord(at + 1, floor: 0), tokens[before].kind == .word else { return nil }
        var word = before
        if folded[before] != "at" {
            let opening = start + 1 < units.count ? Unicode.Scalar(units[start + 1]) : nil
            guard opening?.properties.isLowercase == true, !finder.namingWords.contains(folded[before]) else { return nil }
            var w = before
            var words = 1
            while words <= 8, let p = previousWord(w, floor: 0), tokens[p].kind == .word || isPunctuation(p, Unit.hyphen) {
                if tokens[p].kind == .word {
                    if folded[p] == "at" { break }
                    words += 1
                }
                w = p
            }
            guard let p = previousWord(w, floor: 0), tokens[p].kind == .word, folded[p] == "at" else { return nil }
            word = p
        }
        guard let s = document.sentenceIndex(containing: tokens[word].range.lowerBound) else { return nil }
        let first = max(tokenIndex(at: document.sentences[s].lowerBound), tokenIndex(at: max(0, start - finder.window)))
        var t = first
        while t < word {
            if let phraseEnd = matchAttributionPhrase(at: t, limit: word) {
                let clause = tokens[first].range.lowerBound..<tokens[word].range.upperBound
                let step = Attribution.Step("indirect", document.string(clause))
                var comma = phraseEnd
                while comma < word, !isPunctuation(comma, Unit.comma) { comma += 1 }
                for parsed in [parseSpeaker(phraseEnd, comma), parseSpeaker(first, t)] {
                    switch parsed {
                    case .speaker(let speaker, let steps)? where speaker.name != nil:
                        return (Attribution(form: .before, range: clause, speaker: speaker, steps: [step] + steps), nil)
                    case .reference(var reference)?:
                        reference.steps.insert(step, at: 0)
                        return (nil, reference)
                    default: continue
                    }
                }
                return nil
            }
            t += 1
        }
        return nil
    }

    /// `Borgmester i Fjordby Kommune, Anne Jensen, …`: the name is an apposition to a title at the start.
    func subjectApposition(_ first: Int, _ nameStart: Int) -> Bool {
        guard tokens[first].kind == .word, finder.titleWords.contains(folded[first]) else { return false }
        guard let p = previousWord(nameStart, floor: first), isPunctuation(p, Unit.comma) else { return false }
        return wordCount(tokens[first].range.lowerBound..<tokens[nameStart].range.lowerBound, limit: 9) <= 8
    }

    /// A genitive the text shows is one: the word without its "s" is elsewhere a name.
    func isKnownGenitive(_ t: Int) -> Bool {
        guard let next = Optional(skipSpaces(t + 1, tokens.count)), next < tokens.count else { return true }
        // "Anne Jensens tale": a lower-case noun follows the genitive.
        return tokens[next].kind == .word && !isCapitalised(next)
    }

    /// After a name: a party letter, and an apposition between commas that starts with a title
    /// (`, formand for X,`) or with "der er" / "som er".
    func appositionEnd(after t: Int, limit: Int) -> Int {
        var b = t
        var n = skipSpaces(b, limit)
        if n + 2 < limit, isPunctuation(n, Unit.openParenthesis), isPunctuation(n + 2, Unit.closeParenthesis) {
            b = n + 3
            n = skipSpaces(b, limit)
        }
        // "Anne Jensen, formand for X," or between dashes: "Anne Jensen – formand for X – …".
        let dash = n < limit && isSpacedDash(n)
        guard n < limit, isPunctuation(n, Unit.comma) || dash else { return b }
        let s = skipSpaces(n + 1, limit)
        guard s < limit, tokens[s].kind == .word else { return b }
        // The apposition ends at the next comma (not one inside "Klima-, Energi- og …") or the sentence end.
        var e = s
        var hasTitle = false
        var words = 0
        while e < limit {
            if isPunctuation(e, Unit.comma), !(e > 0 && isPunctuation(e - 1, Unit.hyphen)) { break }
            if dash, isSpacedDash(e) { break }
            if tokens[e].kind == .punctuation, Unit.isSentenceEnd(units[tokens[e].range.lowerBound]), !(e > 0 && isAbbreviation(e - 1)) { break }
            if tokens[e].isWordLike {
                words += 1
                if words <= 3, isTitle(e) { hasTitle = true }
            }
            e += 1
        }
        let relative = (folded[s] == "der" || folded[s] == "som") && s + 2 < limit && ["er", "var"].contains(folded[skipSpaces(s + 1, limit)])
        return hasTitle || relative ? e : b
    }

    /// A dash with a space on both sides (" – "): it sets off an apposition, unlike the hyphen of "Klima- og".
    func isSpacedDash(_ t: Int) -> Bool {
        guard tokens[t].kind == .punctuation, tokens[t].range.count == 1, Unit.isDash(units[tokens[t].range.lowerBound]),
              t > 0, t + 1 < tokens.count else { return false }
        return tokens[t - 1].kind == .space && tokens[t + 1].kind == .space
    }

    /// `»…« Det siger Anne Jensen, …` in the same paragraph after the quote or at the start of the next.
    func leadInAfter(_ end: Int, paragraph p: Int) -> (Attribution?, Reference?)? {
        let paragraphs = document.paragraphs
        var t = tokenIndex(at: end)
        var limitOffset = paragraphs[p].upperBound
        let sameParagraphLimit = tokenIndex(at: limitOffset)
        while t < sameParagraphLimit, tokens[t].kind == .space || isPunctuation(t, Unit.fullStop) || isPunctuation(t, Unit.comma) { t += 1 }
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
        let end = result.0?.range.upperBound ?? result.1?.range.upperBound ?? 0
        var k = end
        while k < units.count, Unit.isSpace(units[k]), units[k] != Unit.newline { k += 1 }
        if k < units.count, units[k] == Unit.colon { return nil }
        if var attribution = result.0 {
            attribution.range = tokens[t].range.lowerBound..<attribution.range.upperBound
            attribution.steps.insert(Attribution.Step("leadIn", text(t)), at: 0)
            return (attribution, nil)
        }
        return result
    }
}
