import Foundation
import Testing
@testable import Omtale

/// A program named without a slash is found on the child's PATH in-process, as /usr/bin/env would
/// find it, and started directly (the hook starts git three times).
@Suite("Programs found on PATH")
struct ChildProcessPathTests {
    /// A folder with `tool` in it, executable or not, or as a folder.
    func folder(_ kind: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-path-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let tool = folder + "/tool"
        switch kind {
        case "folder": try FileManager.default.createDirectory(atPath: tool, withIntermediateDirectories: true)
        default:
            try Executables.write("#!/bin/sh\necho \(kind)\n", to: tool, mode: kind == "plain" ? "644" : "755")
        }
        return folder
    }

    @Test func theFirstExecutableFileOnPATHIsStarted() throws {
        let asFolder = try folder("folder"), plain = try folder("plain"), first = try folder("first"), second = try folder("second")
        defer { for f in [asFolder, plain, first, second] { try? FileManager.default.removeItem(atPath: f) } }
        let path = [asFolder, plain, first, second].joined(separator: ":")
        #expect(ChildProcess.resolved("tool", path: path) == first + "/tool")
        let result = try ChildProcess.run("tool", [], environment: .exactly(["PATH": path]))
        #expect(String(decoding: result.stdout, as: UTF8.self) == "first\n")
        // A trailing slash in a folder of PATH.
        #expect(ChildProcess.resolved("tool", path: second + "/") == second + "/tool")
    }

    /// A relative folder before the program (env resolves it against the child's folder), or no
    /// folder with it: left to /usr/bin/env, which reports a missing program with status 127.
    @Test func relativeFoldersAndMissingProgramsAreLeftToEnv() throws {
        let first = try folder("first")
        defer { try? FileManager.default.removeItem(atPath: first) }
        #expect(ChildProcess.resolved("tool", path: "bin:" + first) == nil)
        #expect(ChildProcess.resolved("tool", path: ":" + first) == nil)
        #expect(ChildProcess.resolved("omtale-no-such-program", path: first) == nil)
        let result = try ChildProcess.run("omtale-no-such-program", [], environment: .exactly(["PATH": first]))
        #expect(result.status == 127)
    }
}
