/// A collective form ("de fem regioner") stands in for parties that are not named one by one.
/// Reported (as info by default) so a stricter ruleset can require the names.
public struct RegionsCollectiveRule: Rule, RuleKind {
    public static let kind = "regions-collective"
    public let definition: RuleDefinition

    public static func make(_ definition: RuleDefinition, ruleset: Ruleset) throws -> any Rule {
        RegionsCollectiveRule(definition: definition)
    }

    enum Messages {
        static func covers(_ written: String, unnamed: [String]) -> Localized {
            let list = ListFormatter.danish(unnamed)
            let listEN = ListFormatter.english(unnamed)
            return Localized(
                da: "«\(written)» dækker \(list), som ikke nævnes ved navn. Det opfylder kravet om at nævne parterne.",
                en: "'\(written)' covers \(listEN), which are not named individually. That meets the duty to name the parties.")
        }

        static func fix(_ written: String, _ names: String) -> Localized {
            Localized(da: "Nævn regionerne ved navn: erstat «\(written)» med «\(names)»",
                      en: "Name the regions: replace '\(written)' with '\(names)'")
        }
    }

    public func check(_ context: CheckContext) -> [Diagnostic] {
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
