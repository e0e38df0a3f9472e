import Foundation

/// Escaping for every language Omtale writes, in one place: HTML (the HTML report, the server's
/// pages), XML (JUnit, the Word documents `--fix` writes, and reading them back), JSON (the JSON
/// and SARIF reports, baselines, the server's API), GitHub workflow commands and the terminal.
/// Every writer of one of these calls the function here; none escapes on its own.
package enum Escaping {
    // MARK: HTML and XML

    /// Text for HTML content and (double- or single-quoted) attribute values.
    package static func html(_ text: String) -> String { markup(text, xml: false, attribute: false) }

    /// Text for XML content (`attribute: false`) or attribute values. Characters XML 1.0 does not
    /// allow at all (most C0 controls, which can come from a damaged file) become U+FFFD, so the
    /// document stays well-formed. In attributes, line breaks and tabs are written as character
    /// references, since a parser would otherwise normalize them to spaces; a CR always is.
    package static func xml(_ text: String, attribute: Bool) -> String { markup(text, xml: true, attribute: attribute) }

    private static func markup(_ text: String, xml: Bool, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += xml ? "&apos;" : "&#39;"
            case "\r" where xml: out += "&#13;"
            case "\n" where xml && attribute: out += "&#10;"
            case "\t" where xml && attribute: out += "&#9;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}":
                if xml { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The text of XML character data or an attribute value as written (UTF-8): the five
    /// predefined entities and decimal and hexadecimal character references resolved, CRLF and
    /// lone CR folded to LF (as an XML parser does before anything else). A reference that is
    /// not one of these is kept as written.
    package static func xmlText(_ slice: ArraySlice<UInt8>) -> String {
        guard slice.contains(UInt8(ascii: "&")) || slice.contains(0x0D) else { return String(decoding: slice, as: UTF8.self) }
        var raw = String(decoding: slice, as: UTF8.self)
        raw = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var out = String.UnicodeScalarView()
        var scalars = raw.unicodeScalars[...]
        while let first = scalars.first {
            if first == "&", let semicolon = scalars.prefix(12).firstIndex(of: ";") {
                let entity = String(scalars[scalars.index(after: scalars.startIndex)..<semicolon])
                var value: Unicode.Scalar?
                switch entity {
                case "lt": value = "<"
                case "gt": value = ">"
                case "amp": value = "&"
                case "quot": value = "\""
                case "apos": value = "'"
                default:
                    if entity.hasPrefix("#x") {
                        value = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if entity.hasPrefix("#") {
                        value = UInt32(entity.dropFirst(1)).flatMap(Unicode.Scalar.init)
                    }
                }
                if let value {
                    out.append(value)
                    scalars = scalars[scalars.index(after: semicolon)...]
                    continue
                }
            }
            out.append(first)
            scalars = scalars.dropFirst()
        }
        return String(out)
    }

    // MARK: JSON

    /// A value as JSON: pretty-printed with two spaces, keys sorted, `/` unescaped. JSONEncoder
    /// escapes what JSON requires (quotes, backslashes, controls as `\u00XX`) and writes other
    /// characters, non-BMP ones included, as UTF-8. Nil when the value cannot be encoded.
    package static func json(_ value: some Encodable) -> Data? {
        jsonBytes(value).map { Data($0) }
    }

    /// `json` as bytes, starting at nesting depth `level` (see `JSONBytesEncoder.encode`): the bytes
    /// JSONEncoder writes, from JSONBytesEncoder, or from JSONEncoder itself for a value that
    /// JSONBytesEncoder refuses (it has no floating-point numbers, for one).
    package static func jsonBytes(_ value: some Encodable, level: Int = 0) -> [UInt8]? {
        if let bytes = try? JSONBytesEncoder.encode(value, level: level) { return bytes }
        return foundationJSON(value, level: level)
    }

    /// JSONEncoder's bytes, nested `level` deep: every line but the first indented by 2 × level
    /// spaces (not the blank line inside an empty array or object, which JSONEncoder leaves empty).
    package static func foundationJSON(_ value: some Encodable, level: Int = 0) -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return nil }
        let bytes = [UInt8](data)
        guard level > 0 else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for (i, byte) in bytes.enumerated() {
            out.append(byte)
            if byte == 0x0A, i + 1 < bytes.count, bytes[i + 1] != 0x0A {
                out.append(contentsOf: repeatElement(0x20, count: 2 * level))
            }
        }
        return out
    }

    // MARK: GitHub workflow commands

    /// The message part of a workflow command: `%`, CR and LF would otherwise end or corrupt the
    /// command (the runner turns `%0A` back into a line break in the annotation).
    package static func gitHubData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value of a workflow command: as data, and `:` and `,` too, which separate the
    /// properties and the message.
    package static func gitHubProperty(_ text: String) -> String {
        var out = ""
        for scalar in gitHubData(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: Terminal

    /// Text from a document or a file name, made safe for a terminal: C0 and C1 control characters
    /// (ESC starts window-title, screen-clearing and clipboard sequences), DEL and the bidirectional
    /// overrides and isolates (which reorder what is shown) become visible escapes such as `\u{1B}`.
    package static func terminal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: hiddenFromTerminal) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if hiddenFromTerminal(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func hiddenFromTerminal(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}
