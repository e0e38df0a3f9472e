/// Resolution: who a word that refers back stands for, and what a quote without its own attribution
/// belongs to.
///
/// - The people a text names: every attributed speaker, and every person named in running text
///   with evidence ("Men borgmester Anne Jensen lovede, at …"), with the title written around the name.
/// - A pronoun ("siger hun") is the last person named before it; a definite noun ("siger borgmesteren",
///   "KL-formanden") the last person named whose title it is, else it stays the noun (nobody named);
///   a surname alone ("siger Jensen") the person of that surname.
/// - A speaker's consecutive dash paragraphs are one quote; a quote paragraph right after an attributed
///   quote continues it; a headline quote repeated with its speaker in the body is that speaker's.
/// - A quote paragraph with no attribution after a sentence about a person ("Hun forklarer, at …") is
///   that person's, inferred (`context`): the spokesperson checks do not rely on it.
extension QuoteScan {
    struct Mention {
        var offset: Int
        var speaker: Speaker
        /// An attribution's speaker (not a name in running text).
        var isSpeaker = false
    }

    func resolve(_ candidates: [Candidate]) -> [Quote] {
        let candidates = mergeDashParagraphs(candidates.sorted { $0.quote.range.lowerBound < $1.quote.range.lowerBound })
        // Running text is what is neither quoted nor an attribution already read.
        var quoted: [Range<Int>] = []
        for candidate in candidates {
            quoted.append(candidate.quote.range)
            if let range = candidate.quote.attribution?.range ?? candidate.reference?.range { quoted.append(range) }
        }
        quoted.sort { $0.lowerBound < $1.lowerBound }
        var mentions: [Mention] = []
        for candidate in candidates {
            if let attribution = candidate.quote.attribution, attribution.speaker.name != nil {
                mentions.append(Mention(offset: attribution.range.lowerBound, speaker: attribution.speaker, isSpeaker: true))
            }
        }
        mentions += narrativeMentions(outside: quoted)
        mentions.sort { $0.offset < $1.offset }

        func lastMention(before offset: Int, where accept: (Speaker) -> Bool = { _ in true }) -> Mention? {
            var low = 0
            var high = mentions.count
            while low < high {
                let mid = (low + high) / 2
                if mentions[mid].offset < offset { low = mid + 1 } else { high = mid }
            }
            var i = low - 1
            // Bounded: a referent is looked for among the last `maxMentionsBack` people named.
            while i >= 0, i >= low - finder.maxMentionsBack {
                if accept(mentions[i].speaker) { return mentions[i] }
                i -= 1
            }
            return nil
        }

        func resolved(_ reference: Reference) -> Attribution? {
            let word = document.string(reference.word)
            let at = reference.word.lowerBound
            switch reference.kind {
            case .pronoun:
                let folded = NameMatcher.foldWord(word)
                let found = finder.pronouns.contains(folded) ? pronounReferent(at: at, word: folded, mentions: mentions)
                    : lastMention(before: at, where: { _ in true }).map { ($0, "lastNamed") }
                guard let (mention, reason) = found else { return nil }
                if reason == Self.ambiguous {
                    // Two people named and neither the subject: the grammar says it is not sure, it does not guess.
                    var speaker = Speaker(name: nil, nameRange: nil, partyLetter: nil, role: nil, titleRanges: [], organisation: nil,
                                          organisationRange: nil, affiliation: nil, range: reference.word)
                    speaker.reference = word
                    return Attribution(form: .pronoun, range: reference.range, speaker: speaker,
                                       steps: reference.steps + [Attribution.Step("unsure", word, reason)])
                }
                return Attribution(form: .pronoun, range: reference.range, speaker: mention.speaker,
                                   steps: reference.steps + [Attribution.Step("refersTo", mention.speaker.name ?? "", reason)])
            case .noun:
                let title = referredTitle(tokenIndex(at: at)) ?? NameMatcher.foldWord(word)
                if let mention = lastMention(before: at, where: { has(title: title, $0) }) {
                    return Attribution(form: .pronoun, range: reference.range, speaker: mention.speaker,
                                       steps: reference.steps + [Attribution.Step("refersTo", mention.speaker.name ?? "", "title")])
                }
                // A headline names the title and the body the person ("Borgmester: - …", then "Borgmester i
                // Fjordby, Anne Jensen, …"): the first person named after it with that title.
                if document.paragraphIndex(containing: at).map({ $0 < finder.headlineParagraphs }) == true {
                    let index = Self.firstIndex(of: mentions, atOrAfter: reference.range.upperBound)
                    let after = mentions[index...].prefix(finder.maxMentionsBack)
                    if let mention = after.first(where: { has(title: title, $0.speaker) }) {
                        return Attribution(form: .pronoun, range: reference.range, speaker: mention.speaker,
                                           steps: reference.steps + [Attribution.Step("refersTo", mention.speaker.name ?? "", "titleInBody")])
                    }
                    // Nobody with that title, but the body's first speaker is named without a title ("siger Anne
                    // Jensen"): most likely the headline's, so inferred, not established.
                    if let mention = after.first(where: { $0.isSpeaker }), mention.speaker.name != nil, mention.speaker.role == nil {
                        return Attribution(form: .context, range: reference.range, speaker: mention.speaker,
                                           steps: reference.steps + [Attribution.Step("refersTo", mention.speaker.name ?? "", "firstSpeakerInBody"),
                                                                     Attribution.Step("unsure", mention.speaker.name ?? "", "noTitleInBody")])
                    }
                }
                // "…, sagde Anne Jensen (S)." then "…, siger statsministeren": nobody named with that title, but the
                // last person named spoke and was given no title, so most likely the same; inferred, not established.
                if let mention = lastMention(before: at), mention.isSpeaker, mention.speaker.name != nil, mention.speaker.role == nil {
                    return Attribution(form: .context, range: reference.range, speaker: mention.speaker,
                                       steps: reference.steps + [Attribution.Step("refersTo", mention.speaker.name ?? "", "lastSpeakerUntitled"),
                                                                 Attribution.Step("unsure", word, "nobodyNamedWithTitle")])
                }
                // Nobody named with that title: the noun is all the text says ("siger borgmesteren").
                var speaker = Speaker(name: nil, nameRange: nil, partyLetter: nil, role: title, titleRanges: [], organisation: nil,
                                      organisationRange: nil, affiliation: nil, range: reference.word)
                speaker.reference = word
                return Attribution(form: .pronoun, range: reference.range, speaker: speaker,
                                   steps: reference.steps + [Attribution.Step("unsure", word, "nobodyNamedWithTitle")])
            case .surname:
                let key = NameMatcher.foldWord(word)
                let bySurname = { (speaker: Speaker) in speaker.name.map { NameMatcher.words(of: $0, caseSensitive: false).last == key } ?? false }
                if let mention = lastMention(before: at, where: bySurname) ?? mentions.prefix(finder.maxMentionsBack).first(where: { bySurname($0.speaker) }) {
                    return Attribution(form: .after, range: reference.range, speaker: mention.speaker,
                                       steps: reference.steps + [Attribution.Step("refersTo", mention.speaker.name ?? "", "surname")])
                }
                // "lød det fra Michael" after "… direktør, Michael Opdigtsen, …": a first name alone is the person
                // named before with it, when only one person was.
                if finder.firstNames.contains(key) {
                    let byFirstName = { (speaker: Speaker) in
                        speaker.name.map { NameMatcher.words(of: $0, caseSensitive: false) }.map { $0.count > 1 && $0[0] == key } ?? false
                    }
                    let before = mentions[..<Self.firstIndex(of: mentions, atOrAfter: at)].filter { byFirstName($0.speaker) }
                    if let mention = before.last, before.allSatisfy({ sameIdentity($0.speaker, mention.speaker) }) {
                        return Attribution(form: .after, range: reference.range, speaker: mention.speaker,
                                           steps: reference.steps + [Attribution.Step("refersTo", mention.speaker.name ?? "", "firstName")])
                    }
                }
                let speaker = Speaker(name: word, nameRange: reference.word, partyLetter: nil, role: nil, titleRanges: [], organisation: nil,
                                      organisationRange: nil, affiliation: nil, range: reference.word)
                return Attribution(form: .after, range: reference.range, speaker: speaker,
                                   steps: reference.steps + [Attribution.Step("name", word, "surnameOnly")])
            }
        }

        var quotes: [Quote] = []
        var previous: Candidate? = nil
        for var candidate in candidates {
            if let reference = candidate.reference, candidate.quote.attribution == nil {
                candidate.quote.attribution = resolved(reference)
            }
            if candidate.quote.attribution == nil, candidate.reference == nil, let previous, let attribution = previous.quote.attribution,
               previous.lastParagraph + 1 == candidate.paragraph, candidate.quote.style != .label,
               candidate.quote.range.lowerBound == trimmed(document.paragraphs[candidate.paragraph]).lowerBound {
                candidate.quote.attribution = Attribution(form: .continuation, range: candidate.quote.range, speaker: attribution.speaker,
                                                          steps: [Attribution.Step("continuation", attribution.speaker.displayName ?? "")])
            }
            quotes.append(candidate.quote)
            previous = candidate
        }
        // »A.« »B.« »C«, siger …: quote paragraphs in a row before an attributed one are its speaker's.
        var next: Int? = nil
        for i in quotes.indices.reversed() {
            defer { next = i }
            guard quotes[i].attribution == nil, quotes[i].style == .marks, let n = next, let attribution = quotes[n].attribution,
                  attribution.form != .context, quotes[n].style == .marks,
                  let p = document.paragraphIndex(containing: quotes[i].range.lowerBound),
                  let q = document.paragraphIndex(containing: quotes[n].range.lowerBound), q == p + 1,
                  quotes[i].range.lowerBound == trimmed(document.paragraphs[p]).lowerBound,
                  quotes[n].range.lowerBound == trimmed(document.paragraphs[q]).lowerBound,
                  units[quotes[i].range.lowerBound] == units[quotes[n].range.lowerBound],
                  trimmed(quotes[i].range.upperBound..<document.paragraphs[p].upperBound).allSatisfy({ !Unit.isLetter(units[$0]) }) else { continue }
            quotes[i].attribution = Attribution(form: .continuation, range: quotes[i].range, speaker: attribution.speaker,
                                                steps: [Attribution.Step("continuation", attribution.speaker.displayName ?? "", "nextParagraph")])
        }
        repeatedHeadlines(&quotes)
        introducedByContext(&quotes, candidates: candidates, mentions: mentions, lastMention: lastMention)
        withOrganisations(&quotes, mentions: mentions)
        return quotes
    }

    static func firstIndex(of mentions: [Mention], atOrAfter offset: Int) -> Int {
        var low = 0
        var high = mentions.count
        while low < high {
            let mid = (low + high) / 2
            if mentions[mid].offset < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    enum Gender { case man, woman }

    /// The gender a first name tells (from the two lists of `quotes.yml`); nil when it does not.
    func gender(of speaker: Speaker) -> Gender? {
        guard let name = speaker.name, let first = NameMatcher.words(of: name, caseSensitive: false).first else { return nil }
        let firstPart = String(first.split(separator: "-").first ?? Substring(first))
        let man = finder.menNames.contains(firstPart)
        let woman = finder.womenNames.contains(firstPart)
        return man == woman ? nil : man ? .man : .woman
    }

    func gender(ofPronoun word: String) -> Gender? {
        word == "han" ? .man : word == "hun" ? .woman : nil
    }

    /// Who "han"/"hun" at `offset` is: going back sentence by sentence, the first person named in the nearest
    /// sentence that names one (the subject is usually named first), whose first name does not say the other
    /// gender. A sentence that starts with the same pronoun is the same person again and is passed over
    /// ("Anne Jensen er borgmester. Hun mødtes med Ole Hansen. »…«, siger hun": Anne Jensen).
    func pronounReferent(at offset: Int, word: String, mentions: [Mention]) -> (Mention, String)? {
        let wanted = gender(ofPronoun: word)
        func compatible(_ mention: Mention) -> Bool {
            guard let wanted, let known = gender(of: mention.speaker) else { return true }
            return wanted == known
        }
        func firstIndex(atOrAfter offset: Int) -> Int { Self.firstIndex(of: mentions, atOrAfter: offset) }
        guard var s = document.sentenceIndex(containing: offset) else { return nil }
        var bound = offset
        let maxSentences = 20
        var looked = 0
        while s >= 0, looked < maxSentences {
            let sentence = document.sentences[s]
            let first = skipSpaces(tokenIndex(at: sentence.lowerBound), tokens.count)
            let chained = bound > sentence.upperBound && first < tokens.count && tokens[first].kind == .word && folded[first] == word
                && tokens[first].range.lowerBound < offset
            if !chained {
                var i = firstIndex(atOrAfter: sentence.lowerBound)
                var inSentence: [Mention] = []
                while i < mentions.count, mentions[i].offset < min(bound, sentence.upperBound) {
                    if compatible(mentions[i]) { inSentence.append(mentions[i]) }
                    i += 1
                }
                if !inSentence.isEmpty {
                    let reason = looked == 0 ? "sameSentence" : "subjectBefore"
                    // Someone who has already spoken, else the first named who is not after "af", "med" …, else the first.
                    let spoke = inSentence.count < 2 ? nil : inSentence.first { mention in
                        let before = firstIndex(atOrAfter: mention.offset)
                        return mentions[max(0, before - finder.maxMentionsBack)..<before].contains { $0.isSpeaker && $0.speaker.name == mention.speaker.name }
                    }
                    // "…, forklarer A, mens B er mindre beskeden. – …, siger han": the sentence hands over to B.
                    if inSentence.count > 1, let handedTo = inSentence.last(where: { mention in
                        guard !mention.isSpeaker, let p = previousWord(tokenIndex(at: mention.offset), floor: 0) else { return false }
                        return finder.handoverWords.contains(folded[p]) && inSentence.contains { $0.isSpeaker && $0.offset < mention.offset }
                    }) { return (handedTo, "handedOver") }
                    if inSentence.count > 1, let spoke { return (spoke, reason + "HasSpoken") }
                    let subject = inSentence.first { mention in
                        guard let p = previousWord(tokenIndex(at: mention.offset), floor: 0), tokens[p].kind == .word else { return true }
                        return !finder.notSubjectAfter.contains(folded[p]) || isTitle(p)
                    }
                    // "Fejringen af Ole Hansen blev en skuffelse for Anne Jensen. … siger han": both after a preposition.
                    if subject == nil, Set(inSentence.map { $0.speaker.name ?? "" }).count > 1 { return (inSentence[0], Self.ambiguous) }
                    return (subject ?? inSentence[0], reason)
                }
            }
            bound = Int.max
            s -= 1
            looked += 1
        }
        return nil
    }

    /// The reason `pronounReferent` gives when the sentence it stops at names several people and none as its subject.
    static let ambiguous = "ambiguousReferent"

    /// Whether a speaker's title is the one a noun refers to ("borgmesteren": a "borgmester", also
    /// "overborgmester" or "by- og kulturrådmand" for "rådmanden").
    func has(title: String, _ speaker: Speaker) -> Bool {
        guard let role = speaker.role else { return false }
        return NameMatcher.foldWord(role).contains(title)
    }

    /// A speaker's dash paragraphs in a row are one quote: `– A.` `– B.` `– C, siger …` (the attribution in the
    /// last) or `– A, siger …` `– B.` (in the first).
    func mergeDashParagraphs(_ candidates: [Candidate]) -> [Candidate] {
        var result: [Candidate] = []
        for candidate in candidates {
            if var last = result.last, last.quote.style == .dash, candidate.quote.style == .dash,
               last.lastParagraph + 1 == candidate.paragraph,
               candidate.quote.range.lowerBound == trimmed(document.paragraphs[candidate.paragraph]).lowerBound {
                let lastSpeaks = last.quote.attribution != nil || last.reference != nil
                let thisSpeaks = candidate.quote.attribution != nil || candidate.reference != nil
                // "…, siger han, og borgmester Anne Jensen tilføjer, at" then a dash: the paragraph before hands over
                // to someone else; only a paragraph that ends a sentence goes on into the next.
                let previous = trimmed(document.paragraphs[last.lastParagraph])
                let endsSentence = previous.last.map { Unit.isSentenceEnd(units[$0]) || Unit.isQuoteMark(units[$0]) } ?? false
                // A headline's dash quote after a colon ("Nyt fra byrådet: - …") is not the start of the body's quote.
                let lastStartsParagraph = last.quote.range.lowerBound == trimmed(document.paragraphs[last.paragraph]).lowerBound
                if !(lastSpeaks && thisSpeaks), endsSentence || !lastSpeaks, lastStartsParagraph || lastSpeaks {
                    last.quote.range = last.quote.range.lowerBound..<max(last.quote.range.upperBound, candidate.quote.range.upperBound)
                    last.quote.segments += candidate.quote.segments
                    last.lastParagraph = candidate.lastParagraph
                    if !lastSpeaks {
                        last.quote.attribution = candidate.quote.attribution
                        last.reference = candidate.reference
                    }
                    result[result.count - 1] = last
                    continue
                }
            }
            result.append(candidate)
        }
        return result
    }

    /// A quote in the headline or lead repeated with its speaker further down: "»Vi skal turde mere«" as the
    /// headline and "»Vi skal turde mere, end vi har gjort,« siger …" in the body. Bounded: the first
    /// paragraphs only, against at most `maxRepeatChecks` attributed quotes.
    func repeatedHeadlines(_ quotes: inout [Quote]) {
        let attributed = quotes.indices.filter { quotes[$0].attribution != nil }.prefix(finder.maxRepeatChecks)
        for i in quotes.indices where quotes[i].attribution == nil {
            guard let paragraph = document.paragraphIndex(containing: quotes[i].range.lowerBound) else { continue }
            if paragraph >= finder.headlineParagraphs { break }
            let text = comparable(quotes[i])
            guard text.count >= 8 else { continue }
            let prefix = String(text.prefix(40))
            if let j = attributed.first(where: { $0 > i && comparable(quotes[$0]).hasPrefix(prefix) }), let attribution = quotes[j].attribution {
                quotes[i].attribution = Attribution(form: .repeated, range: attribution.range, speaker: attribution.speaker,
                                                    steps: [Attribution.Step("repeated", attribution.speaker.displayName ?? "")])
            }
        }
    }

    /// A quote's words, lower-cased, without punctuation at its end, for finding it repeated.
    func comparable(_ quote: Quote) -> String {
        var text = quote.segments.map { document.string($0) }.joined(separator: " ").lowercased()
        while let last = text.last, last.isPunctuation || last.isWhitespace { text.removeLast() }
        return text
    }

    /// A quote paragraph with no attribution after a paragraph of running text about a person: "Hun
    /// forklarer, at …" / "Rådmanden mener, at …" / "Men Anne Jensen lovede, at …", then the quote.
    func introducedByContext(_ quotes: inout [Quote], candidates: [Candidate], mentions: [Mention],
                             lastMention: (Int, (Speaker) -> Bool) -> Mention?) {
        let paragraphs = document.paragraphs
        var quoteParagraphs = Set<Int>()
        for candidate in candidates { for p in candidate.paragraph...candidate.lastParagraph { quoteParagraphs.insert(p) } }
        for i in quotes.indices where quotes[i].attribution == nil && quotes[i].style != .label {
            guard let p = document.paragraphIndex(containing: quotes[i].range.lowerBound) else { continue }
            let startsParagraph = quotes[i].range.lowerBound == trimmed(paragraphs[p]).lowerBound
            // "Ifølge ham er det ikke hans sejr alene. »…«": the sentences before the quote in its own paragraph.
            let before = trimmed(paragraphs[p].lowerBound..<quotes[i].range.lowerBound)
            let inParagraph = !startsParagraph && quotes[i].style == .marks && before.last.map { Unit.isSentenceEnd(units[$0]) } == true
                && !candidates.contains { $0.paragraph == p && $0.quote.range.lowerBound < quotes[i].range.lowerBound }
            guard inParagraph || (p > 0 && startsParagraph && !quoteParagraphs.contains(p - 1)) else { continue }
            let previous = inParagraph ? before : trimmed(paragraphs[p - 1])
            guard !previous.isEmpty, wordCount(previous, limit: 5) >= 4 else { continue }
            let first = tokenIndex(at: previous.lowerBound)
            let end = tokenIndex(at: previous.upperBound)
            let speaks = (first..<end).contains { tokens[$0].isWordLike && matchAttributionPhrase(at: $0, limit: end) != nil }
            // The person: the subject pronoun or noun of that paragraph, else the first person named in it.
            let index = Self.firstIndex(of: mentions, atOrAfter: previous.lowerBound)
            let named = index < mentions.count && previous.contains(mentions[index].offset) ? mentions[index] : nil
            let pronoun = tokens[first].isWordLike && finder.pronouns.contains(folded[first])
            // "Ifølge ham er det ikke hans sejr alene. »…«": the pronoun after "ifølge", in its subject form.
            let accordingToPronoun = pronoun ? nil : matchPhrase(finder.accordingTo, at: first, limit: end).flatMap { after -> String? in
                let next = skipSpaces(after, end)
                return next < end && tokens[next].isWordLike ? finder.objectPronouns[folded[next]] ?? (finder.pronouns.contains(folded[next]) ? folded[next] : nil) : nil
            }
            let title = tokens[first].isWordLike ? referredTitle(first) : nil
            // "Aftalen møder kritik fra Anne Jensen (K), borgmester i Fjordby." then a dash paragraph: the one
            // person that paragraph names, wherever in it, when it ends a sentence and names nobody else.
            let onlyPerson = named.flatMap { named in
                onlyPersonNamed(in: previous, from: index, mentions: mentions, first: named)
            }
            guard speaks || pronoun || accordingToPronoun != nil || title != nil || named.map({ tokenIndex(at: $0.offset) <= first + 2 }) == true
                    || (onlyPerson != nil && quotes[i].style == .dash) else { continue }
            let speaker: Speaker?
            let reason: String
            if pronoun {
                speaker = pronounReferent(at: tokens[first].range.lowerBound, word: folded[first], mentions: mentions)
                    .flatMap { $0.1 == Self.ambiguous ? nil : $0.0.speaker }
                reason = "subjectPronoun"
            } else if let subjectForm = accordingToPronoun {
                speaker = pronounReferent(at: tokens[first].range.lowerBound, word: subjectForm, mentions: mentions)
                    .flatMap { $0.1 == Self.ambiguous ? nil : $0.0.speaker }
                reason = "accordingToPronoun"
            } else if let title {
                speaker = lastMention(previous.upperBound, { has(title: title, $0) })?.speaker
                reason = "subjectNoun"
            } else if let named, speaks || tokenIndex(at: named.offset) <= first + 2 {
                speaker = named.speaker
                reason = "namedBefore"
            } else {
                speaker = onlyPerson?.speaker
                reason = "onlyPersonBefore"
            }
            guard let speaker else { continue }
            quotes[i].attribution = Attribution(form: .context, range: previous, speaker: speaker,
                                                steps: [Attribution.Step("context", document.string(previous), reason),
                                                        Attribution.Step("unsure", speaker.displayName ?? "", "noAttributionAtQuote")])
        }
    }

    /// The person a paragraph of running text names when it names exactly one (every mention inside it is
    /// that person) and ends a sentence; nil otherwise.
    func onlyPersonNamed(in paragraph: Range<Int>, from index: Int, mentions: [Mention], first: Mention) -> Mention? {
        guard let last = paragraph.last, Unit.isSentenceEnd(units[last]), first.speaker.name != nil else { return nil }
        var i = index + 1
        while i < mentions.count, paragraph.contains(mentions[i].offset) {
            if !sameIdentity(mentions[i].speaker, first.speaker) { return nil }
            i += 1
        }
        return first
    }

    /// Whether two mentions are one person: the same name, or one name the surname of the other.
    func sameIdentity(_ a: Speaker, _ b: Speaker) -> Bool {
        guard let x = a.name, let y = b.name else { return false }
        return x == y || x.hasSuffix(" " + y) || y.hasSuffix(" " + x)
    }

    /// People named in running text outside quotes, with evidence that the run is a person (first name,
    /// title, party letter, initials): the referents of later pronouns, nouns and surnames.
    func narrativeMentions(outside quoted: [Range<Int>]) -> [Mention] {
        var result: [Mention] = []
        var q = 0
        var t = 0
        let count = tokens.count
        while t < count {
            guard tokens[t].kind == .word, isCapitalised(t) else { t += 1; continue }
            let offset = tokens[t].range.lowerBound
            while q < quoted.count, quoted[q].upperBound <= offset { q += 1 }
            if let inside = quoted[q...].prefix(4).first(where: { $0.contains(offset) }) {
                t = max(t + 1, tokenIndex(at: inside.upperBound))
                continue
            }
            let limit = min(count, t + 12)
            guard let name = nameRun(t, limit), name.lowerBound == t else { t += 1; continue }
            let floor = max(0, t - 8)
            guard confidence(of: name, from: floor) != nil else {
                // "i Fjordby Bank Anne Jensen": after a preposition the run may be an organisation, then a person.
                let afterPreposition = previousWord(t, floor: floor).map { tokens[$0].kind == .word && finder.prepositions.contains(folded[$0]) } ?? false
                t = afterPreposition ? t + 1 : name.upperBound
                continue
            }
            // "Anne Jensens tale": a name in the genitive is not who acts in the sentence.
            if folded[name.upperBound - 1].hasSuffix("s"), isKnownGenitive(name.upperBound - 1) { t = name.upperBound; continue }
            // The phrase: title words before the name ("borgmester", "adm. direktør"), apposition after it.
            var a = t
            while let p = previousWord(a, floor: floor) {
                if isTitle(p) { a = p; continue }
                if isPunctuation(p, Unit.fullStop), let w = previousWord(p, floor: floor), isAbbreviation(w) { a = w; continue }
                break
            }
            // "adm. direktør i Fjordby Bank, Anne Jensen": a title phrase, a comma, then the name.
            if a == t, let comma = previousWord(t, floor: floor), isPunctuation(comma, Unit.comma),
               let title = titlePhraseStart(before: comma) { a = title }
            // "Fjordbys borgmester Anne Jensen", "Fjordby Havns direktør, Anne Jensen": the title's owner in the genitive.
            if a < t, let owner = genitiveOwner(ofTitle: a, floor: max(0, t - 24)) { a = owner.tokens.lowerBound }
            // "cheføkonom i Fjordby Bank Anne Jensen": a title, a preposition and the organisation right before the name.
            if a == t, let title = titleBeforeOrganisation(t, floor: max(0, t - 24)) { a = title }
            let end = appositionEnd(after: name.upperBound, limit: min(count, name.upperBound + 40))
            if case .speaker(var speaker, _)? = parseSpeaker(a, max(end, name.upperBound)), speaker.name != nil {
                if speaker.role == nil, let (title, organisation) = predicateTitle(after: end) ?? relativeTitle(after: name.upperBound) {
                    speaker.role = title
                    if speaker.organisation == nil, let organisation {
                        speaker.organisation = organisation.name
                        speaker.organisationRange = organisation.range
                        speaker.affiliation = organisation.affiliation
                    }
                }
                if speaker.organisation == nil, let (title, organisation) = titleAfterSom(inSentenceOf: name) {
                    if speaker.role == nil { speaker.role = title }
                    speaker.organisation = organisation.name
                    speaker.organisationRange = organisation.range
                    speaker.affiliation = organisation.affiliation
                }
                result.append(Mention(offset: offset, speaker: speaker))
            }
            t = max(end, name.upperBound)
        }
        return result
    }

    /// "cheføkonom i Fjordby Bank" right before the name at `t`: the title's token (or its abbreviation, "adm."),
    /// nil when the words before the name are not a title, a preposition and a capitalised organisation.
    func titleBeforeOrganisation(_ t: Int, floor: Int) -> Int? {
        var p = previousWord(t, floor: floor)
        var words = 0
        while let q = p, words < 5, isCapitalised(q) || tokens[q].kind == .number
                || tokens[q].kind == .word && finder.organisationWords.contains(folded[q]) {
            words += 1
            p = previousWord(q, floor: floor)
        }
        guard words > 0, let preposition = p, tokens[preposition].kind == .word, finder.prepositions.contains(folded[preposition]),
              let title = previousWord(preposition, floor: floor), isTitle(title) else { return nil }
        if let q = previousWord(title, floor: floor), isPunctuation(q, Unit.fullStop), let w = previousWord(q, floor: floor), isAbbreviation(w) { return w }
        return title
    }

    /// The start of a title phrase that ends at `comma` ("formanden for Fjordby Kommunes udvalg"): a title word
    /// at most eight words back, in the same sentence.
    func titlePhraseStart(before comma: Int) -> Int? {
        var p = comma - 1
        var words = 0
        while p >= 0, words < 8 {
            if tokens[p].kind == .punctuation, Unit.isSentenceEnd(units[tokens[p].range.lowerBound]) || isPunctuation(p, Unit.comma)
                || Unit.isQuoteMark(units[tokens[p].range.lowerBound]) { return nil }
            if tokens[p].kind == .space, containsNewline(p) { return nil }
            if tokens[p].isWordLike {
                words += 1
                if isTitle(p) || referredTitle(p) != nil {
                    if let q = previousWord(p, floor: 0), isPunctuation(q, Unit.fullStop), let w = previousWord(q, floor: 0), isAbbreviation(w) { return w }
                    return p
                }
            }
            p -= 1
        }
        return nil
    }

    /// A person's organisation given at one mention and not at another ("Anne Jensen, direktør i Fjordby Bank"
    /// first, "siger Anne Jensen" later): filled in from the mention that gives it.
    func withOrganisations(_ quotes: inout [Quote], mentions: [Mention]) {
        var known: [String: Speaker] = [:]
        for mention in mentions {
            guard let name = mention.speaker.name, mention.speaker.organisation != nil else { continue }
            let key = NameMatcher.words(of: name, caseSensitive: false).joined(separator: " ")
            if known[key] == nil { known[key] = mention.speaker }
        }
        for quote in quotes {
            guard let speaker = quote.attribution?.speaker, let name = speaker.name, let organisation = speaker.organisation else { continue }
            let key = NameMatcher.words(of: name, caseSensitive: false).joined(separator: " ")
            if known[key] == nil { known[key] = speaker }
            _ = organisation
        }
        for i in quotes.indices {
            guard var attribution = quotes[i].attribution, let name = attribution.speaker.name, attribution.speaker.organisation == nil else { continue }
            let key = NameMatcher.words(of: name, caseSensitive: false).joined(separator: " ")
            guard let other = known[key], let organisation = other.organisation else { continue }
            attribution.speaker.organisation = organisation
            attribution.speaker.affiliation = other.affiliation
            attribution.speaker.organisationRange = other.organisationRange
            if attribution.speaker.role == nil { attribution.speaker.role = other.role }
            attribution.steps.append(Attribution.Step("organisation", organisation, "givenElsewhere"))
            quotes[i].attribution = attribution
        }
    }

    /// "Med posten som formand for Fjordby Fond går Anne Jensen …", "Anne Jensen har et flertal bag sig som ny
    /// regionsrådsformand i Region Fjordland": "som", at most two words, a title, a preposition and a capitalised
    /// organisation in the sentence of the name at `name`, when that sentence names nobody else.
    func titleAfterSom(inSentenceOf name: Range<Int>) -> (String, Organisation)? {
        guard let s = document.sentenceIndex(containing: tokens[name.lowerBound].range.lowerBound) else { return nil }
        let sentence = document.sentences[s]
        let first = tokenIndex(at: sentence.lowerBound)
        let last = min(tokenIndex(at: sentence.upperBound), first + 80)
        var found: (String, Organisation)? = nil
        var t = first
        while t < last {
            defer { t += 1 }
            guard tokens[t].kind == .word else { continue }
            // Another person in the sentence: whose title it is cannot be told, unless the title came first and this
            // person's name was the first after it ("Med posten som formand for X går Anne Jensen i fodsporene på Ole Hansen").
            if !name.contains(t), isCapitalised(t), t != first || finder.firstNames.contains(folded[t]),
               let run = nameRun(t, min(last, t + 6)), run.lowerBound == t, !run.overlaps(name),
               confidence(of: run, from: first) != nil { return found != nil && t > name.upperBound ? found : nil }
            guard found == nil, folded[t] == "som" else { continue }
            var e = t + 1
            var words = 0
            while e < last, words < 3 {
                if tokens[e].kind == .word {
                    words += 1
                    if isTitle(e) { break }
                } else if tokens[e].kind != .space { break }
                e += 1
            }
            guard e < last, tokens[e].kind == .word, isTitle(e) else { continue }
            let p = skipSpaces(e + 1, last)
            guard p < last, tokens[p].kind == .word, finder.prepositions.contains(folded[p]),
                  skipSpaces(p + 1, last) < last, isCapitalised(skipSpaces(p + 1, last)) else { continue }
            guard let organisation = organisation(p, clauseEnd(afterPreposition: p, limit: last), excluding: name), organisation.affiliation != .partnership else { continue }
            found = (document.string(trimmed(tokens[t + 1].range.lowerBound..<tokens[e].range.upperBound)), organisation)
        }
        return found
    }

    /// Where the organisation after the preposition at `p` ends: at punctuation (not a hyphen or "&"), a line
    /// break, or 15 tokens on.
    func clauseEnd(afterPreposition p: Int, limit: Int) -> Int {
        var end = p + 1
        while end < limit, end < p + 16, !(tokens[end].kind == .punctuation && !isPunctuation(end, Unit.hyphen)
                                          && !isPunctuation(end, Unit.of("&"))), !containsNewline(end) { end += 1 }
        return end
    }

    /// "Anne Jensen (V) er by- og kulturrådmand i Fjordby Kommune", also "Anne Jensen, (V), er …": a title given by
    /// "er" after the name, and the organisation when a preposition follows the title.
    /// "Anne Jensen, der er direktør for Fjordby Havn, …": the title in a relative clause right after the name.
    func relativeTitle(after t: Int) -> (String, Organisation?)? {
        let count = tokens.count
        let n = skipSpaces(t, count)
        guard n < count, isPunctuation(n, Unit.comma) else { return nil }
        let s = skipSpaces(n + 1, count)
        guard s < count, tokens[s].kind == .word, folded[s] == "der" || folded[s] == "som" else { return nil }
        return predicateTitle(after: s + 1)
    }

    func predicateTitle(after t: Int) -> (String, Organisation?)? {
        let count = tokens.count
        var n = skipSpaces(t, count)
        if n < count, isPunctuation(n, Unit.comma) { n = skipSpaces(n + 1, count) }
        if n + 2 < count, isPunctuation(n, Unit.openParenthesis), partyLetter(n, n + 3) != nil {
            n = skipSpaces(n + 3, count)
            if n < count, isPunctuation(n, Unit.comma) { n = skipSpaces(n + 1, count) }
        }
        guard n < count, tokens[n].kind == .word, folded[n] == "er" || folded[n] == "var" else { return nil }
        var e = n + 1
        var words = 0
        while e < count, words < 6 {
            if tokens[e].kind == .word {
                words += 1
                if isTitle(e) {
                    let title = document.string(trimmed(tokens[n + 1].range.lowerBound..<tokens[e].range.upperBound))
                    // "… i Fjordby Kommune": the organisation, up to the end of the clause.
                    let p = skipSpaces(e + 1, count)
                    guard p < count, tokens[p].kind == .word, finder.prepositions.contains(folded[p]),
                          skipSpaces(p + 1, count) < count, isCapitalised(skipSpaces(p + 1, count)) else { return (title, nil) }
                    // "formand for Klimaalliancen": what the title is about, not where the person comes from.
                    let found = organisation(p, clauseEnd(afterPreposition: p, limit: count), excluding: nil)
                    return (title, found?.affiliation == .partnership ? nil : found)
                }
            } else if tokens[e].kind == .punctuation, !isPunctuation(e, Unit.hyphen) { break }
            e += 1
        }
        return nil
    }
}
