import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Omtale
import OmtaleServer
import Testing

/// A client that sends its headers or body too slowly is cut off, and the server goes on.
/// Over a real socket (Hummingbird's live test server), since the router client has no wire.
@Suite struct ServerSlowClientTests {
    static let partial = "POST /api/check?filename=a.txt HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nKlima"

    @Test func aStalledBodyGets408WithinTheRequestTimeLimit() async throws {
        let test = TestServer { $0.requestTimeout = .milliseconds(300) }
        let application = test.server.application(logger: test.logger)
        try await application.test(.live) { client in
            let port = try #require(client.port)
            let answer = try await onThread { try RawConnection(port: port).sendAndReadUntilClosed(Self.partial) }
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer.prefix(200))")
            #expect(answer.contains("filen kom ikke frem i tide"))
            try await Self.expectHealthy(port: port)
        }
    }

    @Test func aSilentConnectionIsClosedAfterTheIdleLimit() async throws {
        let test = TestServer { $0.idleTimeout = .milliseconds(300) }
        let application = test.server.application(logger: test.logger)
        try await application.test(.live) { client in
            let port = try #require(client.port)
            // Half a request line, then nothing: the server closes the connection (read returns 0).
            let answer = try await onThread { try RawConnection(port: port).sendAndReadUntilClosed("POST /api/ch") }
            #expect(!answer.hasPrefix("HTTP/1.1 200"))
            try await Self.expectHealthy(port: port)
        }
    }
}

extension ServerSlowClientTests {
    /// /healthz on a new connection (the test client's own may have been closed for idling too).
    static func expectHealthy(port: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let answer = try await onThread {
            try RawConnection(port: port).sendAndReadUntilClosed("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        }
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)", sourceLocation: sourceLocation)
        #expect(answer.hasSuffix("\r\n\r\nok\n"), "\(answer)", sourceLocation: sourceLocation)
    }
}

/// A plain TCP connection to the test server on loopback.
struct RawConnection {
    struct Failure: Error, CustomStringConvertible { var description: String }

    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(errno)") }
        // A server that never closes fails the test after 10 s instead of hanging it.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(descriptor); throw Failure(description: "connect: \(errno)") }
    }

    /// Sends `text`, then reads until the server closes the connection; throws when it does not within 10 s.
    func sendAndReadUntilClosed(_ text: String) throws -> String {
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard send(descriptor, bytes, bytes.count, 0) == bytes.count else { throw Failure(description: "send: \(errno)") }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET { break }
                throw Failure(description: "the server kept the connection open (errno \(errno)) after: \(String(decoding: received, as: UTF8.self))")
            }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
