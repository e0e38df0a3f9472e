import ArgumentParser
import Foundation
import Omtale

/// `omtale hook install|uninstall`: Omtale as a git pre-commit hook.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Installér, vis eller fjern Omtale som git pre-commit-hook.",
        subcommands: [Install.self, Uninstall.self, Status.self]
    )

    static func installer(binary: String? = nil) throws -> HookInstaller {
        let git = Git(directory: FileManager.default.currentDirectoryPath)
        let hooks: String
        do {
            hooks = try git.hooksDirectory()
        } catch {
            Console.error("omtale: her er ikke et git-repositorium (\(error))")
            throw ExitCode(2)
        }
        let chosen = binary.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? currentBinary()
        return HookInstaller(hooksDirectory: hooks, binary: chosen)
    }

    /// The absolute path of the running omtale binary, so the hook finds this very build.
    static func currentBinary() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Installér pre-commit-hooket. Et eksisterende hook bevares og køres efter Omtale.")

        @Option(name: .long, help: ArgumentHelp("Det omtale-program, hooket skal bruge (standard: det, der kører nu).", valueName: "sti"))
        var binary: String?

        func validate() throws {
            if let binary, !FileManager.default.isExecutableFile(atPath: binary) {
                throw ValidationError("--binary \(binary): filen findes ikke eller kan ikke køres")
            }
        }

        func run() throws {
            let installer = try HookCommand.installer(binary: binary)
            do {
                switch try installer.install() {
                case .installed: Console.out("Omtale er installeret som pre-commit-hook i \(installer.hooksDirectory).\n")
                case .installedAndChained:
                    Console.out("Omtale er installeret. Det eksisterende hook er gemt som \(HookInstaller.chainedName) og køres efter Omtale.\n")
                case .alreadyInstalled: Console.out("Omtale var allerede installeret; hooket er opdateret.\n")
                default: break
                }
                HookCommand.sayWhichBinary(installer.binary)
            } catch {
                Console.error("omtale: \(error)")
                throw ExitCode(2)
            }
        }
    }

    /// Which binary the hook runs, and how to change it (issue 18: a clone's debug build must not be a surprise).
    static func sayWhichBinary(_ binary: String) {
        Console.out("Hooket bruger \(binary). Skift med: omtale hook install --binary STI, eller sæt OMTALE=STI for ét commit.\n")
        if HookInstaller.isDevelopmentBuild(binary) {
            Console.out("Bemærk: det er en build i en klon (.build); slettes eller flyttes klonen, bruger hooket omtale fra PATH i stedet.\n")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Vis, om Omtale er installeret som pre-commit-hook, og hvilket program hooket bruger. Exit-kode 1, hvis hooket mangler eller ikke kan køre.")

        func run() throws {
            let status = try HookCommand.installer().status()
            guard status.installed else {
                Console.out("Omtale er ikke installeret som pre-commit-hook her. Installér med: omtale hook install\n")
                throw ExitCode(1)
            }
            let binary = status.binary ?? "?"
            if status.binaryIsExecutable {
                Console.out("Omtale er installeret som pre-commit-hook og bruger \(binary).\n")
            } else {
                Console.out("Omtale er installeret som pre-commit-hook, men \(binary) findes ikke; hooket bruger omtale fra PATH, hvis det findes.\n")
            }
            if status.chained { Console.out("Det tidligere hook (\(HookInstaller.chainedName)) køres efter Omtale.\n") }
            Console.out("Skift program med: omtale hook install --binary STI, eller sæt OMTALE=STI for ét commit.\n")
            if !status.binaryIsExecutable { throw ExitCode(1) }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fjern hooket og genskab det hook, der var der før.")

        func run() throws {
            let installer = try HookCommand.installer()
            do {
                switch try installer.uninstall() {
                case .removed: Console.out("Omtales pre-commit-hook er fjernet.\n")
                case .removedAndRestored: Console.out("Omtales pre-commit-hook er fjernet, og det tidligere hook er genskabt.\n")
                case .notInstalled: Console.out("Omtale var ikke installeret som pre-commit-hook; intet ændret.\n")
                default: break
                }
            } catch {
                Console.error("omtale: \(error)")
                throw ExitCode(2)
            }
        }
    }
}
