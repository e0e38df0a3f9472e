import ArgumentParser
import Foundation
import Omtale

/// `omtale`: checks Danish communications about a partnership against its agreement.
struct OmtaleCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "omtale",
            abstract: ParserWords.help("Tjekker danske pressemeddelelser og tekster om Klimaalliancen mod partnerskabsaftalen."),
            discussion: ParserWords.help("""
                Uden underkommando køres 'check'. Eksempler:
                  omtale fixtures/press/01-alle-parter.txt
                  omtale check --format json udkast/
                  omtale rules explain partner-mention
                Exit-koder: 0 ingen fejl, 1 mindst én fejl i teksterne, 2 forkert brug, ulæselig fil eller fejl i reglerne.
                """),
            version: "\(OmtaleInfo.version) (ICU \(OmtaleInfo.icuVersion))",
            subcommands: [CheckCommand.self, RulesCommand.self, HookCommand.self, InitCommand.self, ServeCommand.self],
            defaultSubcommand: CheckCommand.self
        )
    }
}

@main
enum Main {
    static func main() {
        // A closed pipe (`omtale check … | head -1`) must end the run quietly, not kill it with
        // SIGPIPE: writes then fail with EPIPE, which Console.out handles.
        signal(SIGPIPE, SIG_IGN)
        // Ctrl-C during a batch: remove any half-written output file, then stop as interrupted.
        AtomicFile.removeTemporaryFilesOnInterrupt()
        // Usage errors exit with 2, as documented, instead of ArgumentParser's default 64; the parser's
        // own words (help, usage, errors) in the user's language.
        // The commands' help texts too (ParserWords.help), so the language is read before parsing.
        // The built-in `help` subcommand has no --lang, so it is left out there (ParserWords.forParser).
        let arguments = Array(CommandLine.arguments.dropFirst())
        let language = ParserWords.language(arguments, ProcessInfo.processInfo.environment)
        ParserWords.$helpLanguage.withValue(language) { run(language, ParserWords.forParser(arguments)) }
    }

    static func run(_ language: Language, _ arguments: [String]) {
        do {
            var command = try OmtaleCommand.parseAsRoot(arguments)
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let text = ParserWords.localize(OmtaleCommand.fullMessage(for: error), language)
            let code = OmtaleCommand.exitCode(for: error)
            if code == .success {
                if !text.isEmpty { print(text) }
                Foundation.exit(0)
            }
            if !text.isEmpty { FileHandle.standardError.write(Data((text + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// Options every subcommand shares.
struct SharedOptions: ParsableArguments {
    @Option(name: .long, help: .da("Mappe med regler (standard: de indbyggede regler for Klimaalliancen).", valueName: "mappe"))
    var rules: String?

    @OptionGroup var languageOption: LanguageOption

    /// `--lang` as given, nil when it was not.
    var lang: Language? { languageOption.lang }
    var language: Language { languageOption.language }

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

/// `--lang` alone, for the subcommands that read no rules (`hook`, `init`).
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: .da("Sprog for meddelelser: da eller en (standard: fra LANG, ellers dansk).", valueName: "sprog"))
    var lang: Language?

    var language: Language {
        lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
    }
}

extension Language: ExpressibleByArgument {}

enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes to stdout. A closed pipe (`omtale … | head -1`) ends the run quietly: the reader has
    /// what it wanted. Any other failure (a full disk) is an error with exit code 2, never a crash.
    static func out(_ text: String) {
        var data = Data(text.utf8)
        while !data.isEmpty {
            let written = data.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written >= 0 {
                data.removeFirst(written)
                continue
            }
            let code = errno
            if code == EINTR { continue }
            AtomicFile.removeTemporaryFiles()
            if code == EPIPE { Foundation.exit(0) }
            error("omtale: kan ikke skrive til standard output: \(String(cString: strerror(code)))")
            Foundation.exit(2)
        }
    }
}
