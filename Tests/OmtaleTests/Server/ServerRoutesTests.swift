import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Omtale
import OmtaleServer
import Testing

/// Every route of `omtale serve` answering a good request.
@Suite struct ServerRoutesTests {
    @Test func healthz() async throws {
        try await TestServer().test { client in try await expectHealthy(client) }
    }

    @Test func frontPageIsDanishWithLabelledControlsAndTheRulesetsParties() async throws {
        try await TestServer { $0.sender = "rm" }.test { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = response.text
                #expect(page.contains("<html lang=\"da\">"))
                #expect(page.contains("<h1>Tjek en tekst om Klimaalliancen</h1>"))
                // A form that works without JavaScript: a multipart POST to /check, a second button to /fix.
                #expect(page.contains("<form method=\"post\" action=\"/check?lang=da\" enctype=\"multipart/form-data\">"))
                #expect(page.contains("formaction=\"/fix?lang=da\""))
                #expect(!page.contains("<script"))
                // Every control has a label pointing at it.
                for id in ["file", "text", "sender"] {
                    #expect(page.contains("<label for=\"\(id)\">"), "no label for \(id)")
                    #expect(page.contains("id=\"\(id)\" name=\"\(id)\""), "no control \(id)")
                }
                #expect(page.contains(":focus-visible"))
                // One option per party of the ruleset, the server's --sender preselected.
                for party in Fixtures.ruleset.parties {
                    #expect(page.contains(">\(Escaping.html(party.name))</option>"), "no option for \(party.name)")
                }
                #expect(page.contains("<option value=\"rm\" selected>Region Midtjylland</option>"))
            }
        }
    }

    @Test func frontPageInEnglishByQueryOrAcceptLanguage() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/?lang=en", method: .get) { response in
                #expect(response.text.contains("<html lang=\"en\">"))
                #expect(response.text.contains("<h1>Check a text about Klimaalliancen</h1>"))
            }
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "en-GB,en;q=0.9,da;q=0.5"]) { response in
                #expect(response.text.contains("<html lang=\"en\">"))
            }
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "de-DE,da;q=0.8,en;q=0.5"]) { response in
                #expect(response.text.contains("<html lang=\"da\">"))
            }
        }
    }

    @Test func formCheckShowsTheLibrarysHTMLReportWithTheMissingPartyAndADownload() async throws {
        let text = try String(contentsOf: TestPaths.fixture("press/03-mangler-kl.txt"), encoding: .utf8)
        try await TestServer().test { client in
            let form = Multipart.form(fields: [("text", text), ("sender", ""), ("lang", "da")])
            try await client.execute(uri: "/check?lang=da", method: .post, headers: [.contentType: Multipart.contentType], body: form) { response in
                #expect(response.status == .ok)
                let page = response.text
                // The same report as --format html, for the pasted text…
                let report = Fixtures.checker().check(text: text, path: "tekst.txt")
                let html = HTMLReporter().render([report], options: ReportOptions(language: .da, ruleset: Fixtures.ruleset))
                let reportBody = try #require(html.components(separatedBy: "<body>\n").last)
                #expect(page.hasSuffix(reportBody))
                #expect(page.contains("KL"))
                // …with the way back and the fixed text as a download.
                #expect(page.contains("<a href=\"/?lang=da\">← Tjek en anden tekst</a>"))
                #expect(page.contains("download=\"tekst.txt\" href=\"data:text/plain; charset=utf-8;base64,"))
            }
        }
    }

    @Test func fixOfADocxReturnsTheReviewedCopyTheLibraryReadsBack() async throws {
        let original = try ServerFixtures.data("docx/06-realdania-only-in-footer.docx")
        try await TestServer().test { client in
            let form = Multipart.form(file: ("06-realdania-only-in-footer.docx", original))
            try await client.execute(uri: "/api/fix", method: .post, headers: [.contentType: Multipart.contentType], body: form) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                #expect(response.headers[.contentDisposition]?.contains("filename=\"06-realdania-only-in-footer.omtale.docx\"") == true)
                let copy = Data(buffer: response.body)
                // What `omtale check --fix` would write: the library's fixer on the same bytes.
                let expected = Fixer.fix(data: original, path: "06-realdania-only-in-footer.docx", checker: Fixtures.checker())
                #expect(copy.count > 0)
                #expect(response.headers[HTTPField.Name("Omtale-Comments")!] == String(expected.comments))
                let reread = Fixtures.checker().check(data: copy, path: "x.omtale.docx")
                #expect(reread.error == nil)
                #expect(reread.input == DocxInput.identifier)
            }
            try await expectHealthy(client)
        }
    }

    @Test func fixOfATextReturnsTheFixedText() async throws {
        let original = try ServerFixtures.data("press/03-mangler-kl.txt")
        try await TestServer().test { client in
            try await client.execute(uri: "/api/fix?filename=03-mangler-kl.txt", method: .post,
                                     headers: [.contentType: "text/plain; charset=utf-8"], body: .init(bytes: original)) { response in
                #expect(response.status == .ok)
                let result = try Fixer.fix(data: original, path: "03-mangler-kl.txt", checker: Fixtures.checker())
                let expected = try #require(result.fixed)
                #expect(Data(buffer: response.body) == expected)
                #expect(Data(buffer: response.body) != original)
                // As many as the library applied (the enumeration fix is cut into its smallest edits).
                #expect(!result.applied.isEmpty)
                #expect(response.headers[HTTPField.Name("Omtale-Changes")!] == String(result.applied.count))
            }
        }
    }

    @Test func formFixWithoutAFileDownloadsTheFixedPastedText() async throws {
        let text = try String(contentsOf: TestPaths.fixture("press/03-mangler-kl.txt"), encoding: .utf8)
        try await TestServer().test { client in
            let form = Multipart.form(fields: [("text", text)])
            try await client.execute(uri: "/fix", method: .post, headers: [.contentType: Multipart.contentType], body: form) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"tekst.txt\"") == true)
                #expect(response.text.contains("KL, Region Nordjylland"))
            }
        }
    }

    @Test func startupLineStatesANonLoopbackBind() {
        #expect(ServerSettings.startupLine(host: "127.0.0.1", port: 8080, language: .da)
            == "omtale serve: siden kører på http://127.0.0.1:8080/ (kun fra denne maskine). Stop med Ctrl-C.")
        let open = ServerSettings.startupLine(host: "0.0.0.0", port: 8080, language: .da)
        #expect(open.contains("OBS: adressen 0.0.0.0 er ikke kun lokal"))
        #expect(ServerSettings.startupLine(host: "0.0.0.0", port: 80, language: .en).contains("Note: the address 0.0.0.0 is not local only"))
        #expect(ServerSettings.startupLine(host: "::1", port: 8080, language: .en).contains("http://[::1]:8080/ (from this machine only)"))
    }
}
