import ArgumentParser
import Foundation
import Omtale

/// `omtale check`: the main job.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Tjek filer og mapper (standard). '-' læser fra standard input."
    )

    /// The output formats, one `Reporter` each (`ReporterRegistry`).
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case human, json, sarif, github, junit, html

        var reporter: any Reporter {
            switch self {
            case .human: return HumanReporter()
            case .json: return JSONReporter()
            case .sarif: return SARIFReporter()
            case .github: return GitHubReporter()
            case .junit: return JUnitReporter()
            case .html: return HTMLReporter()
            }
        }
    }

    /// A `--format` value as typed: checked in `validate()`, so an unknown one gets a Danish
    /// message like every other misuse (ArgumentParser's own would be English). The known
    /// values still show in the help.
    struct FormatName: ExpressibleByArgument {
        var text: String
        init(argument: String) { text = argument }
        static var allValueStrings: [String] { Format.allCases.map(\.rawValue) }
    }

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @OptionGroup var shared: SharedOptions

    @Argument(help: ArgumentHelp("Filer eller mapper. Mapper gennemgås rekursivt efter kendte filtyper.", valueName: "sti"))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Outputformat: human, json, sarif, github, junit eller html (standard: human). Kan gentages; hvert format skrives til "
            + "standard output, medmindre et --output følger det.", valueName: "format"))
    var format: [Ordered<FormatName>] = []

    @Option(name: .long, help: ArgumentHelp(
        "Skriv det foregående --format til denne fil i stedet for standard output ('-' er standard output).", valueName: "fil"))
    var output: [Ordered<String>] = []

    @Option(name: .long, help: ArgumentHelp("Tving et inputformat (se --list-inputs), fx til standard input.", valueName: "id"))
    var input: String?

    @Flag(name: .long, help: "Vis de kendte inputformater og stop.")
    var listInputs = false

    @Option(name: .long, help: "Farver: auto (kun på en terminal og uden NO_COLOR), always eller never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if paths.isEmpty && !listInputs {
            throw ValidationError("Angiv mindst én fil eller mappe (eller '-' for standard input).")
        }
        if let input, InputRegistry.standard.plugin(id: input) == nil {
            let known = InputRegistry.standard.plugins.map(\.id).joined(separator: ", ")
            throw ValidationError("Ukendt inputformat '\(input)'. Kendte: \(known).")
        }
        for destination in try destinations() {
            guard let path = destination.path else { continue }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
                throw ValidationError("Mappen til --output '\(path)' findes ikke.")
            }
        }
    }

    /// Where one format goes: a file, or standard output when `path` is nil.
    struct Destination: Equatable {
        var format: Format
        var path: String?
    }

    /// The `--format`/`--output` pairs in command-line order: each `--output` belongs to the
    /// `--format` before it; a format without one goes to standard output. No `--format`: human.
    func destinations() throws -> [Destination] {
        let formats = try format.map { name in
            guard let known = Format(rawValue: name.value.text) else {
                let known = Format.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("Ukendt outputformat '\(name.value.text)'. Kendte: \(known).")
            }
            return Ordered(known, position: name.position)
        }
        return try Self.destinations(formats: formats, outputs: output)
    }

    static func destinations(formats: [Ordered<Format>], outputs: [Ordered<String>]) throws -> [Destination] {
        enum Item { case format(Format), output(String) }
        let items = (formats.map { ($0.position, Item.format($0.value)) } + outputs.map { ($0.position, Item.output($0.value)) })
            .sorted { $0.0 < $1.0 }.map(\.1)
        var destinations: [Destination] = []
        for item in items {
            switch item {
            case .format(let format):
                destinations.append(Destination(format: format, path: nil))
            case .output(let path):
                guard var last = destinations.popLast() else {
                    throw ValidationError("--output '\(path)' skal stå efter det --format, den hører til, fx: --format json --output rapport.json")
                }
                if let earlier = last.path {
                    throw ValidationError("--format \(last.format.rawValue) har allerede --output '\(earlier)'. "
                        + "Skriv et nyt --format før --output '\(path)'.")
                }
                if path.isEmpty { throw ValidationError("--output skal have et filnavn.") }
                last.path = path == "-" ? nil : path
                destinations.append(last)
            }
        }
        if destinations.isEmpty { destinations = [Destination(format: .human, path: nil)] }
        let onStandardOutput = destinations.filter { $0.path == nil }.map(\.format.rawValue)
        if onStandardOutput.count > 1 {
            throw ValidationError("Kun ét format kan skrives til standard output, men \(onStandardOutput.joined(separator: " og ")) skal alle derhen. "
                + "Giv de andre et --output <fil>.")
        }
        let files = destinations.compactMap(\.path)
        if let twice = files.first(where: { path in files.filter { $0 == path }.count > 1 }) {
            throw ValidationError("Filen '\(twice)' er angivet som --output for mere end ét format.")
        }
        return destinations
    }

    func run() throws {
        let language = shared.language
        if listInputs {
            for plugin in InputRegistry.standard.plugins {
                let extensions = plugin.extensions.map { "." + $0 }.joined(separator: " ")
                Console.out("\(plugin.id.padding(toLength: 10, withPad: " ", startingAt: 0)) \(extensions.padding(toLength: 22, withPad: " ", startingAt: 0)) \(plugin.summary(language))\n")
            }
            return
        }
        let ruleset = try shared.loadRuleset()
        let checker: Checker
        do {
            checker = try Checker(ruleset: ruleset, language: language)
        } catch let error as RulesError {
            Console.error("omtale: " + error.description(language))
            throw ExitCode(2)
        }
        let targets = FileWalker(extensions: checker.inputs.knownExtensions).expand(paths)
        var reports: [FileReport] = []
        for target in targets {
            switch target {
            case .standardInput:
                let data = FileHandle.standardInput.readDataToEndOfFile()
                reports.append(checker.check(data: data, path: "-", inputID: input ?? PlainTextInput.identifier))
            case .file(let path):
                reports.append(checker.check(fileAt: path, inputID: input))
            case .problem(let path, let error):
                reports.append(FileReport(path: path, input: nil, error: error))
            }
        }
        let destinations = try destinations()
        let options = ReportOptions(language: language, color: false, ruleset: ruleset)
        // Files first: when the run then exits 1 for findings, the reports are already on disk.
        for destination in destinations {
            guard let path = destination.path else { continue }
            do {
                try Self.writeAtomically(destination.format.reporter.render(reports, options: options), to: path)
            } catch {
                Console.error("omtale: kan ikke skrive '\(path)': \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        if let standard = destinations.first(where: { $0.path == nil }) {
            var terminal = options
            terminal.color = standard.format == .human && useColor
            Console.out(standard.format.reporter.render(reports, options: terminal))
        }
        // Only the human format on standard output already says which files could not be read.
        if !destinations.contains(Destination(format: .human, path: nil)) {
            for report in reports {
                if let error = report.error { Console.error("omtale: \(report.path): \(error.message(language))") }
            }
        }
        let summary = RunSummary(reports)
        if summary.unreadable > 0 { throw ExitCode(2) }
        if summary.errors > 0 { throw ExitCode(1) }
    }

    /// Writes to a temporary file in the same folder and renames it over the target, so a reader
    /// (a CI step, a browser reloading) never sees a half-written report, and a failed run leaves
    /// the previous report in place. Same folder, because rename(2) is atomic only within one file system.
    static func writeAtomically(_ text: String, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString.prefix(8)).tmp")
        try Data(text.utf8).write(to: temporary, options: .withoutOverwriting)
        if rename(temporary.path, target.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(code))])
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

/// An option value stamped with its place on the command line.
///
/// ArgumentParser keeps each repeated option in its own array, which loses how `--format` and
/// `--output` interleave. It does build values strictly left to right, as it walks the arguments,
/// so a counter read when each value is made records that order; `CheckCommand.destinations`
/// sorts by it to pair each `--output` with the `--format` before it.
struct Ordered<Value: ExpressibleByArgument>: ExpressibleByArgument {
    var value: Value
    var position: Int

    init(_ value: Value, position: Int) {
        self.value = value
        self.position = position
    }

    init?(argument: String) {
        guard let value = Value(argument: argument) else { return nil }
        self.init(value, position: ArgumentOrder.next())
    }

    static var allValueStrings: [String] { Value.allValueStrings }
    static var defaultCompletionKind: CompletionKind { Value.defaultCompletionKind }
}

/// The counter behind `Ordered`: increasing for the life of the process, so values made by one
/// parse keep their relative order even if the command line is parsed more than once.
enum ArgumentOrder {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var counter = 0

    static func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return counter
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
