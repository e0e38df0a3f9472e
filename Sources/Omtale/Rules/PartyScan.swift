/// The names found in one document, sorted by who they name. Computed once, read by every rule.
public struct PartyScan: Sendable {
    public let matches: [NameMatcher.Match]
    /// Mentions of the partnership (proper names, transliterations and misspellings).
    public let partnershipMentions: [NameMatcher.Match]
    /// Per party (index into `ruleset.parties`): every match, of any kind.
    public let partyMatches: [[NameMatcher.Match]]
    public let knowledgePartnerMatches: [[NameMatcher.Match]]
    public let collectiveMatches: [[NameMatcher.Match]]
    public let lookalikeMatches: [[NameMatcher.Match]]

    public init(document: Document, ruleset: Ruleset, matcher: NameMatcher) {
        let matches = matcher.matches(in: document)
        self.matches = matches
        var partnership: [NameMatcher.Match] = []
        var parties = Array(repeating: [NameMatcher.Match](), count: ruleset.parties.count)
        var partners = Array(repeating: [NameMatcher.Match](), count: ruleset.knowledgePartners.count)
        var collectives = Array(repeating: [NameMatcher.Match](), count: ruleset.collectives.count)
        var lookalikes = Array(repeating: [NameMatcher.Match](), count: ruleset.lookalikes.count)
        for match in matches {
            switch match.target {
            case .partnership: partnership.append(match)
            case .party(let i): parties[i].append(match)
            case .knowledgePartner(let i): partners[i].append(match)
            case .collective(let i): collectives[i].append(match)
            case .lookalike(let i): lookalikes[i].append(match)
            }
        }
        partnershipMentions = partnership
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

    /// The text is about the partnership.
    public var applies: Bool { partnershipMentions.contains { Self.names($0.kind) } }

    /// The first mention of the partnership, where missing-party diagnostics point.
    public var firstPartnershipMention: NameMatcher.Match? { partnershipMentions.first }

    public func isNamed(party index: Int) -> Bool {
        partyMatches[index].contains { Self.names($0.kind) }
    }

    /// The first collective match that covers a party not named itself.
    public func collective(covering party: Int, in ruleset: Ruleset) -> (Int, NameMatcher.Match)? {
        let name = ruleset.parties[party].name
        for (i, collective) in ruleset.collectives.enumerated() where collective.covers.contains(name) {
            if let first = collectiveMatches[i].first { return (i, first) }
        }
        return nil
    }

    /// Coverage of every party for the JSON report.
    public func coverage(_ ruleset: Ruleset, document: Document) -> (parties: [PartyCoverage], knowledgePartners: [PartyCoverage]) {
        func occurrences(_ matches: [NameMatcher.Match]) -> [PartyCoverage.Occurrence] {
            matches.filter { Self.names($0.kind) }.map { match in
                let location = document.location(of: match.range.lowerBound)
                return PartyCoverage.Occurrence(line: location.line, column: location.column, part: location.part, text: match.text)
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
}
