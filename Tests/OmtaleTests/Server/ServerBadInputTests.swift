import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Omtale
import OmtaleServer
import Testing

/// Bad requests get a 4xx with a clear message, and the server goes on answering.
@Suite struct ServerBadInputTests {
    @Test func oversizedBodyIs413() async throws {
        try await TestServer { $0.maxBodyBytes = 1000 }.test { client in
            let body = ByteBuffer(bytes: Data(repeating: 0x61, count: 1001))
            try await client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain"], body: body) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.errorMessage == "filen er for stor; Omtale læser højst 1000 bytes")
                #expect(response.headers[.connection] == "close")
            }
            // Exactly the limit is taken.
            try await client.execute(uri: "/api/check?filename=a.txt", method: .post, headers: [.contentType: "text/plain"],
                                     body: ByteBuffer(bytes: Data(repeating: 0x61, count: 1000))) { response in
                #expect(response.status == .ok)
            }
            try await expectHealthy(client)
        }
    }

    @Test func theDefaultBodyLimitIsTheLibrarysFileLimit() {
        #expect(ServerSettings().maxBodyBytes == Checker.Limits().maxFileBytes)
    }

    @Test func wrongContentTypeIs415() async throws {
        try await TestServer().test { client in
            for type in ["image/png", "application/json", "application/x-www-form-urlencoded"] {
                try await client.execute(uri: "/api/check", method: .post, headers: [.contentType: type], body: ByteBuffer(string: "{}")) { response in
                    #expect(response.status == .unsupportedMediaType)
                    #expect(response.errorMessage?.hasPrefix("indholdstypen \(type) kan ikke tjekkes") == true)
                }
            }
            try await client.execute(uri: "/api/check?lang=en", method: .post, headers: [.contentType: "image/png"], body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .unsupportedMediaType)
                #expect(response.errorMessage?.hasPrefix("the content type image/png cannot be checked") == true)
            }
            try await expectHealthy(client)
        }
    }

    @Test func emptyFormIs400() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/check", method: .post, headers: [.contentType: Multipart.contentType],
                                     body: Multipart.form(fields: [("text", "  \r\n")])) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorMessage == "vælg en fil eller indsæt en tekst")
            }
            try await client.execute(uri: "/check", method: .post, headers: [.contentType: "multipart/form-data; boundary=x"],
                                     body: ByteBuffer(string: "garbage")) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<p class=\"problem\" role=\"alert\">formularen kan ikke læses"))
            }
            try await expectHealthy(client)
        }
    }

    /// Each hostile .docx: 422 (413 for one too large) with the message `omtale check` prints for it.
    @Test(arguments: ServerFixtures.hostile)
    func hostileDocxGetsTheCLIsMessage(_ name: String) async throws {
        let folder = TestPaths.fixture("docx/hostile")
        let cli = try CLI.run(["check", "--format", "json", name], directory: folder)
        #expect(cli.status == 2)
        let printed = try #require(cli.stderr.split(separator: "\n").first { $0.hasPrefix("omtale: \(name): ") })
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        try await TestServer().test { client in
            for route in ["/api/check", "/api/fix"] {
                try await client.execute(uri: route, method: .post, headers: [.contentType: Multipart.contentType],
                                         body: Multipart.form(file: (name, data))) { response in
                    #expect(response.status == .unprocessableContent || response.status == .contentTooLarge, "\(route)")
                    #expect(response.errorMessage.map { "omtale: " + $0 } == String(printed), "\(route)")
                }
            }
            // The page shows the same message.
            try await client.execute(uri: "/check", method: .post, headers: [.contentType: Multipart.contentType],
                                     body: Multipart.form(file: (name, data))) { response in
                #expect(response.status.code >= 400 && response.status.code < 500)
                #expect(response.text.contains(Escaping.html(String(printed.dropFirst("omtale: ".count)))))
            }
            try await expectHealthy(client)
        }
    }

    @Test func unknownRouteIs404AndGetOnAPostRouteIsRefused() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/secret-draft.docx", method: .get) { response in #expect(response.status == .notFound) }
            try await client.execute(uri: "/api/check", method: .get) { response in #expect(response.status.code >= 400) }
            try await expectHealthy(client)
        }
    }
}
