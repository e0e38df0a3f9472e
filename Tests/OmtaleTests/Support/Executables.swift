import Foundation
import Testing
@testable import Omtale

/// Writes the programs a test then runs (scripts, copies of the binary) from a child process.
///
/// Tests run in parallel threads of one process. A file this process has open for writing can be
/// inherited by a child another thread starts at that moment, and while any process holds it open
/// for writing, exec fails with "Text file busy" (ETXTBSY; a shell reports 126). CI run 25 failed on
/// exactly that. Written by `sh` or `cp`, the descriptor only ever lives in that short-lived child.
enum Executables {
    /// Writes `contents` to `path` and makes it executable (`mode`, octal as for chmod).
    static func write(_ contents: String, to path: String, mode: String = "755") throws {
        let result = try ChildProcess.run("/bin/sh", ["-c", "cat > \"$1\" && chmod \"$2\" \"$1\"", "sh", path, mode],
                                          input: Data(contents.utf8))
        try #require(result.status == 0, "writing \(path): \(String(decoding: result.stderr, as: UTF8.self))")
    }

    /// Copies the program at `source` to `destination`, keeping it executable.
    static func copy(_ source: URL, to destination: URL) throws {
        let result = try ChildProcess.run("/bin/cp", [source.path, destination.path])
        try #require(result.status == 0, "cp \(source.path): \(String(decoding: result.stderr, as: UTF8.self))")
    }
}
