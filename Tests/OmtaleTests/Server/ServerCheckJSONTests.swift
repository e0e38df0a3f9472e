import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Omtale
import OmtaleServer
import Testing

/// `POST /api/check` answers exactly what `omtale check --format json` prints for the same file.
@Suite struct ServerCheckJSONTests {
    static let cases = ["docx/01-all-parties-body.docx", "docx/06-realdania-only-in-footer.docx", "press/03-mangler-kl.txt"]

    @Test(arguments: cases)
    func multipartUploadEqualsTheCLI(_ fixture: String) async throws {
        let file = TestPaths.fixture(fixture)
        let name = file.lastPathComponent
        let cli = try CLI.run(["check", "--format", "json", name], directory: file.deletingLastPathComponent())
        #expect(cli.stdout.hasPrefix("{\n  \"files\""))
        let data = try Data(contentsOf: file)
        try await TestServer().test { client in
            try await client.execute(uri: "/api/check", method: .post, headers: [.contentType: Multipart.contentType],
                                     body: Multipart.form(file: (name, data))) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.text == cli.stdout)
            }
            // The raw body with ?filename= is the same request.
            try await client.execute(uri: "/api/check?filename=\(name)", method: .post, headers: [.contentType: "application/octet-stream"],
                                     body: .init(bytes: data)) { response in
                #expect(response.status == .ok)
                #expect(response.text == cli.stdout)
            }
        }
    }

    @Test func senderAndLanguageAreTheCLIsSenderAndLang() async throws {
        let file = TestPaths.fixture("press/03-mangler-kl.txt")
        let cli = try CLI.run(["check", "--format", "json", "--lang", "en", "--sender", "rm", "03-mangler-kl.txt"],
                              directory: file.deletingLastPathComponent())
        try await TestServer().test { client in
            try await client.execute(uri: "/api/check?filename=03-mangler-kl.txt&lang=en&sender=rm", method: .post,
                                     headers: [.contentType: "text/plain"], body: .init(bytes: try Data(contentsOf: file))) { response in
                #expect(response.status == .ok)
                #expect(response.text == cli.stdout)
                #expect(response.text.contains("\"name\" : \"Region Midtjylland\""))
            }
        }
    }
}
