import Foundation

/// Compiler-style output for people: `path:line:column: fejl: message [rule]`, the source line
/// with the span underlined, the fix, then a summary.
public struct HumanReporter: StreamingReporter {
    /// The default `--format`.
    public static let identifier = "human"
    public var id: String { Self.identifier }
    public var usesColor: Bool { true }
    public var listsUnreadableFiles: Bool { true }
    public init() {}

    public func render(_ reports: [FileReport], options: ReportOptions) -> String {
        var out = ""
        for report in reports { out += renderFile(report, options: options) }
        out += Escaping.terminal(ReportWords.summary(RunSummary(reports), options.language)) + "\n"
        return out
    }

    public func begin(options: ReportOptions) -> String { "" }

    public func file(_ report: FileReport, index: Int, options: ReportOptions) -> String {
        renderFile(report, options: options)
    }

    public func end(_ summary: RunSummary, files: Int, options: ReportOptions) -> String {
        // The summary names files, whose names may carry terminal escapes.
        Escaping.terminal(ReportWords.summary(summary, options.language)) + "\n"
    }

    public func renderFile(_ report: FileReport, options: ReportOptions) -> String {
        let style = Style(enabled: options.color)
        let language = options.language
        var out = ""
        if let error = report.error {
            let label = ReportWords.severity(.error, language)
            let problem = language == .da ? "kan ikke læses" : "cannot be read"
            out += "\(style.bold(Escaping.terminal(report.path))): \(style.red(label)): \(problem): \(Escaping.terminal(error.sentence(language)))\n"
            return out
        }
        for diagnostic in report.diagnostics {
            // A file not checked has no place in a text: the path alone, as for an unreadable file.
            let place = Escaping.terminal(report.skipped ? report.path : location(report.path, diagnostic.start))
            let label = ReportWords.severity(diagnostic.severity, language)
            let coloured = diagnostic.severity == .error ? style.red(label) : diagnostic.severity == .warning ? style.yellow(label) : style.cyan(label)
            out += "\(style.bold(place)): \(coloured): \(Escaping.terminal(diagnostic.message(language))) [\(diagnostic.ruleID)]\n"
            if let word = diagnostic.word {
                out += "    = \(language == .da ? "i Word" : "in Word"): \(Escaping.terminal(word.description(language)))\n"
            }
            if let line = diagnostic.sourceLine {
                out += excerpt(line, diagnostic, style)
            }
            if let fix = diagnostic.fix {
                out += "    = \(language == .da ? "løsning" : "fix"): \(Escaping.terminal(fix.message(language)))\n"
            }
        }
        if let assumed = assumptions(report, language) { out += "\(style.bold(report.path)): \(assumed)\n" }
        return out
    }

    /// The sender and date Omtale assumed for a text about the partnership, and how to override them.
    func assumptions(_ report: FileReport, _ language: Language) -> String? {
        // Only beside findings: they are what the assumptions explain.
        guard let date = report.date, !report.diagnostics.isEmpty,
              report.applies || report.diagnostics.contains(where: { $0.ruleID == PartnerMentionRule.kind }) else { return nil }
        let da = language == .da
        let sender: String
        if let s = report.sender {
            let how: [String: (String, String)] = [
                "option": ("angivet med --sender", "given with --sender"), "configuration": ("fra sender: i .omtale.yml", "from sender: in .omtale.yml"),
                "label": ("fra etiketten", "from the label"), "email": ("fra e-mailadresserne", "from the e-mail addresses"),
                "company": ("fra dokumentets firmanavn", "from the document's company"), "selfReference": ("teksten taler som parten", "the text speaks as the party"),
            ]
            let h = how[s.evidence] ?? (s.evidence, s.evidence)
            let notParty = s.party == nil ? (da ? ", ikke en part" : ", not a party") : ""
            sender = "\(s.name) (\(da ? h.0 : h.1)\(notParty))"
        } else {
            sender = da ? "ukendt" : "unknown"
        }
        let sources: [String: (String, String)] = [
            "option": ("angivet med --date", "given with --date"), "frontMatter": ("fra front matter", "from the front matter"),
            "dateline": ("fra datolinjen", "from the dateline"), "docxProperties": ("fra dokumentets egenskaber", "from the document's properties"),
            "checkDate": ("dagens dato", "today's date"),
        ]
        let source = sources[date.source] ?? (date.source, date.source)
        let value = da ? DanishDate.long(date.value) : date.value
        return da
            ? "afsender: \(sender); dato: \(value) (\(source.0)). Er det forkert, så ret det med --sender og --date, fx --sender rm --date 2026-12-01."
            : "sender: \(sender); date: \(value) (\(source.1)). If that is wrong, override it with --sender and --date, e.g. --sender rm --date 2026-12-01."
    }

    func location(_ path: String, _ location: SourceLocation) -> String {
        if let part = location.part { return "\(path)[\(part)]:\(location.line):\(location.column)" }
        return "\(path):\(location.line):\(location.column)"
    }

    /// The source line, shortened around the span if long, with the span underlined.
    func excerpt(_ line: String, _ diagnostic: Diagnostic, _ style: Style) -> String {
        let scalars = Array(line.unicodeScalars)
        let start = max(0, diagnostic.start.column - 1)
        guard start <= scalars.count else { return "" }
        let end = diagnostic.end.line == diagnostic.start.line ? min(scalars.count, max(start + 1, diagnostic.end.column - 1)) : scalars.count
        let window = 100
        let from = start > window - 20 ? start - 40 : 0
        let to = min(scalars.count, max(end, from + window))
        var shown = Escaping.terminal(String(String.UnicodeScalarView(scalars[from..<to])).replacingOccurrences(of: "\t", with: " "))
        if from > 0 { shown = "…" + shown }
        if to < scalars.count { shown += "…" }
        let pad = String(repeating: " ", count: start - from + (from > 0 ? 1 : 0))
        let marks = "^" + String(repeating: "~", count: max(0, end - start - 1))
        return "    \(shown)\n    \(pad)\(style.green(marks))\n"
    }
}

struct Style {
    var enabled: Bool
    private func wrap(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ t: String) -> String { wrap("1", t) }
    func red(_ t: String) -> String { wrap("1;31", t) }
    func yellow(_ t: String) -> String { wrap("1;33", t) }
    func cyan(_ t: String) -> String { wrap("1;36", t) }
    func green(_ t: String) -> String { wrap("32", t) }
}
