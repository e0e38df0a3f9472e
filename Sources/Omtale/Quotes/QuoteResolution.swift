import Foundation

/// Pronouns and continuations resolved to named speakers, and duplicate quotes merged.
extension QuoteScan {
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
            for c in t..<limit where isPunctuation(c, UTF16Unit.comma) {
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
