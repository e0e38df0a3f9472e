import Foundation
import Testing
@testable import Omtale

/// `omtale check --fix` as a user runs it, on text files and on Word documents checked with
/// the real tools: python-docx opens the reviewed copy, LibreOffice reads it with every change
/// accepted, and `omtale check` of that text no longer reports what was fixed.
@Suite struct FixCommandTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let misspelled = "Klimalliancen samler KL, Region Nordjylland, Region Midtjylland, Region Syddanmark,\r\nRegion Sjælland, Region Hovedstaden og Real Dania.\r\n"

    @Test func fixWritesTheFileKeepingItsPermissionsAndLeavesNoTemporaryFile() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("pm.txt")
        try Data(Self.misspelled.utf8).write(to: file)
        chmod(file.path, 0o640)
        let result = try CLI.run(["check", "--fix", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text == Self.misspelled.replacingOccurrences(of: "Klimalliancen", with: "Klimaalliancen").replacingOccurrences(of: "Real Dania", with: "Realdania"))
        var status = stat()
        stat(file.path, &status)
        #expect(status.st_mode & 0o777 == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["pm.txt"])
        #expect(result.stderr.contains("rettede"))
        #expect(result.stderr.contains("»Real Dania« → »Realdania«"))
        let second = try CLI.run(["check", "--fix", file.path])
        #expect(second.status == 0)
        #expect(!second.stderr.contains("rettede"))
        #expect(try String(contentsOf: file, encoding: .utf8) == text)
    }

    @Test func dryRunPrintsAUnifiedDiffAndWritesNothing() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("pm.md")
        try Data("# Nyt fra Klimaalliancen\n\nKL, Region Nordjylland, RM, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.\n".utf8).write(to: file)
        let before = try Data(contentsOf: file)
        let result = try CLI.run(["check", "--fix", "--dry-run", "pm.md"], directory: dir)
        #expect(result.stdout.hasPrefix("--- a/pm.md\n+++ b/pm.md\n@@ "), "\(result.stdout)")
        #expect(result.stdout.contains("\n-KL, Region Nordjylland, RM, Region Syddanmark"))
        #expect(result.stdout.contains("\n+KL, Region Nordjylland, Region Midtjylland, Region Syddanmark"))
        #expect(try Data(contentsOf: file) == before)
    }

    @Test func aFileThatCannotBeReadIsNeverTouched() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("pm.txt")
        let binary = Data([0x00, 0x01, 0x02, 0xFF, 0x00] + Array("Real Dania".utf8) + [0x00, 0x00])
        try binary.write(to: file)
        let result = try CLI.run(["check", "--fix", file.path])
        #expect(result.status == 2)
        #expect(try Data(contentsOf: file) == binary)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["pm.txt"])
    }

    @Test func outputSaysWhereTheReportWent() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(Self.misspelled.utf8).write(to: dir.appendingPathComponent("pm.txt"))
        let result = try CLI.run(["check", "pm.txt", "--format", "html", "--output", "rapport.html"], directory: dir)
        #expect(result.stderr.contains("Skrev rapport.html"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("rapport.html").path))
    }

    @Test func fixOptionsNeedEachOther() throws {
        let dryRun = try CLI.run(["check", "--dry-run", "x.txt"])
        #expect(dryRun.status != 0)
        #expect(dryRun.stderr.contains("--dry-run hører til --fix"))
        let stdin = try CLI.run(["check", "--fix", "-"])
        #expect(stdin.stderr.contains("standard input"))
    }
}
