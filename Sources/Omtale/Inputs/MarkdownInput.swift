import Foundation

/// Markdown (.md, .markdown): the text of headings, paragraphs, list items, block quotes and table
/// cells, and the text of links (not their URLs).
///
/// Not text: fenced code blocks (``` and ~~~) and indented code blocks, link and image URLs, link
/// reference definitions, emphasis and heading markers, table delimiter rows, HTML tags. Image alt
/// text is recorded as an image. HTML comments are kept in the text exactly as written, so
/// `<!-- omtale-disable … -->` waivers work. The output keeps the file's lines (a new block that
/// follows without a blank line gets one, so it is never joined to the paragraph before it, and
/// table cells get one each); the normalizer then folds soft-wrapped paragraph lines. Every
/// character maps back to its line and column in the file. The reader is line by line without
/// recursion; block-quote nesting and bracket nesting are bounded.
public struct MarkdownInput: InputPlugin {
    public static let identifier = "markdown"
    public var id: String { Self.identifier }
    public var extensions: [String] { ["md", "markdown", "mdown", "mkd"] }
    public var summary: Localized {
        Localized(da: "Markdown: overskrifter, afsnit, lister, tabeller og linktekst; ikke kodeblokke eller URL'er; HTML-kommentarer bevares til undtagelser",
                  en: "Markdown: headings, paragraphs, lists, tables and link text; not code blocks or URLs; HTML comments kept for waivers")
    }

    public init() {}

    /// No magic bytes: Markdown is chosen by its extension or with `--input markdown`.
    public func sniff(_ data: Data) -> Bool { false }

    public func read(_ data: Data, path: String) throws -> SourceText {
        let (decoded, _) = try TextDecoding.decode(data)
        // Front matter (`---` … `---`) is metadata, not text: blanked, so offsets stay the file's.
        let front = DocumentMetadata.frontMatter(of: decoded)
        var scalars = Array(decoded.unicodeScalars)
        for i in 0..<min(front.length, scalars.count) where scalars[i] != "\n" && scalars[i] != "\r" { scalars[i] = " " }
        var reader = Reader(scalars: scalars)
        reader.run()
        var source = SourceText(text: reader.writer.string, toSource: reader.writer.map, images: reader.images,
                                lineBreaksAreSoft: true, original: decoded)
        source.metadata.frontMatter = front.pairs
        return source
    }

    static let maxQuoteDepth = 32
    static let maxBracketDepth = 32

    struct Reader {
        let scalars: [Unicode.Scalar]
        var writer: ScalarWriter
        var images: [ImageReference] = []
        var inComment = false
        var fence: (marker: Unicode.Scalar, count: Int)?
        /// What the previous line was, for block boundaries and indented code.
        enum Previous { case blank, paragraph, block, listItem, code }
        var previous: Previous = .blank
        var inList = false

        init(scalars: [Unicode.Scalar]) {
            self.scalars = scalars
            writer = ScalarWriter(capacity: scalars.count)
        }

        mutating func run() {
            let lines = DocxTextInput.lines(scalars)
            for (index, line) in lines.enumerated() {
                let next = index + 1 < lines.count ? lines[index + 1].content : nil
                process(line.content, next: next)
                if line.end < scalars.count { writer.emit("\n", from: line.end) }
            }
        }

        func indent(_ range: Range<Int>) -> (columns: Int, first: Int) {
            var columns = 0, i = range.lowerBound
            while i < range.upperBound, scalars[i] == " " || scalars[i] == "\t" {
                columns += scalars[i] == "\t" ? 4 - columns % 4 : 1
                i += 1
            }
            return (columns, i)
        }

        func isBlank(_ range: Range<Int>) -> Bool { DocxTextInput.isBlank(scalars, range) }

        func run(of s: Unicode.Scalar, from i: Int, end: Int) -> Int {
            var j = i
            while j < end, scalars[j] == s { j += 1 }
            return j - i
        }

        /// A thematic break or setext underline: only one of - * _ = (and spaces), three or more (= and - from one).
        func isRuleLine(_ range: Range<Int>, chars: Set<Unicode.Scalar>, minimum: Int) -> Bool {
            var marker: Unicode.Scalar?
            var count = 0
            for i in range {
                let s = scalars[i]
                if s == " " || s == "\t" { continue }
                guard chars.contains(s), marker == nil || marker == s else { return false }
                marker = s
                count += 1
            }
            return count >= minimum
        }

        func isTableDelimiter(_ range: Range<Int>?) -> Bool {
            guard let range, !isBlank(range) else { return false }
            var sawDash = false, sawPipe = false
            for i in range {
                switch scalars[i] {
                case "-": sawDash = true
                case "|": sawPipe = true
                case ":", " ", "\t": break
                default: return false
                }
            }
            return sawDash && sawPipe
        }

        /// Start a new block: make sure the normalizer sees a blank line before it.
        mutating func newBlock(at offset: Int) {
            if previous != .blank { writer.emit("\n", from: offset) }
        }

        mutating func process(_ line: Range<Int>, next: Range<Int>?) {
            // Inside a multi-line HTML comment: copy verbatim.
            if inComment {
                inline(line)
                return
            }
            let (columns, first) = indent(line)
            // Fenced code.
            if let open = fence {
                if columns < 4, run(of: open.marker, from: first, end: line.upperBound) >= open.count,
                   isBlank(first + run(of: open.marker, from: first, end: line.upperBound)..<line.upperBound) {
                    fence = nil
                    previous = .block
                }
                return
            }
            if isBlank(line) { previous = .blank; return }
            if columns < 4, first < line.upperBound, scalars[first] == "`" || scalars[first] == "~" {
                let count = run(of: scalars[first], from: first, end: line.upperBound)
                if count >= 3 { fence = (scalars[first], count); previous = .code; inList = false; return }
            }
            // Indented code: four columns after a blank line, outside a list.
            if columns >= 4 && (previous == .blank || previous == .code) && !inList {
                previous = .code
                return
            }
            // Setext underline (after a paragraph line) and thematic breaks.
            if columns < 4 && previous == .paragraph && isRuleLine(line, chars: ["=", "-"], minimum: 1) {
                previous = .block
                return
            }
            if columns < 4 && isRuleLine(line, chars: ["-", "*", "_"], minimum: 3) {
                previous = .block
                inList = false
                return
            }
            // Link reference definitions: "[id]: url".
            if columns < 4, first < line.upperBound, scalars[first] == "[", let close = closing(from: first, end: line.upperBound),
               close + 1 < line.upperBound, scalars[close + 1] == ":" {
                previous = .block
                return
            }
            var i = first
            // Block quotes.
            var depth = 0
            while i < line.upperBound, scalars[i] == ">", depth < MarkdownInput.maxQuoteDepth {
                i += 1
                if i < line.upperBound, scalars[i] == " " { i += 1 }
                depth += 1
                while i < line.upperBound, scalars[i] == " " { i += 1 }
            }
            // ATX heading.
            let hashes = run(of: "#", from: i, end: line.upperBound)
            if hashes >= 1 && hashes <= 6 && (i + hashes == line.upperBound || scalars[i + hashes] == " " || scalars[i + hashes] == "\t") {
                newBlock(at: line.lowerBound)
                var end = line.upperBound
                while end > i + hashes, scalars[end - 1] == " " || scalars[end - 1] == "#" { end -= 1 }
                inline((i + hashes)..<max(i + hashes, end))
                previous = .block
                inList = false
                return
            }
            // List items.
            if let content = listItem(at: i, end: line.upperBound) {
                newBlock(at: line.lowerBound)
                inline(content..<line.upperBound)
                previous = .listItem
                inList = true
                return
            }
            // Tables: a row is a line with pipes next to a delimiter row.
            let hasPipe = (i..<line.upperBound).contains { scalars[$0] == "|" }
            if hasPipe && (isTableDelimiter(next) || previous == .block && isTableRowContext) {
                if isTableDelimiter(line) { return }
                newBlock(at: line.lowerBound)
                tableRow(i..<line.upperBound)
                previous = .block
                isTableRowContext = true
                return
            }
            if isTableDelimiter(line) && isTableRowContext { return }
            isTableRowContext = false
            if previous == .block { newBlock(at: line.lowerBound) }
            if previous == .blank { inList = inList && columns >= 2 }
            inline(i..<line.upperBound)
            previous = previous == .listItem || (inList && columns >= 2) ? .listItem : .paragraph
        }

        var isTableRowContext = false

        /// "- ", "* ", "+ ", "1. ", "1) ": the offset where the item's text starts.
        func listItem(at i: Int, end: Int) -> Int? {
            guard i < end else { return nil }
            let s = scalars[i]
            if (s == "-" || s == "*" || s == "+"), i + 1 < end, scalars[i + 1] == " " || scalars[i + 1] == "\t" { return i + 2 }
            if s == "-" || s == "*" || s == "+", i + 1 == end { return end }
            var j = i
            while j < end, j - i < 9, ("0"..."9").contains(scalars[j]) { j += 1 }
            if j > i, j < end, scalars[j] == "." || scalars[j] == ")", j + 1 == end || scalars[j + 1] == " " { return min(end, j + 2) }
            return nil
        }

        /// Table cells, each on its own paragraph.
        mutating func tableRow(_ range: Range<Int>) {
            var cells: [Range<Int>] = []
            var start = range.lowerBound
            var i = range.lowerBound
            var inCode = false
            while i < range.upperBound {
                let s = scalars[i]
                if s == "\\" { i += 2; continue }
                if s == "`" { inCode.toggle() }
                if s == "|" && !inCode { cells.append(start..<i); start = i + 1 }
                i += 1
            }
            cells.append(start..<range.upperBound)
            if let first = cells.first, isBlank(first) { cells.removeFirst() }
            if let last = cells.last, isBlank(last) { cells.removeLast() }
            for (n, cell) in cells.enumerated() {
                if n > 0 { writer.emit("\n", from: cell.lowerBound - 1); writer.emit("\n", from: cell.lowerBound - 1) }
                var lower = cell.lowerBound
                while lower < cell.upperBound, scalars[lower] == " " { lower += 1 }
                inline(lower..<cell.upperBound)
            }
        }

        /// The "]" matching the "[" at `i` on this line.
        func closing(from i: Int, end: Int) -> Int? {
            var depth = 0
            var j = i
            while j < end {
                let s = scalars[j]
                if s == "\\" { j += 2; continue }
                if s == "[" { depth += 1; if depth > MarkdownInput.maxBracketDepth { return nil } }
                if s == "]" { depth -= 1; if depth == 0 { return j } }
                j += 1
            }
            return nil
        }

        /// "(url "title")" after a link's "]": the offset after ")".
        func destination(from i: Int, end: Int) -> Int? {
            guard i < end, scalars[i] == "(" else { return nil }
            var depth = 0
            var j = i
            while j < end {
                let s = scalars[j]
                if s == "\\" { j += 2; continue }
                if s == "(" { depth += 1 }
                if s == ")" { depth -= 1; if depth == 0 { return j + 1 } }
                j += 1
            }
            return nil
        }

        /// Inline content: emphasis markers, code-span backticks, link URLs, tags and escapes removed.
        mutating func inline(_ range: Range<Int>) {
            var i = range.lowerBound
            let end = range.upperBound
            var codeTicks = 0
            while i < end {
                let s = scalars[i]
                if inComment {
                    writer.emit(s, from: i)
                    if s == "-", i + 2 < end, scalars[i + 1] == "-", scalars[i + 2] == ">" {
                        writer.emit("-", from: i + 1); writer.emit(">", from: i + 2)
                        inComment = false
                        i += 3
                        continue
                    }
                    i += 1
                    continue
                }
                if codeTicks > 0 {
                    if s == "`" && run(of: "`", from: i, end: end) == codeTicks { i += codeTicks; codeTicks = 0; continue }
                    writer.emit(s, from: i)
                    i += 1
                    continue
                }
                switch s {
                case "\\" where i + 1 < end && scalars[i + 1].isASCII && scalars[i + 1].properties.isPatternSyntax:
                    writer.emit(scalars[i + 1], from: i + 1)
                    i += 2
                    continue
                case "`":
                    let ticks = run(of: "`", from: i, end: end)
                    // A code span only if it closes on this line; its text is visible and kept.
                    var j = i + ticks
                    var closes = false
                    while j < end { if scalars[j] == "`" { if run(of: "`", from: j, end: end) == ticks { closes = true; break }; j += run(of: "`", from: j, end: end) } else { j += 1 } }
                    if closes { codeTicks = ticks; i += ticks; continue }
                case "<":
                    if i + 3 < end, scalars[i + 1] == "!", scalars[i + 2] == "-", scalars[i + 3] == "-" {
                        inComment = true
                        for k in i..<(i + 4) { writer.emit(scalars[k], from: k) }
                        i += 4
                        continue
                    }
                    // Autolinks and HTML tags are not text.
                    var j = i + 1
                    if j < end, scalars[j].properties.isAlphabetic || scalars[j] == "/" {
                        while j < end, scalars[j] != ">", scalars[j] != "<" { j += 1 }
                        if j < end, scalars[j] == ">" { i = j + 1; continue }
                    }
                case "!" where i + 1 < end && scalars[i + 1] == "[":
                    if let close = closing(from: i + 1, end: end), let after = destination(from: close + 1, end: end) {
                        let alt = String(String.UnicodeScalarView(scalars[(i + 2)..<close]))
                        images.append(ImageReference(altText: alt.isEmpty ? nil : alt, anchor: writer.scalars.count))
                        i = after
                        continue
                    }
                case "[":
                    if let close = closing(from: i, end: end) {
                        var after = close + 1
                        if let dest = destination(from: after, end: end) {
                            after = dest
                        } else if after < end, scalars[after] == "[", let refClose = closing(from: after, end: end) {
                            after = refClose + 1
                        } else {
                            break
                        }
                        // The link text, then skip the destination.
                        inline((i + 1)..<close)
                        i = after
                        continue
                    }
                case "*", "~":
                    // Emphasis and strikethrough markers; a lone "*" between spaces is kept.
                    let count = run(of: s, from: i, end: end)
                    let before: Unicode.Scalar? = i > range.lowerBound ? scalars[i - 1] : nil
                    let after: Unicode.Scalar? = i + count < end ? scalars[i + count] : nil
                    let spaced = (before == nil || before!.properties.isWhitespace) && (after == nil || after!.properties.isWhitespace)
                    if !spaced && (s == "*" || count >= 2) { i += count; continue }
                case "_":
                    let count = run(of: "_", from: i, end: end)
                    let before: Unicode.Scalar? = i > range.lowerBound ? scalars[i - 1] : nil
                    let after: Unicode.Scalar? = i + count < end ? scalars[i + count] : nil
                    let intraword = (before.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) } ?? false)
                        && (after.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) } ?? false)
                    let spaced = (before == nil || before!.properties.isWhitespace) && (after == nil || after!.properties.isWhitespace)
                    if !intraword && !spaced { i += count; continue }
                case "&":
                    if let (decoded, next) = HTMLEntities.decode(scalars, at: i) {
                        for scalar in decoded.unicodeScalars { writer.emit(scalar, from: i) }
                        i = next
                        continue
                    }
                default:
                    break
                }
                writer.emit(s, from: i)
                i += 1
            }
        }
    }
}
