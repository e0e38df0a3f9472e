/// How Danish texts attribute quotes: the verbs, phrases and pronouns the quote finder looks for.
/// Data, not code: read from `quotes.yml` in the rules folder (the bundled copy when a folder has none).
struct QuoteLanguage: Sendable, Codable, Equatable {
    /// "siger", "slår fast": `»…«, siger Anne Jensen` / `Anne Jensen siger: »…«`.
    var verbs: [String]
    /// "lyder det fra": the speaker follows the phrase.
    var fromPhrases: [String]
    /// "kalder", "hedder": words in marks right after one are a name or term, not speech.
    var namingWords: [String]
    /// "lyder det videre": said by the speaker before, nobody named.
    var impersonal: [String]
    /// "ifølge": the speaker follows directly.
    var accordingTo: [String]
    /// "han", "hun": the last named person.
    var pronouns: [String]
    /// "ham" → "han", "hende" → "hun": an object pronoun after "ifølge" ("Ifølge ham er det …") refers
    /// like its subject form.
    var objectPronouns: [ObjectPronoun]

    /// An object pronoun and the subject pronoun it refers like.
    struct ObjectPronoun: Sendable, Codable, Equatable {
        var form: String
        var refersAs: String

        private enum CodingKeys: String, CodingKey, CaseIterable { case form, refersAs }
    }
    /// "formanden", "borgmesteren": the last named person whose title it is (also "KL-formanden").
    var referringNouns: [String]
    /// "Det", "Sådan" before a verb: `Det siger Anne Jensen.`
    var leadIns: [String]
    /// Titles that may stand before a name ("borgmester"); a name never starts with one.
    var titleWords: [String]
    /// "i", "hos": introduce the organisation in a title.
    var organisationPrepositions: [String]
    /// Capitalised words that make a phrase an organisation rather than a name ("Kommune").
    var organisationWords: [String]
    /// Word endings that make a capitalised phrase a committee, not an organisation ("Miljøudvalget").
    var committeeHeads: [String]
    /// Parties written in lower case after "de" ("de konservatives gruppeformand", "de radikales Anne Jensen"):
    /// in the genitive before a title or a name, the party is the organisation.
    var partyNouns: [String]
    /// Labels before a colon that are not a speaker ("Foto", "Fakta").
    var notSpeakers: [String]
    /// Common Danish first names of men and of women: a capitalised run starting with one is a person's
    /// name, and "han"/"hun" does not refer to a name of the other list.
    var firstNamesMen: [String]
    var firstNamesWomen: [String]
    /// "til": a capitalised run after it is the one spoken to ("siger hun til Fjordby Avis"), not a speaker.
    var addressees: [String]
    /// "af", "med": a person named right after one is not the subject "han"/"hun" prefers.
    var notSubjectAfter: [String]
    /// Conjunctions that hand the word to a new person: "…, forklarer A, mens B er mere forsigtig".
    var handoverWords: [String]
    /// "i en kommentar", "i et interview": where or how the words were said; the speaker phrase ends
    /// before them, so they are no title ("skriver Anne Jensen i en kommentar").
    var circumstances: [String]
    /// "da", "når": after a comma behind the speaker's name they start a clause, which is no title
    /// ("siger Anne Jensen, da hun bliver spurgt …").
    var clauseStarts: [String]
    /// "årige" in "siger 37-årige Anne Jensen": an age before the name, which is no title.
    var ageWords: [String]
    /// Verbs that make the words after a name a sentence, not a title: "Anne Jensen er glad for aftalen:".
    var sentenceVerbs: [String]
    /// Capitalised words that never start or end a person's name ("Danmark", weekdays, months).
    var notNames: [String]

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case verbs, fromPhrases, accordingTo, pronouns, objectPronouns, referringNouns, leadIns, titleWords, organisationPrepositions, organisationWords
        case committeeHeads, partyNouns, notSpeakers, firstNamesMen, firstNamesWomen, notNames, addressees, notSubjectAfter, handoverWords, circumstances, clauseStarts, ageWords, sentenceVerbs, impersonal, namingWords
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        verbs = try c.decode([String].self, forKey: .verbs)
        fromPhrases = try c.decodeIfPresent([String].self, forKey: .fromPhrases) ?? []
        accordingTo = try c.decodeIfPresent([String].self, forKey: .accordingTo) ?? []
        pronouns = try c.decodeIfPresent([String].self, forKey: .pronouns) ?? []
        objectPronouns = try c.decodeIfPresent([ObjectPronoun].self, forKey: .objectPronouns) ?? []
        leadIns = try c.decodeIfPresent([String].self, forKey: .leadIns) ?? []
        titleWords = try c.decodeIfPresent([String].self, forKey: .titleWords) ?? []
        organisationPrepositions = try c.decodeIfPresent([String].self, forKey: .organisationPrepositions) ?? []
        organisationWords = try c.decodeIfPresent([String].self, forKey: .organisationWords) ?? []
        notSpeakers = try c.decodeIfPresent([String].self, forKey: .notSpeakers) ?? []
        referringNouns = try c.decodeIfPresent([String].self, forKey: .referringNouns) ?? []
        committeeHeads = try c.decodeIfPresent([String].self, forKey: .committeeHeads) ?? []
        partyNouns = try c.decodeIfPresent([String].self, forKey: .partyNouns) ?? []
        firstNamesMen = try c.decodeIfPresent([String].self, forKey: .firstNamesMen) ?? []
        firstNamesWomen = try c.decodeIfPresent([String].self, forKey: .firstNamesWomen) ?? []
        addressees = try c.decodeIfPresent([String].self, forKey: .addressees) ?? []
        impersonal = try c.decodeIfPresent([String].self, forKey: .impersonal) ?? []
        namingWords = try c.decodeIfPresent([String].self, forKey: .namingWords) ?? []
        notSubjectAfter = try c.decodeIfPresent([String].self, forKey: .notSubjectAfter) ?? []
        handoverWords = try c.decodeIfPresent([String].self, forKey: .handoverWords) ?? []
        circumstances = try c.decodeIfPresent([String].self, forKey: .circumstances) ?? []
        ageWords = try c.decodeIfPresent([String].self, forKey: .ageWords) ?? []
        clauseStarts = try c.decodeIfPresent([String].self, forKey: .clauseStarts) ?? []
        sentenceVerbs = try c.decodeIfPresent([String].self, forKey: .sentenceVerbs) ?? []
        notNames = try c.decodeIfPresent([String].self, forKey: .notNames) ?? []
    }

    /// Decodes `quotes.yml` of a rules folder, or the bundled one when the folder has none.
    static func load(files: [String: String], file: String) throws -> QuoteLanguage {
        if let text = files["quotes.yml"] {
            return try YAMLFile.decode(QuoteLanguage.self, from: text, file: file)
        }
        guard let bundled = BundledRules.files["quotes.yml"] else {
            throw RulesError(file: file, message: Localized(da: "filen mangler", en: "the file is missing"))
        }
        return try YAMLFile.decode(QuoteLanguage.self, from: bundled, file: "rules/klimaalliancen/quotes.yml")
    }
}
