import Foundation

/// HTML pages and fragments (.html, .htm): the text a browser shows.
///
/// Not text: `<head>` (also `<title>`), `<script>`, `<style>`, `<template>`, `<noscript>`, `<svg>`,
/// elements with the `hidden` attribute or `style="display:none"`, tags and attribute values.
/// Block elements (p, div, h1–h6, li, td, th, tr, br, …) end a paragraph; other white space
/// collapses to one space as in a browser (not inside `<pre>`). Entities are decoded (named and
/// numeric). Comments are kept in the text exactly as written, so `<!-- omtale-disable … -->`
/// waivers work. `<img alt>` is recorded as an image, not as text. Every character maps back to
/// its line and column in the file (an entity to its "&"). The reader is a single loop without
/// recursion or an element tree, so no nesting depth can exhaust the stack or memory.
struct HTMLInput: InputPlugin {
    static let identifier = "html"
    var id: String { Self.identifier }
    var extensions: [String] { ["html", "htm", "xhtml"] }
    var summary: Localized {
        Localized(da: "HTML: den synlige tekst (ikke head, script, style eller skjulte elementer); blokelementer afslutter afsnit; kommentarer bevares til undtagelser",
                  en: "HTML: the visible text (not head, script, style or hidden elements); block elements end paragraphs; comments kept for waivers")
    }

    init() {}

    func sniff(_ data: Data) -> Bool {
        guard let (text, _) = try? TextDecoding.decode(data.prefix(4096)) else { return false }
        var start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }.lowercased()
        if start.hasPrefix("<?xml") { start = String(start.drop { $0 != ">" }.dropFirst()).trimmingCharacters(in: .whitespacesAndNewlines) }
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html")
    }

    func read(_ data: Data, path: String) throws -> SourceText {
        let (decoded, _) = try TextDecoding.decode(data)
        var reader = Reader(scalars: Array(decoded.unicodeScalars))
        reader.run()
        return SourceText(text: reader.writer.string, toSource: reader.writer.map, images: reader.images,
                          lineBreaksAreSoft: false, original: decoded)
    }

    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
        "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "body", "html",
    ]
    static let skippedElements: Set<String> = ["head", "script", "style", "template", "noscript", "svg", "title", "object", "iframe"]
    static let rawTextElements: Set<String> = ["script", "style"]
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]

    struct Reader {
        let scalars: [Unicode.Scalar]
        var writer: ScalarWriter
        var images: [ImageReference] = []
        /// Name and nesting count of the element being skipped (head, script, hidden …).
        var skipping: (name: String, depth: Int)?
        var preDepth = 0
        var pendingSpace: Int?  // source offset of collapsed white space not yet written
        var atBlockStart = true

        init(scalars: [Unicode.Scalar]) {
            self.scalars = scalars
            writer = ScalarWriter(capacity: scalars.count)
        }

        func startsWith(_ text: String, at i: Int, caseInsensitive: Bool = true) -> Bool {
            var j = i
            for c in text.unicodeScalars {
                guard j < scalars.count else { return false }
                let s = scalars[j]
                if caseInsensitive ? Self.asciiLower(s) != Self.asciiLower(c) : s != c { return false }
                j += 1
            }
            return true
        }

        static func asciiLower(_ s: Unicode.Scalar) -> Unicode.Scalar {
            ("A"..."Z").contains(s) ? Unicode.Scalar(s.value + 32)! : s
        }

        func find(_ text: String, from i: Int, caseInsensitive: Bool = false) -> Int? {
            guard let first = text.unicodeScalars.first else { return nil }
            var j = i
            while j < scalars.count {
                if (scalars[j] == first || caseInsensitive) && startsWith(text, at: j, caseInsensitive: caseInsensitive) { return j }
                j += 1
            }
            return nil
        }

        /// A paragraph end, written only when more text follows (no trailing or doubled line ends).
        var pendingBreak: Int?

        mutating func blockBreak(at offset: Int) {
            pendingSpace = nil
            if !atBlockStart && pendingBreak == nil { pendingBreak = offset }
            atBlockStart = true
        }

        mutating func flushBreak() {
            if let offset = pendingBreak { writer.emit("\n", from: offset); pendingBreak = nil }
        }

        mutating func text(_ scalar: Unicode.Scalar, from offset: Int) {
            guard skipping == nil else { return }
            if preDepth == 0 && (scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}") {
                if !atBlockStart && pendingSpace == nil { pendingSpace = offset }
                return
            }
            if preDepth > 0 && (scalar == "\n" || scalar == "\r") {
                if scalar == "\r" && offset + 1 < scalars.count && scalars[offset + 1] == "\n" { return }
                flushBreak()
                writer.emit("\n", from: offset)
                atBlockStart = true
                return
            }
            flushBreak()
            if let space = pendingSpace { writer.emit(" ", from: space); pendingSpace = nil }
            writer.emit(scalar, from: offset)
            atBlockStart = false
        }

        mutating func run() {
            var i = 0
            while i < scalars.count {
                let s = scalars[i]
                if s == "<" {
                    if startsWith("<!--", at: i) {
                        let end = (find("-->", from: i + 4).map { $0 + 3 }) ?? scalars.count
                        if skipping == nil {
                            // Kept verbatim: a comment may be an omtale waiver.
                            flushBreak()
                            if let space = pendingSpace { writer.emit(" ", from: space); pendingSpace = nil }
                            for k in i..<end { writer.emit(scalars[k], from: k) }
                            atBlockStart = false
                        }
                        i = end
                        continue
                    }
                    if startsWith("<![CDATA[", at: i) {
                        let end = find("]]>", from: i + 9) ?? scalars.count
                        for k in (i + 9)..<end { text(scalars[k], from: k) }
                        i = min(scalars.count, end + 3)
                        continue
                    }
                    if startsWith("<!", at: i) || startsWith("<?", at: i) {
                        i = (find(">", from: i).map { $0 + 1 }) ?? scalars.count
                        continue
                    }
                    if let tag = parseTag(at: i) {
                        handle(tag, at: i)
                        i = tag.end
                        // Raw text elements: everything up to the closing tag is not markup.
                        if !tag.closing, HTMLInput.rawTextElements.contains(tag.name) {
                            i = find("</" + tag.name, from: i, caseInsensitive: true) ?? scalars.count
                        }
                        continue
                    }
                }
                if s == "&", let (decoded, end) = HTMLEntities.decode(scalars, at: i) {
                    for scalar in decoded.unicodeScalars { text(scalar, from: i) }
                    i = end
                    continue
                }
                text(s, from: i)
                i += 1
            }
        }

        struct Tag {
            var name: String
            var closing: Bool
            var selfClosing: Bool
            var attributes: [String: String]
            var end: Int
        }

        func parseTag(at start: Int) -> Tag? {
            var i = start + 1
            var closing = false
            if i < scalars.count, scalars[i] == "/" { closing = true; i += 1 }
            guard i < scalars.count, scalars[i].properties.isAlphabetic && scalars[i].isASCII else { return nil }
            var name = ""
            while i < scalars.count, !scalars[i].properties.isWhitespace, scalars[i] != ">", scalars[i] != "/", name.count < 64 {
                name.unicodeScalars.append(scalars[i]); i += 1
            }
            var attributes: [String: String] = [:]
            var selfClosing = false
            while i < scalars.count {
                let s = scalars[i]
                if s == ">" { return Tag(name: name.lowercased(), closing: closing, selfClosing: selfClosing, attributes: attributes, end: i + 1) }
                if s == "/" { selfClosing = true; i += 1; continue }
                if s.properties.isWhitespace { i += 1; continue }
                selfClosing = false
                var key = ""
                while i < scalars.count, !scalars[i].properties.isWhitespace, !["=", ">", "/"].contains(scalars[i]) {
                    key.unicodeScalars.append(scalars[i]); i += 1
                }
                var value = ""
                while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
                if i < scalars.count, scalars[i] == "=" {
                    i += 1
                    while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
                    if i < scalars.count, scalars[i] == "\"" || scalars[i] == "'" {
                        let quote = scalars[i]
                        i += 1
                        let valueStart = i
                        while i < scalars.count, scalars[i] != quote { i += 1 }
                        value = HTMLEntities.decodeAll(scalars[valueStart..<min(i, scalars.count)])
                        i += 1
                    } else {
                        let valueStart = i
                        while i < scalars.count, !scalars[i].properties.isWhitespace, scalars[i] != ">" { i += 1 }
                        value = HTMLEntities.decodeAll(scalars[valueStart..<i])
                    }
                }
                if !key.isEmpty && attributes.count < 64 { attributes[key.lowercased()] = value }
            }
            return nil  // an unterminated tag is text
        }

        mutating func handle(_ tag: Tag, at offset: Int) {
            let name = tag.name
            if var skip = skipping {
                if name == skip.name {
                    skip.depth += tag.closing ? -1 : (tag.selfClosing || HTMLInput.voidElements.contains(name) ? 0 : 1)
                    skipping = skip.depth > 0 ? skip : nil
                }
                return
            }
            if tag.closing {
                if name == "pre" { preDepth = max(0, preDepth - 1) }
                if HTMLInput.blockElements.contains(name) { blockBreak(at: offset) }
                return
            }
            let style = (tag.attributes["style"] ?? "").lowercased().replacingOccurrences(of: " ", with: "")
            let hidden = tag.attributes["hidden"] != nil || style.contains("display:none") || style.contains("visibility:hidden")
            let isVoid = tag.selfClosing || HTMLInput.voidElements.contains(name)
            if (HTMLInput.skippedElements.contains(name) || hidden) && !isVoid {
                skipping = (name, 1)
                return
            }
            if name == "img" {
                let alt = tag.attributes["alt"].flatMap { $0.isEmpty ? nil : $0 }
                images.append(ImageReference(name: tag.attributes["src"], altText: alt, title: tag.attributes["title"], anchor: writer.scalars.count))
                return
            }
            if name == "pre" { preDepth += 1 }
            if HTMLInput.blockElements.contains(name) {
                if name == "br" {
                    pendingSpace = nil
                    flushBreak()
                    writer.emit("\n", from: offset)
                    atBlockStart = true
                } else {
                    blockBreak(at: offset)
                }
            }
        }
    }
}

/// HTML character references: numeric, and the named ones Danish texts use.
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "shy": "\u{AD}", "ndash": "–",
        "mdash": "—", "hellip": "…", "laquo": "«", "raquo": "»", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’",
        "bdquo": "„", "sbquo": "‚", "aelig": "æ", "AElig": "Æ", "oslash": "ø", "Oslash": "Ø", "aring": "å", "Aring": "Å",
        "auml": "ä", "Auml": "Ä", "ouml": "ö", "Ouml": "Ö", "uuml": "ü", "Uuml": "Ü", "eacute": "é", "Eacute": "É",
        "egrave": "è", "aacute": "á", "oacute": "ó", "iacute": "í", "szlig": "ß", "copy": "©", "reg": "®", "trade": "™",
        "euro": "€", "middot": "·", "bull": "•", "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}",
        "zwj": "\u{200D}", "zwnj": "\u{200C}", "deg": "°", "sect": "§", "para": "¶", "times": "×", "minus": "−",
        "frac12": "½", "sup2": "²", "sub2": "₂", "lrm": "\u{200E}", "rlm": "\u{200F}",
    ]

    /// The entity starting at `i` ("&amp;", "&#230;", "&#xE6;"): its text and the offset after it.
    static func decode(_ scalars: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        guard i < scalars.count, scalars[i] == "&" else { return nil }
        var j = i + 1
        var name = ""
        while j < scalars.count, j - i <= 32, scalars[j] != ";" {
            let s = scalars[j]
            guard s.isASCII, s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "#" else { return nil }
            name.unicodeScalars.append(s)
            j += 1
        }
        guard j < scalars.count, scalars[j] == ";", !name.isEmpty else { return nil }
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", j + 1) }
            return (String(scalar), j + 1)
        }
        guard let text = named[name] else { return nil }
        return (text, j + 1)
    }

    static func decodeAll(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        let scalars = Array(slice)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if let (text, end) = decode(scalars, at: i) { out.append(contentsOf: text.unicodeScalars); i = end; continue }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }
}
