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
