import ArgumentParser
import Foundation
import Omtale

/// `omtale check`: the main job.
struct CheckCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: ParserWords.help("Tjek filer og mapper (standard). '-' læser fra standard input."),
            discussion: ParserWords.help("Indstillinger læses fra den nærmeste .omtale.yml over hver fil (se 'omtale init').")
        )
    }

    /// An output format: one reporter of `ReporterRegistry`, which alone lists them.
    struct Format: Equatable, Sendable, ExpressibleByArgument {
        let reporter: any Reporter

        init?(rawValue: String) {
            guard let reporter = ReporterRegistry.reporter(rawValue) else { return nil }
            self.reporter = reporter
        }

        init?(argument: String) { self.init(rawValue: argument) }
        static var allValueStrings: [String] { ReporterRegistry.ids }

        var rawValue: String { reporter.id }
        static var allCases: [Format] { ReporterRegistry.ids.compactMap(Format.init(rawValue:)) }
        /// Without `--format`.
        static var human: Format { Format(rawValue: HumanReporter.identifier)! }

        static func == (lhs: Format, rhs: Format) -> Bool { lhs.rawValue == rhs.rawValue }
    }

    /// A `--format` value as typed: checked in `validate()`, so an unknown one gets a Danish
    /// message like every other misuse (ArgumentParser's own would be English). The known
    /// values still show in the help.
    struct FormatName: ExpressibleByArgument {
        var text: String
        init(argument: String) { text = argument }
        static var allValueStrings: [String] { ReporterRegistry.ids }
    }

    /// "human, json, … eller html" ("… or html"), from the registry.
    static func formatList(_ language: Language) -> String {
        let ids = ReporterRegistry.ids
        return ids.count > 1 ? ids.dropLast().joined(separator: ", ") + (language == .da ? " eller " : " or ") + ids.last! : ids.joined()
    }

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @OptionGroup var shared: SharedOptions

    @Argument(help: .da("Filer eller mapper. Mapper gennemgås rekursivt efter kendte filtyper.", valueName: "sti"))
    var paths: [String] = []

    @Option(name: .long, help: .da(
        "Outputformat: {formater} (standard: {standard}). Kan gentages; hvert format skrives til "
            + "standard output, medmindre et --output følger det.", valueName: "format",
        fill: ["formater": (Self.formatList(.da), Self.formatList(.en)), "standard": (HumanReporter.identifier, HumanReporter.identifier)]))
    var format: [Ordered<FormatName>] = []

    @Option(name: .long, help: .da(
        "Skriv det foregående --format til denne fil i stedet for standard output ('-' er standard output).", valueName: "fil"))
    var output: [Ordered<String>] = []

    @Option(name: .long, help: .da("Tving et inputformat (se --list-inputs), fx til standard input.", valueName: "id"))
    var input: String?

    @Option(name: .long, help: .da(
        "Hvem teksterne er fra: en parts id eller navn (fx rm eller \"Region Midtjylland\") eller en anden organisation. "
            + "Afsenderen behøver ikke nævne sig selv (pkt. 9.1). Vinder over sender: i .omtale.yml.", valueName: "part"))
    var sender: String?

    @Option(name: .long, help: .da(
        "Udgivelsesdato ÅÅÅÅ-MM-DD for teksterne. Vinder over datoen i teksten; uden for aftalens periode (pkt. 7.1) gælder reglerne ikke.",
        valueName: "dato"))
    var date: String?

    @Flag(name: .long, help: .da("Vis de kendte inputformater og stop."))
    var listInputs = false

    @Flag(name: .long, help: .da("Tjek filerne, som de er lagt klar til commit (git add), ikke som de ligger i mappen."))
    var staged = false

    @Option(name: .long, help: .da("Vis kun nye fund: skjul dem, der står i denne fil med kendte fund.", valueName: "fil"))
    var baseline: String?

    @Option(name: .long, help: .da("Gem dagens fund som kendte fund i denne fil (exit 0).", valueName: "fil"))
    var writeBaseline: String?

    @Flag(name: .long, help: .da("Advarsler tæller som fejl (exit 1), fx en fil i et format, Omtale ikke kan læse."))
    var strict = false

    @Option(name: [.customShort("j", allowingJoined: true), .long], help: .da("Antal filer, der tjekkes samtidig (standard: antal kerner).", valueName: "antal"))
    var jobs: Int?

    @Option(name: .long, help: .da("Farver: auto (kun på en terminal og uden NO_COLOR), always eller never.", valueName: "farve"))
    var color: ColorChoice = .auto

    @Flag(name: .long, help: .da(
        "Ret de sikre fund: .txt og .md rettes i filen; en .docx får en kopi (navn.omtale.docx) med sporede ændringer og kommentarer. "
            + "Rapporten viser, hvad der er tilbage."))
    var fix = false

    @Flag(name: .long, help: .da("Sammen med --fix: vis ændringerne (unified diff) uden at skrive noget."))
    var dryRun = false

    @Flag(name: .long, help: .da("Sammen med --fix: ret selve .docx-filen i stedet for at skrive en kopi."))
    var inPlace = false

    func validate() throws {
        if paths.isEmpty && !listInputs && !staged {
            throw ValidationError(da: "Angiv mindst én fil eller mappe (eller »-« for standard input, eller --staged).",
                                  en: "Give at least one file or folder (or '-' for standard input, or --staged).")
        }
        if staged && !paths.isEmpty {
            throw ValidationError(da: "--staged tjekker det, der er lagt klar til commit; angiv ikke stier samtidig.",
                                  en: "--staged checks what is staged for commit; do not give paths as well.")
        }
        if baseline != nil && writeBaseline != nil {
            throw ValidationError(da: "Brug enten --baseline eller --write-baseline, ikke begge.",
                                  en: "Use either --baseline or --write-baseline, not both.")
        }
        if let date, PublicationDate.parseISO(date) == nil || date.trimmingCharacters(in: .whitespaces).count != 10 {
            throw ValidationError(da: "--date skal være en dato som ÅÅÅÅ-MM-DD, fx 2026-12-01 (fik »\(date)«).",
                                  en: "--date must be a date as YYYY-MM-DD, e.g. 2026-12-01 (got '\(date)').")
        }
        if let sender, sender.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError.emptySender
        }
        try validateFix()
        if let jobs, jobs < 1 {
            throw ValidationError(da: "--jobs skal være mindst 1.", en: "--jobs must be at least 1.")
        }
        if let input, InputRegistry.standard.plugin(id: input) == nil {
            let known = InputRegistry.standard.plugins.map(\.id).joined(separator: ", ")
            throw ValidationError(da: "Ukendt inputformat »\(input)«. Kendte: \(known).", en: "Unknown input format '\(input)'. Known: \(known).")
        }
        for destination in try destinations() {
            guard let path = destination.path else { continue }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
                throw ValidationError(da: "Mappen til --output »\(path)« findes ikke.", en: "The folder for --output '\(path)' does not exist.")
            }
        }
    }

    func run() throws {
        // The lexicon's new answers go to the disk cache however the run ends (a cache folder that
        // cannot be written is skipped: the check does not depend on it).
        defer { try? CommercialModel.saveLexiconCache() }
        if listInputs {
            let language = shared.language
            let plugins = InputRegistry.standard.plugins
            // A reader without extensions of its own takes .txt files only when it recognises them.
            let extensions = plugins.map { plugin in
                plugin.extensions.isEmpty && plugin.refinesPlainText ? "(.txt)" : plugin.extensions.map { "." + $0 }.joined(separator: " ")
            }
            let width = max(22, extensions.map(\.count).max() ?? 0)
            for (plugin, extensions) in zip(plugins, extensions) {
                Console.out("\(plugin.id.padding(toLength: 10, withPad: " ", startingAt: 0)) \(extensions.padding(toLength: width, withPad: " ", startingAt: 0)) \(plugin.summary(language))\n")
            }
            return
        }
        let destinations = try destinations()
        var limits = Checker.Limits()
        // Only a report that shows whole texts (HTML) keeps them; without one, no document outlives its check.
        limits.keepDocuments = destinations.contains { $0.format.reporter.showsDocuments }
        let session = CheckSession(
            rulesOverride: shared.rules.map { URL(fileURLWithPath: $0) }, languageOverride: shared.lang,
            environmentLanguage: Language.fromEnvironment(ProcessInfo.processInfo.environment), limits: limits)
        session.assumptions.sender = sender
        session.assumptions.date = date
        let (language, runRuleset): (Language, Ruleset)
        do {
            let here = try session.configuration(forDirectory: FileManager.default.currentDirectoryPath)
            language = session.language(for: here)
            runRuleset = try session.checker(for: here).ruleset
        } catch let error as RulesError {
            Console.error("omtale: " + error.description(shared.language))
            throw ExitCode(2)
        }

        let planned = try staged ? stagedJobs(session) : pathJobs(session)
        let baselineFilter: Baseline.Filter?
        do {
            baselineFilter = try baseline.map { Baseline.Filter(try Baseline.load($0)) }
        } catch let error as InputError {
            Console.error("omtale: \(baseline ?? ""): \(error.message(language))")
            throw ExitCode(2)
        }

        let options = ReportOptions(language: language, color: false, ruleset: runRuleset)
        let standard = destinations.first { $0.path == nil }
        var terminal = options
        terminal.color = standard?.format.reporter.usesColor == true && useColor
        // Human and JSON output on standard output stream file by file, in order, as checks finish.
        let streamer = destinations.count == 1 && writeBaseline == nil && !fix ? standard?.format.reporter as? any StreamingReporter : nil
        let streaming = streamer != nil
        var reports: [FileReport] = []
        var summary = RunSummary([])
        if let streamer { Console.out(streamer.begin(options: terminal)) }
        var streamed = 0
        if fix {
            reports = try fixFiles(planned, session: session, language: language)
            reports.forEach { summary.add($0) }
        } else {
            try execute(planned, session: session) { report in
                let report = baselineFilter?.apply(report) ?? report
                summary.add(report)
                if let streamer {
                    // Nothing of a streamed file is kept: memory stays flat however many files there are.
                    Console.out(streamer.file(report, index: streamed, options: terminal))
                    streamed += 1
                    if repeatOnStandardError { notice(report, language) }
                } else {
                    reports.append(report)
                }
            }
        }

        if let writeBaseline {
            do {
                try AtomicFile.write(Baseline(reports: reports, language: language).encoded(), to: writeBaseline)
            } catch {
                Console.error(language == .da
                    ? "omtale: kan ikke gemme de kendte fund i \(writeBaseline): \(SystemError.describe(error, language)). Vælg en anden fil med --write-baseline."
                    : "omtale: cannot save the known findings to \(writeBaseline): \(SystemError.describe(error, language)). Choose another file with --write-baseline.")
                throw ExitCode(2)
            }
            let count = reports.reduce(0) { $0 + $1.diagnostics.count }
            Console.error(language == .da ? "omtale: gemte \(count) fund i \(writeBaseline)" : "omtale: saved \(count) findings to \(writeBaseline)")
            return
        }

        // Files first: when the run then exits 1 for findings, the reports are already on disk.
        for destination in destinations {
            guard let path = destination.path else { continue }
            do {
                try AtomicFile.write(Data(destination.format.reporter.render(reports, options: options).utf8), to: path)
            } catch {
                Console.error(language == .da
                    ? "omtale: kan ikke skrive rapporten til \(path): \(SystemError.describe(error, language)). Vælg en anden fil med --output."
                    : "omtale: cannot write the report to \(path): \(SystemError.describe(error, language)). Choose another file with --output.")
                throw ExitCode(2)
            }
            Console.error(language == .da ? "Skrev \(path)" : "Wrote \(path)")
        }
        if fix && dryRun {
            // The diff was the output; the report of the unchanged files would only repeat the check.
        } else if let streamer {
            Console.out(streamer.end(summary, files: streamed, options: terminal))
        } else if let standard {
            Console.out(standard.format.reporter.render(reports, options: terminal))
        }
        if repeatOnStandardError && !streaming {
            for report in reports { notice(report, language) }
        }
        let settings = session.configurationFilesRead
        if !settings.isEmpty {
            // Which settings applied, so a .omtale.yml found higher up than expected is no surprise.
            Console.error(language == .da ? "omtale: indstillinger fra \(ReportWords.names(settings, .da))"
                : "omtale: settings from \(ReportWords.names(settings, .en))")
        }
        if CommercialModel.lexiconMissedReason != nil {
            // The commercial-use rule still runs, on fewer word forms: say so rather than pass quietly.
            Console.error(language == .da
                ? "omtale: den danske ordbog (hunspell-da) kunne ikke bruges, så reglen om kommerciel brug genkender kun de ordformer, reglerne selv nævner. Installér den med: apt-get install libhunspell-1.7-0 hunspell-da (eller angiv den med OMTALE_HUNSPELL_DA)."
                : "omtale: the Danish lexicon (hunspell-da) could not be used, so the commercial-use rule recognises only the word forms the rules list. Install it with: apt-get install libhunspell-1.7-0 hunspell-da (or point OMTALE_HUNSPELL_DA at it).")
        }
        let blocking = summary.errors > 0 || (strict && summary.warnings > 0)
        if baseline != nil && repeatOnStandardError {
            Console.error(language == .da ? "omtale: --baseline skjulte \(summary.hiddenByBaseline) kendte fund."
                : "omtale: --baseline hid \(summary.hiddenByBaseline) known findings.")
        }
        if staged && blocking {
            let what = summary.errors > 0 ? (language == .da ? "fejlene" : "the errors") : (language == .da ? "advarslerne (--strict)" : "the warnings (--strict)")
            Console.error(language == .da
                ? "omtale: commit stoppet. Ret \(what), og læg filerne klar igen (git add), eller spring tjekket over med: git commit --no-verify"
                : "omtale: commit blocked. Fix \(what) and stage the files again (git add), or skip the check with: git commit --no-verify")
        }
        if summary.unreadable > 0 { throw ExitCode(2) }
        if blocking { throw ExitCode(1) }
    }

    /// Files that could not be read or were not checked are named on standard error as well as in
    /// the report (which may go to a file or a pipe), unless the human report is on this very
    /// terminal, where it already says so.
    var repeatOnStandardError: Bool {
        let standard = (try? destinations())?.first { $0.path == nil }
        let shownHere = standard?.format.reporter.listsUnreadableFiles == true && isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1
        return !shownHere
    }

    func notice(_ report: FileReport, _ language: Language) {
        if let error = report.error {
            Console.error("omtale: \(Escaping.terminal(report.path)): \(Escaping.terminal(error.sentence(language)))")
        } else if report.skipped, let reason = report.diagnostics.first(where: { $0.ruleID == SkippedFile.ruleID }) {
            let label = ReportWords.severity(reason.severity, language)
            Console.error("omtale: \(Escaping.terminal(report.path)): \(label): \(Escaping.terminal(reason.message(language)))")
        }
    }

    var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            if environment["NO_COLOR"].map({ !$0.isEmpty }) == true || environment["TERM"] == "dumb" { return false }
            return isatty(STDOUT_FILENO) == 1
        }
    }
}
