import Foundation
import Testing
import Yams
@testable import Omtale

/// The spokesperson fixtures against the expectations written by hand in fixtures/spokesperson/expected.yml,
/// and against golden files of all diagnostics and quotes (fixtures/spokesperson/golden/).
@Suite("Spokesperson fixtures")
struct SpokespersonFixtureTests {
    struct Expectation: Decodable {
        struct ExpectedQuote: Decodable, Equatable { var line: Int; var speaker: String?; var organisation: String? }
        struct ExpectedDiagnostic: Decodable { var severity: String; var line: Int; var text: String }
        var about: Bool
        var quotes: [ExpectedQuote]
        var diagnostics: [ExpectedDiagnostic]
        var note: String?
    }

    static let expectations: [String: Expectation] = {
        let text = try! String(contentsOf: TestPaths.fixture("spokesperson/expected.yml"), encoding: .utf8)
        return try! YAMLDecoder().decode([String: Expectation].self, from: text)
    }()

    static var names: [String] { expectations.keys.sorted() }

    static let checker: Checker = {
        try! Checker(ruleset: Fixtures.spokespersonRuleset)
    }()

    func report(_ name: String) -> FileReport {
        // Parameterized cases run in parallel, and a Checker's ICU iterators serve one thread:
        // each case checks with its own copy (the ruleset and rules are shared).
        Self.checker.copy().check(fileAt: TestPaths.fixture("spokesperson/\(name)").path)
    }

    @Test func thereAreEnoughFixtures() {
        #expect(Self.names.count >= 8)
    }

    @Test(arguments: names)
    func findsTheQuotesAndSpeakers(_ name: String) throws {
        let expected = try #require(Self.expectations[name])
        let report = report(name)
        #expect(report.error == nil)
        #expect(report.applies == expected.about)
        let found = report.quotes.map { Expectation.ExpectedQuote(line: $0.line, speaker: $0.speaker, organisation: $0.organisation) }
        #expect(found == expected.quotes)
    }

    @Test(arguments: names)
    func findsExactlyTheExpectedProblems(_ name: String) throws {
        let expected = try #require(Self.expectations[name])
        let found = report(name).diagnostics.filter { $0.ruleID == "spokesperson" }
        #expect(found.map { "\($0.severity.rawValue) \($0.start.line) \($0.excerpt)" }.sorted()
                == expected.diagnostics.map { "\($0.severity) \($0.line) \($0.text)" }.sorted())
    }

    @Test(arguments: names)
    func matchesGolden(_ name: String) throws {
        let report = report(name)
        var actual = report.diagnostics.map { d in
            "\(d.start.line):\(d.start.column)-\(d.end.line):\(d.end.column) \(d.severity.rawValue) [\(d.ruleID)] \(d.message(.da))"
        }
        actual += report.quotes.map { q in
            "quote \(q.line):\(q.column) [\(q.attribution?.form ?? "-")] \(q.speaker ?? "-") | \(q.role ?? "-") | \(q.organisation ?? "-") | \(q.affiliation ?? "-") | \(q.text)"
        }
        let text = actual.joined(separator: "\n") + "\n"
        let golden = TestPaths.fixture("spokesperson/golden/\((name as NSString).deletingPathExtension).golden")
        if ProcessInfo.processInfo.environment["OMTALE_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(text == (try String(contentsOf: golden, encoding: .utf8)))
    }
}
