import Foundation

/// A partnership's rules, decoded from a rules folder (`rules/klimaalliancen/`) into typed values.
///
/// Another partnership is checked by writing another folder: the parties and their forms,
/// what makes a text about the partnership, and one YAML file per rule naming its kind.
public struct Ruleset: Sendable {
    public var id: String
    public var name: String
    public var agreement: Agreement
    public var partnership: Partnership
    /// A sentence naming every party, offered as the fix for a missing party.
    public var boilerplate: String
    public var parties: [Party]
    public var knowledgePartners: [Party]
    public var collectives: [Collective]
    public var lookalikes: [Lookalike]
    public var rules: [RuleDefinition]
    /// Where the rules came from: a folder, or the copy inside the binary.
    public var origin: RulesOrigin
    /// Files of the folder by relative path, for rule kinds that read their own data files.
    public var files: [String: String]
    /// How texts attribute quotes (`quotes.yml`), for the quote finder.
    var quoteLanguage: QuoteLanguage
    /// Labels and self-references that show who issues a text (`senderCues` in `parties.yml`).
    public var senderCues: SenderCues = SenderCues()

    public func rule(_ id: String) -> RuleDefinition? { rules.first { $0.id == id } }
}

public struct Agreement: Sendable, Codable, Equatable {
    public var title: String
    public var period: Period?
    /// Where in the agreement the communication obligations stand ("pkt. 9.1").
    public var communicationClause: String

    private enum CodingKeys: String, CodingKey, CaseIterable { case title, period, communicationClause }

    public struct Period: Sendable, Codable, Equatable {
        public var start: String
        public var end: String

        private enum CodingKeys: String, CodingKey, CaseIterable { case start, end }
    }
}

/// What makes a text about the partnership.
public struct Partnership: Sendable, Codable, Equatable {
    public var name: String
    public var forms: [NameForm]
    public var misspellings: [NameForm]
    /// Words close to the name that are not misspellings of it ("klimaalliancer", plural).
    public var notMisspellings: [String]

    private enum CodingKeys: String, CodingKey, CaseIterable { case name, forms, misspellings, notMisspellings }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        forms = try c.decodeIfPresent([NameForm].self, forKey: .forms) ?? [NameForm(text: name)]
        misspellings = try c.decodeIfPresent([NameForm].self, forKey: .misspellings) ?? []
        notMisspellings = try c.decodeIfPresent([String].self, forKey: .notMisspellings) ?? []
    }
}

/// A party (or knowledge partner) and every way a text may name it.
public struct Party: Sendable, Codable, Equatable {
    /// The name exactly as the agreement gives it; used in messages and in JSON output.
    public var name: String
    /// Proper mentions, besides `name` itself.
    public var forms: [NameForm]
    /// Internal abbreviations ("RN") that are known but are not a proper mention in published text.
    public var abbreviations: [NameForm]
    /// Spellings a reader would still recognise, reported with the canonical spelling.
    public var misspellings: [NameForm]
    /// A short id for `--sender` ("rm").
    public var id: String?
    /// How the party shows itself as a text's sender (e-mail domains, Word's Company).
    public var sender: SenderEvidence?
    /// The place name a list of regions uses for it: "regionerne Nordjylland, Midtjylland og …",
    /// "Region Nord- og Midtjylland".
    public var short: String?

    private enum CodingKeys: String, CodingKey, CaseIterable { case name, forms, abbreviations, misspellings, id, sender, short }

    public init(name: String, forms: [NameForm] = [], abbreviations: [NameForm] = [], misspellings: [NameForm] = []) {
        self.name = name
        self.forms = forms
        self.abbreviations = abbreviations
        self.misspellings = misspellings
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        forms = try c.decodeIfPresent([NameForm].self, forKey: .forms) ?? [NameForm(text: name)]
        abbreviations = try c.decodeIfPresent([NameForm].self, forKey: .abbreviations) ?? []
        misspellings = try c.decodeIfPresent([NameForm].self, forKey: .misspellings) ?? []
        id = try c.decodeIfPresent(String.self, forKey: .id)
        sender = try c.decodeIfPresent(SenderEvidence.self, forKey: .sender)
        short = try c.decodeIfPresent(String.self, forKey: .short)
    }
}

/// One way of writing a name. In YAML a plain string (matched case-insensitively) or
/// `{text: KL, caseSensitive: true}` for acronyms that must not match everyday words ("kl.").
public struct NameForm: Sendable, Codable, Equatable {
    public var text: String
    public var caseSensitive: Bool

    public init(text: String, caseSensitive: Bool = false) {
        self.text = text
        self.caseSensitive = caseSensitive
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case text, caseSensitive }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            self.init(text: text)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(text: try c.decode(String.self, forKey: .text),
                  caseSensitive: try c.decodeIfPresent(Bool.self, forKey: .caseSensitive) ?? false)
    }
}

/// A collective form that names several parties at once ("de fem regioner").
public struct Collective: Sendable, Codable, Equatable {
    public var name: String
    /// Names of the parties it covers, as in `parties`.
    public var covers: [String]
    public var forms: [NameForm]
    /// Forms that stand for the parties only beside another party in the same sentence, as the
    /// agreement itself writes "Realdania, KL og regionerne" (pkt. 2.1, 9.1); alone they are look-alikes.
    public var withOtherParties: [NameForm]

    private enum CodingKeys: String, CodingKey, CaseIterable { case name, covers, forms, withOtherParties }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        covers = try c.decode([String].self, forKey: .covers)
        forms = try c.decode([NameForm].self, forKey: .forms)
        withOtherParties = try c.decodeIfPresent([NameForm].self, forKey: .withOtherParties) ?? []
    }
}

/// A name that looks like a party but is not one ("Danske Regioner", "KKR Midtjylland").
/// Found so that a message can explain why the party still counts as missing.
public struct Lookalike: Sendable, Codable, Equatable {
    public var forms: [NameForm]
    /// Parties a reader might think it names.
    public var mistakenFor: [String]
    public var note: Localized

    private enum CodingKeys: String, CodingKey, CaseIterable { case forms, mistakenFor, note }
}

public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case error, warning, info

    var rank: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A rule file (`rules/<id>.yml`): a rule kind implemented in Swift, configured by data.
public struct RuleDefinition: Sendable, Codable, Equatable {
    /// Defaults to the file name.
    public var id: String
    public var kind: String
    public var severity: Severity
    public var enabled: Bool
    /// The agreement clause the rule enforces ("pkt. 9.1").
    public var clause: String?
    public var summary: Localized
    public var description: Localized
    /// Texts the rule must report (spans marked `⟦…⟧`) and texts it must leave alone.
    public var examples: [RuleExample]
    /// The file the rule was read from, relative to the rules folder.
    public var file: String
    /// `safeFix: true`: the rule's fixes may be applied without a person choosing the words
    /// (`omtale check --fix`). Fixes of other rules become Word comments or stay suggestions.
    public var safeFix: Bool
    /// The parts of a release the rule looks at (`scope:`); nil is everywhere. For partner-mention,
    /// the parts where naming a party counts.
    public var scope: [Section.Kind]?
    /// The rule file's `options:`, decoded into its kind's `Options` when the rules were read.
    var options: RuleOptions

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, kind, severity, enabled, clause, summary, description, options, examples, safeFix, scope
    }

    /// Decoding a rule file needs the kinds, which decode `options:`: a `RuleRegistry` under this key.
    static let kindsKey = CodingUserInfoKey(rawValue: "omtale.ruleKinds")!

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
        kind = try c.decode(String.self, forKey: .kind)
        severity = try c.decode(Severity.self, forKey: .severity)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        clause = try c.decodeIfPresent(String.self, forKey: .clause)
        summary = try c.decode(Localized.self, forKey: .summary)
        description = try c.decode(Localized.self, forKey: .description)
        examples = try c.decodeIfPresent([RuleExample].self, forKey: .examples) ?? []
        safeFix = try c.decodeIfPresent(Bool.self, forKey: .safeFix) ?? false
        scope = try c.decodeIfPresent([Section.Kind].self, forKey: .scope)
        file = ""
        // An unknown kind has no options to read; the loader reports the kind itself.
        let kinds = decoder.userInfo[Self.kindsKey] as? RuleRegistry ?? .standard
        options = try kinds.kind(kind)?.decodeOptions(c) ?? RuleOptions(NoOptions())
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(severity, forKey: .severity)
        try c.encode(enabled, forKey: .enabled)
        try c.encodeIfPresent(clause, forKey: .clause)
        try c.encode(summary, forKey: .summary)
        try c.encode(description, forKey: .description)
        if !examples.isEmpty { try c.encode(examples, forKey: .examples) }
        if safeFix { try c.encode(safeFix, forKey: .safeFix) }
        try c.encodeIfPresent(scope, forKey: .scope)
    }
}
