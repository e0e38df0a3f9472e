/// Renders the reports of a run in one output format. One reporter per file in this folder.
public protocol Reporter: Sendable {
    /// The `--format` value.
    var id: String { get }
    func render(_ reports: [FileReport], options: ReportOptions) -> String
}

public struct ReportOptions: Sendable {
    public var language: Language
    /// ANSI colours (only on a terminal, never with NO_COLOR).
    public var color: Bool
    public var toolVersion: String

    public init(language: Language = .da, color: Bool = false, toolVersion: String = OmtaleInfo.version) {
        self.language = language
        self.color = color
        self.toolVersion = toolVersion
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
    public static let all: [any Reporter] = [HumanReporter(), JSONReporter()]

    public static func reporter(_ id: String) -> (any Reporter)? { all.first { $0.id == id } }
}

/// Words of the reports, in both languages.
enum ReportWords {
    static func severity(_ severity: Severity, _ language: Language) -> String {
        switch (severity, language) {
        case (.error, .da): return "fejl"
        case (.warning, .da): return "advarsel"
        case (.info, .da): return "info"
        case (.error, .en): return "error"
        case (.warning, .en): return "warning"
        case (.info, .en): return "info"
        }
    }

    static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) \(n == 1 ? singular : plural)"
    }

    static func summary(_ summary: RunSummary, _ language: Language) -> String {
        switch language {
        case .da:
            var text = "Tjekkede \(count(summary.files, "fil", "filer")): \(count(summary.errors, "fejl", "fejl")), "
                + "\(count(summary.warnings, "advarsel", "advarsler")), \(summary.infos) info."
            if summary.unreadable > 0 { text += " \(count(summary.unreadable, "fil", "filer")) kunne ikke læses." }
            return text
        case .en:
            var text = "Checked \(count(summary.files, "file", "files")): \(count(summary.errors, "error", "errors")), "
                + "\(count(summary.warnings, "warning", "warnings")), \(summary.infos) info."
            if summary.unreadable > 0 { text += " \(count(summary.unreadable, "file", "files")) could not be read." }
            return text
        }
    }
}
