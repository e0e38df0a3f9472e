import Foundation

/// Reading a speaker out of an attribution: name, party letter, organisation and role.
extension QuoteScan {
    // MARK: - Speakers

    enum Parsed { case speaker(Speaker), pronoun(Range<Int>) }

    /// Reads a speaker phrase (tokens `start..<end`): a name with title, party letter and organisation,
    /// an organisation, or a pronoun. `labelOnly`: the phrase must be a name or organisation and nothing more.
    func parseSpeaker(_ start: Int, _ end: Int, labelOnly: Bool = false) -> Parsed? {
        var a = start
        var b = end
        while a < b, tokens[a].kind == .space || isPunctuation(a, UTF16Unit.comma) { a += 1 }
        while b > a, tokens[b - 1].kind == .space || (tokens[b - 1].kind == .punctuation && !isPunctuation(b - 1, UTF16Unit.rightParenthesis) && !isPunctuation(b - 1, UTF16Unit.fullStop)) { b -= 1 }
        // A trailing full stop belongs to an abbreviation only ("adm."); the sentence's own is not part of the phrase.
        if b > a, isPunctuation(b - 1, UTF16Unit.fullStop), !(b - 2 >= a && isAbbreviation(b - 2)) { b -= 1 }
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
            if isPunctuation(t, UTF16Unit.leftParenthesis), tokens[t + 1].kind == .word, isPunctuation(t + 2, UTF16Unit.rightParenthesis) {
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
                if isPunctuation(t, UTF16Unit.leftParenthesis) { depth += 1 }
                if isPunctuation(t, UTF16Unit.rightParenthesis) { depth = max(0, depth - 1) }
                let splitsHere = depth == 0 && (isPunctuation(t, UTF16Unit.comma) || (atAnd && tokens[t].kind == .word && folded[t] == "og"))
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
}
