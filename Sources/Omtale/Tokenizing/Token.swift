/// A token of the normalized text, from ICU's word break iterator.
public struct Token: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Letters (ICU rule status UBRK_WORD_LETTER, KANA or IDEO).
        case word
        /// Digits, possibly with separators ("82,1", "2023").
        case number
        /// Anything else that is not white space: punctuation, symbols, emoji.
        case punctuation
        case space
        /// Part of a URL or e-mail address ("presse@kl.dk"): never a name.
        case link
    }

    public var kind: Kind
    /// Range in UTF-16 units of the normalized text.
    public var range: Range<Int>

    public init(kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }

    public var isWordLike: Bool { kind == .word || kind == .number }
}
