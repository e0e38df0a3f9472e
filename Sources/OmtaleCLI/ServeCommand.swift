import ArgumentParser
import Foundation
import Logging
import Omtale
import OmtaleServer

/// `omtale serve`: the web page for people who never open a terminal (OmtaleServer).
struct ServeCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "serve",
            abstract: ParserWords.help("Start en webside, hvor man tjekker en tekst ved at vælge filen eller indsætte teksten."),
            discussion: ParserWords.help("""
                Siden kører kun på denne maskine, medmindre --host angiver en anden adresse. Tekster gemmes ikke: de holdes i hukommelsen, \
                mens de tjekkes, og loggen viser kun metode, adresse, status, størrelse og tid. Indstillinger læses fra .omtale.yml i mappen, \
                serveren startes i.
                """)
        )
    }

    @OptionGroup var shared: SharedOptions

    @Option(name: .long, help: .da("Adressen, siden lytter på (standard: 127.0.0.1, kun denne maskine).", valueName: "adresse"))
    var host = "127.0.0.1"

    @Option(name: .long, help: .da("Porten (standard: 8080; 0 vælger en ledig).", valueName: "port"))
    var port = 8080

    @Option(name: .long, help: .da(
        "Den afsender, siden foreslår, og som gælder, når en forespørgsel ikke nævner nogen: en parts id eller navn.", valueName: "part"))
    var sender: String?

    @Option(name: .long, help: .da(Self.uploadMemoryHelp, valueName: "MB"))
    var uploadMemory: Int?

    /// The default upload budget on this machine, in MB (it depends on the cores).
    static let defaultUploadMegabytes = ServerSettings().uploadBudgetBytes / (1024 * 1024)
    static let uploadMemoryHelp = "Højst så mange MB uploads i hukommelsen på én gang for alle tjek tilsammen; en fil, der ikke er plads til, "
        + "får »prøv igen om lidt« (standard: 512 MB pr. kerne, her \(defaultUploadMegabytes) MB)."

    /// For bench/serve/run.sh, to measure memory with and without the trim (not in the help).
    @Option(name: .long, help: ArgumentHelp(visibility: .hidden))
    var idleTrimSeconds: Double?

    func validate() throws {
        if let uploadMemory, uploadMemory < 1 {
            throw ValidationError(da: "--upload-memory skal være et antal MB, mindst 1 (fik \(uploadMemory)).",
                                  en: "--upload-memory must be a number of MB, at least 1 (got \(uploadMemory)).")
        }
        guard (0...65535).contains(port) else {
            throw ValidationError(da: "--port skal være et tal fra 0 til 65535 (fik \(port)).", en: "--port must be a number from 0 to 65535 (got \(port)).")
        }
        if host.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(da: "--host skal være en adresse, fx 127.0.0.1.", en: "--host must be an address, e.g. 127.0.0.1.")
        }
        if let sender, sender.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError.emptySender
        }
    }

    func run() throws {
        let language = shared.language
        let session = CheckSession(
            rulesOverride: shared.rules.map { URL(fileURLWithPath: $0) }, languageOverride: shared.lang,
            environmentLanguage: Language.fromEnvironment(ProcessInfo.processInfo.environment))
        session.assumptions.sender = sender
        let checker: Checker
        var settings = ServerSettings()
        do {
            let here = try session.configuration(forDirectory: FileManager.default.currentDirectoryPath)
            checker = try session.checker(for: here)
            settings.language = session.language(for: here)
        } catch let error as RulesError {
            Console.error("omtale: " + error.description(language))
            throw ExitCode(2)
        }
        settings.host = host
        settings.port = port
        settings.sender = sender
        if let uploadMemory { settings.uploadBudgetBytes = uploadMemory * 1024 * 1024 }
        if let idleTrimSeconds { settings.idleTrimDelay = .milliseconds(Int(max(0, idleTrimSeconds) * 1000)) }
        let server = OmtaleServer(settings: settings, checker: checker)
        var logger = Logger(label: "omtale")
        logger.logLevel = .info
        let (startup, host) = (settings.language, settings.host)
        let application = server.application(logger: logger) { port in
            Console.out(ServerSettings.startupLine(host: host, port: port, language: startup) + "\n")
        }
        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do { try await application.run() } catch { failure.error = error }
            finished.signal()
        }
        finished.wait()
        if let error = failure.error {
            Console.error(settings.language == .da ? "omtale: serveren kan ikke starte på \(host):\(port): \(error)"
                                                   : "omtale: the server cannot start on \(host):\(port): \(error)")
            throw ExitCode(2)
        }
    }

    final class FailureBox: @unchecked Sendable {
        var error: (any Error)?
    }
}
