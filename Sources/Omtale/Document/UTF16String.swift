import Foundation

extension String {
    /// The text of UTF-16 code units, exactly as `String(decoding: units, as: UTF16.self)` gives it
    /// (each unpaired surrogate becomes U+FFFD), transcoded to UTF-8 in one specialized loop.
    /// The standard library's generic decoding costs about 500 instructions a unit and 4,000 a short
    /// token; it was 44 % of the instructions of a batch check (issue 13).
    init(utf16Units units: UnsafeBufferPointer<UInt16>) {
        let count = units.count
        if count == 0 {
            self = ""
            return
        }
        // Short texts get room for the worst case; longer ones are measured first, so a large
        // text is not held in three times the memory it needs.
        self = String(unsafeUninitializedCapacity: count <= 64 ? count * 3 : Self.utf8Count(units)) { out in
            var n = 0
            var i = 0
            while i < count {
                let unit = units[i]
                i += 1
                if unit < 0x80 {
                    out[n] = UInt8(truncatingIfNeeded: unit)
                    n += 1
                } else if unit < 0x800 {
                    out[n] = UInt8(truncatingIfNeeded: 0xC0 | (unit >> 6))
                    out[n + 1] = UInt8(truncatingIfNeeded: 0x80 | (unit & 0x3F))
                    n += 2
                } else if unit & 0xF800 != 0xD800 {
                    out[n] = UInt8(truncatingIfNeeded: 0xE0 | (unit >> 12))
                    out[n + 1] = UInt8(truncatingIfNeeded: 0x80 | ((unit >> 6) & 0x3F))
                    out[n + 2] = UInt8(truncatingIfNeeded: 0x80 | (unit & 0x3F))
                    n += 3
                } else if unit < 0xDC00, i < count, units[i] & 0xFC00 == 0xDC00 {
                    // A surrogate pair: one scalar of four bytes (two units of input, so within capacity).
                    let scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                    i += 1
                    out[n] = UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18))
                    out[n + 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F))
                    out[n + 2] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
                    out[n + 3] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                    n += 4
                } else {
                    // An unpaired surrogate: U+FFFD, as the standard library repairs it.
                    out[n] = 0xEF
                    out[n + 1] = 0xBF
                    out[n + 2] = 0xBD
                    n += 3
                }
            }
            return n
        }
    }

    /// The UTF-8 length of what `init(utf16Units:)` makes of `units`.
    private static func utf8Count(_ units: UnsafeBufferPointer<UInt16>) -> Int {
        var bytes = 0
        var i = 0
        while i < units.count {
            let unit = units[i]
            i += 1
            if unit < 0x80 {
                bytes += 1
            } else if unit < 0x800 {
                bytes += 2
            } else if unit & 0xFC00 == 0xD800, i < units.count, units[i] & 0xFC00 == 0xDC00 {
                bytes += 4
                i += 1
            } else {
                bytes += 3
            }
        }
        return bytes
    }

    /// The text of Unicode scalars, built in one pass over their UTF-8 (appending them to a
    /// `String.UnicodeScalarView` cost some 70 instructions each, ≈ 4 % of a batch check).
    init(unicodeScalars scalars: [Unicode.Scalar]) {
        var bytes = 0
        for scalar in scalars { bytes += UTF8.width(scalar) }
        if bytes == 0 {
            self = ""
            return
        }
        self = String(unsafeUninitializedCapacity: bytes) { out in
            var n = 0
            for scalar in scalars {
                let value = scalar.value
                if value < 0x80 {
                    out[n] = UInt8(truncatingIfNeeded: value)
                    n += 1
                } else {
                    for byte in UTF8.encode(scalar)! {
                        out[n] = byte
                        n += 1
                    }
                }
            }
            return n
        }
    }

    init(utf16Units units: ArraySlice<UInt16>) {
        self = units.withUnsafeBufferPointer { String(utf16Units: $0) }
    }

    init(utf16Units units: [UInt16]) {
        self = units.withUnsafeBufferPointer { String(utf16Units: $0) }
    }
}

/// Case and white space of short texts (paragraphs, headings) without Foundation's and the standard
/// library's general paths, which were a quarter of a batch check (issue 13). Same results.
enum FastText {
    /// `text.lowercased()`. Text of ASCII, Latin-1 and general punctuation (most Danish text) is
    /// lowered byte by byte: its only uppercase letters are A–Z and À–Þ (but ×), each one
    /// code point below its lowercase. Anything else goes to `lowercased()`.
    static func lowercased(_ text: String) -> String {
        var text = text
        let fast: String? = text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x80 {
                    i += 1
                } else if byte == 0xC2 || byte == 0xC3 {
                    i += 2
                } else if byte == 0xE2, i + 1 < bytes.count, bytes[i + 1] == 0x80 {
                    i += 3  // U+2000–U+203F: spaces, dashes, quotes; no case
                } else {
                    return nil
                }
            }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var previous: UInt8 = 0
                for (index, byte) in bytes.enumerated() {
                    var lowered = byte
                    if byte >= 0x41 && byte <= 0x5A {
                        lowered = byte + 0x20
                    } else if previous == 0xC3, byte >= 0x80, byte <= 0x9E, byte != 0x97 {
                        lowered = byte + 0x20
                    }
                    out[index] = lowered
                    previous = byte
                }
                return bytes.count
            }
        }
        return fast ?? text.lowercased()
    }

    /// Whether a UTF-16 unit is in `CharacterSet.whitespaces` (general category Zs and tab, and on
    /// Linux U+200B): ASCII answered here, the rest by Foundation's own set.
    static func isWhitespace(_ unit: UInt16) -> Bool {
        if unit < 0x80 { return unit == 0x20 || unit == 0x09 }
        guard let scalar = Unicode.Scalar(unit) else { return false }
        return whitespaces.contains(scalar)
    }

    private static let whitespaces = CharacterSet.whitespaces

    /// `range` of `units` without the `CharacterSet.whitespaces` at either end, as
    /// `trimmingCharacters(in: .whitespaces)` trims the text of the range.
    static func trimmingWhitespace(_ units: [UInt16], _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end, isWhitespace(units[start]) { start += 1 }
        while end > start, isWhitespace(units[end - 1]) { end -= 1 }
        return start..<end
    }

    /// `text` without the scalars of `set` at either end (`trimmingCharacters(in:)` of a set of
    /// Basic Multilingual Plane scalars, which Foundation trims unit by unit).
    static func trimming(_ text: String, _ set: Set<Unicode.Scalar>) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, set.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start, set.contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return text }
        return String(scalars[start..<end])
    }

    /// `text.split(whereSeparator: { $0.isWhitespace }).count` for the text of `units[range]`.
    /// Where every unit is below U+0300 or plain punctuation, each scalar is its own character
    /// (but CR LF, both white space), so words are counted on the units; otherwise on characters.
    static func wordCount(_ units: [UInt16], _ range: Range<Int>, text: String) -> Int {
        var words = 0
        var inWord = false
        for index in range {
            let unit = units[index]
            let space: Bool
            if unit < 0x300 {
                space = (unit >= 0x09 && unit <= 0x0D) || unit == 0x20 || unit == 0x85 || unit == 0xA0
            } else if (0x2010...0x2027).contains(unit) || (0x2030...0x205E).contains(unit) || unit == 0x20AC {
                space = false
            } else {
                return text.split(whereSeparator: { $0.isWhitespace }).count
            }
            if !space, !inWord { words += 1 }
            inWord = !space
        }
        return words
    }
}
