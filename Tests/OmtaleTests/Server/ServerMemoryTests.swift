import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Omtale
import OmtaleServer
import Testing

/// The upload budget: the bytes of uploads held by all requests together. The tests reserve part
/// of a small budget themselves, as the bounds tests hold the gate's slots, so nothing depends on
/// timing; the reservation of a request is given back on every way out.
@Suite struct ServerMemoryBudgetTests {
    static let text = "Klimaalliancen: KL og Realdania.\n"
    static let busy = "Omtale er optaget af andre tjek lige nu – prøv igen om lidt"

    @Test func anUploadThatDoesNotFitTheBudgetIs503WithRetryAfterAndPrøvIgenOmLidt() async throws {
        let test = TestServer { $0.uploadBudgetBytes = 1000; $0.retryAfterSeconds = 7 }
        try await test.test { client in
            // 20 bytes left: too few for any of these uploads, but each fits the whole budget.
            try test.server.budget.reserve(980)
            let body = ByteBuffer(string: Self.text)
            for (route, english) in [("/api/check?filename=a.txt", false), ("/api/check?filename=a.txt&lang=en", true)] {
                try await client.execute(uri: route, method: .post, headers: [.contentType: "text/plain", .contentLength: "\(body.readableBytes)"],
                                         body: body) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.headers[.retryAfter] == "7")
                    #expect(response.errorMessage == (english ? "Omtale is busy with other checks right now – try again in a moment" : Self.busy))
                }
            }
            // Without Content-Length the bytes are reserved as they arrive: the same answer.
            try await client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain"], body: body) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.errorMessage == Self.busy)
            }
            try await client.execute(uri: "/check", method: .post, headers: [.contentType: Multipart.contentType],
                                     body: Multipart.form(fields: [("text", Self.text)])) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "7")
                #expect(response.text.contains("prøv igen om lidt"))
            }
            // The refused requests hold nothing; what the test holds is all there is.
            #expect(test.server.budget.held == 980)
            try await expectHealthy(client)
            test.server.budget.release(980)
            try await client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain"], body: body) { response in
                #expect(response.status == .ok)
            }
            #expect(test.server.budget.held == 0)
            #expect(test.server.gate.requests == 0)
        }
    }

    /// Over a real socket: headers announcing a body that does not fit, and no body at all. The
    /// 503 comes anyway, so the reservation was made from Content-Length before any byte was read.
    @Test func aDeclaredBodyIsRefusedBeforeItIsRead() async throws {
        let test = TestServer { $0.uploadBudgetBytes = 100 }
        let application = test.server.application(logger: test.logger)
        try await application.test(.live) { client in
            let port = try #require(client.port)
            try test.server.budget.reserve(80)
            let request = "POST /api/check?filename=a.txt HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 50\r\n"
                + "Connection: close\r\n\r\n"
            let answer = try await onThread { try RawConnection(port: port, receiveTimeout: 60).sendAndReadUntilClosed(request) }
            #expect(answer.hasPrefix("HTTP/1.1 503"), "\(answer.prefix(200))")
            #expect(answer.lowercased().contains("retry-after: 5"))
            #expect(answer.contains("prøv igen om lidt"))
            #expect(test.server.budget.held == 80)
            test.server.budget.release(80)
            try await ServerSlowClientTests.expectHealthy(port: port)
        }
    }

    /// A chunked body (no Content-Length) is counted chunk by chunk: past what fits, the 503.
    @Test func aChunkedBodyIsCountedAsItArrives() async throws {
        let test = TestServer { $0.uploadBudgetBytes = 1000 }
        let application = test.server.application(logger: test.logger)
        try await application.test(.live) { client in
            let port = try #require(client.port)
            let chunk = String(repeating: "KL ", count: 20)
            let chunked = "POST /api/check?filename=a.txt HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n" + [chunk, chunk].map { String($0.utf8.count, radix: 16) + "\r\n" + $0 + "\r\n" }.joined() + "0\r\n\r\n"
            // 120 bytes with 100 left: the second chunk does not fit.
            try test.server.budget.reserve(900)
            let refused = try await onThread { try RawConnection(port: port, receiveTimeout: 60).sendAndReadUntilClosed(chunked) }
            #expect(refused.hasPrefix("HTTP/1.1 503"), "\(refused.prefix(200))")
            #expect(refused.contains("prøv igen om lidt"))
            try await waitUntil("the refused body's reservation is given back") { test.server.budget.held == 900 }
            // 60 bytes fit.
            let one = chunked.replacingOccurrences(of: "\(String(chunk.utf8.count, radix: 16))\r\n\(chunk)\r\n0\r\n", with: "0\r\n")
            let accepted = try await onThread { try RawConnection(port: port, receiveTimeout: 60).sendAndReadUntilClosed(one) }
            #expect(accepted.hasPrefix("HTTP/1.1 200"), "\(accepted.prefix(200))")
            #expect(test.server.budget.held == 900)
            test.server.budget.release(900)
        }
    }

    @Test func anUploadLargerThanTheWholeBudgetIs413() async throws {
        let test = TestServer { $0.uploadBudgetBytes = 10 }
        try await test.test { client in
            try await client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain", .contentLength: "33"],
                                     body: ByteBuffer(string: Self.text)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.errorMessage == "filen er for stor; Omtale læser højst 10 bytes")
            }
            #expect(test.server.budget.held == 0)
        }
    }

    /// Success, a wrong content type, a hostile file, a body over the limit: each gives its
    /// reservation back (a check past its time: `ServerCheckCancellationTests`).
    @Test func theReservationIsGivenBackOnEveryWayOut() async throws {
        let test = TestServer { $0.uploadBudgetBytes = 1024 * 1024; $0.maxBodyBytes = 512 * 1024 }
        try await test.test { client in
            let text = ByteBuffer(string: Self.text)
            try await client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain"], body: text) { response in
                #expect(response.status == .ok)
            }
            #expect(test.server.budget.held == 0)
            try await client.execute(uri: "/api/check", method: .post, headers: [.contentType: "application/json"], body: text) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            #expect(test.server.budget.held == 0)
            let hostile = try ServerFixtures.data("docx/hostile/zip-bomb.docx")
            try await client.execute(uri: "/api/check?filename=a.docx", method: .post, headers: [.contentType: "application/octet-stream"],
                                     body: ByteBuffer(bytes: hostile)) { response in
                #expect(response.status.code == 422 || response.status.code == 413)
            }
            #expect(test.server.budget.held == 0)
            try await client.execute(uri: "/api/fix?filename=a.txt", method: .post, headers: [.contentType: "text/plain"],
                                     body: ByteBuffer(bytes: Data(count: 600 * 1024))) { response in
                #expect(response.status == .contentTooLarge)
            }
            #expect(test.server.budget.held == 0)
            try await expectHealthy(client)
        }
    }

    /// A client that sends half its body and goes away: its reservation is given back.
    @Test func aClientThatGoesAwayGivesItsReservationBack() async throws {
        let test = TestServer { $0.uploadBudgetBytes = 10_000 }
        let application = test.server.application(logger: test.logger)
        try await application.test(.live) { client in
            let port = try #require(client.port)
            let half = "POST /api/check?filename=a.txt HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nKlima"
            try await onThread {
                let connection = try RawConnection(port: port)
                try connection.send(half)
                // Held from Content-Length while the body is awaited.
                let deadline = Date().addingTimeInterval(30)
                while test.server.budget.held != 1000 && Date() < deadline { usleep(10_000) }
                connection.close()
            }
            #expect(test.server.budget.held <= 1000)
            try await waitUntil("the reservation of a client gone is given back") { test.server.budget.held == 0 }
            try await ServerSlowClientTests.expectHealthy(port: port)
        }
    }

    /// After the last request the server gives freed heap back to the system (`malloc_trim`),
    /// once per idle spell and only after the delay.
    @Test func theHeapIsTrimmedOnceTheServerIsIdle() async throws {
        let test = TestServer { $0.idleTrimDelay = .milliseconds(50) }
        try await test.test { client in
            #expect(test.server.idleTrims == 0)
            try await client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain"],
                                     body: ByteBuffer(string: Self.text)) { response in
                #expect(response.status == .ok)
            }
            try await waitUntil("the heap is trimmed after the request") { test.server.idleTrims == 1 }
            try await Task.sleep(for: .milliseconds(200))
            #expect(test.server.idleTrims == 1)
        }
    }

    @Test func theDefaultBudgetIsOneLargestFilePerCore() {
        let settings = ServerSettings()
        #expect(settings.uploadBudgetBytes == Checker.Limits().maxFileBytes * ProcessInfo.processInfo.activeProcessorCount)
        #expect(OmtaleServer(settings: settings, checker: Fixtures.checker()).budget.bytes == settings.uploadBudgetBytes)
    }
}

/// A check past its request's time limit is cancelled (`CheckCancellation`): it stops at its
/// next stage or rule, frees its slot, and the answer is the time-limit 503. The stop grace is
/// set far out, so the 503 waits for the check to stop however loaded the machine is. That it
/// was stopped, not finished, is counted by the runner (`checksStoppedEarly`), not inferred from
/// timings, which a loaded machine makes unreliable: without the cancellation the check would run
/// to its end, the count would stay 0, and with a short grace its slot would still be busy.
@Suite struct ServerCheckCancellationTests {
    /// Press release fixtures (the UTF-8 ones) over and over: about 600 KB of text.
    static let large: Data = {
        let folder = TestPaths.fixture("press")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()) ?? []
        let texts = names.compactMap { try? Data(contentsOf: folder.appendingPathComponent($0)) }.filter { !$0.contains(0) }
        var data = Data()
        guard let first = texts.first, !first.isEmpty else { return data }
        while data.count + first.count <= 600_000 {
            for text in texts where data.count + text.count <= 600_000 { data += text }
        }
        return data
    }()

    @Test(arguments: ["/api/check", "/check"])
    func aCheckPastItsTimeLimitStopsAndFreesItsSlot(route: String) async throws {
        #expect(Self.large.count > 500_000)
        let test = TestServer { $0.concurrentChecks = 1; $0.queueLength = 0; $0.requestTimeout = .milliseconds(500); $0.stopGrace = .seconds(600) }
        try await test.test { client in
            let (type, body) = route == "/check"
                ? (Multipart.contentType, Multipart.form(file: ("stor.txt", Self.large)))
                : ("text/plain", ByteBuffer(bytes: Self.large))
            try await client.execute(uri: route + "?filename=stor.txt", method: .post, headers: [.contentType: type], body: body) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
                if route == "/check" {
                    #expect(response.text.contains("tjekket tog for lang tid – prøv igen om lidt"))
                } else {
                    #expect(response.errorMessage == "tjekket tog for lang tid – prøv igen om lidt")
                }
            }
            #expect(test.server.checksStoppedEarly == 1)
            // The check stopped before the answer: its slot is free, and the next request (one
            // slot, no queue) is not refused as busy.
            #expect(test.server.gate.load == (0, 0))
            try await client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain"],
                                     body: ByteBuffer(string: "Klimaalliancen: KL og Realdania.\n")) { response in
                #expect(response.errorMessage != "Omtale er optaget af andre tjek lige nu – prøv igen om lidt")
            }
            #expect(test.server.gate.load == (0, 0))
            try await waitUntil("the upload budget is empty again") { test.server.budget.held == 0 }
        }
    }
}
