/// A speaker phrase read into its parts: the person's name, party letter, title and organisation, or an
/// organisation that speaks, or a word that refers back (a pronoun, a definite noun, a surname alone).
extension QuoteScan {
    enum Parsed {
        case speaker(Speaker, [Attribution.Step])
        case reference(Reference)
    }

    /// Reads a speaker phrase (tokens `start..<end`). `labelOnly`: the phrase must be a name or
    /// organisation and nothing more (a label before a colon).
    func parseSpeaker(_ start: Int, _ end: Int, labelOnly: Bool = false) -> Parsed? {
        var a = start
        var b = end
        while a < b, tokens[a].kind == .space || isPunctuation(a, Unit.comma) { a += 1 }
        while b > a, tokens[b - 1].kind == .space
                || (tokens[b - 1].kind == .punctuation && !isPunctuation(b - 1, Unit.closeParenthesis) && !isPunctuation(b - 1, Unit.fullStop)) { b -= 1 }
        // A trailing full stop belongs to an abbreviation only ("adm."); the sentence's own is not part of the phrase.
        if b > a, isPunctuation(b - 1, Unit.fullStop), !(b - 2 >= a && (isAbbreviation(b - 2) || isInitial(b - 2))) { b -= 1 }
        // "siger 37-årige Anne Jensen": the age is no title.
        if a + 2 < b, tokens[a].kind == .number, isPunctuation(a + 1, Unit.hyphen), tokens[a + 2].kind == .word,
           finder.ageWords.contains(folded[a + 2]) { a = skipSpaces(a + 3, b) }
        guard a < b else { return nil }
        var phrase = tokens[a].range.lowerBound..<tokens[b - 1].range.upperBound

        // "siger han …": a pronoun right after the verb is the subject, whatever follows.
        if tokens[a].isWordLike, finder.pronouns.contains(folded[a]) {
            return .reference(Reference(kind: .pronoun, range: tokens[a].range, word: tokens[a].range, steps: [Attribution.Step("pronoun", text(a))]))
        }
        let name = nameRun(a, b)
        // "skriver Anne Jensen i en kommentar": how it was said ends the phrase; it is no title. Not after a title
        // word, where it is the title's organisation ("direktør i en fiktiv kommune").
        // Nor is a clause: "siger Anne Jensen, der fortæller, at …", "…, da hun bliver spurgt …" (clauseStarts).
        if let name, let cut = (name.upperBound..<b).first(where: { t in
            guard tokens[t].isWordLike else { return false }
            let before = previousWord(t, floor: name.upperBound)
            // "…, formand for X, til avisen": whom it was said to (a lower-case noun after "til", following a comma or a
            // name), not the title's end; "der til daglig er …" is not.
            if finder.addressees.contains(folded[t]), let before, isPunctuation(before, Unit.comma) || isCapitalised(before) {
                let next = skipSpaces(t + 1, b)
                if next > t + 1, next < b, tokens[next].kind == .word, !isCapitalised(next) { return true }
            }
            if matchPhrase(finder.circumstances, at: t, limit: b) != nil {
                return !(before.map { tokens[$0].kind == .word && isTitle($0) } ?? false)
            }
            guard let before, isPunctuation(before, Unit.comma) else { return false }
            if finder.clauseStarts.contains(folded[t]) { return true }
            let next = skipSpaces(t + 1, b)
            return (folded[t] == "der" || folded[t] == "som") && next < b && matchAttributionPhrase(at: next, limit: b) != nil
        }) {
            b = cut
            while b > name.upperBound, tokens[b - 1].kind == .space || isPunctuation(b - 1, Unit.comma) { b -= 1 }
            phrase = tokens[a].range.lowerBound..<tokens[b - 1].range.upperBound
        }
        // "siger borgmesteren": a definite noun, unless a name follows ("siger formanden for X, Anne Jensen").
        if name == nil, let reference = referringWord(a, b) { return .reference(reference) }
        let letter = partyLetter(a, b)
        let organisation = self.organisation(a, b, excluding: name)
        var steps: [Attribution.Step] = []
        if let letter { steps.append(Attribution.Step("party", letter.letter)) }

        guard let name else {
            // An organisation as the speaker: "siger KL", "lyder det fra Realdania", "KL: …".
            guard let organisation, let range = organisation.range,
                  tokenIndex(at: range.lowerBound) == a || trimmed(phrase) == range else { return nil }
            // The partnership's name before a colon is a rubric ("Klimaalliancen: Nyt netværk …"), not a speaker.
            if labelOnly, range != trimmed(phrase) || organisation.affiliation == .partnership { return nil }
            steps.append(Attribution.Step("organisation", organisation.name, organisation.reason))
            return .speaker(Speaker(name: nil, nameRange: nil, partyLetter: letter?.letter, role: nil, titleRanges: [],
                                    organisation: organisation.name, organisationRange: range, affiliation: organisation.affiliation,
                                    range: phrase), steps)
        }
        let nameRange = tokens[name.lowerBound].range.lowerBound..<tokens[name.upperBound - 1].range.upperBound
        if labelOnly {
            // A label starts with the name, or a short title and the name ("borgmester Anne Jensen (S):").
            if wordCount(tokens[a].range.lowerBound..<nameRange.lowerBound, limit: 3) > 2 { return nil }
        }
        let (role, titles) = self.role(a, b, name: name, letter: letter?.tokens, organisation: organisation)
        steps.insert(Attribution.Step("name", document.string(nameRange), confidence(of: name, from: a) ?? "run"), at: 0)
        if let role { steps.append(Attribution.Step("title", role)) }
        if let organisation { steps.append(Attribution.Step("organisation", organisation.name, organisation.reason)) }
        return .speaker(Speaker(name: document.string(nameRange), nameRange: nameRange, partyLetter: letter?.letter, role: role,
                                titleRanges: titles, organisation: organisation?.name, organisationRange: organisation?.range,
                                affiliation: organisation?.affiliation, range: phrase), steps)
    }

    /// A phrase that refers back: "han", "hun" (pronoun); "borgmesteren", "KL-formanden", "den nye
    /// formand" (noun); a capitalised word alone, "Jensen" (surname).
    func referringWord(_ a: Int, _ b: Int) -> Reference? {
        var t = a
        // "den nye borgmester", "KL-formanden", "en tilfreds rådmand": up to three words before the noun.
        var seen = 0
        while t < b, seen < 4 {
            guard tokens[t].isWordLike else {
                if tokens[t].kind == .space || isPunctuation(t, Unit.hyphen) { t += 1; continue }
                break
            }
            // "en tilfreds rådmand": an indefinite title after "en" refers back as the definite one does.
            let indefinite = seen > 0 && ["en", "den", "det"].contains(folded[a]) && isTitle(t) ? folded[t] : nil
            // "lyder det fra KL-udvalgsformand på topmødet": an organisation's title without a name refers like "formanden".
            let compound = t >= a + 2 && isPunctuation(t - 1, Unit.hyphen) && isCapitalised(t - 2) && isTitle(t) ? folded[t] : nil
            // "…, siger transportminister.": a bare title that is the whole phrase refers back like "ministeren"
            // (seen in the r8 dev texts).
            let bare = t == a && isTitle(t) && skipSpaces(t + 1, b) >= b ? folded[t] : nil
            if let title = referredTitle(t) ?? indefinite ?? compound ?? bare {
                return Reference(kind: .noun, range: tokens[a].range.lowerBound..<tokens[t].range.upperBound, word: tokens[t].range,
                                 steps: [Attribution.Step("noun", document.string(tokens[a].range.lowerBound..<tokens[t].range.upperBound), title)])
            }
            seen += 1
            t += 1
        }
        // A surname alone, at the end of the phrase: "siger Jensen." / "siger Jensen (S)".
        // Also "siger Jensen til Fjordby Avis" / "siger Jensen i pressemeddelelsen".
        let n = skipSpaces(a + 1, b)
        let alone = n >= b || isPunctuation(n, Unit.openParenthesis) || isPunctuation(n, Unit.comma)
            || tokens[n].kind == .word && (finder.addressees.contains(folded[n]) || folded[n] == "i" && n + 2 < b && !isCapitalised(skipSpaces(n + 1, b)))
        if alone, isNameWord(a), !isTitle(a), let first = text(a).first, first.isUppercase, text(a).count > 2, text(a).uppercased() != text(a),
           organisation(a, a + 1, excluding: nil) == nil {
            return Reference(kind: .surname, range: tokens[a].range, word: tokens[a].range, steps: [Attribution.Step("surname", text(a))])
        }
        return nil
    }

    /// The title as written (without name, party letter and a final "i <organisation>"), and its parts
    /// (split at commas and "og") for checking roles.
    func role(_ a: Int, _ end: Int, name: Range<Int>, letter: Range<Int>?, organisation: Organisation?) -> (String?, [Range<Int>]) {
        // "siger Anne Jensen og uddyber", "siger Anne Jensen (S), og peger på …": a second verb after the name
        // starts a new clause, which is not her title.
        var b = end
        var next = afterNameAndLetter(name, end)
        if next < end, isPunctuation(next, Unit.comma) { next = skipSpaces(next + 1, end) }
        if next < end, tokens[next].kind == .word, folded[next] == "og" {
            let word = skipSpaces(next + 1, end)
            if word > next + 1, word < end, tokens[word].kind == .word, !isCapitalised(word), !isTitle(word) { b = next }
        }
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
                if isPunctuation(t, Unit.openParenthesis) { depth += 1 }
                if isPunctuation(t, Unit.closeParenthesis) { depth = max(0, depth - 1) }
                let splitsHere = depth == 0 && (isPunctuation(t, Unit.comma) || isSpacedDash(t)
                    || (atAnd && tokens[t].kind == .word && folded[t] == "og"))
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
            if isLoneLowercaseNonTitle(last[range.upperBound...]) {
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
        // "…, direktør for Fjordby Havne, og fortsætter:": "og" and one verb after the last comma hand over to the
        // next paragraph; they are not part of the title.
        if texts.count > 1, let last = texts.last, last.hasPrefix("og "), isLoneLowercaseNonTitle(last.dropFirst(3)) {
            texts.removeLast()
        }
        // "formanden for Fjordby Fjernvarme, Anne Jensen, på generalforsamlingen", "sagde Anne Jensen i sin tale": a
        // last piece that is only a preposition and lower-case words says where the words fell, not who speaks.
        if let last = texts.last {
            let words = last.split(separator: " ")
            if let first = words.first, finder.prepositions.contains(NameMatcher.foldWord(String(first))),
               words.dropFirst().allSatisfy({ $0.first?.isLowercase == true }) {
                texts.removeLast()
            }
        }
        var role = texts.filter { !$0.isEmpty }.joined(separator: ", ")
        while let last = role.last, last == "," || last == " " || last == "." && !role.hasSuffix("adm.") { role.removeLast() }
        return (role.isEmpty ? nil : role, titles)
    }

    /// One lower-case word that is no title ("ansat", "fortsætter"): a participle or verb left after "og".
    func isLoneLowercaseNonTitle(_ word: Substring) -> Bool {
        guard !word.contains(" "), let first = word.first, first.isLowercase else { return false }
        return !finder.titleWords.contains(NameMatcher.foldWord(String(word)))
    }
}
