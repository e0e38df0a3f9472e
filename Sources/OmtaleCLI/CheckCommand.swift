import ArgumentParser
import Foundation
import Omtale

/// `omtale check`: the main job.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Tjek filer og mapper (standard). '-' læser fra standard input."
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
        let options = ReportOptions(language: language, color: useColor)
        let reporter: any Reporter = format == .json ? JSONReporter() : HumanReporter()
        Console.out(reporter.render(reports, options: options))
        for report in reports where report.error != nil && format == .json {
            Console.error("omtale: \(report.path): \(report.error!.message(language))")
        }
        let summary = RunSummary(reports)
        if summary.unreadable > 0 { throw ExitCode(2) }
        if summary.errors > 0 { throw ExitCode(1) }
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
