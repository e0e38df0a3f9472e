import ArgumentParser
import Foundation
import Omtale

/// `omtale`: checks Danish communications about a partnership against its agreement.
struct OmtaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "omtale",
        abstract: "Tjekker danske pressemeddelelser og tekster om Klimaalliancen mod partnerskabsaftalen.",
        discussion: """
            Uden underkommando køres 'check'. Eksempler:
              omtale fixtures/press/01-alle-parter.txt
              omtale check --format json udkast/
              omtale rules explain partner-mention
            Exit-koder: 0 ingen fejl, 1 mindst én fejl i teksterne, 2 forkert brug, ulæselig fil eller fejl i reglerne.
            """,
        version: "\(OmtaleInfo.version) (ICU \(OmtaleInfo.icuVersion))",
        subcommands: [CheckCommand.self, RulesCommand.self, HookCommand.self, InitCommand.self],
        defaultSubcommand: CheckCommand.self
    )
}

@main
enum Main {
    static func main() {
        // A closed pipe (`omtale check … | head -1`) must end the run quietly, not kill it with
        // SIGPIPE: writes then fail with EPIPE, which Console.out handles.
        signal(SIGPIPE, SIG_IGN)
        // Usage errors exit with 2, as documented, instead of ArgumentParser's default 64.
        do {
            var command = try OmtaleCommand.parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = OmtaleCommand.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((OmtaleCommand.fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            OmtaleCommand.exit(withError: error)
        }
    }
}

/// Options every subcommand shares.
struct SharedOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Mappe med regler (standard: de indbyggede regler for Klimaalliancen).", valueName: "mappe"))
    var rules: String?

    @Option(name: .long, help: "Sprog for meddelelser: da eller en (standard: fra LANG, ellers dansk).")
    var lang: Language?

    var language: Language {
        lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
    }

    /// The ruleset, or exit 2 with the file and place of the problem.
    func loadRuleset() throws -> Ruleset {
        guard let rules else { return RulesetLoader.bundled() }
        do {
            return try RulesetLoader.load(directory: URL(fileURLWithPath: rules))
        } catch let error as RulesError {
            Console.error("omtale: " + error.description(language))
            throw ExitCode(2)
        }
    }
}

extension Language: ExpressibleByArgument {}

enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes to stdout; a closed pipe (`omtale … | head -1`) ends the run quietly.
    static func out(_ text: String) {
        let data = Data(text.utf8)
        do {
            try FileHandle.standardOutput.write(contentsOf: data)
        } catch {
            Foundation.exit(0)
        }
    }
}
