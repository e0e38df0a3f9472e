import Foundation

/// Who issues a text. Pkt. 9.1: "enhver part forpligter sig til at nævne alle **andre** parter" —
/// the sender need not name itself. Stated with `--sender` or `sender:` in `.omtale.yml`;
/// otherwise found only on clear evidence, all of it data in `parties.yml`.
public struct Sender: Sendable, Equatable {
    public enum Evidence: String, Sendable, Codable {
        /// `--sender` on the command line.
        case option
        /// `sender:` in `.omtale.yml`.
        case configuration
        /// A label or dateline: "PRESSEMEDDELELSE – Region Midtjylland", "Nyhed fra KL".
        case label
        /// E-mail addresses of the contact block (or of the text's end) on one party's domain.
        case email
        /// The contact block names one party and no other ("Pressevagten, Region Hovedstaden").
        case contact
        /// The .docx's `docProps/app.xml` Company.
        case company
        /// The text speaks as the party: "vi i Region Midtjylland", "Hos Realdania arbejder vi …".
        case selfReference
    }

    /// Index into `ruleset.parties`; nil when the sender is not a party.
    public var party: Int?
    /// As the ruleset names it, or as given on the command line for a sender that is not a party.
    public var name: String
    public var evidence: Evidence
    /// Where the evidence stands in the normalized text (UTF-16), when it is in the text.
    public var range: Range<Int>?
    /// The sender is a knowledge partner (CONCITO, C40): not a party, so it names all parties.
    public var isKnowledgePartner: Bool = false

    /// Resolves `--sender` / `sender:`: a party's id, name, form or abbreviation, a knowledge
    /// partner, or any other organisation (then not a party).
    public static func resolve(_ given: String, in ruleset: Ruleset, evidence: Evidence) -> Sender {
        let key = fold(given)
        for (i, party) in ruleset.parties.enumerated() {
            let names = [party.name] + (party.id.map { [$0] } ?? []) + (party.forms + party.abbreviations).map(\.text)
            if names.contains(where: { fold($0) == key }) { return Sender(party: i, name: party.name, evidence: evidence) }
        }
        for partner in ruleset.knowledgePartners {
            let names = [partner.name] + (partner.id.map { [$0] } ?? []) + partner.forms.map(\.text)
            if names.contains(where: { fold($0) == key }) {
                return Sender(party: nil, name: partner.name, evidence: evidence, isKnowledgePartner: true)
            }
        }
        return Sender(party: nil, name: given.trimmingCharacters(in: .whitespaces), evidence: evidence)
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive], locale: Locale(identifier: "da_DK"))
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The sender a document shows on clear evidence, strongest first; nil when nothing is clear.
    static func detect(document: Document, scan: PartyScan, sections: Sections, metadata: DocumentMetadata, ruleset: Ruleset) -> Sender? {
        let cues = ruleset.senderCues
        // 1. A label or dateline naming exactly one party and nothing else.
        for section in sections.all where section.kind == .dateline || section.kind == .headline {
            let names = scan.matches.filter { section.range.contains($0.range.lowerBound) && PartyScan.names($0.kind) }
            let parties = Set(names.compactMap { match -> Int? in if case .party(let i) = match.target { return i } else { return nil } })
            guard parties.count == 1, let party = parties.first, names.allSatisfy({ if case .party = $0.target { return true } else { return false } })
            else { continue }
            // The names are blanked in place, clipped to the section: a name may run on past the
            // line's end ("Region" ending a headline, "Midtjylland" on the next line) and two forms
            // may overlap, so cutting them out one by one could index past the text.
            var units = Array(document.string(section.range).utf16)
            for match in names {
                let lower = max(0, match.range.lowerBound - section.range.lowerBound)
                let upper = min(units.count, match.range.upperBound - section.range.lowerBound)
                if lower < upper { units.replaceSubrange(lower..<upper, with: repeatElement(0x20, count: upper - lower)) }
            }
            var rest = String(utf16Units: units[...])
            if let date = PublicationDate.parse(rest) {
                let units = Array(rest.utf16)
                rest = String(utf16Units: units[..<date.offset]) + " " + String(utf16Units: units[(date.offset + date.length)...])
            }
            let words = rest.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
            guard words.contains(where: { cues.labels.contains($0) }), words.allSatisfy({ cues.labels.contains($0) || cues.labelFillers.contains($0) })
            else { continue }
            return Sender(party: party, name: ruleset.parties[party].name, evidence: .label, range: names[0].range)
        }
        // 2. E-mail addresses in the contact block on one party's domain ("Skriv til presse@kl.dk" in running text is not a contact block).
        let contact = sections.all.filter { $0.kind == .contact }.map(\.range)
        let regions = contact
        var found: [(Int, Range<Int>)] = []
        var foreign = false
        for region in regions {
            let text = document.string(region) as NSString
            for m in email.matches(in: text as String, range: NSRange(location: 0, length: text.length)) {
                let domain = text.substring(with: m.range(at: 1)).lowercased()
                let owner = ruleset.parties.indices.first { i in
                    ruleset.parties[i].sender?.domains.contains { domain == $0 || domain.hasSuffix("." + $0) } == true
                }
                if let owner { found.append((owner, (region.lowerBound + m.range.location)..<(region.lowerBound + m.range.location + m.range.length))) }
                else { foreign = true }
            }
        }
        if let first = found.first, !foreign, found.allSatisfy({ $0.0 == first.0 }) {
            return Sender(party: first.0, name: ruleset.parties[first.0].name, evidence: .email, range: first.1)
        }
        // 3. The contact block names exactly one party.
        let contactParties = Set(scan.matches.compactMap { match -> Int? in
            guard PartyScan.names(match.kind), case .party(let i) = match.target,
                  contact.contains(where: { $0.contains(match.range.lowerBound) }) else { return nil }
            return i
        })
        if contactParties.count == 1, let party = contactParties.first {
            let first = scan.partyMatches[party].first { m in contact.contains { $0.contains(m.range.lowerBound) } }
            return Sender(party: party, name: ruleset.parties[party].name, evidence: .contact, range: first?.range)
        }
        // 4. The .docx's Company.
        if let company = metadata.company.map(fold) {
            for (i, party) in ruleset.parties.enumerated() {
                let names = [party.name] + party.forms.map(\.text) + (party.sender?.companies ?? [])
                if names.contains(where: { fold($0) == company }) { return Sender(party: i, name: party.name, evidence: .company) }
            }
        }
        // 5. The text speaks as one party ("vi i Region Midtjylland"), and as no other.
        var speaking: [(Int, Range<Int>)] = []
        for match in scan.matches where PartyScan.names(match.kind) {
            guard case .party(let i) = match.target else { continue }
            let before = document.string(max(0, match.range.lowerBound - 12)..<match.range.lowerBound).lowercased()
            let precededByWe = cues.weBefore.contains { before.hasSuffix($0 + " ") }
            // The costlier looks only when the cheap ones leave it open: a long text names the parties
            // hundreds of times, and almost none of them speak as "vi".
            if !precededByWe {
                let sentenceStart = document.sentenceIndex(containing: match.range.lowerBound).map { document.sentences[$0].lowerBound } ?? 0
                guard cues.prepositions.contains(where: { before.hasSuffix($0 + " ") }) && match.range.lowerBound - sentenceStart <= 6 else { continue }
                let after = document.string(match.range.upperBound..<min(document.utf16.count, match.range.upperBound + 16)).lowercased()
                guard cues.weAfter.contains(where: { after.range(of: #"^\s+\p{L}+\s+"# + $0 + #"\b"#, options: .regularExpression) != nil }) else { continue }
            }
            // Not inside a quote, marked or not ("I Region Sjælland er vi stolte …, siger …"): that is a speaker, not the sender.
            if sections.kind(at: match.range.lowerBound) == .quote { continue }
            let paragraph = document.paragraphIndex(containing: match.range.lowerBound).map { document.string(document.paragraphs[$0]).lowercased() } ?? ""
            let quoted = cues.attributions.contains { paragraph.contains(", \($0) ") || paragraph.contains("« \($0) ") || paragraph.contains("\" \($0) ") }
            if !quoted { speaking.append((i, match.range)) }
        }
        if let first = speaking.first, speaking.allSatisfy({ $0.0 == first.0 }) {
            return Sender(party: first.0, name: ruleset.parties[first.0].name, evidence: .selfReference, range: first.1)
        }
        return nil
    }

    private static let email = try! NSRegularExpression(pattern: #"[A-Za-z0-9._%+\-]+@([A-Za-z0-9.\-]+\.[A-Za-z]{2,})"#)
}

/// The words that make a label ("Pressemeddelelse fra …") and a self-reference ("vi i …"), from `parties.yml`.
public struct SenderCues: Sendable, Codable, Equatable {
    /// Words of a label that names its sender: "pressemeddelelse", "nyhed".
    public var labels: [String]
    /// Words allowed beside them in a label: "fra", "af".
    public var labelFillers: [String]
    /// "vi i", "os i", "vi hos" right before a party's name.
    public var weBefore: [String]
    /// "I"/"Hos" opening a sentence with the party's name, then "vi" after the verb ("I Region Midtjylland arbejder vi").
    public var prepositions: [String]
    public var weAfter: [String]
    /// Attribution verbs: a self-reference in a paragraph with ", siger …" is a quote.
    public var attributions: [String]

    public init(labels: [String] = [], labelFillers: [String] = [], weBefore: [String] = [], prepositions: [String] = [], weAfter: [String] = [],
                attributions: [String] = []) {
        self.labels = labels
        self.labelFillers = labelFillers
        self.weBefore = weBefore
        self.prepositions = prepositions
        self.weAfter = weAfter
        self.attributions = attributions
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case labels, labelFillers, weBefore, prepositions, weAfter, attributions }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        labels = (try c.decodeIfPresent([String].self, forKey: .labels) ?? []).map { $0.lowercased() }
        labelFillers = (try c.decodeIfPresent([String].self, forKey: .labelFillers) ?? []).map { $0.lowercased() }
        weBefore = (try c.decodeIfPresent([String].self, forKey: .weBefore) ?? []).map { $0.lowercased() }
        prepositions = (try c.decodeIfPresent([String].self, forKey: .prepositions) ?? []).map { $0.lowercased() }
        weAfter = (try c.decodeIfPresent([String].self, forKey: .weAfter) ?? []).map { $0.lowercased() }
        attributions = (try c.decodeIfPresent([String].self, forKey: .attributions) ?? []).map { $0.lowercased() }
    }
}

/// How a party shows itself as the sender: its e-mail domains and the Company names in its Word documents.
public struct SenderEvidence: Sendable, Codable, Equatable {
    public var domains: [String]
    public var companies: [String]

    private enum CodingKeys: String, CodingKey, CaseIterable { case domains, companies }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        domains = (try c.decodeIfPresent([String].self, forKey: .domains) ?? []).map { $0.lowercased() }
        companies = try c.decodeIfPresent([String].self, forKey: .companies) ?? []
    }
}
