import ArgumentParser
import Foundation
import Omtale

/// `omtale check`: the main job.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Tjek filer og mapper (standard). '-' læser fra standard input.",
        discussion: "Indstillinger læses fra den nærmeste .omtale.yml over hver fil (se 'omtale init')."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case human, json
    }

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @OptionGroup var shared: SharedOptions

    @Argument(help: ArgumentHelp("Filer eller mapper. Mapper gennemgås rekursivt efter kendte filtyper.", valueName: "sti"))
    var paths: [String] = []

    @Option(name: .long, help: "Outputformat: human eller json.")
    var format: Format = .human

    @Option(name: .long, help: ArgumentHelp("Tving et inputformat (se --list-inputs), fx til standard input.", valueName: "id"))
    var input: String?

    @Flag(name: .long, help: "Vis de kendte inputformater og stop.")
    var listInputs = false

    @Flag(name: .long, help: "Tjek filerne, som de er lagt klar til commit (git add), ikke som de ligger i mappen.")
    var staged = false

    @Option(name: .long, help: ArgumentHelp("Rapportér kun fund, der ikke står i denne baseline-fil.", valueName: "fil"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("Gem dagens fund som baseline i denne fil (exit 0).", valueName: "fil"))
    var writeBaseline: String?

    @Option(name: .long, help: "Farver: auto (kun på en terminal og uden NO_COLOR), always eller never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if paths.isEmpty && !listInputs && !staged {
            throw ValidationError("Angiv mindst én fil eller mappe (eller '-' for standard input, eller --staged).")
        }
        if staged && !paths.isEmpty {
            throw ValidationError("--staged tjekker det, der er lagt klar til commit; angiv ikke stier samtidig.")
        }
        if baseline != nil && writeBaseline != nil {
            throw ValidationError("Brug enten --baseline eller --write-baseline, ikke begge.")
        }
        if let input, InputRegistry.standard.plugin(id: input) == nil {
            let known = InputRegistry.standard.plugins.map(\.id).joined(separator: ", ")
            throw ValidationError("Ukendt inputformat '\(input)'. Kendte: \(known).")
        }
    }

    func run() throws {
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
        let session = CheckSession(
            rulesOverride: shared.rules.map { URL(fileURLWithPath: $0) }, languageOverride: shared.lang,
            environmentLanguage: Language.fromEnvironment(ProcessInfo.processInfo.environment))
        let runLanguage: Language
        do {
            runLanguage = session.language(for: try session.configuration(forDirectory: FileManager.default.currentDirectoryPath))
        } catch let error as RulesError {
            Console.error("omtale: " + error.description(shared.language))
            throw ExitCode(2)
        }

        let jobs = try staged ? stagedJobs(session) : pathJobs(session)
        var reports: [FileReport] = []
        let progress = Progress(total: jobs.count)
        for job in jobs {
            progress.show(job.path)
            reports.append(try run(job, session: session, language: runLanguage))
        }
        progress.finish()

        if let writeBaseline {
            do {
                try AtomicFile.write(Baseline(reports: reports).encoded(), to: writeBaseline)
            } catch {
                Console.error("omtale: \(writeBaseline): \(error.localizedDescription)")
                throw ExitCode(2)
            }
            let count = reports.reduce(0) { $0 + $1.diagnostics.count }
            Console.error(runLanguage == .da ? "omtale: gemte \(count) fund i \(writeBaseline)" : "omtale: saved \(count) findings to \(writeBaseline)")
            return
        }
        if let baseline {
            do {
                reports = try Baseline.load(baseline).filter(reports)
            } catch let error as InputError {
                Console.error("omtale: \(baseline): \(error.message(runLanguage))")
                throw ExitCode(2)
            }
        }

        let options = ReportOptions(language: runLanguage, color: useColor)
        let reporter: any Reporter = format == .json ? JSONReporter() : HumanReporter()
        Console.out(reporter.render(reports, options: options))
        if format == .json {
            for report in reports { if let error = report.error { Console.error("omtale: \(report.path): \(error.message(runLanguage))") } }
        }
        if staged && RunSummary(reports).errors > 0 {
            Console.error(runLanguage == .da
                ? "omtale: commit stoppet. Ret fejlene og læg filerne klar igen (git add), eller spring tjekket over med: git commit --no-verify"
                : "omtale: commit blocked. Fix the errors and stage the files again (git add), or skip the check with: git commit --no-verify")
        }
        let summary = RunSummary(reports)
        if summary.unreadable > 0 { throw ExitCode(2) }
        if summary.errors > 0 { throw ExitCode(1) }
    }

    /// One file to check, and where its bytes come from.
    struct Job {
        enum Source { case file, standardInput, staged(Git), problem(InputError) }
        var path: String
        var source: Source
        var directory: String
    }

    func pathJobs(_ session: CheckSession) throws -> [Job] {
        let walker = FileWalker(extensions: InputRegistry.standard.knownExtensions)
        let current = FileManager.default.currentDirectoryPath
        var jobs: [Job] = []
        for path in paths {
            let explicit = walker.expand([path])
            let isFolder = explicit.count != 1 || {
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            }()
            for target in explicit {
                switch target {
                case .standardInput:
                    jobs.append(Job(path: "-", source: .standardInput, directory: current))
                case .problem(let path, let error):
                    jobs.append(Job(path: path, source: .problem(error), directory: current))
                case .file(let file):
                    let directory = (file as NSString).deletingLastPathComponent
                    // Folder walks honour include/exclude; a file named on the command line is always checked.
                    if isFolder {
                        let configuration = try configuration(session, directory)
                        guard session.includes(file, configuration: configuration) else { continue }
                    }
                    jobs.append(Job(path: file, source: .file, directory: directory.isEmpty ? current : directory))
                }
            }
        }
        return jobs
    }

    func stagedJobs(_ session: CheckSession) throws -> [Job] {
        let git = Git(directory: FileManager.default.currentDirectoryPath)
        let top: String
        let staged: [String]
        do {
            top = try git.topLevel()
            staged = try git.stagedPaths()
        } catch {
            Console.error(shared.language == .da ? "omtale: --staged kræver et git-repositorium (\(error))" : "omtale: --staged needs a git repository (\(error))")
            throw ExitCode(2)
        }
        let extensions = InputRegistry.standard.knownExtensions
        var jobs: [Job] = []
        let root = Git(directory: top)
        for path in staged where extensions.contains((path as NSString).pathExtension.lowercased()) {
            let absolute = (top as NSString).appendingPathComponent(path)
            let directory = (absolute as NSString).deletingLastPathComponent
            let configuration = try configuration(session, directory)
            guard session.includes(absolute, configuration: configuration) else { continue }
            jobs.append(Job(path: path, source: .staged(root), directory: directory))
        }
        return jobs
    }

    func configuration(_ session: CheckSession, _ directory: String) throws -> Configuration {
        do {
            return try session.configuration(forDirectory: directory)
        } catch let error as RulesError {
            Console.error("omtale: " + error.description(shared.language))
            throw ExitCode(2)
        }
    }

    func run(_ job: Job, session: CheckSession, language: Language) throws -> FileReport {
        let checker: Checker
        do {
            checker = try session.checker(for: try session.configuration(forDirectory: job.directory))
        } catch let error as RulesError {
            Console.error("omtale: " + error.description(language))
            throw ExitCode(2)
        }
        switch job.source {
        case .problem(let error):
            return FileReport(path: job.path, input: nil, error: error)
        case .standardInput:
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return checker.check(data: data, path: "-", inputID: input ?? PlainTextInput.identifier)
        case .file:
            return checker.check(fileAt: job.path, inputID: input)
        case .staged(let git):
            do {
                let data = try git.stagedContent(job.path, limit: checker.limits.maxFileBytes)
                return checker.check(data: data, path: job.path, inputID: input)
            } catch let error as InputError {
                return FileReport(path: job.path, input: nil, error: error)
            } catch {
                return FileReport(path: job.path, input: nil, error: InputError(.unreadable, da: "\(error)", en: "\(error)"))
            }
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

/// "12/340 udkast/pressemeddelelse.txt" on stderr while a batch runs: only on a terminal, never in CI.
struct Progress {
    let total: Int
    let enabled: Bool

    init(total: Int) {
        self.total = total
        let environment = ProcessInfo.processInfo.environment
        enabled = total > 1 && isatty(STDERR_FILENO) == 1 && environment["CI"] == nil && environment["TERM"] != "dumb"
    }

    private final class Counter: @unchecked Sendable { var done = 0 }
    private let counter = Counter()

    func show(_ path: String) {
        guard enabled else { return }
        counter.done += 1
        let name = path.count > 60 ? "…" + path.suffix(59) : path
        FileHandle.standardError.write(Data("\r\u{1B}[K\(counter.done)/\(total) \(name)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// Expands command-line paths into the files to check, in a stable order.
struct FileWalker {
    enum Target: Equatable {
        case standardInput
        case file(String)
        case problem(String, InputError)
    }

    var extensions: Set<String>

    func expand(_ paths: [String]) -> [Target] {
        var targets: [Target] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" { targets.append(.standardInput); continue }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                let broken = (try? manager.destinationOfSymbolicLink(atPath: path)) != nil
                targets.append(.problem(path, broken
                    ? InputError(.notFound, da: "symbolsk link til en fil, der ikke findes", en: "symbolic link to a file that does not exist")
                    : InputError(.notFound, da: "filen findes ikke", en: "no such file")))
                continue
            }
            guard isDirectory.boolValue else { targets.append(.file(path)); continue }
            targets.append(contentsOf: walk(path))
        }
        return targets
    }

    /// Files under a directory with a known extension, hidden files and folders skipped, sorted.
    func walk(_ directory: String) -> [Target] {
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey], options: [.skipsHiddenFiles]) else {
            return [.problem(directory, InputError(.unreadable, da: "mappen kan ikke læses", en: "the folder cannot be read"))]
        }
        var files: [String] = []
        while let url = enumerator.nextObject() as? URL {
            guard extensions.contains(url.pathExtension.lowercased()) else { continue }
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey])
            if values?.isDirectory == true { continue }
            // Keep the path as the user typed its folder, so output is relative like their input.
            let relative = String(url.path.dropFirst(root.path.count))
            files.append((directory as NSString).appendingPathComponent(relative.trimmingCharacters(in: CharacterSet(charactersIn: "/"))))
        }
        return files.sorted().map { .file($0) }
    }
}
