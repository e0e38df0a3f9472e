import Foundation

/// The parts of a press release, found from the layout every input gives (a paragraph per line,
/// headings and captions where the format marks them). Rules use them as scopes (`scope:` in a
/// rule file); JSON lists them under `sections`.
public struct Section: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case dateline, headline, lead, body, quote, factBox, contact, caption
    }

    public var kind: Kind
    /// UTF-16 range of the normalized text.
    public var range: Range<Int>
    /// The heading of a fact box or contact block ("Om Klimaalliancen", "Kontakt").
    public var title: String?
}

public struct Sections: Sendable {
    public var all: [Section] { didSet { index() } }
    /// Paragraph sections and quotes, each sorted by start, for binary search.
    private var blocks: [Section] = []
    private var blockRanges: [Range<Int>] = []
    private var quotes: [Range<Int>] = []

    public init(all: [Section]) {
        self.all = all
        index()
    }

    private mutating func index() {
        blocks = all.filter { $0.kind != .quote }.sorted { $0.range.lowerBound < $1.range.lowerBound }
        blockRanges = blocks.map(\.range)
        quotes = all.filter { $0.kind == .quote }.map(\.range).sorted { $0.lowerBound < $1.lowerBound }
    }

    /// The kind of the section holding an offset; quotes win over the section around them.
    public func kind(at offset: Int) -> Section.Kind {
        // Quotes do not nest: the last one starting at or before the offset is the only candidate.
        if let q = Self.lastStart(quotes, atOrBefore: offset), quotes[q].contains(offset) { return .quote }
        if let b = Self.lastStart(blockRanges, atOrBefore: offset), blocks[b].range.contains(offset) { return blocks[b].kind }
        return .body
    }

    private static func lastStart(_ ranges: [Range<Int>], atOrBefore offset: Int) -> Int? {
        var low = 0, high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].lowerBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }

    public func first(_ kind: Section.Kind) -> Section? { all.first { $0.kind == kind } }

    // MARK: - Finding them

    static let contactHeadings = ["kontakt", "kontakter", "kontaktperson", "kontaktpersoner", "pressekontakt", "yderligere oplysninger",
                                  "yderligere information", "yderligere informationer", "for mere information", "for yderligere oplysninger",
                                  "for yderligere information", "mere information", "flere oplysninger", "for flere oplysninger",
                                  "for mere information kontakt", "presse"]
    static let factHeadings = ["fakta", "faktaboks", "fakta om", "om klimaalliancen", "baggrund", "om partnerskabet"]
    static let captionStarts = ["foto", "fotos", "fotograf", "fotokredit", "billede", "billedtekst", "illustration", "grafik", "video"]
    static let labels = ["pressemeddelelse", "nyhed", "nyheder", "pressemeddelse", "press release", "meddelelse", "udgivet", "publiceret",
                         "opdateret", "revideret", "dato", "af"]

    static func find(in document: Document) -> Sections {
        let paragraphs = document.paragraphs
        var headingStarts = Set<Int>()
        var captionStarts = Set<Int>()
        var marginal = Set<Int>()
        for block in document.source.blocks {
            let start = document.utf16Offset(ofTextOffset: block.range.lowerBound)
            if block.kind == .heading { headingStarts.insert(start) }
            if block.kind == .caption { captionStarts.insert(start) }
            if [.header, .footer, .footnote, .endnote].contains(block.kind) { marginal.insert(start) }
        }
        var sections: [Section] = []
        var box: (kind: Section.Kind, title: String)?
        var sawHeadline = false, sawLead = false, sawContent = false
        for (index, range) in paragraphs.enumerated() {
            // The same text, lowered, trimmed and counted as `String` and Foundation would, on the
            // units where they allow it (those general paths were a quarter of a batch check).
            let trimmed = FastText.trimmingWhitespace(document.utf16, range)
            let text = String(utf16Units: document.utf16[trimmed])
            let lower = FastText.lowercased(text)
            let folded = FastText.trimming(lower, headingPunctuation)
            let words = FastText.wordCount(document.utf16, trimmed, text: text)
            let gap = index == 0 ? 0 : document.utf16[paragraphs[index - 1].upperBound..<range.lowerBound].filter { $0 == 0x0A }.count
            let isHeading = headingStarts.contains(range.lowerBound)
            func add(_ kind: Section.Kind, _ title: String? = nil) { sections.append(Section(kind: kind, range: range, title: title)) }

            // A .docx's headers, footers and notes are their own parts: a letterhead ("Pressemeddelelse fra
            // Region Nordjylland") is a label; the rest reads as body. No box runs into them.
            if marginal.contains(range.lowerBound) {
                box = nil
                add(isDateline(text, lower: lower, words: words) ? .dateline : .body)
                continue
            }
            if isCaption(lower) || captionStarts.contains(range.lowerBound) { add(.caption); continue }
            if isContactHeading(folded, lower: lower) { box = (.contact, text); add(.contact, text); continue }
            if words <= 6, factHeadings.contains(folded) || folded.hasPrefix("fakta om ") || folded.hasPrefix("fakta:") {
                box = (.factBox, text); add(.factBox, text); continue
            }
            if let open = box {
                // A contact block runs to the end (or the next box); a fact box to its first blank line.
                if open.kind == .contact || gap <= 1 || text.hasPrefix("-") || text.hasPrefix("•") || text.hasPrefix("*") {
                    add(open.kind, open.title); continue
                }
                box = nil
            }
            // Datelines stand near the top, also after a headline ("Egedal - 4. november 2020 kl. 10:26").
            if index < 10, isDateline(text, lower: lower, words: words) { add(.dateline); continue }
            // "Revideret 30-10-2022", "Senest opdateret 2. maj 2024" anywhere (often at a page's end).
            if words <= 6, isLabelledDate(text, lower: lower) { add(.dateline); continue }
            if !sawHeadline, !sawContent, isHeading || words <= 20 && !text.hasSuffix(".") || words <= 6 {
                sawHeadline = true; sawContent = true; add(.headline); continue
            }
            sawContent = true
            if isHeading { add(.body); continue }
            if !sawLead, sawHeadline, words >= 8 { sawLead = true; add(.lead); continue }
            add(.body)
        }
        return Sections(all: sections)
    }

    static let dateLabels = ["udgivet", "publiceret", "opdateret", "senest opdateret", "revideret", "dato"]

    /// What the headings are trimmed of before they are compared.
    static let headingPunctuation: Set<Unicode.Scalar> = [":", ".", "!", "–", "-", " "]

    /// `lower` is `text.lowercased()`.
    static func isLabelledDate(_ text: String, lower: String) -> Bool {
        return dateLabels.contains { lower.hasPrefix($0) } && PublicationDate.parse(text) != nil
    }

    /// "Foto: …", "Fotokredit: …", "Illustration / …".
    /// `lower` is the paragraph's text lowercased.
    static func isCaption(_ lower: String) -> Bool {
        for start in captionStarts where lower.hasPrefix(start) {
            let rest = lower.dropFirst(start.count).drop { $0 == " " }
            if rest.first == ":" || rest.first == "/" || rest.first == "|" { return true }
        }
        return false
    }

    static func isContactHeading(_ folded: String, lower: String) -> Bool {
        if contactHeadings.contains(folded) { return true }
        // "Kontakt: Anna Fiktiv, …" or "Yderligere oplysninger: …" at the start of a paragraph.
        return contactHeadings.contains { heading in
            heading.count >= 7 && lower.hasPrefix(heading) && lower.dropFirst(heading.count).first.map { $0 == ":" || $0 == " " } == true
        }
    }

    /// A short paragraph that is a date, a place and a date, or a label with a date or a sender.
    static func isDateline(_ text: String, lower: String, words: Int) -> Bool {
        guard words <= 14, text.count <= 140 else { return false }
        if PublicationDate.parse(text) != nil {
            // A body sentence that happens to hold a date is longer and ends in a full stop.
            return !(words > 8 && text.hasSuffix("."))
        }
        return words <= 8 && labels.contains { lower.hasPrefix($0) && lower.dropFirst($0.count).first.map { !$0.isLetter } ?? true }
    }
}
