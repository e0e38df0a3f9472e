import Foundation
import Testing
@testable import Omtale

@Suite("HTML input")
struct HTMLInputTests {
    @Test func visibleTextWithLocations() {
        assertPartiesAtMarkers("""
            <!DOCTYPE html>
            <html><head><title>Realdania og Region Sjælland</title>
            <style>p::before { content: "Region Hovedstaden"; }</style></head>
            <body>
            <h1>Klimaalliancen&nbsp;og 1️⃣KL</h1>
            <p>2️⃣Region
               Nordjylland, <b>3️⃣Region</b> Midtjylland &amp; 4️⃣Region Syddanmark.</p>
            <script>document.write("Region Sjælland");</script>
            <div hidden>Region Hovedstaden</div>
            <p style="display: none">Realdania</p>
            <ul><li>5️⃣Region Sj&aelig;lland<li>6️⃣Region Hovedstaden</ul>
            <img src="logo.png" alt="Realdania">
            </body></html>
            """, input: "html", ["1️⃣": "KL", "2️⃣": "Region Nordjylland", "3️⃣": "Region Midtjylland", "4️⃣": "Region Syddanmark",
                                 "5️⃣": "Region Sjælland", "6️⃣": "Region Hovedstaden"], absent: ["Realdania"])
    }

    @Test func blockElementsEndParagraphsAndWhiteSpaceCollapses() throws {
        let source = try readSource("<div>KL  og\n  Realdania</div><p>Nyt afsnit<br>ny linje</p><table><tr><td>A</td><td>B</td></tr></table>x<span>y</span>",
                                    input: "html")
        #expect(source.text == "KL og Realdania\nNyt afsnit\nny linje\nA\nB\nxy")
        #expect(source.lineBreaksAreSoft == false)
    }

    @Test func entitiesAreDecoded() throws {
        let source = try readSource("<p>Real&shy;dania &#x2013; Region Sj&#230;lland &amp; K&#76; &unknown; &</p>", input: "html")
        #expect(source.text == "Real\u{AD}dania – Region Sjælland & KL &unknown; &")
    }

    @Test func imagesAreRecorded() throws {
        let source = try readSource("<p>Se <img src=\"a.png\" alt=\"Logo for Klimaalliancen\" title=\"Logo\"> her</p>", input: "html")
        #expect(source.images == [ImageReference(name: "a.png", altText: "Logo for Klimaalliancen", title: "Logo", anchor: 2)])
    }

    @Test func commentWaiversWork() {
        let html = """
            <!-- omtale-disable partner-mention: aftalt med sekretariatet -->
            <p>Klimaalliancen med KL og Realdania.</p>
            <!-- omtale-disable-next-line party-abbreviation: forklaret i faktaboksen -->
            <p>Deltagere: RN.</p>
            """
        let report = Fixtures.checker().check(data: Data(html.utf8), path: "x.html", inputID: "html")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map { "\($0.start.line):\($0.start.column) \($0.ruleID)" })")
        let plain = Fixtures.checker().check(data: Data("<p>Klimaalliancen med KL.</p>\n<p>Deltagere: RN.</p>".utf8), path: "x.html", inputID: "html")
        #expect(plain.diagnostics.contains { $0.ruleID == "party-abbreviation" && $0.start.line == 2 && $0.start.column == 15 })
    }

    @Test func htmlIsRecognised() {
        #expect(InputRegistry.standard.plugin(forPath: "side.html", data: Data("<p>KL</p>".utf8)).id == "html")
        #expect(InputRegistry.standard.plugin(forPath: "side", data: Data("<!DOCTYPE html><html><body>KL</body></html>".utf8)).id == "html")
        #expect(InputRegistry.standard.plugin(forPath: "side.txt", data: Data("KL <b>og</b> Realdania".utf8)).id == "text")
    }

    @Test func brokenMarkupIsText() throws {
        let source = try readSource("<p>KL < Realdania <b unterminated", input: "html")
        #expect(source.text.hasPrefix("KL < Realdania"))
        let deep = String(repeating: "<div>", count: 50_000) + "Realdania" + String(repeating: "</div>", count: 50_000)
        let (elapsed, deepSource) = try CPUBudget.measure { try readSource(deep, input: "html") }
        #expect(deepSource.text == "Realdania")
        #expect(elapsed < .seconds(3) * CPUBudget.slowdown)
    }
}
