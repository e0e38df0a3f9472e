import Foundation
import Testing
@testable import Omtale

/// `omtale serve` as a user starts it: the startup line and a working page. It is stopped with
/// SIGKILL: children of the test process may inherit a signal mask that blocks SIGTERM.
@Suite struct ServeCommandTests {
    /// Starts the binary, reads its first line of output, asks /healthz on the port it names, stops it.
    static func start(_ arguments: [String]) throws -> (line: String, health: String, status: Int32) {
        let binary = try #require(CLI.binary, "the omtale binary is not built next to the tests")
        // The startup line comes once the port is bound; 30 s for a machine under load.
        final class Seen: @unchecked Sendable { var line = ""; var health: (any Error)? = nil; var answer = "" }
        let seen = Seen()
        let result = try ChildProcess.run(binary.path, ["serve", "--port", "0"] + arguments, directory: TestPaths.root.path,
                                          stop: (after: .seconds(30), signal: SIGKILL)) { output in
            guard let newline = output.firstIndex(of: 0x0A) else { return false }
            seen.line = String(decoding: output[..<newline], as: UTF8.self)
            if let port = seen.line.firstMatch(of: /:(\d+)\//).flatMap({ Int($0.1) }) {
                do {
                    seen.answer = try RawConnection(port: port).sendAndReadUntilClosed("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                } catch { seen.health = error }
            }
            return true
        }
        _ = try #require(seen.line.firstMatch(of: /:(\d+)\//), "no port in '\(seen.line)'")
        if let error = seen.health { throw error }
        return (seen.line, seen.answer, result.status)
    }

    @Test func startsOnLoopbackByDefaultAndSaysSoInDanish() async throws {
        let started = try await onThread { try Self.start([]) }
        #expect(started.line.hasPrefix("omtale serve: siden kører på http://127.0.0.1:"))
        #expect(started.line.hasSuffix("(kun fra denne maskine). Stop med Ctrl-C."))
        #expect(started.health.hasSuffix("\r\n\r\nok\n"))
    }

    @Test func aNonLoopbackBindIsStatedInTheStartupLineInEnglishWithLangEn() async throws {
        let started = try await onThread { try Self.start(["--host", "0.0.0.0", "--lang", "en"]) }
        #expect(started.line.hasPrefix("omtale serve: the page runs at http://0.0.0.0:"))
        #expect(started.line.contains("Note: the address 0.0.0.0 is not local only"))
        #expect(started.health.hasSuffix("\r\n\r\nok\n"))
    }

    @Test func brokenRulesExitWith2AndAMessage() throws {
        let result = try CLI.run(["serve", "--rules", "/nonexistent/regler", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("omtale: "))
        #expect(result.stderr.contains("/nonexistent/regler"))
    }
}
