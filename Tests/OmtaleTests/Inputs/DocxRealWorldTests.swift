import Foundation
import Testing
import ZIPFoundation
@testable import Omtale

/// What real-world packages do that Word itself does not (issue 18, "Files"): each case was a
/// silent pass or a wrongful refusal before, and is built here by hand so that the test needs no
/// third-party file.
@Suite("Docx input: real-world packages")
struct DocxRealWorldTests {
    static let wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let rels = """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="TARGET"/></Relationships>
        """

    static func text(_ data: Data) throws -> String { try DocxInput().read(data, path: "x.docx").text }

    static func refusal(_ data: Data, path: String = "x.docx") -> InputError? {
        Fixtures.checker().check(data: data, path: path).error
    }

    @Test func defaultNamespaceWordprocessingMLIsRead() throws {
        let xml = "<?xml version=\"1.0\"?><document xmlns=\"\(Self.wNS)\"><body><p><r><t>Klimaalliancen og KL</t></r></p></body></document>"
        let data = try DocxInputTests.package(["word/document.xml": xml])
        #expect(try Self.text(data) == "Klimaalliancen og KL")
    }

    @Test func packageWithoutAWordMainPartIsRefused() throws {
        let data = try DocxInputTests.package([
            "_rels/.rels": Self.rels.replacingOccurrences(of: "TARGET", with: "theme/theme/themeManager.xml"),
            "theme/theme/themeManager.xml": "<?xml version=\"1.0\"?><a:themeManager xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"/>",
        ])
        let error = Self.refusal(data)
        #expect(error?.kind == .missingPart)
        #expect(error?.message.da == "filen er en Office-pakke, men ikke et Word-dokument: hoveddelen theme/theme/themeManager.xml er ikke et w:document (rodelement »themeManager«). Gem dokumentet som .docx i Word")
        #expect(error?.message.en == "the file is an Office package but not a Word document: the main part theme/theme/themeManager.xml is not a w:document (root element 'themeManager'). Save the document as .docx in Word")
    }

    /// The `no-text` finding of a file, if any: (severity, Danish message).
    static func noText(_ data: Data, path: String) -> (Severity, String)? {
        let report = Fixtures.checker().check(data: data, path: path)
        return report.diagnostics.first { $0.ruleID == NoText.ruleID }.map { ($0.severity, $0.message(.da)) }
    }

    @Test func emptyFilesOfEveryFormatGetTheSameFinding() {
        for path in ["tom.txt", "tom.docx", "tom.md", "tom.html"] {
            let finding = Self.noText(Data(), path: path)
            #expect(finding?.0 == .warning, "\(path)")
            #expect(finding?.1 == "filen er tom (0 bytes); der er ingen tekst at tjekke. Tjek, at det er den rigtige fil, og at teksten er gemt i den", "\(path)")
        }
    }

    @Test func filesWithoutTextGetAFindingNotACleanCheck() throws {
        #expect(Self.noText(Data(" \n\t\n".utf8), path: "blank.txt")?.1 == "filen indeholder ingen tekst at tjekke (kun mellemrum og linjeskift). Tjek, at det er den rigtige fil, og at teksten er gemt i den")
        let emptyDocument = try DocxInputTests.package(["word/document.xml": DocxInputTests.document("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>")])
        #expect(Self.noText(emptyDocument, path: "x.docx")?.1 == "dokumentet indeholder ingen tekst at tjekke (hverken brødtekst, tabeller, sidehoveder eller noter). Tjek, at det er den rigtige fil, og at teksten er gemt i den")
        #expect(Self.noText(Data("Klimaalliancen".utf8), path: "tekst.txt") == nil)
    }

    /// The no-text finding is a finding like any other, so every format shows it without code of its own.
    @Test(arguments: ReporterRegistry.ids)
    func everyFormatShowsAFileWithoutText(_ format: String) throws {
        let report = Fixtures.checker().check(data: Data("\n\n".utf8), path: "blank.txt")
        let reporter = try #require(ReporterRegistry.reporter(format))
        let output = reporter.render([report], options: ReportOptions(toolVersion: "test", ruleset: Fixtures.ruleset, workingDirectory: "/"))
        #expect(output.contains("blank.txt"), "\(format): \(output)")
        #expect(output.contains("ingen tekst at tjekke"), "\(format): \(output)")
        #expect(output.contains(NoText.ruleID), "\(format): \(output)")
    }

    @Test func utf16PartsAreRead() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><w:document xmlns:w=\"\(Self.wNS)\"><w:body><w:p><w:r><w:t>Æblet fra KL</w:t></w:r></w:p></w:body></w:document>"
        for (bom, encoding) in [([UInt8]([0xFF, 0xFE]), String.Encoding.utf16LittleEndian), ([0xFE, 0xFF], .utf16BigEndian)] {
            let data = try zip(["word/document.xml": Data(bom) + xml.data(using: encoding)!])
            #expect(try Self.text(data) == "Æblet fra KL")
        }
    }

    @Test func partsDeclaringAnEncodingOmtaleDoesNotReadAreRefused() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-7\"?><w:document xmlns:w=\"\(Self.wNS)\"><w:body><w:p><w:r><w:t>KL</w:t></w:r></w:p></w:body></w:document>"
        let error = Self.refusal(try DocxInputTests.package(["word/document.xml": xml]))
        #expect(error?.kind == .unsafeXML)
        #expect(error?.message.da == "delen word/document.xml angiver tegnsættet »UTF-7«, som Omtale ikke læser (Word skriver UTF-8); filen afvises. Åbn den i Word, og gem den igen")
    }

    @Test func percentEncodedPartNamesAreFound() throws {
        let xml = DocxInputTests.document("<w:p><w:r><w:t>Region Nordjylland</w:t></w:r></w:p>")
        let data = try DocxInputTests.package([
            "_rels/.rels": Self.rels.replacingOccurrences(of: "TARGET", with: "word/my%20document.xml"),
            "word/my%20document.xml": xml,
        ])
        #expect(try Self.text(data) == "Region Nordjylland")
    }

    @Test func forcedZip64ArchivesAreRead() throws {
        let xml = DocxInputTests.document("<w:p><w:r><w:t>Klimaalliancen</w:t></w:r></w:p>")
        let data = Self.zip64(["word/document.xml": Data(xml.utf8)])
        #expect(try Self.text(data) == "Klimaalliancen")
    }

    /// A blank form table compresses far beyond the ratio limit while being small and harmless.
    @Test func smallPartsThatCompressVeryWellAreRead() throws {
        let row = "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"
        let body = "<w:p><w:r><w:t>Skema</w:t></w:r></w:p><w:tbl>" + String(repeating: row, count: 16_000) + "</w:tbl>"
        let data = try DocxInputTests.package(["word/document.xml": DocxInputTests.document(body)])
        #expect(data.count * SafeZip.Limits().maxRatio < body.utf8.count, "the test needs a part over the ratio limit")
        #expect(body.utf8.count < SafeZip.Limits().ratioFloor)
        #expect(try Self.text(data).hasPrefix("Skema"))
    }

    /// A large file whose size is a photo: only what is inflated is bounded, not the file.
    @Test func largeFilesWhoseSizeIsPhotosAreRead() throws {
        let photo = Data(count: 70 * 1024 * 1024)  // stored, as a JPEG is: never inflated, so its bytes do not matter
        let xml = DocxInputTests.document("<w:p><w:r><w:t>Klimaalliancen</w:t></w:r></w:p>")
        let data = try zip(["word/document.xml": Data(xml.utf8), "word/media/image1.jpeg": photo], stored: true)
        #expect(data.count > 70 * 1024 * 1024)
        let report = Fixtures.checker().check(data: data, path: "foto.docx")
        #expect(report.error == nil, "\(report.error?.message.da ?? "")")
    }

    @Test func officeMathIsRead() throws {
        let m = "xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\""
        let body = "<w:p><w:r><w:t>Udledning: </w:t></w:r><m:oMath \(m)><m:r><m:t>CO2</m:t></m:r><m:r><m:t>=42</m:t></m:r></m:oMath></w:p>"
        let data = try DocxInputTests.package(["word/document.xml": DocxInputTests.document(body)])
        #expect(try Self.text(data) == "Udledning: CO2=42")
    }

    @Test func symbolFontCharactersBecomeTheirUnicodeLetters() throws {
        let body = "<w:p><w:r><w:sym w:font=\"Symbol\" w:char=\"F061\"/><w:sym w:font=\"Symbol\" w:char=\"00B3\"/><w:sym w:font=\"Wingdings\" w:char=\"F04A\"/></w:r></w:p>"
        let data = try DocxInputTests.package(["word/document.xml": DocxInputTests.document(body)])
        #expect(try Self.text(data) == "α≥\u{F04A}")
    }

    // MARK: - Packages ZIPFoundation does not write

    static func crc32(_ data: Data) -> UInt32 { data.crc32(checksum: 0) }

    /// A package with the given parts, deflated (or stored), through ZIPFoundation.
    func zip(_ parts: [String: Data], stored: Bool = false) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, bytes) in parts.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: stored ? .none : .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    /// What `zip -fz` writes: stored entries whose sizes and offsets are all in ZIP64 extra fields,
    /// a ZIP64 end record and locator, and an end record with every field saturated.
    static func zip64(_ parts: [String: Data]) -> Data {
        var out = [UInt8](), directory = [UInt8]()
        func le(_ value: UInt64, _ bytes: Int, into buffer: inout [UInt8]) { for k in 0..<bytes { buffer.append(UInt8((value >> (8 * UInt64(k))) & 0xFF)) } }
        var count: UInt64 = 0
        for (name, data) in parts.sorted(by: { $0.key < $1.key }) {
            let offset = UInt64(out.count), crc = UInt64(crc32(data)), size = UInt64(data.count), nameBytes = Array(name.utf8)
            le(0x0403_4B50, 4, into: &out); le(45, 2, into: &out); le(0, 2, into: &out); le(0, 2, into: &out); le(0, 4, into: &out)
            le(crc, 4, into: &out); le(0xFFFF_FFFF, 4, into: &out); le(0xFFFF_FFFF, 4, into: &out)
            le(UInt64(nameBytes.count), 2, into: &out); le(20, 2, into: &out); out += nameBytes
            le(1, 2, into: &out); le(16, 2, into: &out); le(size, 8, into: &out); le(size, 8, into: &out)
            out += data
            le(0x0201_4B50, 4, into: &directory); le(45, 2, into: &directory); le(45, 2, into: &directory); le(0, 2, into: &directory)
            le(0, 2, into: &directory); le(0, 4, into: &directory); le(crc, 4, into: &directory)
            le(0xFFFF_FFFF, 4, into: &directory); le(0xFFFF_FFFF, 4, into: &directory); le(UInt64(nameBytes.count), 2, into: &directory)
            le(28, 2, into: &directory); le(0, 2, into: &directory); le(0, 2, into: &directory); le(0, 2, into: &directory); le(0, 4, into: &directory)
            le(0xFFFF_FFFF, 4, into: &directory); directory += nameBytes
            le(1, 2, into: &directory); le(24, 2, into: &directory); le(size, 8, into: &directory); le(size, 8, into: &directory); le(offset, 8, into: &directory)
            count += 1
        }
        let directoryOffset = UInt64(out.count), directorySize = UInt64(directory.count)
        out += directory
        let record = UInt64(out.count)
        le(0x0606_4B50, 4, into: &out); le(44, 8, into: &out); le(45, 2, into: &out); le(45, 2, into: &out); le(0, 4, into: &out); le(0, 4, into: &out)
        le(count, 8, into: &out); le(count, 8, into: &out); le(directorySize, 8, into: &out); le(directoryOffset, 8, into: &out)
        le(0x0706_4B50, 4, into: &out); le(0, 4, into: &out); le(record, 8, into: &out); le(1, 4, into: &out)
        le(0x0605_4B50, 4, into: &out); le(0, 2, into: &out); le(0, 2, into: &out); le(0xFFFF, 2, into: &out); le(0xFFFF, 2, into: &out)
        le(0xFFFF_FFFF, 4, into: &out); le(0xFFFF_FFFF, 4, into: &out); le(0, 2, into: &out)
        return Data(out)
    }
}
