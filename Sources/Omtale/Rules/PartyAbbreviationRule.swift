/// The agreement's internal abbreviations (RN, RM, RSD, RS, RH) are not a mention in published text.
struct PartyAbbreviationRule: Rule, RuleKind {
    static let kind = "party-abbreviation"
    let definition: RuleDefinition

    static func make(_ definition: RuleDefinition, ruleset: Ruleset) throws -> any Rule {
        PartyAbbreviationRule(definition: definition)
    }

    enum Messages {
        static func abbreviation(_ written: String, party: String) -> Localized {
            Localized(da: "»\(written)« er aftalens interne forkortelse for \(party), som læserne ikke kender. Skriv »\(party)«.",
                      en: "'\(written)' is the agreement's internal abbreviation for \(party), which readers do not know. Write '\(party)'.")
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
                definition, Messages.abbreviation(match.text, party: party), at: match.range,
                fix: context.replacement(match.range, with: match.suggestion, message: Messages.fix(match.text, match.suggestion)))
        }.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
