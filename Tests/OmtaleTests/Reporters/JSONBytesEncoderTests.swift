import Foundation
import Testing
@testable import Omtale

/// JSONBytesEncoder writes exactly JSONEncoder's bytes (`[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`, which Escaping.foundationJSON uses) for every value the reporters
/// encode, and refuses, rather than guesses, what it does not cover. Each comparison calls
/// JSONBytesEncoder itself, so Escaping.json's fallback to JSONEncoder cannot hide a difference.
@Suite("JSON bytes encoder")
struct JSONBytesEncoderTests {
    static func foundation<T: Encodable>(_ value: T, level: Int = 0) -> String {
        String(decoding: Escaping.foundationJSON(value, level: level)!, as: UTF8.self)
    }

    static func bytes<T: Encodable>(_ value: T, level: Int = 0) throws -> String {
        String(decoding: try JSONBytesEncoder.encode(value, level: level), as: UTF8.self)
    }

    func expectSame<T: Encodable>(_ value: T, _ label: String, levels: [Int] = [0, 1, 3],
                                  sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for level in levels {
            let want = Self.foundation(value, level: level)
            let got = try Self.bytes(value, level: level)
            #expect(got == want, "\(label) at level \(level)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Every fixture's report

    /// Every text, Markdown, Word and OpenDocument fixture, checked with the bundled rules.
    static let fixtureReports: [FileReport] = {
        let checker = Fixtures.checker()
        let root = TestPaths.root.appendingPathComponent("fixtures")
        let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }
            .filter { ["txt", "md", "docx", "fodt"].contains(($0 as NSString).pathExtension) }.sorted()
        var reports = files.map { checker.check(fileAt: root.appendingPathComponent($0).path) }
        var skipped = FileReport(path: "fixtures/arkiv/gammel.pdf", input: nil)
        skipped.skipped = true
        reports.append(skipped)
        return reports + ReportSamples.reports
    }()

    @Test func everyFixtureReportIsEncodedAsJSONEncoderDoes() throws {
        let reports = Self.fixtureReports
        #expect(reports.count > 200, "the fixture set was found")
        #expect(reports.contains { !$0.diagnostics.isEmpty } && reports.contains { $0.sender != nil }
            && reports.contains { $0.diagnostics.contains { $0.word != nil } } && reports.contains { !$0.quotes.isEmpty })
        for language in [Language.da, .en] {
            for report in reports {
                // Level 2 is where the streaming JSON report writes a file.
                try expectSame(JSONReporter.FileOutput(report, language), "\(report.path) (\(language))", levels: [0, 2])
            }
            let summary = JSONReporter.SummaryOutput(RunSummary(reports))
            try expectSame(summary, "summary", levels: [0, 1])
            try expectSame(Baseline(reports: reports, language: language), "baseline", levels: [0])
        }
    }

    @Test func theJSONReportOfEveryFixtureIsJSONEncodersWhetherRenderedOrStreamed() throws {
        let reports = Self.fixtureReports
        let options = ReportSamples.options(.en)
        let output = JSONReporter.Output(files: reports.map { JSONReporter.FileOutput($0, .en) },
                                         summary: JSONReporter.SummaryOutput(RunSummary(reports)),
                                         tool: JSONReporter.ToolOutput(name: "omtale", version: options.toolVersion))
        let rendered = JSONReporter().render(reports, options: options)
        #expect(rendered == Self.foundation(output) + "\n")
        var streamed = JSONReporter().begin(options: options)
        for (index, report) in reports.enumerated() { streamed += JSONReporter().file(report, index: index, options: options) }
        streamed += JSONReporter().end(RunSummary(reports), files: reports.count, options: options)
        #expect(streamed == rendered)
    }

    // MARK: Generated values

    /// U+0000–U+001F, DEL, the line and paragraph separators, and what JSON escapes or may.
    static let awkward: [String] = {
        var strings = (0..<0x20).map { String(Unicode.Scalar(UInt8($0))) }
        strings += ["\u{7F}", "\u{2028}", "\u{2029}", "\"", "\\", "/", "</script>", "\\\"", "a\"b\\c/d",
                    "😀", "👨‍👩‍👧", "e\u{301}", "é", "\u{FEFF}", "\u{FFFD}", "\u{10FFFF}", "æøå ÆØÅ", "", " ", "\r\n",
                    "ab\u{0}cd\u{1F}ef\u{7F}", "»citat«", "tab\tnew\nline", String(repeating: "x", count: 10_000)]
        var all = ""
        for scalar in (0..<0x80 as Range<UInt32>).compactMap({ Unicode.Scalar($0) }) { all.unicodeScalars.append(scalar) }
        return strings + [all]
    }()

    @Test func stringsAreEscapedAsJSONEncoderEscapesThem() throws {
        for string in Self.awkward {
            try expectSame(string, string.debugDescription, levels: [0])
            try expectSame([string], string.debugDescription)
            try expectSame(["k": string], string.debugDescription)
        }
        try expectSame(Self.awkward, "all at once")
    }

    @Test func controlCharactersAreWrittenAsJSONEncoderWritesThem() throws {
        #expect(try Self.bytes("\u{0}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1B}\u{1F}\u{7F}")
            == "\"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001b\\u001f\u{7F}\"")
        #expect(try Self.bytes("a/b \"c\" \\ \u{2028}") == "\"a/b \\\"c\\\" \\\\ \u{2028}\"")
    }

    struct Keys: Encodable {
        // Declared (and so encoded) out of order: "end" before "endLine", uppercase before lowercase.
        var endLine = 1, end = 2, b = 3, B = 4, a10 = 5, a9 = 6, _x = 7, Z = 8, aB = 9, ab = 10
    }

    @Test func keysAreSortedAsJSONEncoderSortsThem() throws {
        try expectSame(Keys(), "declared keys")
        try expectSame(["end": 1, "endLine": 2, "b": 3, "B": 4, "a": 5, "a10": 6, "a9": 7, "Z": 8, "": 9], "dictionary")
        try expectSame([10: "ti", 9: "ni", 1: "en", -1: "minus"], "integer keys")
        #expect(try Self.bytes(Keys(), level: 0).hasPrefix("{\n  \"B\" : 4,\n  \"Z\" : 8,\n  \"_x\" : 7,\n  \"a10\" : 5,\n"))
    }

    indirect enum Tree: Encodable {
        case leaf(Int?)
        case list([Tree])
        case object([String: Tree])

        func encode(to encoder: Encoder) throws {
            var single = encoder.singleValueContainer()
            switch self {
            case .leaf(let value): try single.encode(value)
            case .list(let trees): try single.encode(trees)
            case .object(let trees): try single.encode(trees)
            }
        }
    }

    @Test func emptyAndNestedArraysAndObjectsAreLaidOutAsJSONEncoderLaysThemOut() throws {
        try expectSame([Int](), "empty array")
        try expectSame([String: Int](), "empty object")
        try expectSame([[[Int]]](), "empty nested")
        try expectSame([[[Int]()], []], "arrays of empty arrays")
        try expectSame(["a": [:], "b": ["c": [Int]()], "d": ["e": [1], "f": []]] as [String: [String: [Int]]], "objects of empty ones")
        var tree = Tree.leaf(1)
        for depth in 0..<12 {
            tree = depth.isMultiple(of: 2) ? .list([tree, .leaf(nil), .list([]), .object([:])])
                : .object(["z\(depth)": tree, "a": .leaf(depth), "m": .list([.leaf(nil)])])
        }
        try expectSame(tree, "deep tree", levels: [0, 2])
    }

    struct Optionals: Encodable {
        var present: String? = "ja"
        var absent: String?
        var absentNull: Int?
        var nested: [Int?] = [1, nil, 3]
        var double: String?? = .some(nil)

        enum CodingKeys: String, CodingKey { case present, absent, absentNull, nested, double }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(present, forKey: .present)
            try c.encodeIfPresent(absent, forKey: .absent)
            try c.encode(absentNull, forKey: .absentNull)
            try c.encode(nested, forKey: .nested)
            try c.encode(double, forKey: .double)
        }
    }

    struct Synthesized: Codable {
        var name: String
        var maybe: Int?
        var flag: Bool?
    }

    @Test func optionalsAreOmittedOrNullAsTheTypeEncodesThem() throws {
        try expectSame(Optionals(), "optionals")
        #expect(try !Self.bytes(Optionals()).contains("\"absent\""))
        #expect(try Self.bytes(Optionals()).contains("\"absentNull\" : null"))
        try expectSame(Synthesized(name: "x", maybe: nil, flag: false), "synthesized, nil omitted")
        try expectSame(Synthesized(name: "x", maybe: 0, flag: nil), "synthesized, flag omitted")
        try expectSame(Int?.none, "top-level nil", levels: [0])
        try expectSame([Synthesized?.none, Synthesized(name: "", maybe: -1, flag: true)], "optional elements")
    }

    struct Integers: Encodable {
        var int = Int.min, max = Int.max, zero = 0, nine = 9, ten = 10, negative = -1
        var i8 = Int8.min, u8 = UInt8.max, i16 = Int16.min, u16 = UInt16.max, i32 = Int32.min, u32 = UInt32.max
        var i64 = Int64.min, u64 = UInt64.max, u = UInt.max, yes = true, no = false
    }

    @Test func integersAndBooleansAreWrittenAsJSONEncoderWritesThem() throws {
        try expectSame(Integers(), "integers")
        try expectSame([Int.min, -10, -9, 0, 1, 99, 100, 1_000_000_007, Int.max], "int array")
        try expectSame([UInt8.min, 7, UInt8.max], "byte array")
        try expectSame(true, "top-level true", levels: [0])
        try expectSame(42, "top-level int", levels: [0])
    }

    // MARK: Refusals

    struct Nested: Encodable {
        enum CodingKeys: String, CodingKey { case inner }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            var inner = c.nestedUnkeyedContainer(forKey: .inner)
            try inner.encode(1)
        }
    }

    struct Twice: Encodable {
        enum CodingKeys: String, CodingKey { case a }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(1, forKey: .a)
            try c.encode(2, forKey: .a)
        }
    }

    struct Nothing: Encodable {
        func encode(to encoder: Encoder) throws {}
    }

    @Test func whatItDoesNotCoverIsRefusedAndEscapingFallsBackToJSONEncoder() throws {
        func refused<T: Encodable>(_ value: T, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            #expect(throws: JSONBytesEncoder.Unsupported.self, "\(label)", sourceLocation: sourceLocation) {
                try JSONBytesEncoder.encode(value)
            }
            let fallback = Escaping.json(value).map { String(decoding: $0, as: UTF8.self) }
            let want = Escaping.foundationJSON(value).map { String(decoding: $0, as: UTF8.self) }
            #expect(fallback == want, "\(label)", sourceLocation: sourceLocation)
        }
        refused([0.5, 1.0, 1e-7, 123456789.0], "doubles")
        refused(["x": Float(0.1)], "float")
        refused([Data([1, 2, 3])], "data")
        refused(Date(timeIntervalSince1970: 0), "date")
        refused(URL(string: "https://example.org/a/b")!, "url")
        refused(Decimal(string: "1.25")!, "decimal")
        refused(Nested(), "nested container")
        refused(Twice(), "key twice")
        refused(["é": 1, "a": 2], "non-ASCII keys")
        refused([Nothing()], "nothing encoded")
        #expect(Escaping.json([0.5]).map { String(decoding: $0, as: UTF8.self) } == "[\n  0.5\n]")
    }
}
