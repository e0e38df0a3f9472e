import Foundation

/// When a text was (or will be) published, and how Omtale knows. Pkt. 7.1 bounds the partnership
/// in time: a text dated outside the ruleset's period is not held to its rules.
///
/// Trust, highest first: `--date`, Markdown front matter `date:`, a dateline in the text, the .docx
/// core properties. A text with none is a draft about to be published: the check date applies.
public struct PublicationDate: Sendable, Equatable {
    public enum Source: String, Sendable, Codable {
        /// `--date` on the command line.
        case option
        /// `date:` in Markdown front matter.
        case frontMatter
        /// A dateline in the text ("Aarhus, 1. december 2026", "17.04.2023", "Udgivet d. 8. juni 2021").
        case dateline
        /// `dcterms:modified` (or `created`) in a .docx's `docProps/core.xml`.
        case docxProperties
        /// No date anywhere: the day of the check.
        case checkDate
    }

    /// "YYYY-MM-DD", or "YYYY-MM" when the text gives only a month ("april 2025").
    public var value: String
    public var source: Source
    /// Where the dateline stands (UTF-16 range of the normalized text), for datelines only.
    public var range: Range<Int>?

    public init(value: String, source: Source, range: Range<Int>? = nil) {
        self.value = value
        self.source = source
        self.range = range
    }

    /// Whether the date lies within a period given as "YYYY-MM-DD" bounds (a month overlapping it counts).
    public func isWithin(_ period: Agreement.Period) -> Bool {
        if value.count == 7 {
            return value >= String(period.start.prefix(7)) && value <= String(period.end.prefix(7))
        }
        return value >= period.start && value <= period.end
    }

    /// The date for a document, by the order of trust.
    static func find(document: Document, metadata: DocumentMetadata, option: String?, today: String,
                     datelines: [Range<Int>]) -> PublicationDate {
        if let option, let value = parseISO(option) { return PublicationDate(value: value, source: .option) }
        if let raw = metadata.frontMatter["date"] ?? metadata.frontMatter["dato"], let value = parseISO(raw) ?? parse(raw)?.value {
            return PublicationDate(value: value, source: .frontMatter)
        }
        for line in datelines {
            if let found = parse(document.string(line)) {
                let start = line.lowerBound + found.offset
                return PublicationDate(value: found.value, source: .dateline, range: start..<min(line.upperBound, start + found.length))
            }
        }
        // "08.01.07: Region Midtjylland indviede …": a date opening one of the first paragraphs, then ":" or a dash.
        for paragraph in document.paragraphs.prefix(3) {
            let text = document.string(paragraph)
            // A metadata label opening the text: "Dato: 2024-03-01", "date 2018-04" (a CMS export's header).
            let ns = text as NSString
            if let m = labelled.firstMatch(in: text, range: NSRange(location: 0, length: min(ns.length, 40))) {
                let year = Int(ns.substring(with: m.range(at: 1))) ?? 0, month = Int(ns.substring(with: m.range(at: 2))) ?? 0
                let value = m.range(at: 3).location == NSNotFound ? ((1...12).contains(month) && (1900...2100).contains(year) ? String(format: "%04d-%02d", year, month) : nil)
                    : format(year: year, month: month, day: Int(ns.substring(with: m.range(at: 3))) ?? 0)
                if let value {
                    return PublicationDate(value: value, source: .dateline, range: (paragraph.lowerBound + m.range.location)..<(paragraph.lowerBound + m.range.location + m.range.length))
                }
            }
            guard let found = parse(String(text.prefix(40))), found.offset == 0 else { continue }
            let rest = text.utf16.dropFirst(found.length).prefix(3)
            let after = String(decoding: rest, as: UTF16.self).trimmingCharacters(in: .whitespaces)
            if after.hasPrefix(":") || after.hasPrefix("-") || after.hasPrefix("–") {
                return PublicationDate(value: found.value, source: .dateline,
                                       range: paragraph.lowerBound..<(paragraph.lowerBound + found.length))
            }
        }
        for raw in [metadata.modified, metadata.created].compactMap({ $0 }) where !templateStamps.contains(raw) {
            if let value = parseISO(raw) { return PublicationDate(value: value, source: .docxProperties) }
        }
        return PublicationDate(value: today, source: .checkDate)
    }

    /// Dates a generator's template carries into every document it writes (python-docx's default
    /// template): they say when the template was made, not the document.
    static let templateStamps: Set<String> = ["2013-12-23T23:15:00Z"]

    /// Today as "YYYY-MM-DD" (UTC).
    public static func today(_ now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: now)
    }

    // MARK: - Parsing

    /// "2023-04-17" (also with a time after it, as in core properties).
    public static func parseISO(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let match = iso.firstMatch(in: trimmed, range: NSRange(trimmed.startIndex..., in: trimmed)), match.range.location == 0 else { return nil }
        let parts = (1...3).map { Int((trimmed as NSString).substring(with: match.range(at: $0))) ?? 0 }
        return format(year: parts[0], month: parts[1], day: parts[2])
    }

    /// The first date in a short text, with its offset and length in UTF-16 units.
    static func parse(_ text: String) -> (value: String, offset: Int, length: Int)? {
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var best: (value: String, offset: Int, length: Int)?
        func consider(_ value: String?, _ range: NSRange) {
            guard let value, best == nil || range.location < best!.offset else { return }
            best = (value, range.location, range.length)
        }
        for m in iso.matches(in: text, range: whole) {
            let p = (1...3).map { Int(ns.substring(with: m.range(at: $0))) ?? 0 }
            consider(format(year: p[0], month: p[1], day: p[2]), m.range)
        }
        for m in written.matches(in: text, range: whole) {
            guard let month = month(ns.substring(with: m.range(at: 2))) else { continue }
            consider(format(year: Int(ns.substring(with: m.range(at: 3))) ?? 0, month: month, day: Int(ns.substring(with: m.range(at: 1))) ?? 0), m.range)
        }
        for m in numeric.matches(in: text, range: whole) {
            var year = Int(ns.substring(with: m.range(at: 4))) ?? 0
            if m.range(at: 4).length == 2 { year += 2000 }
            consider(format(year: year, month: Int(ns.substring(with: m.range(at: 3))) ?? 0, day: Int(ns.substring(with: m.range(at: 1))) ?? 0), m.range)
        }
        if best == nil {
            for m in monthYear.matches(in: text, range: whole) {
                guard let month = month(ns.substring(with: m.range(at: 1))), ns.substring(with: m.range(at: 1)).count >= 3 else { continue }
                let year = Int(ns.substring(with: m.range(at: 2))) ?? 0
                guard (1900...2100).contains(year) else { continue }
                consider(String(format: "%04d-%02d", year, month), m.range)
            }
        }
        return best
    }

    static func format(year: Int, month: Int, day: Int) -> String? {
        guard (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Danish month names and their usual abbreviations ("mar.", "sept.").
    static func month(_ word: String) -> Int? {
        let w = word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        let names = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"]
        if let i = names.firstIndex(of: w) { return i + 1 }
        let short = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
        if let i = short.firstIndex(of: w) { return i + 1 }
        if w == "sept" { return 9 }
        return nil
    }

    private static let labelled = try! NSRegularExpression(pattern: #"^\s*(?i:dato|date)\s*:?\s+(\d{4})-(\d{2})(?:-(\d{2}))?(?![\d-])"#)
    private static let iso = try! NSRegularExpression(pattern: #"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"#)
    /// "17. april 2023", "8. juni 2021", "21. mar. 2024", "4. NOV 2025", "17 april 2023".
    private static let written = try! NSRegularExpression(
        pattern: #"(?<![\d.])(\d{1,2})\.?\s+([A-Za-zæøåÆØÅ]{3,9})\.?\s+(\d{4})(?!\d)"#)
    /// "17.04.2023", "17-04-2023", "17/4/2023", "08.01.07", "2.6.2021".
    private static let numeric = try! NSRegularExpression(
        pattern: #"(?<![\d.\-/])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d.\-/]?\d)"#)
    /// "april 2025", "Maj 2024": a month without a day.
    private static let monthYear = try! NSRegularExpression(pattern: #"(?<![\p{L}\d])([A-Za-zæøåÆØÅ]{3,9})\.?\s+(\d{4})(?!\d)"#)
}
