import ArgumentParser
import Foundation
import Omtale

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
