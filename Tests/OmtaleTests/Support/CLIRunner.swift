import Foundation
import Testing
@testable import Omtale

/// Runs the built `omtale` binary as a user would.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: URL? = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("omtale")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = TestPaths.root.appendingPathComponent(".build/debug/omtale")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }()

    /// Where the binaries run by the tests keep the lexicon's answer cache (one folder per test run).
    static let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-test-cache-\(getpid())", isDirectory: true)

    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
                    directory: URL = TestPaths.root) throws -> Result {
        let binary = try #require(binary, "the omtale binary is not built next to the tests")
        return try execute(binary, arguments, stdin: stdin, environment: environment, directory: directory)
    }

    /// Runs a program with a Danish locale and the given environment changes; reads both pipes fully.
    static func execute(_ executable: URL, _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
                        removing: [String] = [], directory: URL) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "da_DK.UTF-8"
        // Undated texts are judged at the check date: one fixed day keeps reports reproducible.
        env["OMTALE_CHECK_DATE"] = "2026-12-01"
        // The lexicon's answer cache goes to a folder of this test run, never the real home.
        env["OMTALE_CACHE_DIR"] = cacheDirectory.path
        for key in ["LC_ALL", "LC_MESSAGES"] + removing { env.removeValue(forKey: key) }
        for (key, value) in environment { env[key] = value }
        let result = try ChildProcess.run(executable.path, arguments, environment: .exactly(env), directory: directory.path,
                                          input: stdin, limit: 1 << 30)
        return Result(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self),
                      stderr: String(decoding: result.stderr, as: UTF8.self))
    }
}
