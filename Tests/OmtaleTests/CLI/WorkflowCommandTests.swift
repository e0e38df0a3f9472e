import Foundation
import Testing

/// `omtale init`, `.omtale.yml` discovery, baselines and progress, through the binary.
@Suite("Team workflow commands")
struct WorkflowCommandTests {
    @Test func initWritesAStarterAndRefusesToOverwrite() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        #expect(try repo.omtale(["init"]).status == 0)
        let text = try String(contentsOf: repo.url.appendingPathComponent(".omtale.yml"), encoding: .utf8)
        #expect(text.contains("collectiveRegions: report"))
        try ".omtale.yml ændret af brugeren\n".write(to: repo.url.appendingPathComponent(".omtale.yml"), atomically: true, encoding: .utf8)
        let again = try repo.omtale(["init"])
        #expect(again.status == 2)
        #expect(try String(contentsOf: repo.url.appendingPathComponent(".omtale.yml"), encoding: .utf8) == ".omtale.yml ændret af brugeren\n")
    }

    @Test func configurationIsFoundAboveTheFileAndApplied() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        try repo.write(".omtale.yml", "language: en\nruleSettings:\n  partner-mention: {severity: warning}\n")
        try repo.write("a/b/udkast.txt", Texts.missingRealdania)
        let result = try repo.omtale(["check", "a/b/udkast.txt"])
        #expect(result.status == 0, "the only finding is now a warning")
        #expect(result.stdout.contains("warning: Realdania is not named."))
    }

    @Test func brokenConfigurationExitsTwoWithFileAndLine() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        try repo.write(".omtale.yml", "language: da\ninclud: [\"*.txt\"]\n")
        try repo.write("udkast.txt", Texts.good)
        let result = try repo.omtale(["check", "udkast.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(".omtale.yml:2:1: ukendt nøgle »includ«"))
    }

    @Test func baselineReportsOnlyNewFindings() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        try repo.write("arkiv/gammel.txt", Texts.missingRealdania)
        let write = try repo.omtale(["check", "--write-baseline", "baseline.json", "arkiv"])
        #expect(write.status == 0)
        #expect(write.stderr.contains("gemte 1 fund i baseline.json"))
        // Text added above the old finding does not bring it back; a new file's finding is reported.
        try repo.write("arkiv/gammel.txt", "Et nyt første afsnit.\n\n" + Texts.missingRealdania)
        try repo.write("arkiv/ny.txt", Texts.missingRealdania)
        let check = try repo.omtale(["check", "--baseline", "baseline.json", "arkiv"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("arkiv/ny.txt:1:1: fejl: Realdania"))
        #expect(!check.stdout.contains("arkiv/gammel.txt:"))
    }

    @Test(ExternalTools.scriptTrait)
    func progressOnATerminal() throws {
        // script(1) gives the run a terminal, as a person at a shell has.
        let script = try #require(ExternalTools.script, "CI is set but script(1) is missing (bsdutils)")
        let command = "\(try #require(CLI.binary).path) check fixtures/press"
        let result = try CLI.execute(URL(fileURLWithPath: script), ["-qec", command, "/dev/null"],
                                     environment: ["TERM": "xterm"], removing: ["CI"], directory: TestPaths.root)
        #expect(result.stdout.contains("\r\u{1B}[K1/"), "progress count shown on the terminal")
        #expect(result.stdout.contains("Tjekkede"))
    }

    @Test func aCopiedBinaryBringsItsRules() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("omtale")
        try Executables.copy(try #require(CLI.binary), to: binary)
        try Texts.missingRealdania.write(to: folder.appendingPathComponent("udkast.txt"), atomically: true, encoding: .utf8)
        let result = try CLI.execute(binary, ["check", "udkast.txt"], directory: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("udkast.txt:1:1: fejl: Realdania er ikke nævnt."))
        let rules = try CLI.execute(binary, ["rules", "explain", "partner-mention"], directory: folder)
        #expect(rules.stdout.contains("(indbygget: rules/klimaalliancen)"))
    }

    @Test func noProgressWhenOutputIsNotATerminal() throws {
        let result = try CLI.run(["check", "fixtures/press"])
        #expect(!result.stderr.contains("\r"))
    }
}

@Suite("README")
struct ReadmeTests {
    /// The output the README shows for its first command is what the command prints.
    @Test func firstCommandPrintsWhatTheReadmeShows() throws {
        let readme = try String(contentsOf: TestPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        let after = try #require(readme.range(of: "The first prints"))
        let rest = readme[after.upperBound...]
        let open = try #require(rest.range(of: "```\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        let shown = String(rest[open.upperBound..<close.lowerBound])
        let result = try CLI.run(["check", "fixtures/press/03-mangler-kl.txt"])
        #expect(result.status == 1)
        #expect(result.stdout == shown)
    }
}
