import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Omtale
import OmtaleServer
import Testing

/// A server for one test, checking as `omtale check` does in the tests (check date fixed),
/// with a log that the test can read.
struct TestServer {
    let server: OmtaleServer
    let log: CapturedLog

    init(_ configure: (inout ServerSettings) -> Void = { _ in }) {
        var settings = ServerSettings()
        settings.port = 0
        configure(&settings)
        server = OmtaleServer(settings: settings, checker: Fixtures.checker())
        log = CapturedLog()
    }

    var logger: Logger { log.logger }

    /// Runs `body` against the router (no socket: Hummingbird's router test client).
    func test<Value>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let application = Application(router: server.router(logger: logger), logger: logger)
        return try await application.test(.router, body)
    }
}

enum Multipart {
    static let boundary = "omtale-test-boundary-7f3a"
    static var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// A form as a browser sends it: `file` with a name (or empty), then plain fields.
    static func form(file: (name: String, data: Data)? = nil, fields: [(String, String)] = []) -> ByteBuffer {
        var body = Data()
        func line(_ text: String) { body.append(Data((text + "\r\n").utf8)) }
        line("--\(boundary)")
        line("Content-Disposition: form-data; name=\"file\"; filename=\"\(file?.name ?? "")\"")
        line("Content-Type: application/octet-stream")
        line("")
        if let file { body.append(file.data) }
        body.append(Data("\r\n".utf8))
        for (name, value) in fields {
            line("--\(boundary)")
            line("Content-Disposition: form-data; name=\"\(name)\"")
            line("")
            line(value)
        }
        line("--\(boundary)--")
        return ByteBuffer(bytes: body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The `error` of a JSON error body.
    var errorMessage: String? {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) .flatMap { ($0 as? [String: Any])?["error"] as? String }
    }
}

extension Data {
    init(buffer: ByteBuffer) { self = Data(buffer.readableBytesView) }
}

/// Log lines kept in memory.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func append(_ line: String) {
        lock.lock()
        stored.append(line)
        lock.unlock()
    }

    var logger: Logger {
        var logger = Logger(label: "omtale-test") { _ in Handler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        // swiftlint:disable:next function_parameter_count
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String,
                 line: UInt) {
            let all = self.metadata.merging(metadata ?? [:]) { $1 }
            log.append("\(level) \(message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
        }
    }
}

enum ServerFixtures {
    static func data(_ relative: String) throws -> Data { try Data(contentsOf: TestPaths.fixture(relative)) }

    static let hostile = [
        "billion-laughs.docx", "external-entity.docx", "no-document-xml.docx", "not-a-zip.docx", "ole-container.docx",
        "quadratic-blowup.docx", "truncated.docx", "zip-bomb-high-ratio.docx", "zip-bomb-overlapping.docx", "zip-bomb.docx",
    ]
}

/// Asserts the server still answers /healthz.
func expectHealthy(_ client: any TestClientProtocol, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
    try await client.execute(uri: "/healthz", method: .get) { response in
        #expect(response.status == .ok, sourceLocation: sourceLocation)
        #expect(response.text == "ok\n", sourceLocation: sourceLocation)
    }
}

/// Runs blocking work (a socket read, a child process) on a thread of its own: on Swift's
/// cooperative threads (one per core) it would starve the server under test of threads.
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

/// Waits until `condition` holds, checking every 10 ms; fails the test after `limit` (generous:
/// what is awaited happens on other threads of a machine that may be loaded).
func waitUntil(_ what: String, limit: Duration = .seconds(30), sourceLocation: Testing.SourceLocation = #_sourceLocation,
               _ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + limit
    while !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("not within \(limit): \(what)", sourceLocation: sourceLocation)
            return
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}
