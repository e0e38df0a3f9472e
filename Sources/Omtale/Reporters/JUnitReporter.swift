/// JUnit XML (`--format junit`), for CI systems that show test results (GitLab, Jenkins, Azure):
/// each checked file is a `<testsuite>`, each rule of the ruleset a `<testcase>` in it.
///
/// A rule with errors or warnings in the file fails its test case, and the `<failure>` lists the
/// findings with their positions. Info findings (such as "de fem regioner") are not failures,
/// just as they do not change Omtale's exit code: they are listed in the test case's
/// `<system-out>`. A disabled rule is `<skipped>`; a file that cannot be read is one `<error>`; a file
/// in a format Omtale cannot read (a .pdf in a folder) is one `<skipped>` test case with the reason.
struct JUnitReporter: Reporter {
    let id = "junit"
    init() {}

    func render(_ reports: [FileReport], options: ReportOptions) -> String {
        let language = options.language
        let ruleIDs = options.ruleIDs(in: reports)
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0, skipped: 0)
        for report in reports {
            var cases: [String] = []
            var counts = (tests: 0, failures: 0, errors: 0, skipped: 0)
            let path = Escaping.xml(report.path, attribute: true)
            if let error = report.error {
                let name = language == .da ? "læsning" : "reading"
                let message = Escaping.xml(error.sentence(language), attribute: true)
                cases.append("""
                        <testcase classname="\(path)" name="\(name)" file="\(path)">
                          <error type="\(error.kind.rawValue)" message="\(message)">\(Escaping.xml(error.sentence(language), attribute: false))</error>
                        </testcase>
                    """)
                counts.tests += 1
                counts.errors += 1
            } else if report.skipped {
                // Not checked (a .pdf in a folder): one skipped test case that says why.
                let name = language == .da ? "læsning" : "reading"
                let reason = Escaping.xml(report.diagnostics.map { $0.message(language) }.joined(separator: " "), attribute: true)
                cases.append("    <testcase classname=\"\(path)\" name=\"\(name)\" file=\"\(path)\">\n      <skipped message=\"\(reason)\"/>\n    </testcase>")
                counts.tests += 1
                counts.skipped += 1
            } else {
                for ruleID in ruleIDs {
                    counts.tests += 1
                    let attributes = "classname=\"\(path)\" name=\"\(Escaping.xml(ruleID, attribute: true))\" file=\"\(path)\""
                    if options.ruleset?.rule(ruleID)?.enabled == false {
                        let reason = language == .da ? "reglen er slået fra" : "the rule is disabled"
                        cases.append("    <testcase \(attributes)>\n      <skipped message=\"\(reason)\"/>\n    </testcase>")
                        counts.skipped += 1
                        continue
                    }
                    let findings = report.diagnostics.filter { $0.ruleID == ruleID }
                    let failing = findings.filter { $0.severity != .info }
                    let informational = findings.filter { $0.severity == .info }
                    var body = ""
                    if !failing.isEmpty {
                        counts.failures += 1
                        let worst = failing.map(\.severity).max() ?? .error
                        let message = language == .da
                            ? ReportWords.count(failing.count, "fund", "fund") : ReportWords.count(failing.count, "finding", "findings")
                        body += "      <failure type=\"\(worst.rawValue)\" message=\"\(message)\">"
                            + Escaping.xml(listing(failing, path: report.path, language), attribute: false) + "</failure>\n"
                    }
                    if !informational.isEmpty {
                        body += "      <system-out>" + Escaping.xml(listing(informational, path: report.path, language), attribute: false) + "</system-out>\n"
                    }
                    cases.append(body.isEmpty ? "    <testcase \(attributes)/>" : "    <testcase \(attributes)>\n\(body)    </testcase>")
                }
            }
            suites.append("  <testsuite name=\"\(path)\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" "
                + "errors=\"\(counts.errors)\" skipped=\"\(counts.skipped)\">\n" + cases.joined(separator: "\n") + "\n  </testsuite>")
            totals.tests += counts.tests
            totals.failures += counts.failures
            totals.errors += counts.errors
            totals.skipped += counts.skipped
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"omtale \(Escaping.xml(options.toolVersion, attribute: true))\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" "
            + "errors=\"\(totals.errors)\" skipped=\"\(totals.skipped)\">\n"
        out += suites.map { $0 + "\n" }.joined()
        out += "</testsuites>\n"
        return out
    }

    /// One line per finding, compiler style, with its fix: what a CI page shows as the failure text.
    func listing(_ diagnostics: [Diagnostic], path: String, _ language: Language) -> String {
        diagnostics.map { d in
            var line = "\(path):\(d.start.line):\(d.start.column): \(ReportWords.severity(d.severity, language)): \(d.message(language))"
            if let fix = d.fix { line += "\n  " + (language == .da ? "løsning: " : "fix: ") + fix.message(language) }
            return line
        }.joined(separator: "\n")
    }

}
