/// The characters the quote finder reads, as named UTF-16 units of the normalized text.
enum Unit {
    static func of(_ scalar: Unicode.Scalar) -> UInt16 { UInt16(truncatingIfNeeded: scalar.value) }

    static let newline = of("\n")
    static let space = of(" ")
    static let comma = of(",")
    static let fullStop = of(".")
    static let colon = of(":")
    static let semicolon = of(";")
    static let exclamation = of("!")
    static let question = of("?")
    static let ellipsis = of("…")
    static let openParenthesis = of("(")
    static let closeParenthesis = of(")")
    static let openBracket = of("[")
    static let slash = of("/")
    static let hyphen = of("-")
    static let enDash = of("–")
    static let emDash = of("—")
    static let digitZero = of("0")
    static let digitNine = of("9")
    static let lowerS = of("s")

    /// » (opens a Danish quote), « (closes it).
    static let guillemetRight = of("»")
    static let guillemetLeft = of("«")
    /// „ (German-style opening), “ ” (English-style; ” is used both ways in Danish).
    static let lowDoubleQuote = of("„")
    static let leftDoubleQuote = of("“")
    static let rightDoubleQuote = of("”")
    static let straightDoubleQuote = of("\"")
    /// ‘ ’ (’ is also the apostrophe: "KL’s").
    static let leftSingleQuote = of("‘")
    static let rightSingleQuote = of("’")

    static func isSpace(_ u: UInt16) -> Bool { Tokenizer.isSpaceUnit(u) }
    /// The dialogue dash (hyphen-minus, en or em dash).
    static func isDash(_ u: UInt16) -> Bool { u == hyphen || u == enDash || u == emDash }
    static func isQuoteMark(_ u: UInt16) -> Bool {
        u == guillemetRight || u == guillemetLeft || u == lowDoubleQuote || u == leftDoubleQuote || u == rightDoubleQuote
            || u == straightDoubleQuote || u == leftSingleQuote || u == rightSingleQuote
    }
    static func isSentenceEnd(_ u: UInt16) -> Bool { u == fullStop || u == exclamation || u == question || u == ellipsis }
    static func isDigit(_ u: UInt16) -> Bool { u >= digitZero && u <= digitNine }
    /// A letter (any script the BMP has); ASCII answered without a table look-up.
    static func isLetter(_ u: UInt16) -> Bool {
        if u < 128 { return (u | 32) >= of("a") && (u | 32) <= of("z") }
        guard let scalar = Unicode.Scalar(u) else { return false }
        return scalar.properties.isAlphabetic
    }
}

extension QuoteScan {
    enum MarkRole { case open, close, text }

    /// Whether the mark at `k` opens a quote (used at a paragraph start, for continued quotes).
    func isOpening(_ k: Int, paragraph: Range<Int>) -> Bool {
        guard Unit.isQuoteMark(units[k]) else { return false }
        return role(of: k, open: [], paragraph: paragraph) == .open
    }

    /// What a quotation mark does here: ” and " are read from their surroundings.
    func role(of k: Int, open stack: [UInt16], paragraph: Range<Int>) -> MarkRole {
        let u = units[k]
        let before = k > paragraph.lowerBound ? units[k - 1] : Unit.space
        let after = k + 1 < paragraph.upperBound ? units[k + 1] : Unit.space
        let spaceBefore = Unit.isSpace(before) || before == Unit.openParenthesis || before == Unit.openBracket || Unit.isDash(before)
            || before == Unit.slash
        let spaceAfter = Unit.isSpace(after)
        switch u {
        case Unit.guillemetRight, Unit.lowDoubleQuote:
            return .open
        case Unit.guillemetLeft:
            return stack.isEmpty ? .text : .close
        case Unit.leftSingleQuote:
            return spaceAfter ? .text : .open
        case Unit.rightSingleQuote:
            // An apostrophe inside or after a word (KL’s, C40’s).
            if Unit.isLetter(after) || after == Unit.lowerS { return .text }
            return stack.last == Unit.leftSingleQuote ? .close : .text
        default:  // “ ” ": ambiguous
            if stack.isEmpty {
                // A closing-looking mark with nothing open is a stray: read it as text.
                if spaceAfter && !spaceBefore { return .text }
                return spaceAfter ? .text : .open
            }
            if u == Unit.leftDoubleQuote && stack.last == Unit.lowDoubleQuote { return .close }
            // Nested with the same mark: ” after a space and before a word opens an inner quote.
            if spaceBefore && !spaceAfter && Unit.isLetter(after) { return .open }
            return .close
        }
    }
}
