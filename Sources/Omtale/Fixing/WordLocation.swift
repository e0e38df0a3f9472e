/// A .docx location as a Word user finds it: the part in words ("brødtekst", "sidehoved"),
/// the paragraph counted as Word's navigation counts it, the table cell, the heading above,
/// and the text to search for.
public struct WordLocation: Sendable, Equatable, Codable {
    /// body, header, footer, footnote, endnote, textBox.
    public var part: String
    /// 1-based paragraph number within the part, as Word counts it.
    public var paragraph: Int
    public var table: Int?
    public var row: Int?
    public var cell: Int?
    /// The heading the paragraph sits under (body only).
    public var heading: String?
    /// A short stretch of the text at the finding, to paste into Word's search.
    public var search: String

    public init(part: String, paragraph: Int, table: Int? = nil, row: Int? = nil, cell: Int? = nil, heading: String? = nil, search: String) {
        self.part = part
        self.paragraph = paragraph
        self.table = table
        self.row = row
        self.cell = cell
        self.heading = heading
        self.search = search
    }

    /// The kind of part a location's part label ("header-default", "footnotes") names.
    public static func partKind(_ label: String) -> String {
        if label.hasPrefix("header") { return "header" }
        if label.hasPrefix("footer") { return "footer" }
        if label.hasPrefix("footnote") { return "footnote" }
        if label.hasPrefix("endnote") { return "endnote" }
        if label == "textBox" { return "textBox" }
        return "body"
    }

    /// The part in the user's words.
    public static func partName(_ label: String, _ language: Language) -> String {
        let da = ["body": "brødtekst", "header": "sidehoved", "footer": "sidefod", "footnote": "fodnote", "endnote": "slutnote", "textBox": "tekstboks"]
        let en = ["body": "body", "header": "header", "footer": "footer", "footnote": "footnote", "endnote": "endnote", "textBox": "text box"]
        let kind = partKind(label)
        return (language == .da ? da[kind] : en[kind]) ?? label
    }
}

extension WordLocation {
    /// Where a finding is, for a Word user; nil for documents that are not Word documents.
    public static func make(for diagnostic: Diagnostic, in document: Document) -> WordLocation? {
        guard document.inputID == DocxInput.identifier, let label = diagnostic.start.part else { return nil }
        let source = document.source
        let offset = document.textOffset(ofUTF16: diagnostic.range.lowerBound)
        let index = source.blocks.lastIndex { $0.range.lowerBound <= offset && $0.part == label }
        let block = index.map { source.blocks[$0] }
        var part = partKind(label)
        if block?.kind == .textBox { part = "textBox" }
        var heading: String?
        if let index, part == "body" {
            heading = source.blocks[..<index].last { $0.kind == .heading && $0.part == label }
                .map { source.sourceLine(from: $0.range.lowerBound, to: $0.range.upperBound) }
        }
        var search = diagnostic.excerpt
        if let block, search.unicodeScalars.count < 16 {
            // A short span ("RM") is found faster with a few words around it.
            let paragraph = Array(source.sourceLine(from: block.range.lowerBound, to: block.range.upperBound).unicodeScalars)
            let local = max(0, min(paragraph.count, offset - block.range.lowerBound))
            let end = min(paragraph.count, local + diagnostic.excerpt.unicodeScalars.count)
            var from = max(0, local - 16), to = min(paragraph.count, end + 16)
            while from > 0 && from < local && paragraph[from - 1] != " " { from += 1 }
            while to < paragraph.count && to > end && paragraph[to] != " " { to -= 1 }
            search = String(String.UnicodeScalarView(paragraph[from..<to])).trimmingCharacters(in: .whitespaces)
        }
        return WordLocation(part: part, paragraph: diagnostic.start.line, table: block?.cell?.table, row: block?.cell?.row,
                            cell: block?.cell?.cell, heading: heading, search: search)
    }

    /// "brødtekst, tabel 1, række 2, celle 3, afsnit 11, under »Overskrift«: søg efter »…«"
    public func description(_ language: Language) -> String {
        var pieces = [Self.partName(part, language)]
        if let table, let row, let cell {
            pieces.append(language == .da ? "tabel \(table), række \(row), celle \(cell)" : "table \(table), row \(row), cell \(cell)")
        }
        pieces.append(language == .da ? "afsnit \(paragraph)" : "paragraph \(paragraph)")
        if let heading, !heading.isEmpty { pieces.append(language == .da ? "under »\(heading)«" : "under “\(heading)”") }
        let place = pieces.joined(separator: ", ")
        return language == .da ? "\(place); søg efter »\(search)«" : "\(place); search for “\(search)”"
    }
}
