import Foundation

/// The machine-readable report. Its shape is a documented contract (README, "JSON-output"):
/// keys are only ever added, never renamed or removed.
public struct JSONReporter: Reporter {
    public let id = "json"
    public init() {}

    public func render(_ reports: [FileReport], options: ReportOptions) -> String {
        let output = Output(files: reports.map { FileOutput($0, options.language) }, summary: SummaryOutput(RunSummary(reports)),
                            tool: ToolOutput(name: "omtale", version: options.toolVersion))
        return encode(output) + "\n"
    }

    /// The value's JSON (JSONEncoder's bytes, written by JSONBytesEncoder), nested `level` deep.
    func encode(_ value: some Encodable, level: Int = 0) -> String {
        guard let bytes = Escaping.jsonBytes(value, level: level) else { return "{}" }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension JSONReporter: StreamingReporter {
    // The same bytes as `render`: JSONEncoder's pretty printing nests by two spaces per level,
    // with the keys sorted ("files", "summary", "tool"); StreamingReporterTests compares both.
    public func begin(options: ReportOptions) -> String { "{\n  \"files\" : [" }

    public func file(_ report: FileReport, index: Int, options: ReportOptions) -> String {
        (index == 0 ? "\n    " : ",\n    ") + encode(FileOutput(report, options.language), level: 2)
    }

    public func end(_ summary: RunSummary, files: Int, options: ReportOptions) -> String {
        let tool = ToolOutput(name: "omtale", version: options.toolVersion)
        return (files == 0 ? "\n\n  ]," : "\n  ],") + "\n  \"summary\" : " + encode(SummaryOutput(summary), level: 1)
            + ",\n  \"tool\" : " + encode(tool, level: 1) + "\n}\n"
    }

    struct Output: Encodable {
        var files: [FileOutput]
        var summary: SummaryOutput
        var tool: ToolOutput
    }

    struct ToolOutput: Encodable {
        var name: String
        var version: String
    }

    struct SummaryOutput: Encodable {
        var files, errors, warnings, infos, unreadable: Int
        /// Files in a folder or a commit not checked (format not read), and findings `--baseline` hid.
        var skipped, hiddenByBaseline: Int
        init(_ s: RunSummary) {
            files = s.files; errors = s.errors; warnings = s.warnings; infos = s.infos; unreadable = s.unreadable
            skipped = s.skippedPaths.count; hiddenByBaseline = s.hiddenByBaseline
        }
    }

    struct ErrorOutput: Encodable {
        var kind: String
        var message: String
    }

    struct FileOutput: Encodable {
        var path: String
        var input: String?
        var error: ErrorOutput?
        var applies: Bool
        var diagnostics: [DiagnosticOutput]
        var parties: [PartyCoverage]
        var knowledgePartners: [PartyCoverage]
        var quotes: [QuoteReport]
        var sender: SenderReport?
        var date: DateReport?
        var sections: [SectionReport]
        var skipped: Bool

        init(_ report: FileReport, _ language: Language) {
            skipped = report.skipped
            path = report.path
            input = report.input
            error = report.error.map { ErrorOutput(kind: $0.kind.rawValue, message: $0.sentence(language)) }
            applies = report.applies
            diagnostics = report.diagnostics.map { DiagnosticOutput($0, language) }
            parties = report.parties.map { $0.localized(language) }
            knowledgePartners = report.knowledgePartners
            quotes = report.quotes
            sender = report.sender
            date = report.date
            sections = report.sections
        }

        enum CodingKeys: String, CodingKey { case path, input, error, skipped, applies, diagnostics, parties, knowledgePartners, quotes, sender, date, sections }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(path, forKey: .path)
            try c.encode(input, forKey: .input)
            // Always present, null when the file was read: consumers test `error == null`.
            try c.encode(error, forKey: .error)
            // Only on a file that was not checked (a .pdf in a folder): `"skipped": true`.
            if skipped { try c.encode(true, forKey: .skipped) }
            try c.encode(applies, forKey: .applies)
            try c.encode(diagnostics, forKey: .diagnostics)
            try c.encode(parties, forKey: .parties)
            try c.encode(knowledgePartners, forKey: .knowledgePartners)
            try c.encode(quotes, forKey: .quotes)
            // Always present, null when unknown (sender) or unreadable (date).
            try c.encode(sender, forKey: .sender)
            try c.encode(date, forKey: .date)
            try c.encode(sections, forKey: .sections)
        }
    }

    /// A fix with its message in the report's language.
    struct FixOutput: Encodable {
        var message: String
        var replacements: [Fix.Replacement]
    }

    struct DiagnosticOutput: Encodable {
        var rule: String
        var severity: Severity
        var message: String
        var line, column, endLine, endColumn: Int
        var part: String?
        var fix: FixOutput?
        /// For a .docx: where a Word user finds it.
        var word: WordLocation?

        init(_ d: Diagnostic, _ language: Language) {
            rule = d.ruleID
            severity = d.severity
            message = d.message(language)
            line = d.start.line
            column = d.start.column
            endLine = d.end.line
            endColumn = d.end.column
            part = d.start.part
            fix = d.fix.map { FixOutput(message: $0.message(language), replacements: $0.replacements) }
            word = d.word
        }

        enum CodingKeys: String, CodingKey { case rule, severity, message, line, column, endLine, endColumn, part, fix, word }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(rule, forKey: .rule)
            try c.encode(severity, forKey: .severity)
            try c.encode(message, forKey: .message)
            try c.encode(line, forKey: .line)
            try c.encode(column, forKey: .column)
            try c.encode(endLine, forKey: .endLine)
            try c.encode(endColumn, forKey: .endColumn)
            try c.encodeIfPresent(part, forKey: .part)
            try c.encode(fix, forKey: .fix)
            try c.encodeIfPresent(word, forKey: .word)
        }
    }
}
