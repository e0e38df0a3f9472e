import Foundation

/// Finds the quotes of a document and who said them, the way Danish press releases write them.
///
/// The finder is split along its parts:
/// - `QuoteMarks.swift`: the characters, and what a quotation mark does where it stands;
/// - `QuoteScan.swift`: the pass over the paragraphs that finds quotes (marks, dialogue dashes at a
///   paragraph start or after a sentence, quotes over several paragraphs, headline labels);
/// - `AttributionGrammar.swift`: where the text says who speaks (after, before with a colon, an
///   introducing sentence, `Det siger …`), from the verbs and phrases of `quotes.yml`;
/// - `PersonNames.swift`: the Danish person-name recogniser (capitalised runs, first names, titles,
///   party letters, initials);
/// - `SpeakerParser.swift` and `OrganisationParser.swift`: a speaker phrase read into name, title,
///   party letter and organisation;
/// - `Resolution.swift`: pronouns, definite nouns and surnames to the person they refer to, continued
///   quotes, headline quotes repeated in the body, and quotes the sentence before introduces.
///
/// Every decision is recorded as a step of the attribution (JSON `quotes[].attribution.steps`).
/// The work is linear in the text: one pass over the quotation marks with a bounded nesting stack,
/// and every look for an attribution is bounded by `window`, so a million quotation marks stay fast.
struct QuoteFinder: Sendable {
    let verbs: [String: [[String]]]
    let fromPhrases: [String: [[String]]]
    let accordingTo: [String: [[String]]]
    let impersonal: [String: [[String]]]
    let pronouns: Set<String>
    /// Folded object pronoun → folded subject pronoun ("ham" → "han").
    let objectPronouns: [String: String]
    let referringNouns: Set<String>
    let leadIns: Set<String>
    let titleWords: Set<String>
    let prepositions: Set<String>
    let organisationWords: Set<String>
    let committeeHeads: [String]
    let partyNouns: Set<String>
    let notSpeakers: Set<String>
    let firstNames: Set<String>
    let menNames: Set<String>
    let womenNames: Set<String>
    let addressees: Set<String>
    let notSubjectAfter: Set<String>
    let handoverWords: Set<String>
    let circumstances: [String: [[String]]]
    let ageWords: Set<String>
    let clauseStarts: Set<String>
    let sentenceVerbs: Set<String>
    let namingWords: Set<String>
    let notNames: Set<String>
    /// How far (UTF-16 units) an attribution may reach from its quote.
    let window = 400
    /// Nesting deeper than this is read as text, which keeps the mark scan linear.
    let maxDepth = 8
    /// A headline quote is looked for repeated in the body only in the first paragraphs.
    let headlineParagraphs = 4
    /// A dash paragraph this long is speech even when it does not end like a sentence (an excerpt cut off).
    let longSpeechWords = 15
    /// A compound ends in a title only when the title has at least this many letters ("vagtchef", "gruppeformand").
    let minimumCompoundTitle = 4
    /// A pronoun, noun or surname is resolved among at most this many people named before it.
    let maxMentionsBack = 200
    /// At most this many attributed quotes are compared with each headline quote.
    let maxRepeatChecks = 200

    init(language: QuoteLanguage) {
        func table(_ phrases: [String]) -> [String: [[String]]] {
            var result: [String: [[String]]] = [:]
            for phrase in phrases {
                let words = NameMatcher.words(of: phrase, caseSensitive: false)
                guard let first = words.first else { continue }
                result[first, default: []].append(words)
            }
            for key in result.keys { result[key]!.sort { $0.count > $1.count } }
            return result
        }
        func set(_ words: [String]) -> Set<String> {
            Set(words.map { NameMatcher.words(of: $0, caseSensitive: false).joined(separator: " ") })
        }
        verbs = table(language.verbs)
        fromPhrases = table(language.fromPhrases)
        accordingTo = table(language.accordingTo)
        impersonal = table(language.impersonal)
        pronouns = set(language.pronouns)
        objectPronouns = Dictionary(language.objectPronouns.map { (NameMatcher.foldWord($0.form), NameMatcher.foldWord($0.refersAs)) },
                                    uniquingKeysWith: { first, _ in first })
        referringNouns = set(language.referringNouns)
        leadIns = set(language.leadIns)
        titleWords = set(language.titleWords)
        prepositions = set(language.organisationPrepositions)
        organisationWords = set(language.organisationWords)
        committeeHeads = language.committeeHeads.map(NameMatcher.foldWord)
        partyNouns = set(language.partyNouns)
        notSpeakers = set(language.notSpeakers)
        menNames = set(language.firstNamesMen)
        womenNames = set(language.firstNamesWomen)
        firstNames = menNames.union(womenNames)
        addressees = set(language.addressees)
        notSubjectAfter = set(language.notSubjectAfter)
        handoverWords = set(language.handoverWords)
        circumstances = table(language.circumstances)
        ageWords = set(language.ageWords)
        clauseStarts = set(language.clauseStarts)
        sentenceVerbs = set(language.sentenceVerbs)
        namingWords = set(language.namingWords)
        notNames = set(language.notNames)
    }

    /// Every quote of the document, in text order.
    func quotes(in document: Document, scan: PartyScan, ruleset: Ruleset) -> [Quote] {
        var run = QuoteScan(finder: self, document: document, scan: scan, ruleset: ruleset)
        return run.find()
    }
}
