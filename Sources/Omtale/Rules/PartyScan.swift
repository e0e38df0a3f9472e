/// The names found in one document, sorted by who they name. Computed once, read by every rule.
public struct PartyScan: Sendable {
    public let matches: [NameMatcher.Match]
    /// Mentions of the partnership by its proper name: capitalised, definite, not a compound, not an
    /// alliance the text introduced itself ("en ny klimaalliance … Klimaalliancen består af …").
    public let partnershipMentions: [NameMatcher.Match]
    /// "klimaalliancen" written lower-case: a common noun, not the partnership's name.
    public let commonNounMentions: [NameMatcher.Match]
    /// Other alliances: "Fjordlandets Klimaalliance", "klimaalliance-kommuner", and sentence-initial
    /// "Klimaalliancen" referring back to "en (ny) klimaalliance" the text introduced.
    public let otherAllianceMentions: [NameMatcher.Match]
    /// Per party (index into `ruleset.parties`): every match, of any kind.
    public let partyMatches: [[NameMatcher.Match]]
    public let knowledgePartnerMatches: [[NameMatcher.Match]]
    public let collectiveMatches: [[NameMatcher.Match]]
    public let lookalikeMatches: [[NameMatcher.Match]]
    /// Regions named by their place name in a list: "regionerne Nordjylland, Midtjylland og Syddanmark",
    /// "Region Nord- og Midtjylland". Also in `partyMatches`.
    public let shortFormMatches: [NameMatcher.Match]
    /// The lists those matches stand in ("regionerne Nordjylland, Midtjylland og Syddanmark"), in text order.
    public let shortFormLists: [Range<Int>]
    /// The parts of the release; a party named outside `countingScope` (a photo credit, the contact
    /// block) is found but does not count as named.
    public let sections: Sections
    public let countingScope: Set<Section.Kind>?
    /// The text's date lies within the ruleset's period (pkt. 7.1), or the text has no date.
    public let inPeriod: Bool

    public init(document: Document, ruleset: Ruleset, matcher: NameMatcher, sections: Sections? = nil, inPeriod: Bool = true) {
        var matches = matcher.matches(in: document)
        let sections = sections ?? Sections.find(in: document)
        self.sections = sections
        self.inPeriod = inPeriod
        countingScope = ruleset.rules.first { $0.kind == PartnerMentionRule.kind }?.scope.map(Set.init)

        // Region place names in a list, and collective words beside another party: reclassified.
        let short = Self.shortForms(document, ruleset: ruleset, matches: matches)
        if !short.isEmpty {
            let covered = short.flatMap { [$0.construct] }
            matches.removeAll { match in
                guard case .lookalike = match.target else { return false }
                return covered.contains { $0.overlaps(match.range) }
            }
            matches.append(contentsOf: short.map(\.match))
            matches.sort { $0.range.lowerBound < $1.range.lowerBound }
        }
        shortFormMatches = short.map(\.match)
        shortFormLists = short.map(\.construct).reduce(into: [Range<Int>]()) { lists, range in
            if lists.last != range { lists.append(range) }
        }
        matches = Self.collectivesBesideParties(document, ruleset: ruleset, matches: matches)
        self.matches = matches

        var parties = Array(repeating: [NameMatcher.Match](), count: ruleset.parties.count)
        var partners = Array(repeating: [NameMatcher.Match](), count: ruleset.knowledgePartners.count)
        var collectives = Array(repeating: [NameMatcher.Match](), count: ruleset.collectives.count)
        var lookalikes = Array(repeating: [NameMatcher.Match](), count: ruleset.lookalikes.count)
        var partnership: [NameMatcher.Match] = []
        for match in matches {
            switch match.target {
            case .partnership: partnership.append(match)
            case .party(let i): parties[i].append(match)
            case .knowledgePartner(let i): partners[i].append(match)
            case .collective(let i): collectives[i].append(match)
            case .lookalike(let i): lookalikes[i].append(match)
            }
        }
        let starts = Set(matches.filter { if case .partnership = $0.target { return false } else { return true } }.map(\.range.lowerBound))
        let reading = AllianceReading(document: document, mentions: partnership, otherNames: starts)
        partnershipMentions = reading.proper
        commonNounMentions = reading.commonNoun
        otherAllianceMentions = reading.other
        partyMatches = parties
        knowledgePartnerMatches = partners
        collectiveMatches = collectives
        lookalikeMatches = lookalikes
    }

    /// Kinds of match that name the party itself: a misspelled or transliterated name is still the name
    /// (with a warning), an abbreviation or look-alike is not.
    static func names(_ kind: NameMatcher.Kind) -> Bool {
        kind == .name || kind == .misspelling || kind == .transliteration
    }

    /// The text names the partnership by its proper name (whatever its date).
    public var namesPartnership: Bool { partnershipMentions.contains { Self.names($0.kind) } }

    /// The text is about the partnership and dated within its period.
    public var applies: Bool { namesPartnership && inPeriod }

    /// The first mention of the partnership, where missing-party diagnostics point.
    public var firstPartnershipMention: NameMatcher.Match? { partnershipMentions.first }

    /// Whether a match stands where naming a party counts (`scope:` of partner-mention).
    public func counts(_ match: NameMatcher.Match) -> Bool {
        guard let countingScope else { return true }
        return countingScope.contains(sections.kind(at: match.range.lowerBound))
    }

    public func isNamed(party index: Int) -> Bool {
        partyMatches[index].contains { Self.names($0.kind) && counts($0) }
    }

    /// The first collective match that covers a party not named itself.
    public func collective(covering party: Int, in ruleset: Ruleset) -> (Int, NameMatcher.Match)? {
        let name = ruleset.parties[party].name
        for (i, collective) in ruleset.collectives.enumerated() where collective.covers.contains(name) {
            if let first = collectiveMatches[i].first(where: counts) { return (i, first) }
        }
        return nil
    }

    /// Coverage of every party for the JSON report.
    public func coverage(_ ruleset: Ruleset, document: Document) -> (parties: [PartyCoverage], knowledgePartners: [PartyCoverage]) {
        func occurrences(_ matches: [NameMatcher.Match]) -> [PartyCoverage.Occurrence] {
            matches.filter { Self.names($0.kind) }.map { match in
                let location = document.location(of: match.range.lowerBound)
                return PartyCoverage.Occurrence(line: location.line, column: location.column, part: location.part, text: match.text,
                                                section: sections.kind(at: match.range.lowerBound).rawValue,
                                                counts: counts(match))
            }
        }
        let parties = ruleset.parties.enumerated().map { i, party in
            let named = isNamed(party: i)
            return PartyCoverage(name: party.name, mentioned: named, occurrences: occurrences(partyMatches[i]),
                                 collective: named ? nil : collective(covering: i, in: ruleset)?.1.text)
        }
        let partners = ruleset.knowledgePartners.enumerated().map { i, partner in
            let found = occurrences(knowledgePartnerMatches[i])
            return PartyCoverage(name: partner.name, mentioned: !found.isEmpty, occurrences: found, collective: nil)
        }
        return (parties, partners)
    }

    // MARK: - Region lists and collective words

    /// "regionerne Nordjylland, Midtjylland, Syddanmark, Sjælland og Hovedstaden" and "Region Nord- og Midtjylland".
    static func shortForms(_ document: Document, ruleset: Ruleset, matches: [NameMatcher.Match])
        -> [(match: NameMatcher.Match, construct: Range<Int>)] {
        let shorts: [(folded: String, party: Int)] = ruleset.parties.enumerated().compactMap { i, party in
            party.short.map { (NameMatcher.foldWord($0), i) }
        }
        guard !shorts.isEmpty else { return [] }
        let tokens = document.tokens
        func next(_ t: Int) -> Int? {
            var t = t + 1
            while t < tokens.count, tokens[t].kind == .space { t += 1 }
            return t < tokens.count ? t : nil
        }
        func party(_ t: Int) -> Int? {
            let folded = document.foldedTokens[t]
            return shorts.first { $0.folded == folded }?.party
        }
        var result: [(NameMatcher.Match, Range<Int>)] = []
        var t = 0
        while t < tokens.count {
            let word = document.foldedTokens[t]
            // "regionerne" + a list of place names.
            if word == "regionerne" || word == "regionernes" {
                var items: [(Int, Int)] = []
                var cursor = next(t)
                while let c = cursor, let p = party(c) {
                    items.append((p, c))
                    guard let after = next(c) else { cursor = nil; break }
                    let separator = document.string(tokens[after].range)
                    if separator == "," || separator == "og" || separator == "samt" { cursor = next(after) } else { break }
                }
                if items.count >= 2 {
                    let construct = tokens[t].range.lowerBound..<tokens[items.last!.1].range.upperBound
                    for (p, c) in items {
                        let range = tokens[c].range
                        result.append((NameMatcher.Match(kind: .name, target: .party(p), range: range, text: document.string(range),
                                                         suggestion: ruleset.parties[p].name), construct))
                    }
                    t = items.last!.1 + 1
                    continue
                }
            }
            // "Region Nord- og Midtjylland": a suspended hyphen.
            if document.string(tokens[t].range) == "Region", let first = next(t), t + 2 < tokens.count,
               first + 1 < tokens.count, document.string(tokens[first + 1].range) == "-",
               let og = next(first + 1), document.foldedTokens[og] == "og", let last = next(og), let lastParty = party(last) {
                let prefix = document.foldedTokens[first]
                let lastWord = document.foldedTokens[last]
                if let firstParty = shorts.first(where: { s in
                    s.folded.hasPrefix(prefix) && s.folded.count > prefix.count && lastWord.hasSuffix(String(s.folded.dropFirst(prefix.count)))
                })?.party {
                    let construct = tokens[t].range.lowerBound..<tokens[last].range.upperBound
                    for (p, range) in [(firstParty, tokens[t].range.lowerBound..<tokens[first + 1].range.upperBound), (lastParty, construct)] {
                        result.append((NameMatcher.Match(kind: .name, target: .party(p), range: range, text: document.string(range),
                                                         suggestion: ruleset.parties[p].name), construct))
                    }
                    t = last + 1
                    continue
                }
            }
            t += 1
        }
        // Where the matcher already named the region ("Region Midtjylland" inside the list), keep its match.
        return result.filter { candidate in
            !matches.contains { PartyScan.names($0.kind) && $0.target == candidate.0.target && $0.range.overlaps(candidate.0.range) }
        }
    }

    /// A look-alike word listed as `withOtherParties` of a collective ("regionerne") stands for the
    /// collective's parties when its sentence names another party: "KL, regionerne og Realdania".
    static func collectivesBesideParties(_ document: Document, ruleset: Ruleset, matches: [NameMatcher.Match]) -> [NameMatcher.Match] {
        let forms: [(words: [String], collective: Int)] = ruleset.collectives.enumerated().flatMap { i, collective in
            collective.withOtherParties.map { (NameMatcher.words(of: $0.text, caseSensitive: false), i) }
        }
        guard !forms.isEmpty else { return matches }
        return matches.map { match in
            guard case .lookalike = match.target else { return match }
            var words = NameMatcher.words(of: match.text, caseSensitive: false)
            if let last = words.last, let stem = NameMatcher.genitiveStems(last).first?.stem, !forms.contains(where: { $0.words == words }) {
                words[words.count - 1] = stem
            }
            guard let form = forms.first(where: { $0.words == words }),
                  let sentence = document.sentenceIndex(containing: match.range.lowerBound).map({ document.sentences[$0] }) else { return match }
            let covered = Set(ruleset.collectives[form.collective].covers)
            let beside = matches.contains { other in
                guard case .party(let p) = other.target, PartyScan.names(other.kind) else { return false }
                return sentence.contains(other.range.lowerBound) && !covered.contains(ruleset.parties[p].name)
            }
            guard beside else { return match }
            var collective = match
            collective.kind = .collective
            collective.target = .collective(form.collective)
            collective.suggestion = ruleset.collectives[form.collective].name
            return collective
        }
    }
}
