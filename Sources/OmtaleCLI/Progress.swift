import Foundation
import Omtale

/// "12/340 udkast/pressemeddelelse.txt" on stderr while a batch runs: only on a terminal, never in CI.
struct Progress {
    let total: Int
    let enabled: Bool

    init(total: Int) {
        self.total = total
        let environment = ProcessInfo.processInfo.environment
        enabled = total > 1 && isatty(STDERR_FILENO) == 1 && environment["CI"] == nil && environment["TERM"] != "dumb"
    }

    private final class Counter: @unchecked Sendable { var done = 0 }
    private let counter = Counter()

    func show(_ path: String) {
        guard enabled else { return }
        counter.done += 1
        let name = Escaping.terminal(path.count > 60 ? "…" + path.suffix(59) : path)
        FileHandle.standardError.write(Data("\r\u{1B}[K\(counter.done)/\(total) \(name)".utf8))
    }

    /// Clears the progress line (before other output goes to the same terminal).
    func clear() {
        guard enabled, counter.done > 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
