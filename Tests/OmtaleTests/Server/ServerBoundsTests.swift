import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Omtale
import OmtaleServer
import Testing

/// Concurrent checks are bounded with a small queue; beyond it, and past the time limit, a 503.
/// The tests hold the gate's slots themselves, so nothing depends on how fast a check runs.
@Suite struct ServerBoundsTests {
    static let text = ByteBuffer(string: "Klimaalliancen: KL og Realdania.\n")

    @Test func fullQueueIs503WithRetryAfterAndPrøvIgenOmLidt() async throws {
        let test = TestServer { $0.concurrentChecks = 1; $0.queueLength = 0; $0.retryAfterSeconds = 7 }
        try await test.test { client in
            try await test.server.gate.enter()
            for (route, language) in [("/api/check?filename=a.txt", "da"), ("/api/check?filename=a.txt&lang=en", "en")] {
                try await client.execute(uri: route, method: .post, headers: [.contentType: "text/plain"], body: Self.text) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.headers[.retryAfter] == "7")
                    #expect(response.errorMessage == (language == "da"
                        ? "Omtale er optaget af andre tjek lige nu – prøv igen om lidt"
                        : "Omtale is busy with other checks right now – try again in a moment"))
                }
            }
            try await client.execute(uri: "/check", method: .post, headers: [.contentType: Multipart.contentType],
                                     body: Multipart.form(fields: [("text", "KL")])) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.text.contains("prøv igen om lidt"))
            }
            try await expectHealthy(client)
            // A freed slot serves the next request.
            test.server.gate.leave()
            try await client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain"], body: Self.text) { response in
                #expect(response.status == .ok)
            }
            #expect(test.server.gate.load == (0, 0))
            #expect(test.server.gate.requests == 0)
        }
    }

    @Test func aQueuedRequestWaitsForASlot() async throws {
        let test = TestServer { $0.concurrentChecks = 1; $0.queueLength = 1 }
        try await test.test { client in
            try await test.server.gate.enter()
            async let queued = client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain"], body: Self.text)
            // Wait until it is in the queue (the gate says so), then free the slot.
            while test.server.gate.load.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
            // A third request finds the one slot busy and the queue full.
            try await client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain"], body: Self.text) { response in
                #expect(response.status == .serviceUnavailable)
            }
            test.server.gate.leave()
            #expect(try await queued.status == .ok)
            #expect(test.server.gate.load == (0, 0))
        }
    }

    @Test func aRequestQueuedPastTheTimeLimitIs503AndLeavesTheQueue() async throws {
        let test = TestServer { $0.concurrentChecks = 1; $0.queueLength = 4; $0.requestTimeout = .milliseconds(200) }
        try await test.test { client in
            try await test.server.gate.enter()
            try await client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain"], body: Self.text) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
                #expect(response.errorMessage == "tjekket tog for lang tid – prøv igen om lidt")
            }
            #expect(test.server.gate.load == (1, 0))
            try await expectHealthy(client)
            test.server.gate.leave()
        }
    }

    @Test func requestsBeyondSlotsAndQueueAreRefusedBeforeTheirBodyIsRead() async throws {
        let test = TestServer { $0.concurrentChecks = 1; $0.queueLength = 1; $0.maxBodyBytes = 10 }
        try await test.test { client in
            try test.server.gate.admit()
            try test.server.gate.admit()
            // Over the body limit too: the 503 comes first, so the body was never looked at.
            try await client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain"],
                                     body: ByteBuffer(string: String(repeating: "x", count: 100))) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
            }
            test.server.gate.dismiss()
            try await client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain"],
                                     body: ByteBuffer(string: "KL")) { response in
                #expect(response.status == .ok)
            }
            test.server.gate.dismiss()
            #expect(test.server.gate.requests == 0)
            try await expectHealthy(client)
        }
    }

    @Test func gateRefusesBeyondSlotsAndQueue() async throws {
        let gate = CheckGate(slots: 2, queueLength: 0)
        try await gate.enter()
        try await gate.enter()
        await #expect(throws: CheckGate.Busy.self) { try await gate.enter() }
        gate.leave()
        try await gate.enter()
        #expect(gate.load == (2, 0))
        gate.leave()
        gate.leave()
    }

    @Test func defaultsAreOneCheckPerCoreWithASmallQueue() {
        let settings = ServerSettings()
        #expect(settings.concurrentChecks == ProcessInfo.processInfo.activeProcessorCount)
        #expect(settings.queueLength == 4 * ProcessInfo.processInfo.activeProcessorCount)
        #expect(settings.host == "127.0.0.1")
    }
}
