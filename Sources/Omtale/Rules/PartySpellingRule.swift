/// Names a reader still recognises but that are not spelled as in the agreement:
/// known misspellings ("Real Dania"), words one edit away ("Klimalliancen"), and æ/ø/å typed as ae/oe/aa.
struct PartySpellingRule: Rule, RuleKind {
    static let kind = "party-spelling"
    let definition: RuleDefinition

    static func make(_ definition: RuleDefinition, ruleset: Ruleset) throws -> any Rule {
        PartySpellingRule(definition: definition)
    }

    enum Messages {
        static func misspelling(_ written: String, _ correct: String) -> Localized {
            if isShortForm(written, of: correct) {
                return Localized(da: "»\(written)« er en kortform. Skriv »\(correct)«.", en: "'\(written)' is a short form. Write '\(correct)'.")
            }
            return Localized(da: "»\(written)« staves »\(correct)«.", en: "'\(written)' is spelled '\(correct)'.")
        }

        /// »Region H«, »Region Midt«, »Region Syd«: the name cut short, not misspelt. The words before the
        /// last are the name's own, and the last is at most half of the name's word it begins.
        static func isShortForm(_ written: String, of correct: String) -> Bool {
            let short = written.split(separator: " "), full = correct.split(separator: " ")
            guard let last = short.last, short.count <= full.count, short.count > 1 else { return false }
            let word = full[short.count - 1]
            return Array(short.dropLast()) == Array(full.prefix(short.count - 1))
                && word.hasPrefix(last) && last.count * 2 <= word.count
        }

        static func transliteration(_ written: String, _ correct: String) -> Localized {
            Localized(da: "»\(written)« skal skrives med æ, ø eller å: »\(correct)«.",
                      en: "'\(written)' should be written with æ, ø or å: '\(correct)'.")
        }

        static func fix(_ written: String, _ name: String) -> Localized {
            Localized(da: "Erstat »\(written)« med »\(name)«", en: "Replace '\(written)' with '\(name)'")
        }
    }

    func check(_ context: CheckContext) -> [Diagnostic] {
        guard context.scan.applies else { return [] }
        return context.scan.matches.compactMap { match in
            let message: Localized
            switch (match.kind, match.target) {
            case (_, .lookalike), (_, .collective): return nil
            case (.misspelling, _): message = Messages.misspelling(match.text, match.suggestion)
            case (.transliteration, _): message = Messages.transliteration(match.text, match.suggestion)
            default: return nil
            }
            return context.diagnostic(
                definition, message, at: match.range,
                fix: context.replacement(match.range, with: match.suggestion, message: Messages.fix(match.text, match.suggestion)))
        }
    }
}
