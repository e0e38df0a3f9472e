import Foundation
import Testing
@testable import Omtale

/// Text extracted from the .docx fixtures by docx2txt, pandoc, LibreOffice and a Word-ANSI
/// simulation (fixtures/docx-text/): the same parties must be found as in the .docx itself,
/// except what the extractor dropped (fixtures/docx-text/ARTEFACTS.md), and every occurrence
/// must point at the right line and column of the extracted file.
@Suite("Docx-text input")
struct DocxTextInputTests {
    static let folder = TestPaths.fixture("docx-text")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".txt") && $0 != "VERSIONS.txt" }.sorted()
    }

    /// "15-soft-hyphen.pandoc-nowrap.txt" → ("15-soft-hyphen", "pandoc-nowrap").
    static func split(_ file: String) -> (fixture: String, extractor: String) {
        let base = (file as NSString).deletingPathExtension
        let dot = base.lastIndex(of: ".")!
        return (String(base[..<dot]), String(base[base.index(after: dot)...]))
    }

    /// Parties the extractor cannot give back, derived from where expected.yml says each party is named.
    static func lost(_ fixture: DocxInputTests.Fixture, fixtureName: String, extractor: String) -> Set<String> {
        var lost: Set<String> = []
        let dropsNotes = ["docx2txt", "libreoffice", "libreoffice-lang-c"].contains(extractor)
        let dropsTextBoxes = extractor.hasPrefix("pandoc") || extractor.hasPrefix("libreoffice")
        for (party, places) in fixture.mentions {
            let kept = places.filter { place in
                if place.hasPrefix("header") || place.hasPrefix("footer") { return false }  // no extractor keeps them
                if place == "footnote" || place == "endnote" { return !dropsNotes }
                if place == "textbox" { return !dropsTextBoxes }
                return true
            }
            if kept.isEmpty { lost.insert(party) }
        }
        // w:cr is dropped by docx2txt and pandoc, gluing "Syddanmarkog" (ARTEFACTS.md, "Other characters").
        if fixtureName.hasPrefix("16-") && (extractor == "docx2txt" || extractor.hasPrefix("pandoc")) { lost.insert("Region Syddanmark") }
        return lost
    }

    @Test func allSixExtractorsAreCovered() {
        #expect(Set(Self.files.map { Self.split($0).extractor })
                == ["docx2txt", "pandoc", "pandoc-nowrap", "libreoffice", "libreoffice-lang-c", "word-ansi"])
        #expect(Self.files.count >= 30)
    }

    @Test(arguments: files)
    func sameParties(_ file: String) throws {
        let (fixtureName, extractor) = Self.split(file)
        let docx = try #require(DocxInputTests.expectations.fixtures.first { $0.key.hasPrefix(fixtureName + ".") }?.value)
        let report = Fixtures.checker().check(fileAt: Self.folder.appendingPathComponent(file).path, inputID: "docx-text")
        #expect(report.error == nil)
        let found = Set(report.parties.filter(\.mentioned).map(\.name))
        let expected = Set(docx.mentioned).subtracting(Self.lost(docx, fixtureName: fixtureName, extractor: extractor))
        #expect(found == expected, "\(file): found \(found.sorted()), expected \(expected.sorted())")
        #expect(report.applies)
    }

    /// The extracted files and pandoc's simple and multiline tables, whose cells wrap a name over lines.
    static var locationFiles: [String] {
        files + ["pandoc-tables/30-simple-table.pandoc.txt", "pandoc-tables/30-simple-table.pandoc-nowrap.txt"]
    }

    /// Every occurrence points at where the whole name starts in the file the user has.
    @Test(arguments: locationFiles)
    func occurrencesPointIntoTheFile(_ file: String) throws {
        let url = Self.folder.appendingPathComponent(file)
        let report = Fixtures.checker().check(fileAt: url.path, inputID: "docx-text")
        let (decoded, _) = try TextDecoding.decode(try Data(contentsOf: url))
        let lines = decoded.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let parties = Fixtures.ruleset.parties + Fixtures.ruleset.knowledgePartners
        for party in report.parties {
            let definition = try #require(parties.first { $0.name == party.name })
            // The name itself, its other forms (»Kommunernes Landsforening«) and the place name of a list of regions.
            let names = [party.name] + definition.forms.map(\.text) + (definition.short.map { [$0] } ?? [])
            for occurrence in party.occurrences {
                let readings = Self.readings(lines.map(String.init), line: occurrence.line, column: occurrence.column,
                                             length: names.map(\.count).max()! + 1, docx2txt: Self.split(file).extractor == "docx2txt")
                let named = names.contains { name in readings.contains { Self.startsWithName($0, name) } }
                #expect(named, "\(file): \(party.name) at \(occurrence.line):\(occurrence.column) reads »\(readings.joined(separator: "« or »"))«")
            }
        }
    }

    /// The text from a line and column (in Unicode scalars) of an extracted file, as a reader sees it:
    /// soft hyphens removed (U+00AD, and docx2txt's »␠-␠« between two letters, ARTEFACTS.md: its en
    /// dashes have two spaces each side), every run of spaces and line breaks one space. A name may go on past the
    /// end of its line in two ways, and every reading is returned: a wrapped paragraph goes on where
    /// the next line's text starts; a table cell (a pandoc grid, simple or multiline table) goes on
    /// in the next lines at the column where the name or its cell starts, up to the cell's border
    /// (»|«), a gap of two spaces or the end of the column under the dash rule.
    static func readings(_ lines: [String], line: Int, column: Int, length: Int, docx2txt: Bool = false) -> [String] {
        func scalars(_ i: Int) -> [Unicode.Scalar] { i < lines.count ? Array(lines[i].unicodeScalars) : [] }
        func collapse(_ text: [Unicode.Scalar]) -> String {
            var text = text
            if docx2txt {
                var i = 1
                while i + 3 < text.count {
                    if text[i] == " ", text[i + 1] == "-", text[i + 2] == " ",
                       text[i - 1].properties.isAlphabetic, text[i + 3].properties.isAlphabetic {
                        text.removeSubrange(i...(i + 2))
                    } else {
                        i += 1
                    }
                }
            }
            var out = "", space = false
            for s in text where s != "\u{AD}" {
                if s.properties.isWhitespace { space = !out.isEmpty; continue }
                if space { out += " "; space = false }
                out.unicodeScalars.append(s)
            }
            return out
        }
        /// A cell's piece of a line: from `start` to a border, a gap of two spaces, or the end of its
        /// column under a simple table's dash rule.
        func cell(_ line: [Unicode.Scalar], from start: Int, to limit: Int) -> [Unicode.Scalar] {
            guard start < line.count else { return [] }
            var end = start
            while end < min(line.count, limit), line[end] != "|", !(line[end] == " " && end + 1 < line.count && line[end + 1] == " ") { end += 1 }
            return Array(line[start..<end])
        }
        let first = scalars(line - 1)
        let start = max(0, column - 1)
        // Where the cell begins on its first line: after a border or a gap of two spaces.
        var cellStart = start
        while cellStart > 0, first[cellStart - 1] != "|", !(first[cellStart - 1] == " " && cellStart >= 2 && first[cellStart - 2] == " ") {
            cellStart -= 1
        }
        // The end of the column, from the nearest dash rule above with gaps (»----- -----«), if any.
        var limit = Int.max
        for above in stride(from: line - 2, through: 0, by: -1) {
            let rule = scalars(above)
            guard !rule.isEmpty, rule.allSatisfy({ $0 == "-" || $0 == " " }), rule.contains("-") else { continue }
            if start < rule.count, rule[start] == "-" {
                var end = start
                while end < rule.count, rule[end] == "-" { end += 1 }
                if end < rule.count { limit = end }
            }
            break
        }
        // Wrapped paragraph: the rest of the line, then the following lines from their first letter.
        var paragraph = Array(first.dropFirst(start)), next = line
        while collapse(paragraph).count < length, next < lines.count {
            paragraph += [" "] + scalars(next).drop { $0.properties.isWhitespace }
            next += 1
        }
        // Table cell: the name's piece of this line, then the cell's piece of each line below it,
        // from the column where the name starts and from the column where the cell starts.
        var readings = [collapse(paragraph)]
        for continuation in Set([start, cellStart]) {
            var cellText = cell(first, from: start, to: limit), below = line
            while collapse(cellText).count < length, below < lines.count {
                let piece = cell(scalars(below), from: continuation, to: limit)
                if collapse(piece).isEmpty { break }
                cellText += [" "] + piece
                below += 1
            }
            readings.append(collapse(cellText))
        }
        return readings
    }

    /// `text` begins with the whole `name` (case aside: headings may be in capitals; an ending such as
    /// the genitive's »s« may follow).
    static func startsWithName(_ text: String, _ name: String) -> Bool {
        text.lowercased().hasPrefix(name.lowercased())
    }

    @Test func pandocGridTableCellsAreRebuilt() throws {
        let url = Self.folder.appendingPathComponent("04-parties-in-table-cells.pandoc.txt")
        let source = try DocxTextInput().read(try Data(contentsOf: url), path: url.path)
        let paragraphs = source.text.split(separator: "\n").map(String.init)
        #expect(paragraphs.contains("Samarbejder med Region Sjælland om kystbeskyttelse."))
        #expect(paragraphs.contains("Koordinerer kommunernes indsats og driver sekretariatet."))
        // The nested simple table: its two columns, each read down.
        #expect(paragraphs.contains("Region Hovedstaden"))
        #expect(paragraphs.contains("Vært for årsmødet"))
        #expect(!source.text.contains("|") && !source.text.contains("+---"))
        let report = Fixtures.checker().check(fileAt: url.path, inputID: "docx-text")
        let hovedstaden = try #require(report.parties.first { $0.name == "Region Hovedstaden" }?.occurrences.first)
        #expect(hovedstaden.line == 29 && hovedstaden.column == 5)
    }

    /// pandoc's simple and multiline tables (issue 18): a cell's wrapped lines are one paragraph, read
    /// down its column, so "Region" over "Nordjylland" is Region Nordjylland, at its place in the file.
    @Test(arguments: ["30-simple-table.pandoc.txt", "30-simple-table.pandoc-nowrap.txt"])
    func pandocSimpleTablesAreReadCellByCell(_ file: String) throws {
        let url = Self.folder.appendingPathComponent("pandoc-tables/\(file)")
        let source = try DocxTextInput().read(try Data(contentsOf: url), path: url.path)
        let paragraphs = source.text.split(separator: "\n").map(String.init)
        for cell in ["KL og Region Nordjylland", "Region Midtjylland, Region Syddanmark og Region Sjælland", "Region Hovedstaden og Realdania",
                     "Koordinerer kommunernes og regionens indsats", "Transport og klimatilpasning", "Medfinansierer alliancen", "Område"] {
            #expect(paragraphs.contains(cell), "\(file): no paragraph »\(cell)« in \(paragraphs)")
        }
        #expect(!source.text.contains("---"))
        // Recognised as extracted text without being told.
        let report = Fixtures.checker().check(fileAt: url.path)
        #expect(report.input == "docx-text")
        #expect(report.parties.filter { !$0.mentioned }.map(\.name) == [])
        let nordjylland = try #require(report.parties.first { $0.name == "Region Nordjylland" }?.occurrences.first)
        #expect(nordjylland.line == (file.contains("nowrap") ? 6 : 7) && nordjylland.column == 9)
        #expect(nordjylland.text == "Region Nordjylland")
    }

    @Test func pandocWrapsNotesAndAltText() throws {
        let marked = MarkedText("""
            KL, Region Nordjylland, Region Midtjylland, Region Syddanmark og 1️⃣Region
            Hovedstaden lancerer i dag Klimaalliancen. Sekretariatet placeres hos en
            af regionerne[1], og alliancen medfinansieres af en privat fond[2].

            [Foto: Region Sjælland ved underskrivelsen]

            [1] Sekretariatet er forankret i 2️⃣Region Sjælland, som stiller lokaler
            til rådighed.

            [2] 3️⃣Realdania bidrager med i alt 20 mio. kr.

            """)
        let source = try DocxTextInput().read(Data(marked.text.utf8), path: "x.txt")
        #expect(source.text.contains("Region Hovedstaden lancerer"))
        #expect(source.text.contains("af regionerne, og alliancen medfinansieres af en privat fond."))
        #expect(source.text.contains("\nSekretariatet er forankret"))
        #expect(!source.text.contains("Foto"))
        #expect(source.images.map(\.altText) == ["Foto: Region Sjælland ved underskrivelsen"])
        let report = Fixtures.checker().check(data: Data(marked.text.utf8), path: "x.txt", inputID: "docx-text")
        let place = { (name: String) in report.parties.first { $0.name == name }?.occurrences.first.map { Location(line: $0.line, column: $0.column) } }
        #expect(place("Region Hovedstaden") == marked.locations["1️⃣"])
        #expect(place("Region Sjælland") == marked.locations["2️⃣"])
        #expect(place("Realdania") == marked.locations["3️⃣"])
    }

    @Test func docx2txtSoftHyphensAndGlue() throws {
        let marked = MarkedText("""
            Klimaal - liancen samler KL, 1️⃣Real - dania og Region Syd - danmark.De nye planer.
            Parterne:PartRolleKLKoordinerer indsatsen.Region HovedstadenVært for årsmødet
            """)
        let source = try DocxTextInput().read(Data(marked.text.utf8), path: "x.txt")
        #expect(source.text.contains("Klimaalliancen samler KL, Realdania og Region Syddanmark. De nye planer."))
        #expect(source.text.contains("KL Koordinerer"))
        #expect(source.text.contains("Region Hovedstaden Vært"))
        let report = Fixtures.checker().check(data: Data(marked.text.utf8), path: "x.txt", inputID: "docx-text")
        let realdania = try #require(report.parties.first { $0.name == "Realdania" }?.occurrences.first)
        #expect(Location(line: realdania.line, column: realdania.column) == marked.locations["1️⃣"])
    }

    @Test func libreOfficeNoteNumbersAreUnglued() throws {
        let source = try DocxTextInput().read(Data("Sekretariatet ligger hos en af regionerne1, og en fond2 betaler. CO2 og DK2020 bliver.\n".utf8), path: "x.txt")
        #expect(source.text == "Sekretariatet ligger hos en af regionerne, og en fond betaler. CO2 og DK2020 bliver.\n")
    }

    @Test func wordAnsiIsDecoded() throws {
        let url = Self.folder.appendingPathComponent("15-soft-hyphen.word-ansi.txt")
        let report = Fixtures.checker().check(fileAt: url.path, inputID: "docx-text")
        #expect(report.parties.allSatisfy { $0.mentioned })
        let sjaelland = try #require(report.parties.first { $0.name == "Region Sjælland" }?.occurrences.first)
        #expect(sjaelland.line == 2)
    }

    // MARK: - Auto-detection

    @Test func clearlyExtractedTextIsRecognised() throws {
        for file in ["04-parties-in-table-cells.pandoc.txt", "04-parties-in-table-cells.pandoc-nowrap.txt",
                     "08-footnotes-endnotes-libreoffice.pandoc.txt", "04-parties-in-table-cells.docx2txt.txt",
                     "15-soft-hyphen.docx2txt.txt", "27-long-release-lists-textbox-libreoffice.docx2txt.txt"] {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(file))
            #expect(InputRegistry.standard.plugin(forPath: file, data: data).id == "docx-text", "\(file)")
        }
    }

    @Test func plainTextStaysPlain() throws {
        let press = TestPaths.fixture("press")
        for file in try FileManager.default.contentsOfDirectory(atPath: press.path) where file.hasSuffix(".txt") {
            let data = try Data(contentsOf: press.appendingPathComponent(file))
            #expect(InputRegistry.standard.plugin(forPath: file, data: data).id == "text", "\(file)")
        }
        // Extracted text without a clear fingerprint is read as the plain text it is.
        for file in ["15-soft-hyphen.libreoffice.txt", "08-footnotes-endnotes-libreoffice.word-ansi.txt"] {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(file))
            #expect(InputRegistry.standard.plugin(forPath: file, data: data).id == "text", "\(file)")
        }
        let dash = "Alliancen - som blev stiftet i 2024 - arbejder med klima - og energi.\n"
        #expect(InputRegistry.standard.plugin(forPath: "a.txt", data: Data(dash.utf8)).id == "text")
    }
}

@Suite("docx-text detection leaves hand-written text alone")
struct DocxTextDetectionTests {
    /// Every text written by hand for the rule fixtures is plain text, even with camel-cased brand
    /// names ("GrønStrøm ApS", "KlimaTavlen") that look like docx2txt's glued words.
    @Test func handWrittenFixturesAreNotTakenForExtractedText() throws {
        for folder in ["press", "commercial", "spokesperson"] {
            let url = TestPaths.fixture(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name.hasSuffix(".txt") {
                let data = try Data(contentsOf: url.appendingPathComponent(name))
                #expect(InputRegistry.standard.plugin(forPath: name, data: data).id == "text", "\(folder)/\(name)")
            }
        }
    }
}
