/// A quote found in a document and who said it. Ranges are UTF-16 offsets of the normalized text.
public struct Quote: Sendable, Equatable {
    /// How the quote is set off.
    public enum Style: String, Sendable {
        /// »…« (also „…“, “…”, ”…”, "…", ‘…’: any pair of quotation marks).
        case marks
        /// The dialogue dash at the start of a paragraph: `- Vi er klar, siger …`.
        case dash
        /// A speaker label in a headline or caption: `KL: Klimapolitik er lokalpolitik`.
        case label
    }

    public var style: Style
    /// The whole quote, marks included (for a dash quote: from the dash to the end of the speech).
    public var range: Range<Int>
    /// The quoted words, one range per paragraph (a quote may run over several paragraphs).
    public var segments: [Range<Int>]
    /// Who said it, when the text says so.
    public var attribution: Attribution?
}

/// Where and how a text says who spoke.
public struct Attribution: Sendable, Equatable {
    public enum Form: String, Sendable {
        /// `»…«, siger Anne Jensen, …` / `»…«, lyder det fra …` / `»…«, ifølge …`
        case after
        /// `Anne Jensen, formand for X, siger: »…«` / `Sådan lyder det fra …:`
        case before
        /// `Det siger Anne Jensen.` in the sentence after the quote.
        case leadIn
        /// `KL: Klimapolitik er lokalpolitik` (headline, caption).
        case label
        /// `»…«, tilføjer hun.`: the last named speaker.
        case pronoun
        /// A quote paragraph that continues the quote in the paragraph before it.
        case continuation
        /// A headline quote repeated (in full or as its beginning) by an attributed quote in the body.
        case repeated
        /// No attribution at the quote: the sentence before it speaks about the speaker
        /// (`Hun forklarer, at …` then the quote). Inferred, not established.
        case context
    }

    /// One decision of the attribution grammar, for the JSON report: what it read and what it made of it.
    public struct Step: Sendable, Equatable {
        /// verb | fromPhrase | accordingTo | colon | leadIn | label | pronoun | noun | surname | continuation |
        /// repeated | context | name | title | party | organisation | committee | place | unsure
        public var kind: String
        /// The words as written.
        public var text: String
        /// Why, as a code: firstName | title | partyLetter | initials | run | lastNamed | role | surname | party |
        /// knowledgePartner | partnership | lookalike | preposition | genitive | afterComma | …
        public var reason: String?

        public init(_ kind: String, _ text: String, _ reason: String? = nil) {
            self.kind = kind
            self.text = text
            self.reason = reason
        }
    }

    public var form: Form
    /// The attribution as written (verb and speaker phrase, or the pronoun).
    public var range: Range<Int>
    public var speaker: Speaker
    /// The grammar's decisions, in order.
    public var steps: [Step] = []

    public init(form: Form, range: Range<Int>, speaker: Speaker, steps: [Step] = []) {
        self.form = form
        self.range = range
        self.speaker = speaker
        self.steps = steps
    }

    /// True when this attribution names the speaker itself (not a pronoun or continuation).
    public var isExplicit: Bool { form != .pronoun && form != .continuation && form != .repeated && form != .context }
    /// True when the grammar established who speaks: not inferred from context, and a person or organisation
    /// (not only "borgmesteren" with nobody it refers to).
    public var isEstablished: Bool { form != .context && (speaker.name != nil || speaker.organisation != nil) }
}

/// A speaker: a person (name, role, organisation) or an organisation standing as the speaker.
public struct Speaker: Sendable, Equatable {
    public enum Affiliation: String, Sendable, Codable {
        /// A party of the partnership (`organisation` is its name as in the ruleset).
        case party
        case knowledgePartner
        /// The partnership itself speaks (`Klimaalliancen: …`).
        case partnership
        case other
    }

    /// The person's name; nil when an organisation is the speaker.
    public var name: String?
    public var nameRange: Range<Int>?
    /// The political party letter: "S" in `Anne Jensen (S)`.
    public var partyLetter: String?
    /// The title as written, without the name and the organisation: "adm. direktør".
    public var role: String?
    /// Ranges of the title parts (split at commas and "og"), for checking roles.
    public var titleRanges: [Range<Int>]
    /// The organisation: the ruleset's name for a party or knowledge partner, else as written.
    public var organisation: String?
    public var organisationRange: Range<Int>?
    public var affiliation: Affiliation?
    /// The whole speaker phrase.
    public var range: Range<Int>
    /// A definite noun that stands for a speaker the text never names ("borgmesteren").
    public var reference: String? = nil

    /// The name shown for the speaker: the person, the organisation that speaks, or the noun that stands for them.
    public var displayName: String? { name ?? organisation ?? reference }
}
