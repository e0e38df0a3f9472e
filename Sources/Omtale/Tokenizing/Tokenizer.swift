/// Splits normalized text into tokens and sentences with ICU's break iterators for Danish.
///
/// One Tokenizer holds two ICU iterators; it is cheap to reuse and must not be shared
/// between threads (create one per worker).
public final class Tokenizer {
    public let locale: String
    private let words: BreakIterator
    private let sentences: BreakIterator

    public init(locale: String = "da_DK") {
        self.locale = locale
        // ICU ships root break rules for every locale, so opening cannot fail unless ICU's
        // data is missing, which is a broken installation rather than bad input.
        guard let words = BreakIterator(.word, locale: locale),
              let sentences = BreakIterator(.sentence, locale: locale) else {
            fatalError("ICU break iterators could not be opened; is libicu's data installed?")
        }
        self.words = words
        self.sentences = sentences
    }

    /// Word-level tokens covering the whole text.
    public func tokens(_ units: [UInt16]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(units.count / 3)
        var start = 0
        for (end, status) in words.boundaries(of: units) where end > start {
            let kind: Token.Kind
            if status >= WordStatus.numberLimit {
                kind = .word
            } else if status >= WordStatus.noneLimit {
                kind = .number
            } else if units[start..<end].allSatisfy(Self.isSpaceUnit) {
                kind = .space
            } else {
                kind = .punctuation
            }
            tokens.append(Token(kind: kind, range: start..<end))
            start = end
        }
        Self.markLinks(in: &tokens, units: units)
        return tokens
    }

    /// Sentence ranges covering the whole text, with Danish abbreviations repaired.
    public func sentences(_ units: [UInt16]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for (end, _) in sentences.boundaries(of: units) where end > start {
            if let last = result.last, Self.endsInAbbreviation(units, last, next: start, nextEnd: end) {
                result[result.count - 1] = last.lowerBound..<end
            } else {
                result.append(start..<end)
            }
            start = end
        }
        return result
    }

    static func isSpaceUnit(_ unit: UInt16) -> Bool {
        unit == 0x20 || unit == 0x0A || unit == 0x09 || unit == 0x0D || unit == 0xA0 || (unit >= 0x2000 && unit <= 0x200A)
            || unit == 0x202F || unit == 0x205F || unit == 0x3000
    }

    /// Whether the sentence ending at `sentence.upperBound` ends in an abbreviation that should
    /// not end it, given what starts the next sentence.
    static func endsInAbbreviation(_ units: [UInt16], _ sentence: Range<Int>, next: Int, nextEnd: Int) -> Bool {
        // The last non-space word of the sentence, with its trailing full stop.
        var end = sentence.upperBound
        while end > sentence.lowerBound, isSpaceUnit(units[end - 1]) { end -= 1 }
        guard end > sentence.lowerBound, units[end - 1] == 0x2E else { return false }  // "."
        var start = end - 1
        while start > sentence.lowerBound, !isSpaceUnit(units[start - 1]), units[start - 1] != 0x28 /* ( */ {
            start -= 1
        }
        let word = ICU.foldCase(String(utf16Units: units[start..<end]))
        if DanishAbbreviations.neverFinal.contains(word) { return true }
        guard DanishAbbreviations.sometimesFinal.contains(word) else { return false }
        var first = next
        while first < nextEnd, isSpaceUnit(units[first]) { first += 1 }
        guard first < nextEnd else { return false }
        let unit = units[first]
        if unit >= 0x30 && unit <= 0x39 { return true }
        guard let scalar = Unicode.Scalar(unit) else { return false }
        return scalar.properties.isLowercase
    }

    /// Marks tokens that belong to URLs and e-mail addresses, so "presse@kl.dk" or
    /// "https://kl.dk/klimaalliancen" never count as naming a party or the alliance.
    static func markLinks(in tokens: inout [Token], units: [UInt16]) {
        var chunkStart = 0
        var index = 0
        func isLink(_ range: Range<Int>) -> Range<Int>? {
            let chunk = String(utf16Units: units[range])
            let lower = chunk.lowercased()
            let looksLikeLink = lower.contains("://") || lower.hasPrefix("www.")
                || (lower.contains("@") && lower.split(separator: "@").last?.contains(".") == true)
                || lower.hasPrefix("mailto:")
            guard looksLikeLink else { return nil }
            // Trailing sentence punctuation is not part of the address.
            var end = range.upperBound
            while end > range.lowerBound, let s = Unicode.Scalar(units[end - 1]), ".,;:!?)»«\"”'’".unicodeScalars.contains(s) {
                end -= 1
            }
            var start = range.lowerBound
            while start < end, let s = Unicode.Scalar(units[start]), "(«»\"“”'‘".unicodeScalars.contains(s) { start += 1 }
            return start..<end
        }
        var linkRanges: [Range<Int>] = []
        // Only a chunk with "@" or ":", or one starting with "www.", can be an address: test that
        // on the units before building a string (this runs over every character of every text).
        var hasMarker = false
        for i in 0...units.count {
            if i == units.count || isSpaceUnit(units[i]) {
                let startsWithW = i - chunkStart >= 4 && (units[chunkStart] | 0x20) == 0x77 && units[chunkStart + 3] == 0x2E
                if i > chunkStart, hasMarker || startsWithW, let link = isLink(chunkStart..<i) { linkRanges.append(link) }
                chunkStart = i + 1
                hasMarker = false
            } else if units[i] == 0x40 || units[i] == 0x3A {
                hasMarker = true
            }
        }
        guard !linkRanges.isEmpty else { return }
        for link in linkRanges {
            while index < tokens.count, tokens[index].range.upperBound <= link.lowerBound { index += 1 }
            var j = index
            while j < tokens.count, tokens[j].range.lowerBound < link.upperBound {
                if tokens[j].kind != .space { tokens[j].kind = .link }
                j += 1
            }
        }
    }
}
