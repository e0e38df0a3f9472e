/// What an input plugin hands to the pipeline: the text a reader of the file sees,
/// and the way back from every character of it to the file.
///
/// Offsets into `text` are in Unicode scalars. `toSource` maps them to scalar offsets in the
/// plugin's source coordinates, and `lines` turns those into lines and columns (or parts and
/// paragraphs). A plain-text file is its own source; a Markdown plugin strips markup and
/// records anchors; a .docx plugin lays its paragraphs out one per line, part by part.
public struct SourceText: Sendable {
    public var text: String
    public var toSource: OffsetMap
    public var lines: LineTable
    /// Structure the plugin knows of (paragraphs, headings, table cells, notes…), in text offsets.
    public var blocks: [Block]
    /// Images with their alternative text (the partnership's "billedmateriale").
    public var images: [ImageReference]
    /// Comments attached to ranges of the text (Word comments, HTML comments).
    public var comments: [Comment]
    /// Tracked changes (a .docx's `w:ins` and `w:del`), in text offsets, for showing the document as Word does.
    public var revisions: [Revision] = []
    /// Whether a single line break inside a block is a soft wrap that a reader does not see.
    /// True for hand-wrapped plain text; false where the plugin already produced one line per paragraph.
    public var lineBreaksAreSoft: Bool
    /// The text in source coordinates when it differs from `text` (Markdown source, a .docx's
    /// paragraphs laid out one per line); nil when the source is `text` itself.
    public var original: String?
    /// What the file says about itself (a .docx's Company and dates, Markdown front matter).
    public var metadata: DocumentMetadata = DocumentMetadata()
    /// For a package (a .docx): each location part ("body", "header-default") and the package
    /// part it was read from ("word/document.xml"), for writing changes back.
    public var parts: [String: String] = [:]

    public init(
        text: String,
        toSource: OffsetMap = .identity,
        lines: LineTable? = nil,
        blocks: [Block] = [],
        images: [ImageReference] = [],
        comments: [Comment] = [],
        lineBreaksAreSoft: Bool = true,
        original: String? = nil
    ) {
        self.original = original
        self.text = text
        self.toSource = toSource
        self.lines = lines ?? LineTable(scalars: (original ?? text).unicodeScalars)
        self.blocks = blocks
        self.images = images
        self.comments = comments
        self.lineBreaksAreSoft = lineBreaksAreSoft
    }
}

extension SourceText {
    /// Source text between two scalar offsets, without its line terminator.
    func sourceLine(from start: Int, to end: Int) -> String {
        let scalars = (original ?? text).unicodeScalars
        var view = String.UnicodeScalarView()
        var offset = 0
        for scalar in scalars {
            if offset >= end { break }
            if offset >= start {
                if scalar == "\n" || scalar == "\r" { break }
                view.append(scalar)
            }
            offset += 1
        }
        return String(view)
    }
}

/// A structural block of a document, as far as the input format tells.
public struct Block: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case paragraph, heading, listItem, tableCell, caption, header, footer, footnote, endnote, textBox, comment
    }

    public var kind: Kind
    /// Scalar range in the plugin's `text`.
    public var range: Range<Int>
    public var part: String?
    /// The table cell a paragraph is in (a .docx), as Word numbers them.
    public var cell: TableCell?
    /// Grid columns that cell spans (`w:gridSpan`); 1 outside tables.
    public var span: Int = 1

    public init(kind: Kind, range: Range<Int>, part: String? = nil) {
        self.kind = kind
        self.range = range
        self.part = part
    }
}

/// An image in the document with what it says about itself.
public struct ImageReference: Sendable, Equatable, Codable {
    public var name: String?
    public var altText: String?
    public var title: String?
    /// Scalar offset in the plugin's `text` where the image is anchored.
    public var anchor: Int

    public init(name: String? = nil, altText: String? = nil, title: String? = nil, anchor: Int) {
        self.name = name
        self.altText = altText
        self.title = title
        self.anchor = anchor
    }
}

/// A comment on a range of the text; not part of the published text.
public struct Comment: Sendable, Equatable {
    public var author: String?
    public var text: String
    /// Scalar range in the plugin's `text` that the comment covers.
    public var range: Range<Int>

    public init(author: String? = nil, text: String, range: Range<Int>) {
        self.author = author
        self.text = text
        self.range = range
    }
}

/// A tracked change in a Word document. The inserted text is part of `SourceText.text` (it counts,
/// as Word prints it with the changes accepted); deleted text is not, and is kept here.
public struct Revision: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case insertion, deletion }

    public var kind: Kind
    public var author: String?
    /// As the file has it (`w:date`, ISO 8601).
    public var date: String?
    /// Scalar range in the plugin's `text`: the inserted text, or the empty range where deleted text stood.
    public var range: Range<Int>
    /// The deleted text ("" for an insertion).
    public var deleted: String

    public init(kind: Kind, author: String? = nil, date: String? = nil, range: Range<Int>, deleted: String = "") {
        self.kind = kind
        self.author = author
        self.date = date
        self.range = range
        self.deleted = deleted
    }
}

/// A cell of a table, 1-based: the table's number in its part, the row, the cell in the row.
public struct TableCell: Sendable, Equatable, Codable {
    public var table: Int
    public var row: Int
    public var cell: Int

    public init(table: Int, row: Int, cell: Int) {
        self.table = table
        self.row = row
        self.cell = cell
    }
}
