/// A checked text as the rules see it: normalized, tokenized, split into sentences and
/// paragraphs, and able to say where any of its characters came from in the user's file.
///
/// Rules work in UTF-16 offsets of `text` (ICU's native unit); `location(of:)` turns one into
/// the line and column (in Unicode scalars) of the original file, through the normalizer's
/// and the input plugin's maps. Positions are known, never searched for.
public final class Document: @unchecked Sendable {
    public let path: String
    public let inputID: String
    public let text: String
    public let utf16: [UInt16]
    public let tokens: [Token]
    public let sentences: [Range<Int>]
    /// Hard-break paragraphs (headlines, paragraphs, list items), UTF-16 ranges without the line end.
    public let paragraphs: [Range<Int>]
    public let source: SourceText
    /// Case-folded text of each word-like token (empty for other kinds), parallel to `tokens`.
    public let foldedTokens: [String]

    private let maps: [OffsetMap]
    /// UTF-16 offsets of the high surrogates: the only places UTF-16 and scalar offsets diverge.
    private let surrogates: [Int]

    public init(path: String, inputID: String, source: SourceText, tokenizer: Tokenizer) {
        self.path = path
        self.inputID = inputID
        self.source = source
        let normalized = Normalizer().normalize(source)
        self.text = normalized.text
        self.maps = normalized.maps + [source.toSource]
        let units = Array(normalized.text.utf16)
        self.utf16 = units
        var surrogates: [Int] = []
        for (i, unit) in units.enumerated() where UTF16.isLeadSurrogate(unit) { surrogates.append(i) }
        self.surrogates = surrogates
        let tokens = tokenizer.tokens(units)
        self.tokens = tokens
        self.sentences = tokenizer.sentences(units)
        self.foldedTokens = tokens.map { token in
            guard token.isWordLike else { return "" }
            return Self.fold(units[token.range])
        }
        var paragraphs: [Range<Int>] = []
        var start = 0
        for (i, unit) in units.enumerated() where unit == 0x0A {
            if Self.hasContent(units[start..<i]) { paragraphs.append(start..<i) }
            start = i + 1
        }
        if Self.hasContent(units[start..<units.count]) { paragraphs.append(start..<units.count) }
        self.paragraphs = paragraphs
    }

    /// Case folding with an ASCII fast path; ICU for everything else (æ/ø/å, ß, Greek…).
    static func fold(_ units: ArraySlice<UInt16>) -> String {
        if units.allSatisfy({ $0 < 0x80 }) {
            return String(unsafeUninitializedCapacity: units.count) { buffer in
                for (index, unit) in units.enumerated() {
                    buffer[index] = UInt8(unit >= 0x41 && unit <= 0x5A ? unit + 0x20 : unit)
                }
                return units.count
            }
        }
        return String(utf16Units: ICU.foldCase(units))
    }

    private static func hasContent(_ units: ArraySlice<UInt16>) -> Bool {
        units.contains { !Tokenizer.isSpaceUnit($0) }
    }

    /// The text of a UTF-16 range.
    public func string(_ range: Range<Int>) -> String {
        String(utf16Units: utf16[range.clamped(to: 0..<utf16.count)])
    }

    /// Scalar offset of a UTF-16 offset in the normalized text.
    public func scalarOffset(ofUTF16 offset: Int) -> Int {
        // Each surrogate pair before the offset is two units but one scalar.
        var low = 0
        var high = surrogates.count
        while low < high {
            let mid = (low + high) / 2
            if surrogates[mid] < offset { low = mid + 1 } else { high = mid }
        }
        // A pair whose lead is the last unit before offset still counts only if fully before.
        var pairs = low
        if pairs > 0 && surrogates[pairs - 1] == offset - 1 { pairs -= 1 }
        return offset - pairs
    }

    /// Scalar offset in the input plugin's text (`source.text`), before the plugin's own map to the file.
    /// Comments and images that a plugin records are in these coordinates.
    public func textOffset(ofUTF16 offset: Int) -> Int {
        var position = scalarOffset(ofUTF16: offset)
        for map in maps.dropLast() { position = map.map(position) }
        return position
    }

    /// The first UTF-16 offset of the normalized text at or after a scalar offset of the plugin's text
    /// (the inverse of `textOffset(ofUTF16:)`, which is monotone).
    public func utf16Offset(ofTextOffset target: Int) -> Int {
        var low = 0
        var high = utf16.count
        while low < high {
            let mid = (low + high) / 2
            if textOffset(ofUTF16: mid) < target { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Scalar offset in the plugin's source coordinates.
    public func sourceOffset(ofUTF16 offset: Int) -> Int {
        var position = scalarOffset(ofUTF16: offset)
        for map in maps { position = map.map(position) }
        return position
    }

    /// Where a UTF-16 offset of the normalized text is in the user's file.
    public func location(of offset: Int) -> SourceLocation {
        source.lines.location(of: sourceOffset(ofUTF16: offset))
    }

    /// Start and (exclusive) end locations of a range in the user's file.
    public func locations(of range: Range<Int>) -> (start: SourceLocation, end: SourceLocation) {
        let start = location(of: range.lowerBound)
        guard range.upperBound > range.lowerBound else { return (start, start) }
        // Map the last character, not the position after it: after a rejoined hyphenation
        // the position after "Klimaal-\nliancen" is on the next line, but the last letter is not.
        var lastStart = range.upperBound - 1
        if lastStart > range.lowerBound, UTF16.isTrailSurrogate(utf16[lastStart]) { lastStart -= 1 }
        var end = location(of: lastStart)
        end.column += 1
        return (start, end)
    }

    /// Index of the paragraph containing a UTF-16 offset.
    public func paragraphIndex(containing offset: Int) -> Int? {
        var low = 0
        var high = paragraphs.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = paragraphs[mid]
            if offset < range.lowerBound { high = mid - 1 } else if offset >= range.upperBound { low = mid + 1 } else { return mid }
        }
        return nil
    }

    /// Index of the sentence containing a UTF-16 offset.
    public func sentenceIndex(containing offset: Int) -> Int? {
        var low = 0
        var high = sentences.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = sentences[mid]
            if offset < range.lowerBound { high = mid - 1 } else if offset >= range.upperBound { low = mid + 1 } else { return mid }
        }
        return nil
    }

    /// The text of the source line (or paragraph) a location is on, for showing context.
    public func sourceLineText(of location: SourceLocation) -> String? {
        guard let index = source.lines.lines.firstIndex(where: { $0.number == location.line && $0.part == location.part }) else {
            return nil
        }
        let start = source.lines.lines[index].start
        let end = index + 1 < source.lines.lines.count ? source.lines.lines[index + 1].start : Int.max
        return source.sourceLine(from: start, to: end)
    }
}
