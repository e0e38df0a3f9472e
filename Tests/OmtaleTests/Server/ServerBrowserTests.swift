import Foundation
import Hummingbird
import HummingbirdTesting
import Omtale
import OmtaleServer
import Testing

/// A real browser on the page: headless Chromium driven over the DevTools protocol
/// (scripts/serve-browser.py) chooses a .docx, presses "Tjek teksten", sees the missing party,
/// and the reviewed copy from the page's download link opens with python-docx.
@Suite struct ServerBrowserTests {
    static var available: Bool { ExternalTools.chromium != nil && ExternalTools.hasOffice }

    @Test(.enabled(if: available || ExternalTools.inCI, "needs headless Chromium and python-docx; required when CI is set"))
    func chromiumUploadsADocxSeesTheMissingPartyAndGetsTheReviewedCopy() async throws {
        let test = TestServer()
        let fixture = TestPaths.fixture("docx/10-comment-names-absent-party.docx").path
        let script = TestPaths.root.appendingPathComponent("scripts/serve-browser.py").path
        try await test.server.application(logger: test.logger).test(.live) { client in
            let port = try #require(client.port)
            let result = try await onThread { try ExternalTools.run(["python3", script, String(port), fixture], timeout: 90) }
            #expect(result.status == 0, "\(result.stderr)")
            let seen = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
            #expect(seen["title"] as? String == "Tjek en tekst om Klimaalliancen")
            #expect(seen["labels"] as? [String] == ["file:true", "text:true", "sender:true"])
            // Keyboard: after the language link, Tab reaches the file field first.
            #expect(seen["focusSecond"] as? String == "file")
            #expect(seen["url"] as? String == "/check")
            let report = try #require(seen["reportText"] as? String)
            #expect(report.contains("Realdania er ikke nævnt"))
            #expect(seen["download"] as? String == "10-comment-names-absent-party.omtale.docx")
            #expect((seen["copyParagraphs"] as? Int ?? 0) > 0)
            #expect((seen["copyInsertions"] as? Int ?? 0) >= 1, "the missing party is added as a tracked change")
            try await expectHealthy(client)
        }
    }
}
