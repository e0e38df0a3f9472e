/// A minimal XML tokenizer over the bytes of a package part, for rewriting it in place: every
/// token knows its byte range, so everything the fixer does not touch is copied byte for byte.
///
/// It reads what `SafeXML` has already accepted (the checker parsed the same part first): no
/// DTD, UTF-8. It does not validate; a part it cannot tokenize is left alone.
struct XMLBytes {
    enum Kind { case start, end, empty, text, other }

    struct Token {
        var kind: Kind
        /// Qualified name for tags; empty otherwise.
        var name: Substring
        var range: Range<Int>
        /// Raw attribute text for start and empty tags (between the name and `>` or `/>`).
        var attributeRange: Range<Int>
    }

    let bytes: [UInt8]
    private(set) var tokens: [Token] = []

    struct Malformed: Error {}

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        var i = 0
        let n = bytes.count
        // A UTF-8 BOM is a byte-order mark, not text.
        if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        while i < n {
            if bytes[i] != UInt8(ascii: "<") {
                var j = i
                while j < n && bytes[j] != UInt8(ascii: "<") { j += 1 }
                tokens.append(Token(kind: .text, name: "", range: i..<j, attributeRange: i..<i))
                i = j
                continue
            }
            guard i + 1 < n else { throw Malformed() }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                let end: [UInt8]
                if Self.starts(bytes, i, "<!--") { end = Array("-->".utf8) } else if Self.starts(bytes, i, "<![CDATA[") { end = Array("]]>".utf8) } else if next == UInt8(ascii: "?") { end = Array("?>".utf8) } else { end = Array(">".utf8) }
                guard let close = Self.find(bytes, end, from: i + 2) else { throw Malformed() }
                let isCDATA = Self.starts(bytes, i, "<![CDATA[")
                tokens.append(Token(kind: isCDATA ? .text : .other, name: "", range: i..<(close + end.count), attributeRange: i..<i))
                i = close + end.count
                continue
            }
            // A tag: find its end, skipping quoted attribute values.
            var j = i + 1
            var quote: UInt8 = 0
            while j < n {
                let b = bytes[j]
                if quote != 0 { if b == quote { quote = 0 } } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b } else if b == UInt8(ascii: ">") { break }
                j += 1
            }
            guard j < n else { throw Malformed() }
            let isEnd = next == UInt8(ascii: "/")
            let isEmpty = !isEnd && bytes[j - 1] == UInt8(ascii: "/")
            var nameStart = i + (isEnd ? 2 : 1)
            while nameStart < j && Self.isSpace(bytes[nameStart]) { nameStart += 1 }
            var nameEnd = nameStart
            while nameEnd < j && !Self.isSpace(bytes[nameEnd]) && bytes[nameEnd] != UInt8(ascii: "/") && bytes[nameEnd] != UInt8(ascii: ">") { nameEnd += 1 }
            let name = Substring(String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self))
            let attributesEnd = isEmpty ? j - 1 : j
            tokens.append(Token(kind: isEnd ? .end : isEmpty ? .empty : .start, name: name, range: i..<(j + 1),
                                attributeRange: nameEnd..<max(nameEnd, attributesEnd)))
            i = j + 1
        }
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    static func starts(_ bytes: [UInt8], _ at: Int, _ prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        guard at + p.count <= bytes.count else { return false }
        for k in 0..<p.count where bytes[at + k] != p[k] { return false }
        return true
    }

    static func find(_ bytes: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var i = from
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && (1..<needle.count).allSatisfy({ bytes[i + $0] == needle[$0] }) { return i }
            i += 1
        }
        return nil
    }

    /// Attributes of a start or empty tag, values with entities resolved.
    func attributes(_ token: Token) -> [String: String] {
        var result: [String: String] = [:]
        var i = token.attributeRange.lowerBound
        let end = token.attributeRange.upperBound
        while i < end {
            while i < end && Self.isSpace(bytes[i]) { i += 1 }
            var nameEnd = i
            while nameEnd < end && bytes[nameEnd] != UInt8(ascii: "=") && !Self.isSpace(bytes[nameEnd]) { nameEnd += 1 }
            guard nameEnd > i else { break }
            let name = String(decoding: bytes[i..<nameEnd], as: UTF8.self)
            var k = nameEnd
            while k < end && bytes[k] != UInt8(ascii: "\"") && bytes[k] != UInt8(ascii: "'") { k += 1 }
            guard k < end else { break }
            let quote = bytes[k]
            var close = k + 1
            while close < end && bytes[close] != quote { close += 1 }
            result[name] = Escaping.xmlText(bytes[(k + 1)..<min(close, end)])
            i = close + 1
        }
        return result
    }

    /// The characters of a text token (entities and character references resolved, CDATA unwrapped).
    func text(_ token: Token) -> String {
        let slice = bytes[token.range]
        if Self.starts(bytes, token.range.lowerBound, "<![CDATA[") {
            return String(decoding: slice.dropFirst(9).dropLast(3), as: UTF8.self)
        }
        return Escaping.xmlText(slice)
    }
}
