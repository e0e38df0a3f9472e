/// A collective form ("de fem regioner") stands in for parties that are not named one by one.
/// Reported (as info by default) so a stricter ruleset can require the names.
struct RegionsCollectiveRule: Rule, RuleKind {
    static let kind = "regions-collective"
    let definition: RuleDefinition

    static func make(_ definition: RuleDefinition, ruleset: Ruleset) throws -> any Rule {
        RegionsCollectiveRule(definition: definition)
    }

    enum Messages {
        static func covers(_ written: String, unnamed: [String]) -> Localized {
            let list = ListFormatter.danish(unnamed)
            let listEN = ListFormatter.english(unnamed)
            return Localized(
                da: "»\(written)« dækker \(list), som ikke er nævnt ved navn. Det opfylder kravet om at nævne parterne.",
                en: "'\(written)' covers \(listEN), which are not named individually. That meets the duty to name the parties.")
        }

        static func shortForm(_ written: String, _ names: String) -> Localized {
            Localized(da: "»\(written)« nævner \(names) ved stednavnet. Det opfylder kravet om at nævne parterne.",
                      en: "'\(written)' names \(names) by the place name. That meets the duty to name the parties.")
        }

        static func shortFix(_ written: String, _ full: String) -> Localized {
            Localized(da: "Vil I skrive regionernes fulde navne, så erstat »\(written)« med »\(full)«.",
                      en: "To write the regions' full names, replace '\(written)' with '\(full)'.")
        }

        static func fix(_ written: String, _ names: String) -> Localized {
            Localized(da: "Vil I nævne regionerne hver for sig, så erstat »\(written)« med »\(names)«.",
                      en: "To name the regions one by one, replace '\(written)' with '\(names)'.")
        }
    }

    func check(_ context: CheckContext) -> [Diagnostic] {
        let scan = context.scan
        guard scan.applies else { return [] }
        let ruleset = context.ruleset
        var diagnostics: [Diagnostic] = []
        for (i, collective) in ruleset.collectives.enumerated() {
            guard let first = scan.collectiveMatches[i].first else { continue }
            let unnamed = collective.covers.filter { name in
                guard let index = ruleset.parties.firstIndex(where: { $0.name == name }) else { return false }
                return !scan.isNamed(party: index)
            }
            guard !unnamed.isEmpty else { continue }
            let names = ListFormatter.danish(collective.covers)
            diagnostics.append(context.diagnostic(
                definition, Messages.covers(first.text, unnamed: unnamed), at: first.range,
                fix: context.replacement(first.range, with: names, message: Messages.fix(first.text, names))))
        }
        // "regionerne Nordjylland, Midtjylland og …", "Region Nord- og Midtjylland": named, by their place names.
        for range in scan.shortFormLists {
            let matches = scan.shortFormMatches.filter { range.contains($0.range.lowerBound) }
            let parties = matches.compactMap { match -> String? in if case .party(let i) = match.target { return ruleset.parties[i].name } else { return nil } }
            let written = context.document.string(range)
            let full = ListFormatter.danish(parties)
            diagnostics.append(context.diagnostic(
                definition, Messages.shortForm(written, ListFormatter.danish(parties)), at: range,
                fix: context.replacement(range, with: full, message: Messages.shortFix(written, full))))
        }
        return diagnostics
    }
}

/// "A, B og C" / "A, B and C".
enum ListFormatter {
    static func danish(_ items: [String]) -> String { join(items, "og") }
    static func english(_ items: [String]) -> String { join(items, "and") }

    private static func join(_ items: [String], _ conjunction: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
    }
}
