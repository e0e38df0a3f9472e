import ArgumentParser
import Foundation
import Omtale

/// `omtale hook install|uninstall`: Omtale as a git pre-commit hook.
struct HookCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "hook",
            abstract: ParserWords.help("Installér, vis eller fjern Omtale som git pre-commit-hook."),
            subcommands: [Install.self, Uninstall.self, Status.self]
        )
    }

    static func installer(binary: String? = nil, _ language: Language) throws -> HookInstaller {
        let git = Git(directory: FileManager.default.currentDirectoryPath)
        let hooks: String
        do {
            hooks = try git.hooksDirectory()
        } catch {
            Console.error(language == .da ? "omtale: her er ikke et git-repositorium (\(error))" : "omtale: this is not a git repository (\(error))")
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
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: ParserWords.help("Installér pre-commit-hooket. Et eksisterende hook bevares og køres efter Omtale.")
            )
        }

        @Option(name: .long, help: .da("Det omtale-program, hooket skal bruge (standard: det, der kører nu).", valueName: "sti"))
        var binary: String?

        @OptionGroup var options: LanguageOption

        func validate() throws {
            guard let binary else { return }
            if let da = Self.binaryProblem(binary, .da), let en = Self.binaryProblem(binary, .en) { throw ValidationError(da: da, en: en) }
        }

        /// Why `--binary` cannot be used, with what to do; nil when it is a program that can be run.
        static func binaryProblem(_ binary: String, _ language: Language) -> String? {
            let da = language == .da
            // The examples are commands to copy: the path in them is quoted for the shell.
            let quoted = HookInstaller.shellQuoted(binary)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: binary, isDirectory: &isFolder) else {
                return da ? "--binary \(binary): filen findes ikke. Angiv stien til et installeret omtale, fx --binary \"$(command -v omtale)\", eller udelad --binary for at bruge det omtale, der kører nu."
                          : "--binary \(binary): the file does not exist. Give the path of an installed omtale, e.g. --binary \"$(command -v omtale)\", or leave out --binary to use the omtale that is running now."
            }
            if isFolder.boolValue {
                return da ? "--binary \(binary): det er en mappe, ikke et program. Angiv stien til selve omtale-programmet, fx \(HookInstaller.shellQuoted(binary + "/omtale"))."
                          : "--binary \(binary): this is a folder, not a program. Give the path of the omtale program itself, e.g. \(HookInstaller.shellQuoted(binary + "/omtale"))."
            }
            guard FileManager.default.isExecutableFile(atPath: binary) else {
                return da ? "--binary \(binary): filen kan ikke køres. Gør den kørbar med chmod +x \(quoted), eller angiv et andet omtale-program."
                          : "--binary \(binary): the file cannot be run. Make it executable with chmod +x \(quoted), or give another omtale program."
            }
            return nil
        }

        func run() throws {
            let da = options.language == .da
            let installer = try HookCommand.installer(binary: binary, options.language)
            do {
                switch try installer.install() {
                case .installed:
                    Console.out(da ? "Omtale er installeret som pre-commit-hook i \(installer.hooksDirectory).\n"
                        : "Omtale is installed as the pre-commit hook in \(installer.hooksDirectory).\n")
                case .installedAndChained:
                    Console.out(da ? "Omtale er installeret. Det eksisterende hook er gemt som \(HookInstaller.chainedName) og køres efter Omtale.\n"
                        : "Omtale is installed. The existing hook is kept as \(HookInstaller.chainedName) and runs after Omtale.\n")
                case .alreadyInstalled:
                    Console.out(da ? "Omtale var allerede installeret; hooket er opdateret.\n" : "Omtale was already installed; the hook is updated.\n")
                default: break
                }
                HookCommand.sayWhichBinary(installer.binary, options.language)
            } catch {
                Console.error("omtale: \(error)")
                throw ExitCode(2)
            }
        }
    }

    /// Which binary the hook runs, and how to change it (issue 18: a clone's debug build must not be a surprise).
    static func sayWhichBinary(_ binary: String, _ language: Language) {
        let da = language == .da
        Console.out(da ? "Hooket bruger \(binary). \(changeHint(language))\n" : "The hook uses \(binary). \(changeHint(language))\n")
        if HookInstaller.isDevelopmentBuild(binary) {
            Console.out(da ? "Bemærk: det er en build i en klon (.build); slettes eller flyttes klonen, bruger hooket omtale fra PATH i stedet.\n"
                : "Note: this is a build inside a clone (.build); if the clone is deleted or moved, the hook uses omtale from PATH instead.\n")
        }
    }

    static func changeHint(_ language: Language) -> String {
        language == .da ? "Skift med: omtale hook install --binary STI, eller sæt OMTALE=STI for ét commit."
            : "Change it with: omtale hook install --binary PATH, or set OMTALE=PATH for one commit."
    }

    struct Status: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: ParserWords.help("Vis, om Omtale er installeret som pre-commit-hook, og hvilket program hooket bruger. Exit-kode 1, hvis hooket mangler eller ikke kan køre.")
            )
        }

        @OptionGroup var options: LanguageOption

        func run() throws {
            let da = options.language == .da
            let status = try HookCommand.installer(options.language).status()
            guard status.installed else {
                Console.out(da ? "Omtale er ikke installeret som pre-commit-hook her. Installér med: omtale hook install\n"
                    : "Omtale is not installed as the pre-commit hook here. Install it with: omtale hook install\n")
                throw ExitCode(1)
            }
            let binary = status.binary ?? "?"
            if status.binaryIsExecutable {
                Console.out(da ? "Omtale er installeret som pre-commit-hook og bruger \(binary).\n"
                    : "Omtale is installed as the pre-commit hook and uses \(binary).\n")
            } else {
                Console.out(da ? "Omtale er installeret som pre-commit-hook, men \(binary) findes ikke; hooket bruger omtale fra PATH, hvis det findes.\n"
                    : "Omtale is installed as the pre-commit hook, but \(binary) does not exist; the hook uses omtale from PATH, if there is one.\n")
            }
            if status.chained {
                Console.out(da ? "Det tidligere hook (\(HookInstaller.chainedName)) køres efter Omtale.\n"
                    : "The earlier hook (\(HookInstaller.chainedName)) runs after Omtale.\n")
            }
            Console.out(HookCommand.changeHint(options.language) + "\n")
            if !status.binaryIsExecutable { throw ExitCode(1) }
        }
    }

    struct Uninstall: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: ParserWords.help("Fjern hooket og genskab det hook, der var der før."))
        }

        @OptionGroup var options: LanguageOption

        func run() throws {
            let da = options.language == .da
            let installer = try HookCommand.installer(options.language)
            do {
                switch try installer.uninstall() {
                case .removed: Console.out(da ? "Omtales pre-commit-hook er fjernet.\n" : "Omtale's pre-commit hook is removed.\n")
                case .removedAndRestored:
                    Console.out(da ? "Omtales pre-commit-hook er fjernet, og det tidligere hook er genskabt.\n"
                        : "Omtale's pre-commit hook is removed, and the earlier hook is restored.\n")
                case .notInstalled:
                    Console.out(da ? "Omtale var ikke installeret som pre-commit-hook; intet ændret.\n"
                        : "Omtale was not installed as the pre-commit hook; nothing changed.\n")
                default: break
                }
            } catch {
                Console.error("omtale: \(error)")
                throw ExitCode(2)
            }
        }
    }
}
