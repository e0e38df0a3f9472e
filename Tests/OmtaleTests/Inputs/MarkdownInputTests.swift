import Foundation
import Testing
@testable import Omtale

@Suite("Markdown input")
struct MarkdownInputTests {
    @Test func partiesInHeadingsParagraphsListsAndLinks() {
        assertPartiesAtMarkers("""
            # 1️⃣Klimaalliancen og 2️⃣KL
            **3️⃣Region Nordjylland**, [4️⃣Region Midtjylland](https://rm.dk) og *Region*
            _5️⃣Syddanmark_ samarbejder.

            - 6️⃣Region Sjælland
            1. [7️⃣Region Hovedstaden][rh]

            > Citat fra 8️⃣Realdania.

            [rh]: https://www.regionh.dk
            """, input: "markdown", ["2️⃣": "KL", "3️⃣": "Region Nordjylland", "4️⃣": "Region Midtjylland",
                                     "6️⃣": "Region Sjælland", "7️⃣": "Region Hovedstaden", "8️⃣": "Realdania"])
    }

    @Test func nameAcrossEmphasisAndLineWrap() throws {
        let source = try readSource("Klimaalliancen samler *Region*\n_Syddanmark_ og KL.\n", input: "markdown")
        #expect(source.text == "Klimaalliancen samler Region\nSyddanmark og KL.\n")
        let report = Fixtures.checker().check(source, path: "x.md", inputID: "markdown")
        #expect(report.parties.first { $0.name == "Region Syddanmark" }?.mentioned == true)
    }

    @Test func codeBlocksAndURLsAreNotText() {
        assertPartiesAtMarkers("""
            Klimaalliancen: 1️⃣KL.

            ```
            Realdania i en kodeblok
            ```

            ~~~yaml
            part: Region Sjælland
            ~~~

                Region Hovedstaden i en indrykket kodeblok

            Se <https://realdania.dk> og [hjemmesiden](https://www.regionsjaelland.dk/Region-Sjælland).
            ![Foto: Region Nordjylland](foto.png)
            """, input: "markdown", ["1️⃣": "KL"], absent: ["Realdania", "Region Sjælland", "Region Hovedstaden", "Region Nordjylland"])
    }

    @Test func imagesAreRecordedWithAltText() throws {
        let source = try readSource("Tekst ![Logo for Klimaalliancen](logo.png) mere.\n", input: "markdown")
        #expect(source.images.map(\.altText) == ["Logo for Klimaalliancen"])
        #expect(source.text == "Tekst  mere.\n")
    }

    @Test func tableCellsAreSeparateParagraphs() throws {
        let source = try readSource("| Part | Rolle |\n|---|:---:|\n| KL | Koordinerer |\n", input: "markdown")
        let paragraphs = source.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(paragraphs == ["Part", "Rolle", "KL", "Koordinerer"])
        assertPartiesAtMarkers("| Part | Rolle |\n|---|---|\n| 1️⃣KL | Koordinerer |\n| 2️⃣Realdania | Finansierer |\n",
                               input: "markdown", ["1️⃣": "KL", "2️⃣": "Realdania"])
    }

    @Test func headingIsItsOwnParagraph() throws {
        let source = try readSource("# Klimaalliancen sætter skub i den lokale klimahandling i landet\nKL og Realdania.\n", input: "markdown")
        let report = Fixtures.checker().check(source, path: "x.md", inputID: "markdown")
        let document = try #require(report.document)
        #expect(document.paragraphs.count == 2)
    }

    @Test func htmlCommentWaiversWork() {
        let text = """
            <!-- omtale-disable partner-mention: aftalt med sekretariatet -->
            Klimaalliancen med **KL** og Realdania.
            <!-- omtale-disable-next-line party-abbreviation: forklaret i faktaboksen -->
            Deltagere: RN.
            """
        let report = Fixtures.checker().check(data: Data(text.utf8), path: "x.md", inputID: "markdown")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map { "\($0.start.line):\($0.start.column) \($0.ruleID)" })")
        let unwaived = Fixtures.checker().check(data: Data("Klimaalliancen med KL.\nDeltagere: RN.\n".utf8), path: "x.md", inputID: "markdown")
        #expect(unwaived.diagnostics.contains { $0.ruleID == "partner-mention" })
        #expect(unwaived.diagnostics.contains { $0.ruleID == "party-abbreviation" && $0.start.line == 2 && $0.start.column == 12 })
    }

    @Test func markdownIsChosenByExtension() {
        #expect(InputRegistry.standard.plugin(forPath: "udkast.md", data: Data("# Klimaalliancen\n".utf8)).id == "markdown")
        #expect(InputRegistry.standard.plugin(forPath: "udkast.markdown", data: Data("Tekst\n".utf8)).id == "markdown")
    }

    @Test func pathologicalNestingIsBounded() throws {
        let deep = String(repeating: "[", count: 5_000) + "KL" + String(repeating: "](x)", count: 5_000) + "\n"
            + String(repeating: ">", count: 5_000) + " Realdania\n"
        let (elapsed, source) = try CPUBudget.measure { try readSource(deep, input: "markdown") }
        #expect(source.text.contains("Realdania"))
        #expect(elapsed < .seconds(2) * CPUBudget.slowdown)
    }
}
