import Foundation
import Testing
@testable import Omtale

/// A cloned repository must not be able to hang or steer Omtale (issue 18): its `.omtale.yml`,
/// rules, file names and file contents are untrusted input.
@Suite("Hostile repository")
struct HostileRepositoryTests {
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        chmod(url.path, 0o755)
        return url
    }

    /// 510 bytes: each alias doubles the key's size, and Yams hashed the whole tree for duplicate keys.
    static let aliasBomb: String = {
        var lines = ["a0: &a0 [x, x]"]
        for i in 1...30 { lines.append("a\(i): &a\(i) [*a\(i - 1), *a\(i - 1)]") }
        lines.append("? *a30\n: 1")
        return lines.joined(separator: "\n")
    }()

    @Test func yamlAliasesAreRefusedBeforeComposing() throws {
        var thrown: RulesError?
        let (elapsed, _) = CPUBudget.measure {
            do { _ = try Configuration.parse(Self.aliasBomb, file: ".omtale.yml") } catch { thrown = error as? RulesError }
        }
        #expect(elapsed < .seconds(1) * CPUBudget.slowdown)
        #expect(thrown?.description == ".omtale.yml:1:5: YAML-ankre og -aliasser (&navn, *navn) bruges ikke i Omtales filer og afvises")
    }

    @Test func nonScalarKeysAreRefused() {
        #expect(throws: RulesError.self) { try Configuration.parse("? [a, b]\n: 1\n", file: ".omtale.yml") }
        // Ordinary files still load.
        #expect((try? Configuration.parse("language: da\ninclude: [\"**/*.txt\"]\n", file: ".omtale.yml"))?.language == .da)
    }

    @Test func oversizedConfigurationIsRefused() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(".omtale.yml").path
        try Data(("language: da\n" + String(repeating: "# x\n", count: YAMLGuard.maxBytes / 4 + 1)).utf8).write(to: URL(fileURLWithPath: path))
        #expect { try ConfigurationLocator.load(path) } throws: { ($0 as? RulesError)?.message.da.hasPrefix("filen fylder") == true }
        let exact = "language: da\n" + String(repeating: "#", count: YAMLGuard.maxBytes - 14) + "\n"
        #expect(exact.utf8.count == YAMLGuard.maxBytes)
        #expect((try? Configuration.parse(exact, file: path))?.language == .da)
    }

    @Test func globsMatchInLinearTime() {
        let pattern = String(repeating: "*a", count: 8) + "b"
        let name = String(repeating: "a", count: 60)
        let (elapsed, matched) = CPUBudget.measure { Glob.matches(pattern, name) }
        #expect(!matched)
        #expect(elapsed < .milliseconds(100) * CPUBudget.slowdown, "\(elapsed)")
        // The old matcher's meaning is kept.
        #expect(Glob.matches("**/*.txt", "a/b/c.txt"))
        #expect(Glob.matches("**/*.txt", "c.txt"))
        #expect(!Glob.matches("*.txt", "a/c.txt"))
        #expect(Glob.matches("arkiv/**", "arkiv/2024/x.docx"))
        #expect(Glob.matches("?.md", "a.md") && !Glob.matches("?.md", "/.md"))
        #expect(!Glob.matches(String(repeating: "*", count: Glob.maxPatternLength + 1), "a"))
        #expect(throws: RulesError.self) {
            try Configuration.parse("include: [\"\(String(repeating: "a", count: Glob.maxPatternLength + 1))\"]\n", file: ".omtale.yml")
        }
    }

    @Test func configurationSearchStopsAtHomeAndIgnoresUntrustedFiles() throws {
        let top = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: top) }
        let home = top.appendingPathComponent("home"), work = home.appendingPathComponent("udkast")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Data("language: en\n".utf8).write(to: top.appendingPathComponent(".omtale.yml"))
        // Above $HOME: not found.
        #expect(ConfigurationLocator.find(from: work.path, home: home.path) == nil)
        // Inside $HOME: found.
        let own = home.appendingPathComponent(".omtale.yml")
        try Data("language: en\n".utf8).write(to: own)
        #expect(ConfigurationLocator.find(from: work.path, home: home.path) == own.path)
        // In a world-writable folder: ignored.
        chmod(home.path, 0o777)
        #expect(ConfigurationLocator.find(from: work.path, home: home.path) == nil)
        chmod(home.path, 0o755)
    }

    @Test(.enabled(if: getuid() == 0 || ExternalTools.inCI, "needs root to give a file another owner; required when CI is set"))
    func aConfigurationOwnedByAnotherUserIsIgnored() throws {
        try #require(getuid() == 0, "CI is set but this is not root")
        let top = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: top) }
        let home = top.appendingPathComponent("home"), work = home.appendingPathComponent("udkast")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let own = home.appendingPathComponent(".omtale.yml")
        try Data("language: en\n".utf8).write(to: own)
        #expect(ConfigurationLocator.find(from: work.path, home: home.path) == own.path)
        chown(own.path, 4242, 4242)
        #expect(ConfigurationLocator.find(from: work.path, home: home.path) == nil)
    }

    @Test func rulesOutsideTheRepositoryAreRefused() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("repo/.git"), withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("repo/.omtale.yml").path
        let outside = try Configuration.parse("rules: ../../..\n", file: file)
        #expect { try CheckSession.requireRulesInsideRepository(outside) } throws: {
            ($0 as? RulesError)?.message.da.hasPrefix("rules: peger uden for repositoriet") == true
        }
        let inside = try Configuration.parse("rules: regler\n", file: file)
        #expect(throws: Never.self) { try CheckSession.requireRulesInsideRepository(inside) }
    }

    @Test func hookQuotesTheBinaryPathSafely() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = folder.appendingPathComponent("pwned").path
        let binary = folder.appendingPathComponent("bin$(touch \(marker))\"`touch \(marker)`/omtale").path
        let script = HookInstaller(hooksDirectory: folder.path, binary: binary).script
        let hook = folder.appendingPathComponent("pre-commit")
        try Data(script.utf8).write(to: hook)
        let result = try ChildProcess.run("/bin/sh", [hook.path], environment: .exactly(["PATH": "/nonexistent"]))
        let message = String(decoding: result.stderr, as: UTF8.self)
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: marker), "the path in the hook ran a command")
        #expect(message.contains(binary), "\(message)")
    }

    @Test func terminalEscapesAreShownAsVisibleEscapes() {
        let report = Fixtures.checker().check(data: Data("Klimaalliancen \u{1B}]0;ejet\u{07}og \u{202E}KL\n".utf8), path: "a\u{1B}[2Jb.txt")
        let output = HumanReporter().render([report], options: ReportOptions(toolVersion: "test"))
        #expect(!output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" }, "\(output)")
        #expect(output.contains("a\\u{1B}[2Jb.txt"), "\(output)")
        #expect(Escaping.terminal("x\u{9B}y\u{2066}z") == "x\\u{9B}y\\u{2066}z")
    }

    @Test func fifosAreNotOpened() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe.txt").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let report = Fixtures.checker().check(fileAt: fifo)
        #expect(report.error?.kind == .notRegularFile)
        #expect(report.error?.message.da == "er ikke en almindelig fil (men en FIFO, en enhed eller en sokkel) og læses ikke")
    }

    @Test func standardInputIsBoundedByTheFileLimit() throws {
        signal(SIGPIPE, SIG_IGN)  // the writer meets a closed pipe once the reader stops, as omtale does
        let pipe = Pipe()
        let limit = 100_000
        let writer = Thread {
            let chunk = Data(count: 64 * 1024)
            for _ in 0..<100 { if (try? pipe.fileHandleForWriting.write(contentsOf: chunk)) == nil { break } }
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        let data = BoundedRead.read(pipe.fileHandleForReading.fileDescriptor, limit: limit)
        try? pipe.fileHandleForReading.close()
        #expect(data.count == limit + 1)
    }

    @Test func rewritingAReportKeepsItsMode() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rapport.json").path
        try AtomicFile.write(Data("{}".utf8), to: path)
        chmod(path, 0o600)
        try AtomicFile.write(Data("{\"a\":1}".utf8), to: path)
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }
}
