/// A position in the file the user wrote, as the user's editor shows it.
///
/// `line` and `column` are 1-based. Columns count Unicode scalars (code points), not bytes
/// and not UTF-16 units: "Æblegrød 👨‍👩‍👧" is 8 + 1 + 5 columns wide, whatever the file's encoding.
/// For inputs that are not line-based (a .docx), `part` names where the text lives
/// ("body", "header1", "footnotes", …) and `line` is the paragraph number within that part.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable {
    public var line: Int
    public var column: Int
    public var part: String?

    public init(line: Int, column: Int, part: String? = nil) {
        self.line = line
        self.column = column
        self.part = part
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.part ?? "", lhs.line, lhs.column) < (rhs.part ?? "", rhs.line, rhs.column)
    }
}
