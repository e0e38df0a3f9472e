import ArgumentParser
import Foundation
import Omtale

/// `omtale hook install|uninstall`: Omtale as a git pre-commit hook.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Installér eller fjern Omtale som git pre-commit-hook.",
        subcommands: [Install.self, Uninstall.self]
    )

    static func installer() throws -> HookInstaller {
        let git = Git(directory: FileManager.default.currentDirectoryPath)
        let hooks: String
        do {
            hooks = try git.hooksDirectory()
        } catch {
            Console.error("omtale: her er ikke et git-repositorium (\(error))")
            throw ExitCode(2)
        }
        return HookInstaller(hooksDirectory: hooks, binary: currentBinary())
    }

    /// The absolute path of the running omtale binary, so the hook finds this very build.
    static func currentBinary() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Installér pre-commit-hooket. Et eksisterende hook bevares og køres efter Omtale.")

        func run() throws {
            let installer = try HookCommand.installer()
            do {
                switch try installer.install() {
                case .installed: Console.out("Omtale er installeret som pre-commit-hook i \(installer.hooksDirectory).\n")
                case .installedAndChained:
                    Console.out("Omtale er installeret. Det eksisterende hook er gemt som \(HookInstaller.chainedName) og køres efter Omtale.\n")
                case .alreadyInstalled: Console.out("Omtale var allerede installeret; hooket er opdateret.\n")
                default: break
                }
            } catch {
                Console.error("omtale: \(error)")
                throw ExitCode(2)
            }
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

/// `omtale init`: a commented starter `.omtale.yml`.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Skriv en kommenteret .omtale.yml i den aktuelle mappe.")

    @Flag(name: .long, help: "Overskriv en eksisterende .omtale.yml.")
    var force = false

    func run() throws {
        let path = Configuration.fileName
        if FileManager.default.fileExists(atPath: path) && !force {
            Console.error("omtale: \(path) findes allerede; brug --force for at overskrive den.")
            throw ExitCode(2)
        }
        try AtomicFile.write(Data(Configuration.starter.utf8), to: path)
        Console.out("Skrev \(path). Ret den til, og se reglerne med 'omtale rules list'.\n")
    }
}
