import Foundation
import Testing
@testable import Omtale

/// The seven promises of the README that a mutation spot-check found untested (issue 18, "Tests
/// that can fail"): each test sits at the limit's boundary, so removing or loosening the mechanism
/// makes it fail. scripts/mutants.sh applies each mutation and shows the failure.
@Suite("Mechanism boundaries")
struct MechanismBoundaryTests {
    // MARK: 1. ZIP ratio limit

    @Test func zipRatioLimitHoldsAtItsBoundary() throws {
        // Blank XML compresses far beyond 100:1.
        let body = String(repeating: "<w:p><w:r><w:t>KL</w:t></w:r></w:p>", count: 20_000)
        let data = try DocxInputTests.package(["word/document.xml": DocxInputTests.document(body)])
        let item = try #require(try SafeZip.scan(data, limits: SafeZip.Limits()).first { $0.name == "word/document.xml" })
        let ratio = item.uncompressedSize / max(1, item.compressedSize)
        #expect(ratio > 2)
        var limits = SafeZip.Limits()
        limits.ratioFloor = 0
        limits.maxRatio = ratio
        #expect(throws: Never.self) { try DocxInput(limits: limits).read(data, path: "x.docx") }
        limits.maxRatio = ratio - 1
        #expect { try DocxInput(limits: limits).read(data, path: "x.docx") } throws: { ($0 as? InputError)?.kind == .bomb }
        // The defaults the README states.
        #expect(SafeZip.Limits().maxRatio == 100 && SafeZip.Limits().ratioFloor == 8 * 1024 * 1024)
    }

    // MARK: 2. Entry-count limit

    @Test func entryCountLimitHoldsAtItsBoundary() throws {
        var parts = ["word/document.xml": DocxInputTests.document("<w:p><w:r><w:t>KL</w:t></w:r></w:p>")]
        for index in 1..<40 { parts["word/media/\(index).txt"] = "x" }
        let data = try DocxInputTests.package(parts)
        var limits = SafeZip.Limits()
        limits.maxEntries = 40
        #expect(throws: Never.self) { try DocxInput(limits: limits).read(data, path: "x.docx") }
        limits.maxEntries = 39
        #expect { try DocxInput(limits: limits).read(data, path: "x.docx") } throws: { ($0 as? InputError)?.kind == .bomb }
        #expect(SafeZip.Limits().maxEntries == 10_000)
    }

    // MARK: 3. 2 MB text limit

    @Test func textLimitHoldsAtTwoMegabytes() {
        let limit = 2 * 1024 * 1024
        #expect(Checker.Limits().maxTextBytes == limit)
        let exact = Data(("KL" + String(repeating: " ", count: limit - 2)).utf8)
        let over = exact + Data(" ".utf8)
        let checker = Fixtures.checker()
        #expect(checker.check(data: exact, path: "præcis.txt").error == nil)
        #expect(checker.check(data: over, path: "over.txt").error?.kind == .tooLarge)
    }

    // MARK: 4. Baseline counts identical findings

    @Test func baselineIsAMultiset() {
        let at = SourceLocation(line: 1, column: 1)
        let finding = Diagnostic(ruleID: "partner-mention", severity: .error, message: Localized(da: "Realdania er ikke nævnt.", en: "Realdania is not named."), range: 0..<2, start: at,
                                 end: at, excerpt: "KL", context: "KL", subject: "Realdania")
        let one = FileReport(path: "a.txt", input: "text", diagnostics: [finding])
        let two = FileReport(path: "a.txt", input: "text", diagnostics: [finding, finding])
        let baseline = Baseline(reports: [one])
        #expect(baseline.filter([two]).first?.diagnostics.count == 1)
        #expect(Baseline(reports: [two]).filter([two]).first?.diagnostics.isEmpty == true)
    }

    // MARK: 5. Reports: temporary file + rename

    @Test func reportsAreReplacedNotRewrittenInPlace() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-atomic-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rapport.json").path
        try AtomicFile.write(Data("{\"gammel\": true}".utf8), to: path)
        // A reader that opened the old report keeps reading the whole old report.
        let reader = try #require(FileHandle(forReadingAtPath: path))
        defer { try? reader.close() }
        try AtomicFile.write(Data("{\"ny\": 1}".utf8), to: path)
        #expect(String(decoding: reader.readDataToEndOfFile(), as: UTF8.self) == "{\"gammel\": true}")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"ny\": 1}")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["rapport.json"])
    }

    // MARK: 6. SIGINT handler

    /// The handler is installed at start: SIGINT while omtale waits on standard input ends it with
    /// exit status 130 (handler), not by the signal (no handler).
    @Test func sigintIsHandled() throws {
        let binary = try #require(CLI.binary)
        // posix_spawn with SIGINT unblocked and at its default: the test runner's threads may block
        // or ignore it, and a child inherits that (then no handler could ever run).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([binary.path, "check", "-"] as [String]).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        #expect(posix_spawn(&pid, binary.path, &actions, &attributes, argv, environ) == 0)
        close(pipeEnds[0])
        // omtale now waits on standard input (the pipe stays open); give it time to start.
        Thread.sleep(forTimeInterval: 0.5)
        kill(pid, SIGINT)
        var status: Int32 = 0
        var waited: pid_t = -1
        for _ in 0..<100 {  // at most 10 s, then kill it so the test cannot hang
            waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        if waited != pid { kill(pid, SIGKILL); waitpid(pid, &status, 0) }
        close(pipeEnds[1])
        let exited = (status & 0x7F) == 0
        #expect(exited, "ended by signal \(status & 0x7F): no handler")
        #expect(exited && (status >> 8) & 0xFF == 130)
    }

    // MARK: 7. A chained hook's exit status

    @Test func chainedHookFailureFailsTheCommit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-chain-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let installer = HookInstaller(hooksDirectory: folder.path, binary: "/bin/true")
        let hook = folder.appendingPathComponent("pre-commit").path
        try Data(installer.script.utf8).write(to: URL(fileURLWithPath: hook))
        for status in [0, 3] {
            try Executables.write("#!/bin/sh\nexit \(status)\n", to: installer.chainedPath)
            let result = try ChildProcess.run("/bin/sh", [hook], environment: .exactly(["OMTALE": "/bin/true", "PATH": "/usr/bin:/bin"]))
            #expect(result.status == Int32(status), "chained hook exited \(status)")
        }
    }
}
