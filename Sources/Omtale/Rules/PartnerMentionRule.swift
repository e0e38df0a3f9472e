/// Section 9.1: a text about the partnership names every party. One error per missing party,
/// at the text's first mention of the partnership, with the boilerplate sentence as the fix.
public struct PartnerMentionRule: Rule, RuleKind {
    public static let kind = "partner-mention"
    /// A missing party is missing from the whole text; the first mention of the alliance only shows where.
    public static let isDocumentLevel = true
    public let definition: RuleDefinition

    public static func make(_ definition: RuleDefinition, ruleset: Ruleset) throws -> any Rule {
        PartnerMentionRule(definition: definition)
    }

    enum Messages {
        static func missing(_ party: String, partnership: String, clause: String) -> Localized {
            Localized(
                da: "\(party) er ikke nævnt. Teksten omtaler \(partnership), og så skal alle parter nævnes (\(clause)).",
                en: "\(party) is not named. The text is about \(partnership), so every party must be named (\(clause)).")
        }

        static func abbreviationOnly(_ written: String) -> Localized {
            Localized(da: "«\(written)» står i teksten, men forkortelsen tæller ikke som omtale.",
                      en: "'\(written)' is in the text, but the abbreviation does not count as naming the party.")
        }

        static func fix(_ sentence: String) -> Localized {
            Localized(da: "Tilføj sætningen, der nævner alle parter, sidst i afsnittet: «\(sentence)»",
                      en: "Add the sentence naming every party at the end of the paragraph: '\(sentence)'")
        }
    }

    public func check(_ context: CheckContext) -> [Diagnostic] {
        let scan = context.scan
        guard scan.applies, let anchor = scan.firstPartnershipMention else { return [] }
        let ruleset = context.ruleset
        let fix = boilerplateFix(context, after: anchor)
        var diagnostics: [Diagnostic] = []
        for (index, party) in ruleset.parties.enumerated() {
            guard !scan.isNamed(party: index), scan.collective(covering: index, in: ruleset) == nil else { continue }
            var message = Messages.missing(party.name, partnership: ruleset.partnership.name, clause: context.clause(definition))
            if let abbreviation = scan.partyMatches[index].first(where: { $0.kind == .abbreviation }) {
                message += " " + Messages.abbreviationOnly(abbreviation.text)
            } else if let note = lookalikeNote(for: party.name, context) {
                message += " " + note
            }
            diagnostics.append(context.diagnostic(definition, message, at: anchor.range, fix: fix, subject: party.name))
        }
        return diagnostics
    }

    /// Explains a look-alike found in the text ("Danske Regioner is not a party") when it may be
    /// why the writer thought the party was named.
    func lookalikeNote(for party: String, _ context: CheckContext) -> Localized? {
        for (i, lookalike) in context.ruleset.lookalikes.enumerated() where lookalike.mistakenFor.contains(party) {
            if let match = context.scan.lookalikeMatches[i].first {
                return "«\(match.text)»: " + lookalike.note
            }
        }
        return nil
    }

    /// Inserts the boilerplate at the end of the paragraph where the partnership is first named.
    func boilerplateFix(_ context: CheckContext, after anchor: NameMatcher.Match) -> Fix {
        let document = context.document
        let end = document.paragraphIndex(containing: anchor.range.lowerBound).map { document.paragraphs[$0].upperBound }
            ?? document.utf16.count
        return context.insertion(at: end, text: " " + context.ruleset.boilerplate, message: Messages.fix(context.ruleset.boilerplate))
    }
}
