import Foundation
import Testing
import Yams
import ZIPFoundation
@testable import Omtale

/// The .docx fixtures against fixtures/docx/expected.yml (hand-written ground truth), and the
/// hostile packages: each refused with the right kind of error, quickly and with bounded memory.
@Suite("Docx input")
struct DocxInputTests {
    struct Expectations: Decodable {
        var parties: [String]
        var fixtures: [String: Fixture]
        var hostile: [String: Hostile]
    }

    struct Fixture: Decodable {
        struct Image: Decodable {
            struct DocPr: Decodable { var name: String?; var title: String?; var descr: String? }
            var kind: String
            var docPr: DocPr?
            var alt: String?
            var title: String?
        }
        struct CommentExpectation: Decodable {
            struct Waiver: Decodable { var rule: String; var reason: String }
            var author: String
            var text: String
            var anchored_text: String
            var waiver: Waiver?
        }
        var mentioned: [String]
        var not_mentioned: [String: String]
        var mentions: [String: [String]]
        var klimaalliancen_named: Bool
        var must_contain: [String]?
        var must_not_contain: [String]?
        var occurrences: [String: Int]?
        var images: [Image]
        var comments: [CommentExpectation]
    }

    struct Hostile: Decodable { var problem: String }

    static let expectations: Expectations = {
        let text = try! String(contentsOf: TestPaths.fixture("docx/expected.yml"), encoding: .utf8)
        return try! YAMLDecoder().decode(Expectations.self, from: text)
    }()

    static var fixtureNames: [String] { expectations.fixtures.keys.sorted() }
    static var hostileNames: [String] { expectations.hostile.keys.sorted() }

    /// The published text with expected.yml's normalisation: soft hyphens removed, non-breaking
    /// hyphens as "-", symbol-font characters dropped, every run of white space one space.
    static func published(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            if scalar == "\u{AD}" || (0xE000...0xF8FF).contains(scalar.value) { continue }
            if scalar.properties.isWhitespace {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
                continue
            }
            out.append(scalar == "\u{2011}" ? "-" : scalar)
            lastWasSpace = false
        }
        return String(out)
    }

    /// expected.yml's name for where an occurrence is: body, table, textbox, header:first, footnote…
    static func place(of occurrence: PartyCoverage.Occurrence, in source: SourceText) -> String {
        let part = occurrence.part ?? "body"
        switch part {
        case "footnotes": return "footnote"
        case "endnotes": return "endnote"
        case "body":
            guard let line = source.lines.lines.first(where: { $0.part == part && $0.number == occurrence.line }) else { return "?" }
            let offset = line.start + occurrence.column - 1
            let block = source.blocks.first { $0.range.contains(offset) }
            switch block?.kind {
            case .tableCell: return "table"
            case .textBox: return "textbox"
            default: return "body"
            }
        default:
            // header-first → header:first; header-default-2 → header:default
            let pieces = part.split(separator: "-")
            return pieces.count >= 2 ? "\(pieces[0]):\(pieces[1])" : part
        }
    }

    @Test func everyFixtureHasAnExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.fixture("docx").path)
            .filter { ["docx", "docm", "dotx"].contains(($0 as NSString).pathExtension) }
        #expect(Set(files) == Set(Self.fixtureNames))
        #expect(Self.fixtureNames.count >= 28)
    }

    @Test(arguments: fixtureNames)
    func fixtureMatchesItsExpectation(_ name: String) throws {
        let expected = try #require(Self.expectations.fixtures[name])
        let report = Fixtures.checker().check(fileAt: TestPaths.fixture("docx/\(name)").path)
        #expect(report.error == nil, "\(name): \(report.error?.description ?? "")")
        #expect(report.input == "docx")
        let document = try #require(report.document)
        let source = document.source
        #expect(report.applies == expected.klimaalliancen_named)

        // Which parties are named, and which are not (deleted, hidden, comment-only … all count as missing).
        let mentioned = Set(report.parties.filter(\.mentioned).map(\.name))
        #expect(mentioned == Set(expected.mentioned), "\(name): mentioned")
        let missing = Set(report.parties.filter { !$0.mentioned }.map(\.name))
        #expect(missing == Set(expected.not_mentioned.keys), "\(name): not mentioned")
        // One finding lists every missing party in its first sentence (issue 14).
        let reported = Set(report.diagnostics.filter { $0.ruleID == "partner-mention" }.flatMap { d in
            let first = d.message(.da).components(separatedBy: ". ").first ?? ""
            return Self.expectations.parties.filter { first.contains($0) }
        })
        if expected.comments.allSatisfy({ $0.waiver == nil }) {
            #expect(reported == Set(expected.not_mentioned.keys), "\(name): partner-mention errors")
        }

        // Where each party is named.
        for party in report.parties where party.mentioned {
            let places = Set(party.occurrences.map { Self.place(of: $0, in: source) })
            #expect(places == Set(expected.mentions[party.name] ?? []), "\(name): \(party.name) named in \(places.sorted())")
        }

        let text = Self.published(source.text)
        for phrase in expected.must_contain ?? [] {
            #expect(text.contains(Self.published(phrase)), "\(name): missing »\(phrase)« in »\(text)«")
        }
        for phrase in expected.must_not_contain ?? [] {
            #expect(!text.contains(phrase), "\(name): must not contain »\(phrase)«")
        }
        for (phrase, count) in expected.occurrences ?? [:] {
            #expect(text.components(separatedBy: phrase).count - 1 == count, "\(name): »\(phrase)« should occur \(count) time(s)")
        }

        // Images with their alt text, in document order.
        #expect(source.images.count == expected.images.count, "\(name): images \(source.images)")
        for (image, want) in zip(source.images, expected.images) {
            if let docPr = want.docPr {
                #expect(image.name == docPr.name)
                #expect(image.title == docPr.title)
                #expect(image.altText == docPr.descr)
            } else {
                #expect(image.altText == want.alt)
                #expect(image.title == want.title)
            }
            #expect(image.anchor >= 0 && image.anchor <= source.text.unicodeScalars.count)
        }

        // Comments: kept out of the text, with the range they cover.
        #expect(source.comments.count == expected.comments.count, "\(name): comments")
        let scalars = Array(source.text.unicodeScalars)
        for (comment, want) in zip(source.comments, expected.comments) {
            #expect(comment.author == want.author)
            #expect(comment.text == want.text)
            let anchored = String(String.UnicodeScalarView(scalars[comment.range.clamped(to: 0..<scalars.count)]))
            #expect(Self.published(anchored) == want.anchored_text)
            if let waiver = want.waiver {
                let found = Waivers.find(in: document).filter { if case .commentRange = $0.scope { return true } else { return false } }
                #expect(found.map(\.rules) == [[waiver.rule]])
                #expect(found.first?.reason == waiver.reason)
            }
        }
    }

    @Test func locationsNamePartAndParagraph() throws {
        let report = Fixtures.checker().check(fileAt: TestPaths.fixture("docx/05-headers-footers-default-first-even.docx").path)
        let realdania = try #require(report.parties.first { $0.name == "Realdania" }?.occurrences.first)
        #expect(realdania.part == "footer-even")
        #expect(realdania.line == 1 && realdania.column == 1)
        let midt = try #require(report.parties.first { $0.name == "Region Midtjylland" }?.occurrences.first)
        #expect(midt.part == "header-default")
        #expect(midt.column == "Klimaalliancen – ".unicodeScalars.count + 1)
        // Parts in 25 are numbered differently by LibreOffice (header1 is the even header); the names follow the type.
        let lo = Fixtures.checker().check(fileAt: TestPaths.fixture("docx/25-headers-footers-libreoffice.docx").path)
        #expect(lo.parties.first { $0.name == "Region Syddanmark" }?.occurrences.first?.part == "header-even")
    }

    @Test func jsonCarriesThePart() throws {
        let report = Fixtures.checker().check(fileAt: TestPaths.fixture("docx/09-tracked-changes-ins-del.docx").path)
        let json = JSONReporter().render([report], options: ReportOptions(language: .da, color: false))
        #expect(json.contains("\"part\" : \"body\""))
    }

    @Test func docxIsRecognisedByContentWhateverItsName() throws {
        let data = try Data(contentsOf: TestPaths.fixture("docx/01-all-parties-body.docx"))
        #expect(InputRegistry.standard.plugin(forPath: "pressemeddelelse.txt", data: data).id == "docx")
        #expect(InputRegistry.standard.plugin(forPath: "udkast", data: data).id == "docx")
        let report = Fixtures.checker().check(data: data, path: "udkast.bin", inputID: "docx")
        #expect(report.error == nil && report.parties.allSatisfy(\.mentioned))
    }

    // MARK: - Hostile files

    static func kind(for problem: String) -> InputError.Kind {
        switch problem {
        case "not-zip": return .notZip
        case "truncated": return .truncated
        case "missing-document": return .missingPart
        case "ole": return .encrypted
        case "bomb": return .bomb
        case "entity": return .unsafeXML
        default: return .malformed
        }
    }

    @Test(arguments: hostileNames)
    func hostileFileIsRefusedSafely(_ name: String) throws {
        let expected = try #require(Self.expectations.hostile[name])
        let path = TestPaths.fixture("docx/\(name)").path
        let (elapsed, report) = CPUBudget.measure { Fixtures.checker().check(fileAt: path) }
        let error = try #require(report.error, "\(name) was read")
        #expect(error.kind == Self.kind(for: expected.problem), "\(name): \(error.kind) \(error.message.da)")
        #expect(report.parties.isEmpty)
        #expect(!error.message.da.isEmpty && !error.message.en.isEmpty)
        #expect(elapsed < .seconds(1) * CPUBudget.slowdown, "\(name) took \(elapsed)")
    }

    /// The bombs with their declared sizes rewritten to a harmless 1,000 bytes: the limits must
    /// still hold, because they are enforced on the bytes the inflater produces.
    @Test(arguments: ["zip-bomb.docx", "zip-bomb-high-ratio.docx"])
    func lyingSizesAreNotTrusted(_ name: String) throws {
        var bytes = [UInt8](try Data(contentsOf: TestPaths.fixture("docx/hostile/\(name)")))
        func put(_ value: UInt32, at i: Int) { for k in 0..<4 { bytes[i + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) } }
        var i = 0
        while i + 30 < bytes.count {
            if bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x03 && bytes[i + 3] == 0x04 { put(1000, at: i + 22) }
            if bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02 { put(1000, at: i + 24) }
            i += 1
        }
        var thrown: InputError?
        let (elapsed, _) = CPUBudget.measure {
            do { _ = try DocxInput().read(Data(bytes), path: name) } catch { thrown = error as? InputError }
        }
        #expect(thrown?.kind == .bomb, "\(String(describing: thrown))")
        #expect(thrown?.message.da.contains("delen word/document.xml pakker sig ud til over") == true, "\(thrown?.message.da ?? "")")
        #expect(elapsed < .seconds(1) * CPUBudget.slowdown)
    }

    /// Runs the real binary on every hostile file and reads the child's peak memory from wait4.
    @Test func hostileFilesStayWithinTimeAndMemory() throws {
        let binary = try #require(CLI.binary)
        for name in Self.hostileNames {
            let path = TestPaths.fixture("docx/\(name)").path
            let start = ContinuousClock.now
            let (status, peakKB) = try Self.runMeasured(binary.path, ["check", "--format", "json", path])
            let elapsed = ContinuousClock.now - start
            #expect(status == 2, "\(name): exit \(status)")
            // Under a sanitizer the shadow memory alone is hundreds of MB: the bound means nothing there.
            if ProcessInfo.processInfo.environment["OMTALE_SANITIZER"] == nil {
                #expect(peakKB < 200 * 1024, "\(name): peak RSS \(peakKB) KB")
            }
            #expect(elapsed < .seconds(2) * CPUBudget.slowdown, "\(name): \(elapsed) including process start")
        }
    }

    /// Exit status and the child's own peak resident set size in KB, through a small python3 that
    /// spawns the binary and reads wait4. Linux records the peak of the memory image an exec replaces,
    /// so a child spawned straight from this test process (hundreds of MB, sharing its memory until
    /// exec) would report the test process's peak instead of its own.
    static func runMeasured(_ executable: String, _ arguments: [String]) throws -> (Int32, Int) {
        let script = """
            import os, sys
            null = [(os.POSIX_SPAWN_OPEN, fd, "/dev/null", os.O_WRONLY, 0) for fd in (1, 2)]
            pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=null)
            _, status, usage = os.wait4(pid, 0)
            print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
            """
        let result = try ExternalTools.run(["python3", "-c", script, executable] + arguments)
        let fields = result.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard result.status == 0, fields.count == 2 else { throw TestFailure("measuring \(executable) failed: \(result.stderr)") }
        return (Int32(fields[0]), fields[1])
    }

    // MARK: - Hand-made packages for what the fixtures do not cover

    static func package(_ parts: [String: String]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, content) in parts.sorted(by: { $0.key < $1.key }) {
            let bytes = Data(content.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    static let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

    static func document(_ body: String) -> String {
        "<?xml version=\"1.0\"?><w:document \(w)><w:body>\(body)</w:body></w:document>"
    }

    @Test func deepNestingIsRefused() throws {
        let deep = String(repeating: "<w:sdt><w:sdtContent>", count: 400) + String(repeating: "</w:sdtContent></w:sdt>", count: 400)
        let data = try Self.package(["word/document.xml": Self.document(deep)])
        #expect(throws: InputError.self) { try DocxInput().read(data, path: "dyb.docx") }
    }

    @Test func sizeLimitsAreEnforcedWhileInflating() throws {
        var limits = SafeZip.Limits()
        limits.maxPartBytes = 64 * 1024
        let data = try Data(contentsOf: TestPaths.fixture("docx/05-headers-footers-default-first-even.docx"))
        // styles.xml (349 KB, compresses like text) is over the lowered limit: too large, not a bomb.
        #expect { try DocxInput(limits: limits).read(data, path: "x.docx") } throws: { ($0 as? InputError)?.kind == .tooLarge }
        // Text that compresses like prose (not a bomb) but is over the text limit.
        var generator = SystemRandomNumberGenerator()
        let words = ["Klimaalliancen", "KL", "energi", "klima", "projekt", "kommune", "region", "borger"]
        var text = ""
        while text.utf8.count <= DocxInput.maxTextScalars {
            text += words.randomElement(using: &generator)! + String(Int.random(in: 0..<1_000_000, using: &generator)) + " "
        }
        let big = try Self.package(["word/document.xml": Self.document("<w:p><w:r><w:t>\(text)</w:t></w:r></w:p>")])
        #expect { try DocxInput().read(big, path: "x.docx") } throws: { ($0 as? InputError)?.kind == .tooLarge }
    }

    @Test func firstAndEvenHeadersCountOnlyWhenWordPrintsThem() throws {
        let r = "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
        func body(titlePage: Bool) -> String {
            Self.document("<w:p><w:r><w:t>Klimaalliancen</w:t></w:r></w:p><w:sectPr \(r)>"
                + "<w:headerReference w:type=\"default\" r:id=\"rId1\"/><w:headerReference w:type=\"first\" r:id=\"rId2\"/>"
                + "<w:footerReference w:type=\"even\" r:id=\"rId3\"/>\(titlePage ? "<w:titlePg/>" : "")</w:sectPr>")
        }
        let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(type)header\" Target=\"a.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"\(type)header\" Target=\"b.xml\"/>"
            + "<Relationship Id=\"rId3\" Type=\"\(type)footer\" Target=\"c.xml\"/>"
            + "<Relationship Id=\"rId4\" Type=\"\(type)settings\" Target=\"settings.xml\"/></Relationships>"
        func part(_ text: String, _ root: String) -> String { "<w:\(root) \(Self.w)><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:\(root)>" }
        func parts(titlePage: Bool, evenAndOdd: Bool) throws -> [String] {
            let settings = "<w:settings \(Self.w)>\(evenAndOdd ? "<w:evenAndOddHeaders/>" : "")</w:settings>"
            let data = try Self.package(["word/document.xml": body(titlePage: titlePage), "word/_rels/document.xml.rels": rels,
                                         "word/a.xml": part("KL", "hdr"), "word/b.xml": part("Realdania", "hdr"),
                                         "word/c.xml": part("Region Sjælland", "ftr"), "word/settings.xml": settings])
            let source = try DocxInput().read(data, path: "x.docx")
            return Array(Set(source.lines.lines.compactMap(\.part))).sorted()
        }
        #expect(try parts(titlePage: false, evenAndOdd: false) == ["body", "header-default"])
        #expect(try parts(titlePage: true, evenAndOdd: true) == ["body", "footer-even", "header-default", "header-first"])
    }

    @Test func partsMayBeNamedAnything() throws {
        let rels = """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="tekst/hoved.xml"/>\
            </Relationships>
            """
        let data = try Self.package([
            "_rels/.rels": rels,
            "tekst/hoved.xml": Self.document("<w:p><w:r><w:t>KL og Realdania</w:t></w:r></w:p>"),
        ])
        let source = try DocxInput().read(data, path: "x.docx")
        #expect(source.text == "KL og Realdania")
    }

    @Test func wordCommentCoveringTheFindingWaivesIt() throws {
        let body = """
            <w:p><w:commentRangeStart w:id="3"/><w:r><w:t>Klimaalliancen: KL og Realdania.</w:t></w:r><w:commentRangeEnd w:id="3"/></w:p>
            """
        let comments = """
            <w:comments \(Self.w)><w:comment w:id="3" w:author="Birthe Fiktivsen"><w:p><w:r><w:t>omtale-disable partner-mention: aftalt med sekretariatet</w:t></w:r></w:p></w:comment></w:comments>
            """
        let rels = """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>\
            </Relationships>
            """
        let data = try Self.package(["word/document.xml": Self.document(body), "word/comments.xml": comments,
                                     "word/_rels/document.xml.rels": rels])
        let report = Fixtures.checker().check(data: data, path: "x.docx")
        #expect(report.error == nil)
        #expect(report.document?.source.comments.first?.range == 0..<32)
        #expect(!report.diagnostics.contains { $0.ruleID == "partner-mention" || $0.ruleID == Waivers.superfluousRule })
    }

    @Test func runContentAndFields() throws {
        let body = """
            <w:p><w:r><w:t xml:space="preserve">Region </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Sjæl</w:t><w:softHyphen/><w:t>land</w:t></w:r>\
            <w:r><w:tab/><w:t>A</w:t><w:noBreakHyphen/><w:t>B</w:t><w:br/><w:t>C</w:t></w:r>\
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "https://kl.dk"</w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>KL</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>\
            <w:del><w:r><w:delText>væk</w:delText></w:r></w:del><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>!</w:t></w:r></w:p>
            """
        let source = try DocxInput().read(try Self.package(["word/document.xml": Self.document(body)]), path: "x.docx")
        #expect(source.text == "Region Sjæl\u{AD}land\tA-B\u{2028}CKL!")
        #expect(source.lineBreaksAreSoft == false)
    }

    /// Found by FuzzDocx (a mutated real file): a paragraph style outside any paragraph stopped the
    /// reader with an index out of range. It is ignored; the paragraphs around it are read.
    @Test func aParagraphStyleOutsideAParagraphIsIgnored() throws {
        let body = """
            <w:pPr><w:pStyle w:val="Heading1"/></w:pPr>\
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Klimaalliancen</w:t></w:r></w:p>\
            <w:pPr><w:pStyle w:val="Heading2"/></w:pPr>\
            <w:p><w:r><w:t>KL og Realdania</w:t></w:r></w:p>
            """
        let source = try DocxInput().read(try Self.package(["word/document.xml": Self.document(body)]), path: "x.docx")
        #expect(source.text.split(separator: "\n").map(String.init) == ["Klimaalliancen", "KL og Realdania"])
    }
}
