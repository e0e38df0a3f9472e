import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Omtale
import OmtaleServer
import Testing

/// Drafts are confidential: nothing of an upload in the log, nothing written to disk.
@Suite struct ServerConfidentialityTests {
    static let secretName = "hemmeligt-udkast-embargo.txt"
    static let secretText = "Klimaalliancen: Fortrolig-markør-4711 om KL og Realdania.\n"

    @Test func logLinesCarryMethodRouteStatusSizeAndTimeOnly() async throws {
        let test = TestServer()
        try await test.test { client in
            try await client.execute(uri: "/api/check?filename=\(Self.secretName)", method: .post, headers: [.contentType: "text/plain"],
                                     body: ByteBuffer(string: Self.secretText)) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(Self.secretName))
            }
            try await client.execute(uri: "/check", method: .post, headers: [.contentType: Multipart.contentType],
                                     body: Multipart.form(file: (Self.secretName, Data(Self.secretText.utf8)))) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/\(Self.secretName)", method: .get) { response in #expect(response.status == .notFound) }
            try await client.execute(uri: "/api/check?filename=\(Self.secretName)", method: .post, headers: [.contentType: "image/png"],
                                     body: ByteBuffer(string: Self.secretText)) { response in
                #expect(response.status == .unsupportedMediaType)
            }
        }
        let lines = test.log.lines
        #expect(lines.contains { $0.contains("POST /api/check 200 in=\(Self.secretText.utf8.count) out=") && $0.hasSuffix(" ms ") })
        #expect(lines.contains { $0.contains("POST /check 200") })
        #expect(lines.contains { $0.contains("GET - 404") })
        #expect(lines.contains { $0.contains("POST /api/check 415") })
        for line in lines {
            for secret in ["hemmeligt", "Fortrolig", "4711", "embargo", "filename"] {
                #expect(!line.contains(secret), "log line with \(secret): \(line)")
            }
        }
    }

    @Test func checkingAndFixingWriteNoFile() async throws {
        let watched = [FileManager.default.temporaryDirectory, URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        func snapshot() -> [String: Date] {
            var files: [String: Date] = [:]
            for folder in watched {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                    let path = folder.appendingPathComponent(name).path
                    files[path] = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
                }
            }
            return files
        }
        let docx = try ServerFixtures.data("docx/06-realdania-only-in-footer.docx")
        let before = snapshot()
        try await TestServer().test { client in
            for route in ["/api/check", "/api/fix", "/check", "/fix"] {
                try await client.execute(uri: route, method: .post, headers: [.contentType: Multipart.contentType],
                                         body: Multipart.form(file: ("06-realdania-only-in-footer.docx", docx))) { response in
                    #expect(response.status == .ok, "\(route)")
                }
            }
        }
        let after = snapshot()
        // Other tests run in parallel and may create their own temporary folders: none may be ours.
        let new = Set(after.keys).subtracting(before.keys)
        #expect(!new.contains { $0.contains("06-realdania") || $0.contains(".omtale") }, "\(new)")
    }

    /// The server has no path that writes a file: none of its sources calls a writing API.
    @Test func serverSourcesHaveNoFileWritingCall() throws {
        let folder = TestPaths.root.appendingPathComponent("Sources/OmtaleServer")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(names.count >= 5)
        for name in names {
            let source = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for call in ["Fixer.write", "AtomicFile", ".write(to:", "createFile", "FileHandle(forWriting", "fopen(", "open(", "FileManager", "mkstemp"] {
                #expect(!source.contains(call), "\(name) calls \(call)")
            }
        }
    }
}
