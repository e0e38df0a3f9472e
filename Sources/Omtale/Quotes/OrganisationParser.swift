/// The organisation in a speaker phrase.
///
/// In order: a party or knowledge partner the name matcher finds ("formand for KL's Klima- og
/// Miljøudvalg" belongs to KL), a look-alike ("KKR Nordjylland"), the last capitalised name after a
/// preposition ("borgmester i Fjordby Kommune"; a committee such as "Klima-, Energi- og
/// Miljøudvalget" is skipped: it is part of the title, not an organisation), a name in the genitive that
/// owns a title ("Fjordbys borgmester", "Fjordby Foods' direktør"), a bare place or body after the name
/// and a comma ("Anne Jensen, Fjordby:"), and last the partnership itself.
extension QuoteScan {
    struct Organisation {
        var name: String
        var range: Range<Int>?
        var affiliation: Speaker.Affiliation
        /// party | knowledgePartner | partnership | lookalike | preposition | genitive | afterComma
        var reason: String
    }

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
                    return Organisation(name: ruleset.parties[i].name, range: match.range, affiliation: .party, reason: "party")
                case .knowledgePartner(let i) where PartyScan.names(match.kind):
                    return Organisation(name: ruleset.knowledgePartners[i].name, range: match.range, affiliation: .knowledgePartner,
                                        reason: "knowledgePartner")
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
                guard n > last + 1, n < b, isCapitalised(n), !(name?.contains(n) ?? false) else { break }
                last = n
            }
            let range = lookalike.range.lowerBound..<tokens[last].range.upperBound
            return Organisation(name: document.string(range), range: range, affiliation: .other, reason: "lookalike")
        }
        if let found = afterPreposition(a, b, excluding: name) {
            return Organisation(name: document.string(found), range: found, affiliation: .other, reason: "preposition")
        }
        if let owner = genitiveOwner(a, b, excluding: name) ?? partyGenitive(a, b, name: name) {
            return Organisation(name: owner.name, range: owner.range, affiliation: .other, reason: "genitive")
        }
        if let name, let found = afterComma(name, b) {
            return Organisation(name: document.string(found), range: found, affiliation: .other, reason: "afterComma")
        }
        if let partnership, name == nil {
            return Organisation(name: ruleset.partnership.name, range: partnership.range, affiliation: .partnership, reason: "partnership")
        }
        return nil
    }

    /// The last capitalised phrase after a preposition: "borgmester i Fjordby Kommune". Committees are skipped.
    func afterPreposition(_ a: Int, _ b: Int, excluding name: Range<Int>?) -> Range<Int>? {
        var found: Range<Int>? = nil
        var t = a
        while t < b {
            guard tokens[t].kind == .word, finder.prepositions.contains(folded[t]) else { t += 1; continue }
            // "siger Anne Jensen på et pressemøde i Fjordby Rådhus": after the name, a preposition gives the
            // organisation only right after it ("Anne Jensen fra Fjordby Kommune") or in a title ("…, direktør i X").
            let loose = name.map { t > $0.upperBound && !($0.upperBound..<t).contains(where: { isTitle($0) }) && afterNameAndLetter($0, b) != t } ?? false
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
            // "for Klima-, Energi- og Miljøudvalget", "for Teknik- og Miljøudvalget": a committee.
            if let end = committeeEnd(from: n, limit: b) {
                t = end
                continue
            }
            var last = n
            var j = n
            while j < b, isCapitalised(j) || (tokens[j].kind == .word && finder.organisationWords.contains(folded[j])) || tokens[j].kind == .number {
                if let name, name.contains(j) { break }
                last = j + 1
                var s = skipSpaces(j + 1, b)
                guard s < b, s > j + 1, !containsNewline(j + 1) else { break }
                // "Fjordby Bager & Kage": an ampersand between capitalised words is part of the name.
                if isPunctuation(s, Unit.of("&")) {
                    let w = skipSpaces(s + 1, b)
                    guard w > s + 1, w < b, isCapitalised(w) else { break }
                    s = w
                }
                j = s
            }
            // "i 2009", "på Anne Jensen og …": a year or a person is not where the speaker comes from.
            let person = nameRun(n, last).map { $0.lowerBound == n && finder.firstNames.contains(folded[n]) } ?? false
            // A preposition further on after the name ("…, der arbejder med vandløb i Fjordby Kommune") gives the
            // organisation only when an organisation word says it is one ("på et pressemøde i Fjordby" does not).
            let named = !loose || (n..<last).contains { tokens[$0].kind == .word && finder.organisationWords.contains(folded[$0]) }
            if last > n, tokens[n].kind == .word, !person, named {
                // "formand for Fjordby Kommunes Udvalg for Sundhed, …", "for Fjordby Kommunes Kulturudvalg": the committee
                // belongs to the owner in the genitive before it, and the rest of its name gives no organisation.
                if let head = (n + 1..<last).first(where: { tokens[$0].kind == .word && isCommitteeWord($0) }),
                   let owner = previousWord(head, floor: n), tokens[owner].kind == .word, folded[owner].hasSuffix("s"), folded[owner].count > 2 {
                    let ownerText = document.string(tokens[owner].range)
                    let ending = ownerText.hasSuffix("’s") || ownerText.hasSuffix("'s") ? 2 : 1
                    return tokens[n].range.lowerBound..<(tokens[owner].range.upperBound - ending)
                }
                found = tokens[n].range.lowerBound..<tokens[last - 1].range.upperBound
                t = last
                continue
            }
            t += 1
        }
        return found
    }

    /// The token after a name and its party letter: "Anne Jensen (S) fra …".
    func afterNameAndLetter(_ name: Range<Int>, _ b: Int) -> Int {
        let n = skipSpaces(name.upperBound, b)
        if n + 2 < b, isPunctuation(n, Unit.openParenthesis), isPunctuation(n + 2, Unit.closeParenthesis) { return skipSpaces(n + 3, b) }
        return n
    }

    /// A committee's name starting at `n`: words joined by "-", "," and "og" up to one ending in a committee
    /// head ("udvalget"); the token after it, or nil when it is not a committee.
    func committeeEnd(from n: Int, limit: Int) -> Int? {
        var t = n
        var words = 0
        while t < limit, words < 8 {
            if tokens[t].kind == .word {
                words += 1
                if isCommitteeWord(t) { return t + 1 }
                // Only the parts of a coordinated compound may come before the head: "Klima-", "Energi-", "og".
                let next = t + 1
                let hyphenated = next < limit && isPunctuation(next, Unit.hyphen)
                if !hyphenated, folded[t] != "og" { return nil }
            } else if tokens[t].kind != .space, !isPunctuation(t, Unit.hyphen), !isPunctuation(t, Unit.comma) {
                return nil
            }
            t += 1
        }
        return nil
    }

    func isCommitteeWord(_ t: Int) -> Bool {
        let word = folded[t]
        return finder.committeeHeads.contains { word.hasSuffix($0) }
    }

    /// "Anne Jensen, Fjordby:" / "Anne Jensen (S), Fjordby Kommune.": a capitalised phrase after the name and a
    /// comma, ending the speaker phrase (or followed by another comma).
    func afterComma(_ name: Range<Int>, _ b: Int) -> Range<Int>? {
        var n = skipSpaces(name.upperBound, b)
        if n + 2 < b, isPunctuation(n, Unit.openParenthesis), isPunctuation(n + 2, Unit.closeParenthesis) { n = skipSpaces(n + 3, b) }
        guard n < b, isPunctuation(n, Unit.comma) else { return nil }
        var s = skipSpaces(n + 1, b)
        // "Anne Jensen, borgmester, Fjordby Kommune": past one title between commas.
        if s < b, isTitle(s) {
            var c = s
            while c < b, !isPunctuation(c, Unit.comma) { c += 1 }
            guard c < b else { return nil }
            s = skipSpaces(c + 1, b)
        }
        guard s < b, isCapitalised(s), !isTitle(s), !finder.pronouns.contains(folded[s]) else { return nil }
        var last = s
        var j = s
        while j < b, isCapitalised(j) || tokens[j].kind == .word && finder.organisationWords.contains(folded[j]) {
            last = j
            var next = skipSpaces(j + 1, b)
            guard next > j + 1 || next == b else { break }
            // "Anne Jensen, Fjordby Hjælp i Danmark.": a preposition between capitalised words is part of the name.
            if next < b, tokens[next].kind == .word, finder.prepositions.contains(folded[next]) {
                let after = skipSpaces(next + 1, b)
                guard after > next + 1, after < b, isCapitalised(after) else { break }
                next = after
            }
            j = next
        }
        let after = skipSpaces(last + 1, b)
        guard after >= b || isPunctuation(after, Unit.comma) else { return nil }
        return tokens[s].range.lowerBound..<tokens[last].range.upperBound
    }
}

extension QuoteScan {
    /// "Fjordbys borgmester Anne Jensen", "Fjordby Foods' formand, …", "Sundheds- og Ældreministeriets
    /// departementschef": the name in the genitive before a title in the phrase is the organisation. Its range is
    /// as written (the ending included); the name drops an apostrophe ending ("’s", "'") and an "s" when the
    /// text also writes the word without it ("Fjordby" beside "Fjordbys").
    func genitiveOwner(_ a: Int, _ b: Int, excluding name: Range<Int>?) -> (name: String, range: Range<Int>)? {
        for t in a..<b where isTitle(t) && !(name?.contains(t) ?? false) {
            if let owner = genitiveOwner(ofTitle: t, floor: a), !(name.map { owner.tokens.overlaps($0) } ?? false) {
                let range = tokens[owner.tokens.lowerBound].range.lowerBound..<tokens[owner.tokens.upperBound - 1].range.upperBound
                return (owner.name, range)
            }
        }
        return nil
    }

    /// "de konservatives gruppeformand", "de radikales Anne Jensen": a party written in lower case after "de",
    /// in the genitive right before a title or the name. The name is the party as written without the ending
    /// ("de konservative"); the range is as written.
    func partyGenitive(_ a: Int, _ b: Int, name: Range<Int>?) -> (name: String, range: Range<Int>)? {
        for t in a..<b where !(name?.contains(t) ?? false) {
            guard let article = partyGenitiveArticle(t, floor: a) else { continue }
            let next = skipSpaces(t + 1, b)
            guard next < b, isTitle(next) || name?.lowerBound == next else { continue }
            var owner = document.string(tokens[article].range.lowerBound..<tokens[t].range.upperBound)
            owner.removeLast()
            return (owner, tokens[article].range.lowerBound..<tokens[t].range.upperBound)
        }
        return nil
    }

    /// The "de" of a lower-case party in the genitive at token `t` ("de radikales"), or nil.
    func partyGenitiveArticle(_ t: Int, floor: Int) -> Int? {
        guard tokens[t].kind == .word, !isCapitalised(t), folded[t].hasSuffix("s"), finder.partyNouns.contains(String(folded[t].dropLast())),
              let article = previousWord(t, floor: floor), tokens[article].kind == .word, folded[article] == "de" else { return nil }
        return article
    }

    /// The genitive owner of the title at token `title` (at most two lower-case words between: "Fjordbys nye
    /// borgmester"): its tokens and its name without the genitive ending; nil when none stands there.
    func genitiveOwner(ofTitle title: Int, floor: Int) -> (tokens: Range<Int>, name: String)? {
        var p = previousWord(title, floor: floor)
        var between = 0
        // Over the title's other words ("administrerende direktør") and up to two more ("nye").
        while let q = p, tokens[q].kind == .word, !isCapitalised(q), isTitle(q) || between < 2 {
            if !isTitle(q) { between += 1 }
            p = previousWord(q, floor: floor)
        }
        guard let end = p else { return nil }
        var word = end
        var drop = 0
        if tokens[end].kind == .punctuation, tokens[end].range.count == 1,
           units[tokens[end].range.lowerBound] == Unit.rightSingleQuote || units[tokens[end].range.lowerBound] == Unit.of("'") {
            // "Fjordby Foods' formand": the apostrophe right after the word.
            guard end > floor, tokens[end - 1].kind == .word, isCapitalised(end - 1) else { return nil }
            word = end - 1
        } else {
            guard tokens[end].kind == .word, isCapitalised(end) else { return nil }
            let written = text(end)
            if written.hasSuffix("’s") || written.hasSuffix("'s") {
                drop = 2
            } else if written.count > 2, written.hasSuffix("s") {
                drop = wordsWritten.contains(String(folded[end].dropLast())) ? 1 : 0
            } else {
                return nil
            }
        }
        guard !isTitle(word), !finder.notNames.contains(folded[word]), !finder.pronouns.contains(folded[word]),
              !finder.leadIns.contains(folded[word]), !isReferringNoun(word) else { return nil }
        // Back over the capitalised words of the name: "Fjordby Foods'", "Sundheds- og Ældreministeriets".
        var start = word
        while let q = previousWord(start, floor: floor), !(q + 1..<start).contains(where: { containsNewline($0) }) {
            if tokens[q].kind == .word, isCapitalised(q), !finder.notNames.contains(folded[q]), !isTitle(q),
               !finder.pronouns.contains(folded[q]), !finder.leadIns.contains(folded[q]) {
                start = q
                continue
            }
            if tokens[q].kind == .word, folded[q] == "og", let h = previousWord(q, floor: floor), isPunctuation(h, Unit.hyphen),
               h > floor, tokens[h - 1].kind == .word, isCapitalised(h - 1) {
                start = h - 1
                continue
            }
            break
        }
        // "Anne Jensens rådgiver": a person in the genitive, not an organisation.
        if finder.firstNames.contains(folded[start]) { return nil }
        var owner = document.string(tokens[start].range.lowerBound..<tokens[word].range.upperBound)
        owner.removeLast(drop)
        return (start..<(end + 1), owner)
    }
}
