import Foundation
import Testing
@testable import Omtale

/// Canned output of every reporter for `ReportSamples`, compared with files under
/// Tests/OmtaleTests/Reporters/Expected/ (SwiftLint's reporter tests work the same way).
/// Re-record with `OMTALE_RECORD_GOLDEN=1 swift test` and review the diff.
@Suite("Reporters: canned output")
struct ReporterGoldenTests {
    static let cases: [(reporter: String, language: Language, file: String)] = [
        ("human", .da, "report.human.txt"),
        ("human", .en, "report-en.human.txt"),
        ("json", .da, "report.json"),
        ("sarif", .da, "report.sarif"),
        ("github", .da, "report.github.txt"),
        ("junit", .da, "report.junit.xml"),
        ("html", .da, "report.html"),
        ("html", .en, "report-en.html"),
    ]

    @Test func everyRegisteredReporterHasCannedOutput() {
        #expect(Set(ReporterRegistry.ids) == Set(Self.cases.map(\.reporter)))
    }

    @Test(arguments: cases.map(\.file))
    func matchesExpectedOutput(_ file: String) throws {
        let entry = try #require(Self.cases.first { $0.file == file })
        let reporter = try #require(ReporterRegistry.reporter(entry.reporter))
        let actual = reporter.render(ReportSamples.reports, options: ReportSamples.options(entry.language))
        let url = TestPaths.root.appendingPathComponent("Tests/OmtaleTests/Reporters/Expected/\(file)")
        if ProcessInfo.processInfo.environment["OMTALE_RECORD_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(file) differs; re-record with OMTALE_RECORD_GOLDEN=1 and review the diff")
    }

    @Test func toolVersionComesFromOptions() {
        for reporter in ReporterRegistry.all where reporter.id != "human" && reporter.id != "github" {
            let output = reporter.render(ReportSamples.reports, options: ReportSamples.options())
            #expect(output.contains("9.9.9-test"), "\(reporter.id)")
            #expect(!output.contains(OmtaleInfo.version), "\(reporter.id) prints the real version")
        }
    }
}
