/// The agreement's internal abbreviations (RN, RM, RSD, RS, RH) are not a mention in published text.
struct PartyAbbreviationRule: Rule, RuleKind {
    static let kind = "party-abbreviation"
    let definition: RuleDefinition

    static func make(_ definition: RuleDefinition, ruleset: Ruleset) throws -> any Rule {
        PartyAbbreviationRule(definition: definition)
    }

    enum Messages {
        static func abbreviation(_ written: String, party: String, clause: Localized) -> Localized {
            Localized(da: "»\(written)« er en intern forkortelse fra aftalen, som læserne ikke kender. Skriv »\(party)« (\(clause.da)).",
                      en: "'\(written)' is an internal abbreviation from the agreement that readers do not know. Write '\(party)' (\(clause.en)).")
        }

        static func fix(_ written: String, _ name: String) -> Localized {
            Localized(da: "Erstat »\(written)« med »\(name)«", en: "Replace '\(written)' with '\(name)'")
        }
    }

    func check(_ context: CheckContext) -> [Diagnostic] {
        guard context.scan.applies else { return [] }
        return context.scan.partyMatches.joined().filter { $0.kind == .abbreviation }.map { match in
            guard case .party(let index) = match.target else { preconditionFailure("party match without a party") }
            let party = context.ruleset.parties[index].name
            return context.diagnostic(
                definition, Messages.abbreviation(match.text, party: party, clause: context.clause(definition)), at: match.range,
                fix: context.replacement(match.range, with: match.suggestion, message: Messages.fix(match.text, match.suggestion)))
        }.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
