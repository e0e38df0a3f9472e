import ArgumentParser
import Foundation
import Omtale

/// `omtale rules list|explain`: what the rules are and why they exist.
struct RulesCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "rules",
            abstract: ParserWords.help("Vis reglerne og forklar dem."),
            subcommands: [List.self, Explain.self],
            defaultSubcommand: List.self
        )
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: ParserWords.help("Vis alle regler med alvorlighed og kort beskrivelse."))
        }
        @OptionGroup var shared: SharedOptions

        func run() throws {
            let ruleset = try shared.loadRuleset()
            let language = shared.language
            let width = ruleset.rules.map(\.id.count).max() ?? 10
            let states = ruleset.rules.map { rule in
                rule.enabled ? ReportWords.severity(rule.severity, language) : (language == .da ? "slået fra" : "disabled")
            }
            // As wide as the longest state, so »bemærkning« is not cut to »bemærknin«.
            let stateWidth = states.map(\.count).max() ?? 9
            for (rule, state) in zip(ruleset.rules, states) {
                Console.out("\(rule.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(state.padding(toLength: stateWidth, withPad: " ", startingAt: 0))  \(rule.summary(language))\n")
            }
        }
    }

    struct Explain: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: ParserWords.help("Forklar én regel: hvad den kræver, og hvor i aftalen det står."))
        }
        @OptionGroup var shared: SharedOptions
        @Argument(help: .da("Reglens id, fx partner-mention.")) var id: String

        func run() throws {
            let ruleset = try shared.loadRuleset()
            let language = shared.language
            guard let rule = ruleset.rule(id) else {
                let known = ruleset.rules.map(\.id).joined(separator: ", ")
                Console.error(language == .da ? "omtale: ukendt regel '\(id)'. Kendte regler: \(known)." : "omtale: unknown rule '\(id)'. Known rules: \(known).")
                throw ExitCode(2)
            }
            let labels = language == .da
                ? ["Regel", "Type", "Alvorlighed", "Aftalen", "Regelsæt"]
                : ["Rule", "Kind", "Severity", "Agreement", "Ruleset"]
            var text = "\(labels[0]): \(rule.id)\n\(labels[1]): \(rule.kind)\n\(labels[2]): \(ReportWords.severity(rule.severity, language))\n"
            if let clause = rule.clause.map({ ClauseReference.text($0, language) }) { text += "\(labels[3]): \(ruleset.agreement.title), \(clause)\n" }
            text += "\(labels[4]): \(ruleset.name) \(ruleset.origin.text(language))\n\n"
            text += rule.summary(language) + "\n\n" + wrap(rule.description(language), width: 80) + "\n"
            if !rule.examples.isEmpty {
                text += language == .da ? "\nEksempler (⟦…⟧ rapporteres; uden markering: intet fund):\n"
                    : "\nExamples (⟦…⟧ is reported; unmarked: no finding):\n"
                for example in rule.examples {
                    text += "  " + example.text.replacingOccurrences(of: "\n", with: "\n  ") + "\n"
                }
            }
            Console.out(text)
        }

        func wrap(_ text: String, width: Int) -> String {
            var lines: [String] = []
            var line = ""
            for word in text.split(separator: " ") {
                if !line.isEmpty && line.count + word.count + 1 > width {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            if !line.isEmpty { lines.append(line) }
            return lines.joined(separator: "\n")
        }
    }
}
