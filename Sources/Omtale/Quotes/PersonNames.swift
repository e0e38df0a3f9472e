/// The Danish person-name recogniser: tells "Anne Jensen" from "Region Sjælland", "Klimaalliancen" or
/// "Fjordby Kommune".
///
/// A name is a run of two or more capitalised words (hyphenated parts and initials included:
/// "Anne-Marie Jensen-Hansen", "H.P. Hansen", "Anne K. Jensen") that is not an organisation the
/// name matcher knows, has no organisation word in it or right after it ("Kommune"), does not start
/// with a title ("Borgmester Anne Jensen": the name is "Anne Jensen"), and does not follow "i"/"for"
/// (the start of an organisation). In running text (outside an attribution) a run is a person only
/// with evidence: a first name from `quotes.yml`, a title before it, or a party letter after it.
extension QuoteScan {
    /// The first run of two or more capitalised words in tokens `a..<b` that is a person's name.
    func nameRun(_ a: Int, _ b: Int) -> Range<Int>? {
        var t = a
        while t < b {
            guard isNameWord(t) else { t += 1; continue }
            // Preceded by a preposition: the start of an organisation or committee name.
            let before = previousWord(t, floor: a)
            let afterPreposition = before.map { b in
                guard tokens[b].kind == .word else { return false }
                if finder.prepositions.contains(folded[b]) || finder.addressees.contains(folded[b]) { return true }
                // "formanden for andelsselskabet Fjordby Fjernvarme, Anne Jensen": a preposition and one lower-case
                // word (not a title) before the run make it an organisation's name too (seen in the r7 dev texts).
                // Also an article written with a capital: "for Det Frie Forskningsråd, Anne Jensen".
                let article = ["det", "den", "de"].contains(folded[b])
                guard !isCapitalised(b) || article, !isTitle(b), let p = previousWord(b, floor: a) else { return false }
                return tokens[p].kind == .word && finder.prepositions.contains(folded[p])
            } ?? false
            var run = [t]
            var j = t
            while true {
                var n = j + 1
                if n < b, isPunctuation(n, Unit.fullStop), isInitial(j) {
                    n += 1  // "H.P. Hansen", "Anne K. Jensen"
                }
                if n < b, tokens[n].kind == .space, !containsNewline(n) {
                    n += 1
                } else if n < b, tokens[n].kind == .punctuation, Unit.isDash(units[tokens[n].range.lowerBound]), tokens[n].range.count == 1,
                          n + 1 < b, tokens[n + 1].kind == .word {
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
            while run.count > 2, isTitle(run[0]) { run.removeFirst() }
            // "Men Anne Jensen", "Selvom Anne Jensen": a sentence's first word before a first name is not part of the name.
            let untrimmed = run.count
            while run.count > 2, !finder.firstNames.contains(folded[run[0]]), finder.firstNames.contains(folded[run[1]]) { run.removeFirst() }
            // "CEO for Fjordvind Henrik Opdigtsen": after a preposition, the words before the first name were the organisation's.
            let organisationBeforeFirstName = afterPreposition && !followedByOrganisationWord && run.count < untrimmed
            // "Fjordby Foods' formand": a run in the genitive with an apostrophe owns the title after it.
            if next < b, tokens[next].kind == .punctuation, units[tokens[next].range.lowerBound] == Unit.rightSingleQuote
                || units[tokens[next].range.lowerBound] == Unit.of("'"), next == j + 1 {
                t = j + 1
                continue
            }
            // "Fjordby Havns direktør": a run in the genitive before a title is its owner, not a person.
            if folded[j].hasSuffix("s"), let title = titleAfterGenitive(j, b), let owner = genitiveOwner(ofTitle: title, floor: a),
               owner.tokens.upperBound == j + 1 {
                t = j + 1
                continue
            }
            // "Fjordby Bank’s Anne Jensen": the owner in the genitive is not part of the name after it.
            if let owner = run.lastIndex(where: { text($0).hasSuffix("’s") || text($0).hasSuffix("'s") }), run.count - owner > 2 {
                run.removeFirst(owner + 1)
            }
            if organisationBeforeFirstName, run.count >= 2, !isInitial(run[run.count - 1]) {
                return run[0]..<(run[run.count - 1] + 1)
            }
            // "cheføkonom i Fjordby Bank Anne Jensen": the organisation's name, then a first name starts the person's.
            if afterPreposition || followedByOrganisationWord, run.count >= 3,
               let k = run.indices.dropFirst().first(where: { finder.firstNames.contains(folded[run[$0]]) }), run.count - k >= 2 {
                return run[k]..<(run[run.count - 1] + 1)
            }
            let lastIsInitial = run.count > 0 && isInitial(run[run.count - 1])
            if !afterPreposition, !followedByOrganisationWord, run.count >= 2, !isTitle(run[0]), !lastIsInitial,
               !finder.notNames.contains(folded[run[run.count - 1]]) {
                return run[0]..<(run[run.count - 1] + 1)
            }
            t = j + 1
        }
        return nil
    }

    /// The title after a word in the genitive, at most two lower-case words on ("Fjordbys nye borgmester").
    func titleAfterGenitive(_ w: Int, _ b: Int) -> Int? {
        var n = skipSpaces(w + 1, b)
        var between = 0
        while n < b, tokens[n].kind == .word, !isCapitalised(n) {
            if isTitle(n) { return n }
            between += 1
            guard between <= 2 else { return nil }
            n = skipSpaces(n + 1, b)
        }
        return nil
    }

    /// A capitalised word that may be part of a name: not a party or organisation the matcher knows,
    /// not an organisation word, pronoun, verb or a word that is never a name.
    func isNameWord(_ t: Int) -> Bool {
        guard isCapitalised(t), nameMatch(at: tokens[t].range.lowerBound) == nil else { return false }
        let word = folded[t]
        return !finder.organisationWords.contains(word) && !finder.pronouns.contains(word) && !finder.leadIns.contains(word)
            && !verbsContain(word) && !finder.notNames.contains(word) && !isReferringNoun(t)
    }

    func verbsContain(_ word: String) -> Bool {
        finder.verbs[word]?.contains { $0.count == 1 } ?? false
    }

    /// "H", "K" before a full stop, or "H.P" (ICU keeps dotted initials together).
    func isInitial(_ t: Int) -> Bool {
        guard tokens[t].kind == .word, isCapitalised(t) else { return false }
        let word = text(t)
        if word.count == 1 { return true }
        return word.split(separator: ".").allSatisfy { $0.count == 1 } && word.contains(".")
    }

    /// A title word, or a compound ending in one ("kulturrådmand", "gruppeformand").
    func isTitle(_ t: Int) -> Bool {
        tokens[t].kind == .word && (finder.titleWords.contains(folded[t]) || isTitleCompound(t))
    }

    func isTitleCompound(_ t: Int) -> Bool {
        guard tokens[t].kind == .word else { return false }
        return hasTitleSuffix(folded[t])
    }

    /// A word ending in a title of five letters or more ("gruppeformand", "kulturrådmand"): its suffixes
    /// looked up in the title set, so the cost is the word's length, not the number of titles.
    func hasTitleSuffix(_ word: String) -> Bool {
        let characters = Array(word)
        guard characters.count > finder.minimumCompoundTitle else { return false }
        for start in 1...(characters.count - finder.minimumCompoundTitle) where finder.titleWords.contains(String(characters[start...])) {
            return true
        }
        return false
    }

    /// The title a definite noun stands for: "borgmesteren" is "borgmester", "formanden" "formand";
    /// nil when the word is not one.
    func referredTitle(_ t: Int) -> String? {
        guard tokens[t].kind == .word else { return nil }
        let word = folded[t]
        for ending in ["en", "n"] where word.hasSuffix(ending) {
            let stem = String(word.dropLast(ending.count))
            if finder.titleWords.contains(stem) || finder.referringNouns.contains(word) { return stem }
            if hasTitleSuffix(stem) { return stem }
        }
        return finder.referringNouns.contains(word) ? word : nil
    }

    func isReferringNoun(_ t: Int) -> Bool { referredTitle(t) != nil }

    /// Why a run in running text is a person's name: a known first name, a title before it, a party
    /// letter after it, or initials; nil when nothing says so.
    func confidence(of name: Range<Int>, from floor: Int) -> String? {
        let first = name.lowerBound
        let firstWord = folded[first]
        if finder.firstNames.contains(firstWord) { return "firstName" }
        if isInitial(first) { return "initials" }
        // "Anne-Marie": the first part.
        if first + 2 < name.upperBound, tokens[first + 1].kind == .punctuation, finder.firstNames.contains(folded[first]) { return "firstName" }
        if let p = previousWord(first, floor: floor), isTitle(p) { return "title" }
        var n = skipSpaces(name.upperBound, tokens.count)
        if n + 2 < tokens.count, isPunctuation(n, Unit.openParenthesis), partyLetter(n, n + 3) != nil { return "partyLetter" }
        // "Anne Jensen, formand for X" and between dashes, "Anne Jensen – formand for X –".
        if n < tokens.count, isPunctuation(n, Unit.comma) || isSpacedDash(n) {
            n = skipSpaces(n + 1, tokens.count)
            if n < tokens.count, isTitle(n) { return "titleAfter" }
        }
        return nil
    }

    /// "(S)", "(SF)", "(Ø)": one to three capital letters in parentheses.
    func partyLetter(_ a: Int, _ b: Int) -> (letter: String, tokens: Range<Int>)? {
        var t = a
        while t + 2 < b {
            if isPunctuation(t, Unit.openParenthesis), tokens[t + 1].kind == .word, isPunctuation(t + 2, Unit.closeParenthesis) {
                let word = text(t + 1)
                if (1...3).contains(word.count), word == word.uppercased(), word.allSatisfy(\.isLetter) {
                    return (word, t..<(t + 3))
                }
            }
            t += 1
        }
        return nil
    }
}
