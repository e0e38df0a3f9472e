/// Escaping for the markup languages Omtale writes: HTML (the HTML report) and XML (JUnit).
/// The one place either is escaped; the reporters' `escape` functions forward here.
enum MarkupEscaping {
    /// Text for HTML content and (double- or single-quoted) attribute values.
    static func html(_ text: String) -> String { escape(text, xml: false, attribute: false) }

    /// Text for XML content (`attribute: false`) or attribute values. Characters XML 1.0 does not
    /// allow at all (most C0 controls, which can come from a damaged file) become U+FFFD, so the
    /// document stays well-formed. In attributes, line breaks and tabs are written as character
    /// references, since a parser would otherwise normalize them to spaces; a CR always is.
    static func xml(_ text: String, attribute: Bool) -> String { escape(text, xml: true, attribute: attribute) }

    private static func escape(_ text: String, xml: Bool, attribute: Bool) -> String {
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
}
