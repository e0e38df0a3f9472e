import Foundation
import Testing
import Yams
@testable import Omtale

/// The press-release fixtures against the expectations written by hand in fixtures/press/expected.yml,
/// and against golden files of the full diagnostics (fixtures/press/golden/).
@Suite("Press fixtures")
struct PressFixtureTests {
    struct Expectation: Decodable {
        struct Warning: Decodable { var kind: String; var text: String }
        var about: Bool
        var missing: [String]?
        var collective: [String]?
        var warnings: [Warning]?
        var encoding: String?
        var lineEnding: String?
        var note: String?
    }

    static let expectations: [String: Expectation] = {
        let url = TestPaths.fixture("press/expected.yml")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return try! YAMLDecoder().decode([String: Expectation].self, from: text)
    }()

    static var names: [String] { expectations.keys.sorted() }

    @Test func thereAreEnoughFixtures() {
        #expect(Self.names.count >= 15)
    }

    @Test(arguments: names)
    func findsExactlyTheMissingParties(_ name: String) throws {
        let expected = try #require(Self.expectations[name])
        let report = Fixtures.checker().check(fileAt: TestPaths.fixture("press/\(name)").path)
        #expect(report.error == nil)
        #expect(report.applies == expected.about)
        let missing = report.parties.filter { !$0.mentioned && $0.collective == nil }.map(\.name)
        #expect(Set(report.applies ? missing : []) == Set(expected.missing ?? []))
        let errors = report.diagnostics.filter { $0.ruleID == "partner-mention" }
        // One finding per document names every missing party (issue 14).
        #expect(errors.count == ((expected.missing ?? []).isEmpty ? 0 : 1))
        for party in expected.missing ?? [] { #expect(errors.first?.message(.da).contains(party) == true, "\(party)") }
        let collective = report.parties.filter { $0.collective != nil }.map(\.name)
        #expect(Set(collective) == Set(expected.collective ?? []))
        let warnings = report.diagnostics.filter { $0.severity == .warning }
        let kindToRule = ["abbreviation": "party-abbreviation", "transliteration": "party-spelling", "misspelling": "party-spelling"]
        #expect(warnings.map { "\($0.ruleID) \($0.excerpt)" }.sorted()
                == (expected.warnings ?? []).map { "\(kindToRule[$0.kind] ?? $0.kind) \($0.text)" }.sorted())
    }

    @Test(arguments: names)
    func matchesGoldenDiagnostics(_ name: String) throws {
        let report = Fixtures.checker().check(fileAt: TestPaths.fixture("press/\(name)").path)
        let actual = report.diagnostics.map { d in
            "\(d.start.line):\(d.start.column)-\(d.end.line):\(d.end.column) \(d.severity.rawValue) [\(d.ruleID)] \(d.message(.da))"
        }.joined(separator: "\n") + "\n"
        let golden = TestPaths.fixture("press/golden/\((name as NSString).deletingPathExtension).diagnostics")
        if ProcessInfo.processInfo.environment["OMTALE_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected)
    }

    @Test func declaredEncodingsAreReallyThere() throws {
        for (name, expected) in Self.expectations {
            let data = try Data(contentsOf: TestPaths.fixture("press/\(name)"))
            let (_, encoding) = try TextDecoding.decode(data)
            let declared: [String: TextDecoding.Encoding] = ["utf-8": .utf8, "utf-8-bom": .utf8BOM, "windows-1252": .windows1252,
                                                            "utf-16le": .utf16LE, "utf-16be": .utf16BE]
            #expect(declared[expected.encoding ?? "utf-8"] == encoding, "\(name)")
            if expected.lineEnding == "crlf" {
                #expect(data.range(of: Data([0x0D, 0x00, 0x0A])) != nil || data.range(of: Data([0x0D, 0x0A])) != nil, "\(name)")
            }
        }
    }
}
