/// A text a rule must report (its spans marked `⟦…⟧`) or must leave alone (no marks), kept in the
/// rule's own file under `examples:`. One generic test runs every example of every rule, and
/// `omtale rules explain` prints them.
public struct RuleExample: Sendable, Codable, Equatable {
    /// The example as written, with `⟦` and `⟧` around each span the rule must report.
    public var text: String

    public static let spanStart: Character = "⟦"
    public static let spanEnd: Character = "⟧"

    private enum CodingKeys: String, CodingKey, CaseIterable { case text }

    public init(text: String) {
        self.text = text
    }

    /// The text without the marks: what is checked.
    public var plainText: String { text.filter { $0 != Self.spanStart && $0 != Self.spanEnd } }

    /// The marked spans, as UTF-16 ranges of `plainText`.
    public var spans: [Range<Int>] {
        var spans: [Range<Int>] = []
        var offset = 0
        var start: Int?
        for character in text {
            switch character {
            case Self.spanStart: start = offset
            case Self.spanEnd:
                if let lower = start { spans.append(lower..<offset) }
                start = nil
            default: offset += character.utf16.count
            }
        }
        return spans
    }

    /// Whether the rule must report something in this example.
    public var triggers: Bool { !spans.isEmpty }
}
