import ArgumentParser
import Foundation
import Omtale

/// `omtale init`: a commented starter `.omtale.yml`.
struct InitCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "init", abstract: ParserWords.help("Skriv en kommenteret .omtale.yml i den aktuelle mappe.")
        )
    }

    @Flag(name: .long, help: .da("Overskriv en eksisterende .omtale.yml."))
    var force = false

    @OptionGroup var options: LanguageOption

    func run() throws {
        let path = Configuration.fileName
        if FileManager.default.fileExists(atPath: path) && !force {
            Console.error(options.language == .da ? "omtale: \(path) findes allerede; brug --force for at overskrive den."
                : "omtale: \(path) already exists; use --force to overwrite it.")
            throw ExitCode(2)
        }
        try AtomicFile.write(Data(Configuration.starter.utf8), to: path)
        Console.out(options.language == .da ? "Skrev \(path). Ret den til, og se reglerne med 'omtale rules list'.\n"
            : "Wrote \(path). Adjust it, and see the rules with 'omtale rules list'.\n")
    }
}
