import Foundation
import Omtale

/// How `omtale serve` listens and what it bounds (README, "Web page: omtale serve").
public struct ServerSettings: Sendable {
    /// Loopback by default: binding another address is an explicit choice the startup line states.
    public var host = "127.0.0.1"
    /// 0 asks the system for a free port (tests, benchmarks); the startup line prints the real one.
    public var port = 8080
    /// The language of the startup line, and of pages and messages when a request does not ask.
    public var language: Language = .da
    /// `--sender`: preselected on the page and assumed when a request names none.
    public var sender: String?
    /// Largest request body: the library's limit for a file read (a .docx with photographs), so
    /// anything `omtale check` reads, the page takes too. What a .docx inflates to is bounded by
    /// the .docx reader itself, and text by `Checker.Limits.maxTextBytes`.
    public var maxBodyBytes = Checker.Limits().maxFileBytes
    /// From the first byte of the body to the response: a body still arriving, or a check still
    /// waiting or running, gets a 408 or 503 by then. A running check is cancelled and stops at
    /// its next stage or rule (`CheckCancellation`); the 503 is sent once it has given its core
    /// back, or after `stopGrace` more if it has not (it then keeps its slot until it does, so the
    /// bound on work stays true).
    public var requestTimeout: Duration = .seconds(60)
    /// How long a timed-out check may take to reach its next stop before the 503 goes without it.
    public var stopGrace: Duration = .seconds(2)
    /// Most seconds a connection may send nothing (slow headers, a stalled body) before it is closed.
    public var idleTimeout: Duration = .seconds(30)
    /// Checks running at once: one per core.
    public var concurrentChecks = ProcessInfo.processInfo.activeProcessorCount
    /// Requests waiting for a free core (or still sending their file); beyond these a request gets
    /// 503 with Retry-After before its body is read. With the running ones, at most
    /// `concurrentChecks + queueLength` uploads are in memory at once, and their bytes together
    /// at most `uploadBudgetBytes`.
    public var queueLength = ProcessInfo.processInfo.activeProcessorCount * 4
    /// Most bytes of uploads in memory at once, all requests together (`--upload-memory`): by
    /// default room for one largest file (`maxBodyBytes` as it is by default) per core, so every
    /// running check can hold one, while the gate alone would let `concurrentChecks + queueLength`
    /// of them in. A body is reserved from its Content-Length before it is read (chunk by chunk
    /// without one); one that does not fit gets the busy 503, one larger than the whole budget a 413.
    public var uploadBudgetBytes = Checker.Limits().maxFileBytes * ProcessInfo.processInfo.activeProcessorCount
    /// How long the server waits with no request in it before it gives freed heap back to the
    /// system (`malloc_trim`), so its resident memory comes back near its resting level after a
    /// burst (BENCHMARKS.md: 2–4 MB of fragmented heap stay).
    public var idleTrimDelay: Duration = .seconds(1)
    /// Retry-After of a 503, in seconds.
    public var retryAfterSeconds = 5
    /// A reviewed copy up to this size is offered as a download link right on the report page
    /// (no second upload); a larger one through the page's "download" button.
    public var maxInlineDownloadBytes = 8 * 1024 * 1024

    public init() {}

    /// Whether `host` can only be reached from this machine.
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The line `omtale serve` prints once it listens: where, and whether other machines can reach it.
    public static func startupLine(host: String, port: Int, language: Language) -> String {
        let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let address = "http://\(shown):\(port)/"
        if isLoopback(host) {
            return language == .da
                ? "omtale serve: siden kører på \(address) (kun fra denne maskine). Stop med Ctrl-C."
                : "omtale serve: the page runs at \(address) (from this machine only). Stop with Ctrl-C."
        }
        return language == .da
            ? "omtale serve: siden kører på \(address). OBS: adressen \(host) er ikke kun lokal, så andre maskiner på netværket kan nå siden, "
                + "og tekster sendes ukrypteret (http). Stop med Ctrl-C."
            : "omtale serve: the page runs at \(address). Note: the address \(host) is not local only, so other machines on the network can reach "
                + "the page, and texts travel unencrypted (http). Stop with Ctrl-C."
    }
}
