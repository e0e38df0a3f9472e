import Foundation
import Testing
@testable import Omtale

/// External programs some reporter tests use to check output the way real consumers read it:
/// Python's `jsonschema` for SARIF, headless Chromium for the HTML page.
///
/// A developer without them sees those tests skipped (the `.enabled(if:)` traits below). In CI
/// (`CI` set) the tests run regardless and fail with a clear message, so a broken CI image
/// cannot quietly skip them; `.ci/run` installs both.
enum ExternalTools {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var inCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// python3 can import jsonschema.
    static let hasJSONSchema: Bool = (try? run(["python3", "-c", "import jsonschema"]).status) == 0

    /// The Chromium binary on PATH, if any.
    static let chromium: String? = ["chromium", "chromium-browser", "google-chrome"].first { name in
        (try? run(["sh", "-c", "command -v \(name)"]).status) == 0
    }

    /// python3 can import python-docx, and LibreOffice's soffice is on PATH (the .docx --fix tests).
    static let hasOffice: Bool = (try? run(["python3", "-c", "import docx"]).status) == 0
        && (try? run(["sh", "-c", "command -v soffice"]).status) == 0

    static var officeTrait: ConditionTrait {
        .enabled(if: hasOffice || inCI, "needs python-docx (pip install python-docx) and LibreOffice (apt-get install libreoffice-writer-nogui); required when CI is set")
    }

    /// Run the test when the tool is there, or in CI (where its absence must fail the test).
    static var jsonSchemaTrait: ConditionTrait {
        .enabled(if: hasJSONSchema || inCI, "needs python3 with jsonschema (pip install jsonschema); required when CI is set")
    }

    /// Root, and runuser to drop to 'nobody' (the unreadable-file test: root reads everything).
    static let runuser: String? = getuid() == 0 ? ["/usr/sbin/runuser", "/sbin/runuser"].first { FileManager.default.isExecutableFile(atPath: $0) } : nil

    static var rootTrait: ConditionTrait {
        .enabled(if: runuser != nil || inCI, "needs root and runuser (util-linux); required when CI is set")
    }

    /// script(1), which gives a run a terminal (bsdutils).
    static let script: String? = FileManager.default.isExecutableFile(atPath: "/usr/bin/script") ? "/usr/bin/script" : nil

    static var scriptTrait: ConditionTrait {
        .enabled(if: script != nil || inCI, "needs script(1) (apt-get install bsdutils); required when CI is set")
    }

    /// The pre-commit framework on PATH.
    static let preCommit: String? = ((try? run(["sh", "-c", "command -v pre-commit"])).flatMap { $0.status == 0 ? $0.stdout : nil })?
        .trimmingCharacters(in: .whitespacesAndNewlines)

    static var preCommitTrait: ConditionTrait {
        .enabled(if: preCommit != nil || inCI, "needs pre-commit (pip install pre-commit); required when CI is set")
    }

    static var chromiumTrait: ConditionTrait {
        .enabled(if: chromium != nil || inCI, "needs headless Chromium (apt-get install chromium); required when CI is set")
    }

    /// Runs a program found on PATH and collects its output; stopped (SIGTERM) after `timeout`.
    static func run(_ arguments: [String], directory: URL? = nil, timeout: TimeInterval = 120) throws -> Result {
        let result = try ChildProcess.run(arguments[0], Array(arguments.dropFirst()),
                                          environment: .inherit(["OMTALE_CACHE_DIR": CLI.cacheDirectory.path]), directory: directory?.path,
                                          limit: 1 << 30, stop: (after: .seconds(timeout), signal: SIGTERM))
        return Result(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self),
                      stderr: String(decoding: result.stderr, as: UTF8.self))
    }
}
