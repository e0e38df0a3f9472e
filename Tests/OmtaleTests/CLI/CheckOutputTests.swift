import Foundation
import Testing
import Omtale
@testable import OmtaleCLI

/// `--format` and `--output`: several formats in one run, each `--output` bound to the `--format` before it.
@Suite("omtale check: formats and output files")
struct CheckOutputTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-output-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func jsonToAFileAndHumanToStandardOutput() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("rapport æ.json")
        let result = try CLI.run(["check", "--format", "json", "--output", json.path, "--format", "human", "fixtures/press/03-mangler-kl.txt"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("fixtures/press/03-mangler-kl.txt:3:1: fejl: KL er ikke nævnt."))
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
        #expect((object?["summary"] as? [String: Int])?["errors"] == 1)
        // Nothing but the report is left in the folder: the temporary file was renamed over it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["rapport æ.json"])
    }

    @Test func everyFormatToItsOwnFileAndNothingOnStandardOutput() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var arguments = ["check"]
        for format in CheckCommand.Format.allCases {
            arguments += ["--format", format.rawValue, "--output", folder.appendingPathComponent("r.\(format.rawValue)").path]
        }
        let result = try CLI.run(arguments + ["fixtures/press/14-forkortelser.txt"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        for format in CheckCommand.Format.allCases {
            let text = try String(contentsOf: folder.appendingPathComponent("r.\(format.rawValue)"), encoding: .utf8)
            #expect(!text.isEmpty, "\(format)")
        }
        let sarif = try String(contentsOf: folder.appendingPathComponent("r.sarif"), encoding: .utf8)
        #expect(sarif.contains("\"uri\" : \"fixtures/press/14-forkortelser.txt\""))
        #expect(sarif.contains("\"version\" : \"\(OmtaleInfo.version)\""))
        #expect(try String(contentsOf: folder.appendingPathComponent("r.html"), encoding: .utf8).contains("<html lang=\"da\">"))
    }

    @Test func anExistingReportIsReplaced() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("r.xml")
        try "gammel".write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", "--format", "junit", "--output", file.path, "fixtures/press/01-alle-parter.txt"])
        #expect(result.status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("<?xml"))
    }

    @Test func githubFormatOnStandardOutput() throws {
        let result = try CLI.run(["check", "--format", "github", "fixtures/press/03-mangler-kl.txt"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("::error file=fixtures/press/03-mangler-kl.txt,line=3,col=1,"))
    }

    @Test(arguments: [
        (["--output", "r.json", "--format", "json"], "--output »r.json« skal stå efter det --format"),
        (["--format", "json", "--format", "sarif"], "Kun ét format kan skrives til standard output"),
        (["--format", "human", "--format", "json", "--output", "-"], "Kun ét format kan skrives til standard output"),
        (["--format", "json", "--output", "a.json", "--output", "b.json"], "--format json har allerede --output »a.json«"),
        (["--format", "json", "--output", "r.txt", "--format", "human", "--output", "r.txt"], "Filen »r.txt« er angivet som --output for mere end ét format"),
        (["--format", "json", "--output", "findes/ikke/r.json"], "Mappen til --output »findes/ikke/r.json« findes ikke."),
        (["--format", "pdf"], "Ukendt outputformat »pdf«. Kendte: \(ReporterRegistry.ids.joined(separator: ", "))."),
    ])
    func misuseExitsTwoWithADanishMessage(_ options: [String], _ message: String) throws {
        let result = try CLI.run(["check"] + options + ["fixtures/press/01-alle-parter.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func theFormatsAndTheirHelpComeFromTheRegistry() throws {
        #expect(CheckCommand.Format.allCases.map(\.rawValue) == ReporterRegistry.ids)
        #expect(CheckCommand.Format(rawValue: "nope") == nil)
        let help = CheckCommand.helpMessage().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let ids = ReporterRegistry.ids
        let list = ids.dropLast().joined(separator: ", ") + " eller " + ids.last!
        #expect(help.contains("Outputformat: \(list) (standard: human)."))
        #expect(help.contains("(values: \(ids.joined(separator: ", ")))"))
    }

    @Test func pairsFollowTheCommandLineOrder() throws {
        struct F {
            static let json = CheckCommand.Format(rawValue: "json")!
            static let human = CheckCommand.Format.human
            static let html = CheckCommand.Format(rawValue: "html")!
        }
        let destinations = try CheckCommand.destinations(
            formats: [Ordered(F.json, position: 1), Ordered(F.human, position: 3), Ordered(F.html, position: 4)],
            outputs: [Ordered("r.json", position: 2), Ordered("r.html", position: 5)])
        #expect(destinations == [.init(format: F.json, path: "r.json"), .init(format: F.human, path: nil), .init(format: F.html, path: "r.html")])
        #expect(try CheckCommand.destinations(formats: [], outputs: []) == [.init(format: .human, path: nil)])
        // The same through ArgumentParser: the stamps record where each value stood.
        let command = try CheckCommand.parse(["--format", "sarif", "--format", "json", "--output", "r.json", "x.txt"])
        #expect(try command.destinations() == [.init(format: CheckCommand.Format(rawValue: "sarif")!, path: nil), .init(format: F.json, path: "r.json")])
    }
}

/// A missing Danish lexicon weakens the commercial-use rule; the user is told, never left to guess.
@Suite("omtale check: the Danish lexicon")
struct LexiconNoticeTests {
    static let fixture = "fixtures/commercial/c05-betalt-kursus.txt"
    static let notice = "den danske ordbog (hunspell-da) kunne ikke bruges"

    @Test func aMissingLexiconIsNamedOnStandardError() throws {
        let result = try CLI.run(["check", Self.fixture], environment: ["OMTALE_HUNSPELL_DA": "/ingen/sådan/ordbog/da_DK"])
        #expect(result.status == 1, "the paid course is still found from the rule's own word forms")
        #expect(result.stderr.contains(Self.notice))
        #expect(result.stderr.contains("apt-get install libhunspell-1.7-0 hunspell-da"))
        #expect(!result.stdout.contains(Self.notice), "the notice stays off the report")
        let english = try CLI.run(["check", "--lang", "en", Self.fixture], environment: ["OMTALE_HUNSPELL_DA": "/no/such/lexicon/da_DK"])
        #expect(english.stderr.contains("the Danish lexicon (hunspell-da) could not be used"))
    }

    @Test(.enabled(if: lexiconTestsRun, "hunspell-da is not installed (CI installs it)"))
    func anInstalledLexiconSaysNothing() throws {
        let result = try CLI.run(["check", Self.fixture])
        #expect(!result.stderr.contains(Self.notice))
    }

    @Test func aTextWithoutTheAllianceNeverOpensTheLexicon() throws {
        let result = try CLI.run(["check", "fixtures/press/16-dk2020-uden-alliancen.txt"], environment: ["OMTALE_HUNSPELL_DA": "/ingen/sådan/ordbog/da_DK"])
        #expect(!result.stderr.contains(Self.notice))
    }
}
