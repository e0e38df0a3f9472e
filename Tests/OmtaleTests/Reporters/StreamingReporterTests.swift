import Testing
@testable import Omtale

/// Streaming (file by file, for batches of any size) writes exactly what rendering all at once does.
@Suite("Streaming reporters")
struct StreamingReporterTests {
    func streamed(_ reporter: any StreamingReporter, _ reports: [FileReport], _ options: ReportOptions) -> String {
        var summary = RunSummary([])
        var out = reporter.begin(options: options)
        for (index, report) in reports.enumerated() {
            summary.add(report)
            out += reporter.file(report, index: index, options: options)
        }
        return out + reporter.end(summary, files: reports.count, options: options)
    }

    @Test(arguments: [0, 1, 3])
    func streamingEqualsRendering(_ count: Int) {
        let reports = Array(ReportSamples.reports.prefix(count))
        let options = ReportSamples.options()
        for reporter in [JSONReporter() as any StreamingReporter, HumanReporter()] {
            #expect(streamed(reporter, reports, options) == reporter.render(reports, options: options), "\(reporter.id) with \(count) files")
        }
    }
}
