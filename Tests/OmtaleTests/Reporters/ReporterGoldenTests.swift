import Foundation
import Testing
@testable import Omtale

/// Canned output of every reporter for `ReportSamples`, compared with files under
/// Tests/OmtaleTests/Reporters/Expected/ (SwiftLint's reporter tests work the same way).
/// Re-record with `OMTALE_RECORD_GOLDEN=1 swift test` and review the diff.
@Suite("Reporters: canned output")
struct ReporterGoldenTests {
    static let folder = TestPaths.root.appendingPathComponent("Tests/OmtaleTests/Reporters/Expected")

    /// The canned files, named after the reporter: `report.<id>` or `report.<id>.<ext>` in Danish,
    /// `report-en.<id>…` in English. A new reporter needs its file here, and no other test edit.
    static let cases: [(reporter: String, language: Language, file: String)] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.sorted().compactMap { file in
            for (prefix, language) in [("report.", Language.da), ("report-en.", .en)] where file.hasPrefix(prefix) {
                let id = file.dropFirst(prefix.count).split(separator: ".").first.map(String.init) ?? ""
                return (id, language, file)
            }
            return nil
        }
    }()

    @Test func everyRegisteredReporterHasCannedOutput() throws {
        for id in ReporterRegistry.ids where !Self.cases.contains(where: { $0.reporter == id && $0.language == .da }) {
            // Recording writes the first canned file of a new reporter (`report.<id>`, Danish), so a
            // new reporter needs no hand-made file; the run still fails, so the new file is reviewed.
            if ProcessInfo.processInfo.environment["OMTALE_RECORD_GOLDEN"] == "1", let reporter = ReporterRegistry.reporter(id) {
                let output = reporter.render(ReportSamples.reports, options: ReportSamples.options(.da))
                try output.write(to: Self.folder.appendingPathComponent("report.\(id)"), atomically: true, encoding: .utf8)
            }
            Issue.record("no canned output for reporter '\(id)': record Tests/OmtaleTests/Reporters/Expected/report.\(id) with OMTALE_RECORD_GOLDEN=1, review it, and rename it report.\(id).<ext> if the format has one")
        }
        for entry in Self.cases {
            #expect(ReporterRegistry.reporter(entry.reporter) != nil, "\(entry.file) is canned output of no registered reporter")
        }
    }

    @Test(arguments: cases.map(\.file))
    func matchesExpectedOutput(_ file: String) throws {
        let entry = try #require(Self.cases.first { $0.file == file })
        let reporter = try #require(ReporterRegistry.reporter(entry.reporter))
        let actual = reporter.render(ReportSamples.reports, options: ReportSamples.options(entry.language))
        let url = Self.folder.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["OMTALE_RECORD_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(file) differs; re-record with OMTALE_RECORD_GOLDEN=1 and review the diff")
    }

    /// A reporter that prints the tool's version prints the one it is given, never Omtale's own:
    /// two versions make two outputs that differ in the version alone.
    @Test func toolVersionComesFromOptions() {
        var other = ReportSamples.options()
        other.toolVersion = "8.8.8-other"
        var printing = 0
        for reporter in ReporterRegistry.all {
            let output = reporter.render(ReportSamples.reports, options: ReportSamples.options())
            #expect(!output.contains(OmtaleInfo.version), "\(reporter.id) prints the real version")
            let second = reporter.render(ReportSamples.reports, options: other)
            #expect(second == output.replacingOccurrences(of: "9.9.9-test", with: "8.8.8-other"), "\(reporter.id)")
            if output.contains("9.9.9-test") { printing += 1 }
        }
        #expect(printing > 0)
    }
}
