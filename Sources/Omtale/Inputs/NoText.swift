import Foundation

/// A file with no text must never look like a clean check. It gets a finding of its own, rule
/// `no-text` (a warning: the file was read, there is just nothing to check), which every output
/// format shows like any finding. Empty files (0 bytes) get the same finding whatever their
/// format, so an empty .txt and an empty .docx behave alike.
public enum NoText {
    public static let ruleID = "no-text"

    /// The report with a `no-text` finding first when `source` (read from `data`) has no visible character.
    static func report(_ report: FileReport, source: SourceText, data: Data, container: Bool) -> FileReport {
        guard report.error == nil, !hasText(source.text) else { return report }
        return adding(report, message(data: data, container: container))
    }

    static func hasText(_ text: String) -> Bool {
        text.unicodeScalars.contains { !$0.properties.isWhitespace && !$0.properties.isDefaultIgnorableCodePoint }
    }

    static func adding(_ report: FileReport, _ message: Localized) -> FileReport {
        var report = report
        let start = SourceLocation(line: 1, column: 1)
        report.diagnostics.insert(Diagnostic(ruleID: ruleID, severity: .warning, message: message, range: 0..<0, start: start, end: start,
                                             subject: ruleID), at: 0)
        return report
    }

    static func message(data: Data, container: Bool) -> Localized {
        if data.isEmpty {
            return Localized(da: "filen er tom (0 bytes); der er ingen tekst at tjekke. Tjek, at det er den rigtige fil, og at teksten er gemt i den", en: "the file is empty (0 bytes); there is no text to check. Make sure it is the right file and that the text is saved in it")
        }
        return container
            ? Localized(da: "dokumentet indeholder ingen tekst at tjekke (hverken brødtekst, tabeller, sidehoveder eller noter). Tjek, at det er den rigtige fil, og at teksten er gemt i den",
                        en: "the document contains no text to check (no body text, tables, headers or notes). Make sure it is the right file and that the text is saved in it")
            : Localized(da: "filen indeholder ingen tekst at tjekke (kun mellemrum og linjeskift). Tjek, at det er den rigtige fil, og at teksten er gemt i den",
                        en: "the file contains no text to check (only spaces and line breaks). Make sure it is the right file and that the text is saved in it")
    }
}
