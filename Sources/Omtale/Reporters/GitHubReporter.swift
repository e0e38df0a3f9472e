/// GitHub Actions workflow commands (`--format github`): one `::error`, `::warning` or `::notice`
/// line per finding, which the Actions runner turns into an annotation on the file and line.
///
/// ```
/// ::error file=udkast/tekst.txt,line=3,col=1,endLine=3,endColumn=15,title=Omtale%3A partner-mention::KL er ikke nævnt. …
/// ```
/// Lines that are not commands (the closing summary) are printed to the log as they are.
struct GitHubReporter: Reporter {
    let id = "github"
    init() {}

    func render(_ reports: [FileReport], options: ReportOptions) -> String {
        let language = options.language
        var out = ""
        for report in reports {
            if let error = report.error {
                let title = language == .da ? "Omtale: filen kan ikke læses" : "Omtale: file cannot be read"
                out += Self.command("error", properties: [("file", report.path), ("title", title)], message: error.sentence(language)) + "\n"
                continue
            }
            if report.skipped {
                let title = language == .da ? "Omtale: ikke tjekket" : "Omtale: not checked"
                for diagnostic in report.diagnostics {
                    out += Self.command(Self.name(diagnostic.severity), properties: [("file", report.path), ("title", title)],
                                        message: diagnostic.message(language)) + "\n"
                }
                continue
            }
            for diagnostic in report.diagnostics {
                var message = diagnostic.message(language)
                if let fix = diagnostic.fix { message += "\n" + (language == .da ? "Løsning: " : "Fix: ") + fix.message(language) }
                let properties: [(String, String)] = [
                    ("file", report.path), ("line", "\(diagnostic.start.line)"), ("col", "\(diagnostic.start.column)"),
                    ("endLine", "\(diagnostic.end.line)"), ("endColumn", "\(diagnostic.end.column)"),
                    ("title", "Omtale: \(diagnostic.ruleID)"),
                ]
                out += Self.command(Self.name(diagnostic.severity), properties: properties, message: message) + "\n"
            }
        }
        out += ReportWords.summary(RunSummary(reports), language) + "\n"
        return out
    }

    static func name(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "notice"
        }
    }

    /// `::name key=value,…::message` with both parts escaped as the runner expects.
    static func command(_ name: String, properties: [(String, String)], message: String) -> String {
        let list = properties.map { "\($0.0)=\(Escaping.gitHubProperty($0.1))" }.joined(separator: ",")
        return "::\(name)\(list.isEmpty ? "" : " " + list)::\(Escaping.gitHubData(message))"
    }
}
