import Foundation

/// Renders the reports of a run in one output format. One reporter per file in this folder.
public protocol Reporter: Sendable {
    /// The `--format` value.
    var id: String { get }
    /// The whole output for a run: every file's report and whatever summary the format has.
    func render(_ reports: [FileReport], options: ReportOptions) -> String
    /// Whether the output shows whole texts, so the checker must keep each `Document` (HTML).
    var showsDocuments: Bool { get }
    /// Whether the output can be coloured with ANSI codes on a terminal (human).
    var usesColor: Bool { get }
    /// Whether the output itself says which files could not be read, in words for people, so the
    /// command line need not repeat it on standard error (human).
    var listsUnreadableFiles: Bool { get }
}

extension Reporter {
    public var showsDocuments: Bool { false }
    public var usesColor: Bool { false }
    public var listsUnreadableFiles: Bool { false }
}

/// What every reporter may need besides the reports themselves.
/// A reporter that can write its output file by file, so a batch of any size is reported without
/// keeping its reports: `begin`, then `file` for each report in order, then `end`. The
/// concatenation is exactly what `render` returns for the same reports.
public protocol StreamingReporter: Reporter {
    func begin(options: ReportOptions) -> String
    func file(_ report: FileReport, index: Int, options: ReportOptions) -> String
    func end(_ summary: RunSummary, files: Int, options: ReportOptions) -> String
}

public struct ReportOptions: Sendable {
    public var language: Language
    /// ANSI colours (only on a terminal, never with NO_COLOR).
    public var color: Bool
    /// Printed as the tool's version; fixed in tests so canned outputs do not change with each release.
    public var toolVersion: String
    /// The ruleset the reports were checked against. Formats that describe the rules themselves
    /// (SARIF's rule metadata, one JUnit test case per rule, the HTML summary) read them from here;
    /// without it they fall back to the rule ids found in the reports.
    public var ruleset: Ruleset?
    /// The folder paths in machine-readable outputs are made relative to (SARIF's artifact URIs).
    public var workingDirectory: String

    public init(language: Language = .da, color: Bool = false, toolVersion: String = OmtaleInfo.version, ruleset: Ruleset? = nil,
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.language = language
        self.color = color
        self.toolVersion = toolVersion
        self.ruleset = ruleset
        self.workingDirectory = workingDirectory
    }

    /// The rules to describe: the ruleset's, or else one entry per rule id found, in order of appearance.
    func ruleIDs(in reports: [FileReport]) -> [String] {
        // The ruleset's rules, then any other id found (`no-text`, which is not a rule of a ruleset).
        var seen: [String] = ruleset?.rules.map(\.id) ?? []
        var known = Set(seen)
        for diagnostic in reports.flatMap(\.diagnostics) where known.insert(diagnostic.ruleID).inserted { seen.append(diagnostic.ruleID) }
        return seen
    }
}

/// Facts about the tool itself.
public enum OmtaleInfo {
    public static let version = "0.1.0"
    public static let informationURI = "https://github.com/omtale/omtale"
    public static var icuVersion: String { ICU.version }
}

/// The output formats Omtale ships.
public enum ReporterRegistry {
    public static let all: [any Reporter] = [
        HumanReporter(), JSONReporter(), SARIFReporter(), GitHubReporter(), JUnitReporter(), HTMLReporter(),
    ]

    /// The `--format` values, in the order of `all`.
    public static var ids: [String] { all.map(\.id) }

    public static func reporter(_ id: String) -> (any Reporter)? { all.first { $0.id == id } }
}

/// Words of the reports, in both languages.
public enum ReportWords {
    public static func severity(_ severity: Severity, _ language: Language) -> String {
        switch (severity, language) {
        case (.error, .da): return "fejl"
        case (.warning, .da): return "advarsel"
        case (.info, .da): return "bemærkning"
        case (.error, .en): return "error"
        case (.warning, .en): return "warning"
        case (.info, .en): return "info"
        }
    }

    static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) \(n == 1 ? singular : plural)"
    }

    /// "Tjekkede 3 filer: 1 fejl, 0 advarsler, 0 bemærkninger.", then the files that could not be
    /// read or were not checked, by name, and how many known findings `--baseline` hid. Only files
    /// that were read count as checked; when none were, the summary says so instead of the counts
    /// ("1 fil kunne ikke læses: a.docx. Ingen filer blev tjekket.").
    public static func summary(_ summary: RunSummary, _ language: Language) -> String {
        var sentences: [String] = []
        switch language {
        case .da:
            if summary.checked > 0 {
                sentences.append("Tjekkede \(count(summary.checked, "fil", "filer")): \(count(summary.errors, "fejl", "fejl")), "
                    + "\(count(summary.warnings, "advarsel", "advarsler")), \(count(summary.infos, "bemærkning", "bemærkninger")).")
            }
            if summary.unreadable > 0 {
                sentences.append("\(count(summary.unreadable, "fil", "filer")) kunne ikke læses: \(names(summary.unreadablePaths, language)).")
            }
            if !summary.skippedPaths.isEmpty {
                sentences.append("\(count(summary.skippedPaths.count, "fil", "filer")) blev ikke tjekket, fordi Omtale ikke kan læse formatet: "
                    + "\(names(summary.skippedPaths, language)).")
            }
            if summary.checked == 0 && summary.skippedPaths.isEmpty { sentences.append("Ingen filer blev tjekket.") }
            if summary.hiddenByBaseline > 0 {
                sentences.append("\(summary.hiddenByBaseline) kendte fund er skjult (--baseline).")
            }
        case .en:
            if summary.checked > 0 {
                sentences.append("Checked \(count(summary.checked, "file", "files")): \(count(summary.errors, "error", "errors")), "
                    + "\(count(summary.warnings, "warning", "warnings")), \(summary.infos) info.")
            }
            if summary.unreadable > 0 {
                sentences.append("\(count(summary.unreadable, "file", "files")) could not be read: \(names(summary.unreadablePaths, language)).")
            }
            if !summary.skippedPaths.isEmpty {
                sentences.append("\(count(summary.skippedPaths.count, "file was", "files were")) not checked because Omtale cannot read the format: "
                    + "\(names(summary.skippedPaths, language)).")
            }
            if summary.checked == 0 && summary.skippedPaths.isEmpty { sentences.append("No files were checked.") }
            if summary.hiddenByBaseline > 0 {
                sentences.append("\(count(summary.hiddenByBaseline, "known finding", "known findings")) hidden (--baseline).")
            }
        }
        return sentences.joined(separator: " ")
    }

    /// "a.pdf, b.doc og c.odt"; past five names, "… og 12 andre".
    public static func names(_ paths: [String], _ language: Language, limit: Int = 5) -> String {
        let and = language == .da ? " og " : " and "
        let shown = paths.prefix(paths.count > limit ? limit - 1 : limit).map { $0 }
        let rest = paths.count - shown.count
        if rest > 0 { return shown.joined(separator: ", ") + and + (language == .da ? "\(rest) andre" : "\(rest) more") }
        return shown.count > 1 ? shown.dropLast().joined(separator: ", ") + and + shown.last! : shown.joined()
    }
}
