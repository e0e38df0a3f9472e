import Foundation

/// Text that someone extracted from a .docx with docx2txt, pandoc (`-t plain`, wrapped or not),
/// LibreOffice (`--convert-to txt`, UTF-8 with BOM or 8-bit under `LANG=C`) or Word's "save as
/// plain text" (Windows-1252, CRLF). The extractors' artefacts are undone so the rules see the
/// sentences a reader of the document saw; every character keeps its way back to the file's line
/// and column (fixtures/docx-text/ARTEFACTS.md documents the artefacts).
///
/// What is undone, by the extractor it comes from (detected per file, see `Traits`):
/// - all: decoding (BOM, UTF-8, Windows-1252, CRLF — `TextDecoding` and the normalizer);
///   U+2011 (from `w:noBreakHyphen`) → "-"; soft hyphens are left for the normalizer to remove.
/// - pandoc: lines of a paragraph are joined (it wraps at 72 columns and breaks names); grid tables
///   (`+---+`, `|`) are rebuilt cell by cell from their column slices, including a nested simple
///   table inside a cell; footnote marks `[n]` glued to words are removed and the notes' own `[n] `
///   labels dropped; a paragraph that is only `[…]` is an image's alt text, recorded as an image and
///   left out of the text.
/// - docx2txt: `␠-␠` between two lower-case letters was a soft hyphen ("Klimaal - liancen") and is
///   rejoined; words glued where paragraphs or table cells met ("nedenfor.PartRolle",
///   "KLKoordinerer", "Region HovedstadenVært") get a space back at the lower→upper case seam.
/// - LibreOffice and Word: a footnote number glued to a lower-case word ("regionerne1,") is removed.
///
/// What cannot be undone, because the extractor dropped it: headers and footers (every extractor),
/// note text (LibreOffice), text boxes (pandoc, LibreOffice), words glued by a lost `w:cr`
/// ("Syddanmarkog"). A party named only there is reported missing; check the .docx itself.
/// What an extractor adds that was not published (hidden text, LibreOffice's tracked deletions)
/// cannot be told apart from published text and is checked as if published.
struct DocxTextInput: InputPlugin {
    static let identifier = "docx-text"
    var id: String { Self.identifier }
    /// No extension of its own: chosen with `--input docx-text`, or when a .txt is clearly extracted.
    var extensions: [String] { [] }
    var refinesPlainText: Bool { true }
    var summary: Localized {
        Localized(da: "Tekst udtrukket af en .docx (docx2txt, pandoc, LibreOffice, Word »gem som tekst«); genkendes selv i .txt, når det er tydeligt",
                  en: "Text extracted from a .docx (docx2txt, pandoc, LibreOffice, Word 'save as text'); recognised in .txt when clear")
    }

    init() {}

    /// What the text shows of its extractor.
    struct Traits: Equatable {
        var gridTables = 0
        /// pandoc's simple and multiline tables: a rule of dash groups, one per column ("-----  -----").
        var simpleTables = 0
        var noteMarks = 0
        var pandocBullets = 0
        var wrappedParagraphs = 0
        var longestLine = 0
        var docx2txtBullets = 0
        var softHyphenGaps = 0
        var glue = 0

        var pandoc: Bool { gridTables > 0 || simpleTables > 0 || noteMarks > 0 || pandocBullets > 0 }
        /// docx2txt's fingerprints: its list labels ("   * ", "      oo ") weigh 2; soft hyphens
        /// turned into "a - b" and words glued at paragraph or cell seams ("planen.Alliancen",
        /// "RealdaniaVærtskabet") weigh 1 each, glue 2 when it happens four times or more.
        var docx2txtScore: Int {
            (docx2txtBullets > 0 ? 2 : 0) + (softHyphenGaps >= 2 ? 1 : 0) + (glue >= 1 ? 1 : 0) + (glue >= 4 ? 1 : 0)
        }
        /// Auto-detection needs a score of 2; with `--input docx-text` one signal is enough.
        var docx2txt: Bool { docx2txtScore >= 2 }
        var docx2txtFixes: Bool { !pandoc && docx2txtScore >= 1 }
        /// Confident enough to take a .txt away from the plain-text reader.
        var clearlyExtracted: Bool { gridTables > 0 || simpleTables > 0 || noteMarks > 0 || docx2txt }
        /// Lines inside a blank-line-separated block are wrapped (pandoc's default output).
        var joinsWrappedLines: Bool { pandoc || (wrappedParagraphs > 0 && longestLine <= 80) }
    }

    func sniff(_ data: Data) -> Bool {
        // The first 32 KB show an extractor's habits (grid tables, note marks, glued seams) as well
        // as the whole file does, and sniffing runs on every .txt checked.
        let prefix = data.prefix(32 * 1024)
        // Valid UTF-8 (nearly every file): traits straight from the bytes' scalars, and the full
        // decode (which only accepts or refuses) only for the rare text that looks extracted.
        if let scalars = TextDecoding.utf8Scalars(prefix) {
            return Self.traits(scalars).clearlyExtracted && (try? TextDecoding.decode(prefix)) != nil
        }
        guard let (text, _) = try? TextDecoding.decode(prefix) else { return false }
        return Self.traits(Array(text.unicodeScalars)).clearlyExtracted
    }

    func read(_ data: Data, path: String) throws -> SourceText {
        let (decoded, _) = try TextDecoding.decode(data)
        let scalars = Array(decoded.unicodeScalars)
        let traits = Self.traits(scalars)
        var reader = Rebuilder(scalars: scalars, traits: traits)
        reader.run()
        return SourceText(text: reader.writer.string, toSource: reader.writer.map, blocks: reader.blocks, images: reader.images,
                          lineBreaksAreSoft: false, original: decoded)
    }

    // MARK: - Detection

    // ASCII first: these run on every character of every .txt while sniffing, and Unicode
    // property lookups cost far more than a range test.
    static func isLower(_ s: Unicode.Scalar) -> Bool { s.isASCII ? (0x61...0x7A).contains(s.value) : s.properties.isLowercase }
    static func isUpper(_ s: Unicode.Scalar) -> Bool { s.isASCII ? (0x41...0x5A).contains(s.value) : s.properties.isUppercase }
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (0x41...0x5A).contains(s.value) || (0x61...0x7A).contains(s.value) : s.properties.isAlphabetic
    }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }

    struct Line {
        var content: Range<Int>
        var end: Int  // offset of the terminator (or end of text)
    }

    static func lines(_ scalars: [Unicode.Scalar]) -> [Line] {
        var result: [Line] = []
        var start = 0
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\n" || scalars[i] == "\r" {
                result.append(Line(content: start..<i, end: i))
                i += (scalars[i] == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n") ? 2 : 1
                start = i
            } else {
                i += 1
            }
        }
        result.append(Line(content: start..<scalars.count, end: scalars.count))
        return result
    }

    static func isBlank(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        range.allSatisfy { scalars[$0] == " " || scalars[$0] == "\t" }
    }

    static func isGridBorder(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard range.count >= 3, scalars[range.lowerBound] == "+", scalars[range.upperBound - 1] == "+" else { return false }
        return range.allSatisfy { ["+", "-", "=", ":"].contains(scalars[$0]) }
    }

    /// The dash groups of an indented table rule ("  -------  ------"), as absolute ranges; nil when the
    /// line is anything else. One group is a table's top or bottom rule, several are its columns.
    static func dashGroups(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> [Range<Int>]? {
        guard range.count >= 4, scalars[range.lowerBound] == " " else { return nil }
        var groups: [Range<Int>] = []
        var start: Int? = nil
        for i in range {
            switch scalars[i] {
            case "-": if start == nil { start = i }
            case " ": if let s = start { groups.append(s..<i); start = nil }
            default: return nil
            }
        }
        if let s = start { groups.append(s..<range.upperBound) }
        guard !groups.isEmpty, groups.allSatisfy({ $0.count >= 3 }) else { return nil }
        return groups
    }

    /// `[n]` at `i` (n of 1–3 digits): the index after it, or nil.
    static func noteMark(_ scalars: [Unicode.Scalar], at i: Int, end: Int) -> Int? {
        guard i < end, scalars[i] == "[" else { return nil }
        var j = i + 1
        while j < end, j - i <= 3, isDigit(scalars[j]) { j += 1 }
        guard j > i + 1, j < end, scalars[j] == "]" else { return nil }
        return j + 1
    }

    /// Whether the scalars of `range` start with the ASCII `prefix` (no String per line: this runs
    /// on every line of every .txt while sniffing).
    static func hasPrefix(_ scalars: [Unicode.Scalar], _ range: Range<Int>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard range.count >= count else { return false }
        return prefix.withUTF8Buffer { bytes in
            for k in 0..<count where scalars[range.lowerBound + k].value != UInt32(bytes[k]) { return false }
            return true
        }
    }

    static func traits(_ scalars: [Unicode.Scalar]) -> Traits {
        var traits = Traits()
        var camelWords: [String: Int] = [:]
        let lines = lines(scalars)
        var gluedMarks: Set<[Unicode.Scalar]>? = nil
        var previousBlank = true
        var blockLines = 0
        for (index, line) in lines.enumerated() {
            let r = line.content
            traits.longestLine = max(traits.longestLine, r.count)
            let blank = isBlank(scalars, r)
            if blank {
                if blockLines > 1 { traits.wrappedParagraphs += 1 }
                blockLines = 0
            } else {
                blockLines += 1
            }
            if isGridBorder(scalars, r), index + 1 < lines.count, lines[index + 1].content.first.map({ scalars[$0] == "|" }) == true {
                traits.gridTables += 1
            }
            if hasPrefix(scalars, r, "-   ") && !hasPrefix(scalars, r, "-    ") || hasPrefix(scalars, r, "    -   ") { traits.pandocBullets += 1 }
            if (dashGroups(scalars, r)?.count ?? 0) >= 2 { traits.simpleTables += 1 }
            if hasPrefix(scalars, r, "   * ") || hasPrefix(scalars, r, "      oo ") { traits.docx2txtBullets += 1 }
            // A note's own paragraph "[n] …" after a blank line, whose mark also stands glued in the text.
            if previousBlank, let after = noteMark(scalars, at: r.lowerBound, end: r.upperBound), after < r.upperBound, scalars[after] == " " {
                if gluedMarks == nil { gluedMarks = Self.gluedMarks(in: scalars) }
                if gluedMarks!.contains(Array(scalars[r.lowerBound..<after])) { traits.noteMarks += 1 }
            }
            var i = r.lowerBound + 1
            while i + 3 < r.upperBound {
                let s = scalars[i]
                if s == " " && scalars[i + 1] == "-" && scalars[i + 2] == " " && isLower(scalars[i - 1]) && isLower(scalars[i + 3]) {
                    traits.softHyphenGaps += 1
                }
                if (s == "." || s == "!" || s == "?") && isLower(scalars[i - 1]) && isUpper(scalars[i + 1]) && isLetter(scalars[i + 2]) {
                    traits.glue += 1
                }
                if isLower(s) && isUpper(scalars[i + 1]) && isLower(scalars[i + 2]) && isLetter(scalars[i - 1]) {
                    var start = i
                    while start > r.lowerBound, isLetter(scalars[start - 1]) { start -= 1 }
                    var end = i + 2
                    while end < r.upperBound, isLetter(scalars[end]) { end += 1 }
                    camelWords[String(String.UnicodeScalarView(scalars[start..<end])), default: 0] += 1
                }
                i += 1
            }
            previousBlank = blank
        }
        if blockLines > 1 { traits.wrappedParagraphs += 1 }
        // Two words glued at a seam make a one-off ("RealdaniaVærtskabet"); a camel-cased name
        // that recurs is a brand ("GrønStrøm", "KlimaTavlen"), not an extraction artefact.
        traits.glue += camelWords.values.filter { $0 == 1 }.count
        return traits
    }

    /// Every note mark "[n]" that stands glued to a letter before it ("planen[1]"), found in one
    /// pass (searching the text again for each note paragraph was quadratic in the notes).
    static func gluedMarks(in scalars: [Unicode.Scalar]) -> Set<[Unicode.Scalar]> {
        var marks: Set<[Unicode.Scalar]> = []
        var i = 1
        while i < scalars.count {
            if scalars[i] == "[", isLetter(scalars[i - 1]), let after = noteMark(scalars, at: i, end: scalars.count) {
                marks.insert(Array(scalars[i..<after]))
            }
            i += 1
        }
        return marks
    }

    // MARK: - Rebuilding the text

    /// A piece of one source line: scalar range in the file's decoded text.
    typealias Slice = Range<Int>

    struct Rebuilder {
        let scalars: [Unicode.Scalar]
        let traits: Traits
        var writer: ScalarWriter
        var blocks: [Block] = []
        var images: [ImageReference] = []

        init(scalars: [Unicode.Scalar], traits: Traits) {
            self.scalars = scalars
            self.traits = traits
            writer = ScalarWriter(capacity: scalars.count)
        }

        mutating func run() {
            let lines = DocxTextInput.lines(scalars)
            var index = 0
            while index < lines.count {
                let line = lines[index]
                if traits.pandoc && DocxTextInput.isGridBorder(scalars, line.content) {
                    var end = index
                    while end < lines.count, let first = lines[end].content.first, scalars[first] == "+" || scalars[first] == "|" { end += 1 }
                    grid(Array(lines[index..<end]))
                    index = end
                    continue
                }
                if traits.simpleTables > 0, let end = simpleTable(lines, from: index) {
                    index = end
                    continue
                }
                if DocxTextInput.isBlank(scalars, line.content) {
                    lineEnd(line.end)
                    index += 1
                    continue
                }
                // A paragraph: one line, or (wrapped output) every line up to the next blank line.
                var end = index + 1
                if traits.joinsWrappedLines {
                    while end < lines.count, !DocxTextInput.isBlank(scalars, lines[end].content),
                          !(traits.pandoc && DocxTextInput.isGridBorder(scalars, lines[end].content)) { end += 1 }
                }
                paragraph(lines[index..<end].map(\.content), terminator: lines[end - 1].end, kind: .paragraph)
                index = end
            }
        }

        /// Writes slices as one paragraph joined by spaces, then a line end.
        mutating func paragraph(_ slices: [Slice], terminator: Int, kind: Block.Kind) {
            let trimmed = slices.map(trim).filter { !$0.isEmpty }
            guard let first = trimmed.first else { return }
            // pandoc prints an image as a paragraph "[alt text]": not published text.
            if traits.pandoc, scalars[first.lowerBound] == "[", let last = trimmed.last, scalars[last.upperBound - 1] == "]",
               DocxTextInput.noteMark(scalars, at: first.lowerBound, end: first.upperBound) == nil {
                let alt = trimmed.map { String(String.UnicodeScalarView(scalars[$0])) }.joined(separator: " ")
                images.append(ImageReference(altText: String(alt.dropFirst().dropLast()), anchor: writer.scalars.count))
                lineEnd(terminator)
                return
            }
            let start = writer.scalars.count
            for (n, slice) in trimmed.enumerated() {
                if n > 0 { writer.emit(" ", from: trimmed[n - 1].upperBound) }
                var from = slice.lowerBound
                // The note's own label "[n] " at the start of a pandoc note paragraph.
                if n == 0, traits.pandoc, let after = DocxTextInput.noteMark(scalars, at: from, end: slice.upperBound),
                   after < slice.upperBound, scalars[after] == " " {
                    from = after + 1
                }
                write(from..<slice.upperBound)
            }
            if writer.scalars.count > start { blocks.append(Block(kind: kind, range: start..<writer.scalars.count)) }
            lineEnd(terminator)
        }

        /// A line end where the file has one (not after the last line when the file lacks a final newline).
        mutating func lineEnd(_ terminator: Int) {
            if terminator < scalars.count { writer.emit("\n", from: terminator) }
        }

        func trim(_ slice: Slice) -> Slice {
            var lower = slice.lowerBound, upper = slice.upperBound
            while lower < upper, scalars[lower] == " " || scalars[lower] == "\t" { lower += 1 }
            while upper > lower, scalars[upper - 1] == " " || scalars[upper - 1] == "\t" { upper -= 1 }
            return lower..<upper
        }

        /// Copies one slice, undoing the character-level artefacts.
        mutating func write(_ slice: Slice) {
            var i = slice.lowerBound
            let end = slice.upperBound
            while i < end {
                let s = scalars[i]
                let previous: Unicode.Scalar? = i > slice.lowerBound ? scalars[i - 1] : nil
                // pandoc: a note mark glued to the word before it.
                if traits.pandoc, s == "[", let previous, !previous.properties.isWhitespace,
                   let after = DocxTextInput.noteMark(scalars, at: i, end: end) {
                    i = after
                    continue
                }
                // docx2txt: " - " between lower-case letters was a soft hyphen.
                if traits.docx2txtFixes, s == " ", i + 3 < end, scalars[i + 1] == "-", scalars[i + 2] == " ",
                   let previous, DocxTextInput.isLower(previous), DocxTextInput.isLower(scalars[i + 3]) {
                    i += 3
                    continue
                }
                // docx2txt: paragraphs and cells glued together; put a space back at the seam.
                if traits.docx2txtFixes, let previous, DocxTextInput.isUpper(s), i + 1 < end, DocxTextInput.isLetter(scalars[i + 1]) {
                    let sentenceGlue = (previous == "." || previous == "!" || previous == "?") && i >= 2 && DocxTextInput.isLower(scalars[i - 2])
                    let followedByLower = DocxTextInput.isLower(scalars[i + 1])
                    let camel = DocxTextInput.isLower(previous) && i >= slice.lowerBound + 2 && DocxTextInput.isLetter(scalars[i - 2])
                    let acronym = DocxTextInput.isUpper(previous) && followedByLower && i >= slice.lowerBound + 2 && DocxTextInput.isUpper(scalars[i - 2])
                    if sentenceGlue || camel || acronym { writer.emit(" ", from: i) }
                }
                // LibreOffice / Word: a note number glued to a lower-case word ("regionerne1,").
                if !traits.pandoc, DocxTextInput.isDigit(s), let previous, DocxTextInput.isLower(previous),
                   i >= slice.lowerBound + 2, DocxTextInput.isLetter(scalars[i - 2]) {
                    var j = i
                    while j < end, j - i < 2, DocxTextInput.isDigit(scalars[j]) { j += 1 }
                    let next: Unicode.Scalar? = j < end ? scalars[j] : nil
                    if next == nil || !(DocxTextInput.isLetter(next!) || DocxTextInput.isDigit(next!)) {
                        i = j
                        continue
                    }
                }
                writer.emit(s == "\u{2011}" ? "-" : s, from: i)
                i += 1
            }
        }

        // MARK: pandoc grid tables

        mutating func grid(_ lines: [Line]) {
            guard let border = lines.first else { return }
            // Column boundaries: the "+" of the first border line, as offsets within the line.
            let columns = border.content.filter { scalars[$0] == "+" }.map { $0 - border.content.lowerBound }
            guard columns.count >= 2 else { return }
            var row: [Line] = []
            func flush(_ rebuilder: inout Rebuilder) {
                guard !row.isEmpty else { return }
                for c in 0..<(columns.count - 1) {
                    let slices: [Slice] = row.map { line in
                        let lower = min(line.content.lowerBound + columns[c] + 1, line.content.upperBound)
                        let upper = min(line.content.lowerBound + columns[c + 1], line.content.upperBound)
                        return lower..<max(lower, upper)
                    }
                    rebuilder.cell(slices, terminator: row.last!.end)
                }
                row.removeAll()
            }
            for line in lines {
                if let first = line.content.first, scalars[first] == "+" { flush(&self) } else { row.append(line) }
            }
            flush(&self)
            lineEnd(lines.last!.end)
        }

        // MARK: pandoc simple and multiline tables

        /// A table starting at `lines[start]` with its rule: each cell becomes a paragraph of its own (its
        /// wrapped lines joined), so "Region" over "Nordjylland" in one cell reads as "Region Nordjylland".
        /// Returns the index after the table, or nil when no table starts here.
        mutating func simpleTable(_ lines: [Line], from start: Int) -> Int? {
            guard let top = DocxTextInput.dashGroups(scalars, lines[start].content) else { return nil }
            // A multiline table runs from a full rule to the next full rule, with its column rule under the
            // header; a headerless one from a column rule to the next column rule.
            let full = top.count == 1
            var close: Int? = nil
            var columnRule: Int? = full ? nil : start
            var i = start + 1
            while i < lines.count, i - start < 5_000 {
                if let groups = DocxTextInput.dashGroups(scalars, lines[i].content) {
                    if full && groups.count == 1 { close = i; break }
                    if groups.count >= 2 {
                        if full && columnRule == nil { columnRule = i } else { close = i; break }
                    }
                }
                i += 1
            }
            guard let close, let columnRule, let columns = ruleColumns(lines[columnRule].content) else { return nil }
            let body = ((start + 1)..<close).filter { $0 != columnRule }
            let multiline = full || body.contains { DocxTextInput.isBlank(scalars, lines[$0].content) }
            // Rows: blank-line-separated groups (multiline), or a line each (simple); the header is a row.
            var rows: [[Line]] = []
            var row: [Line] = []
            for n in body {
                let line = lines[n]
                if DocxTextInput.isBlank(scalars, line.content) || n == columnRule + 1 && !row.isEmpty && n > start + 1 {
                    if !row.isEmpty { rows.append(row) }
                    row = DocxTextInput.isBlank(scalars, line.content) ? [] : [line]
                } else if multiline {
                    row.append(line)
                } else {
                    rows.append([line])
                }
            }
            if !row.isEmpty { rows.append(row) }
            for row in rows {
                for column in columns {
                    let parts: [Slice] = row.map { line in
                        let lower = min(line.content.lowerBound + column.lowerBound, line.content.upperBound)
                        let upper = min(line.content.lowerBound + column.upperBound, line.content.upperBound)
                        return lower..<max(lower, upper)
                    }
                    paragraph(parts, terminator: row.last!.end, kind: .tableCell)
                }
            }
            lineEnd(lines[close].end)
            return close + 1
        }

        /// One grid cell: paragraphs separated by blank slices; a nested simple table is split by its columns.
        mutating func cell(_ slices: [Slice], terminator: Int) {
            var group: [Slice] = []
            func flush(_ rebuilder: inout Rebuilder) {
                defer { group.removeAll() }
                guard !group.isEmpty else { return }
                let rules = group.filter(rebuilder.isRule)
                if let columns = rules.lazy.compactMap(rebuilder.ruleColumns).first {
                    let rows = group.filter { !rebuilder.isRule($0) }
                    for column in columns {
                        let parts: [Slice] = rows.map { slice in
                            let lower = min(slice.lowerBound + column.lowerBound, slice.upperBound)
                            let upper = min(slice.lowerBound + column.upperBound, slice.upperBound)
                            return lower..<max(lower, upper)
                        }
                        rebuilder.paragraph(parts, terminator: terminator, kind: .tableCell)
                    }
                } else {
                    rebuilder.paragraph(group.filter { !rebuilder.isRule($0) }, terminator: terminator, kind: .tableCell)
                }
            }
            for slice in slices {
                if DocxTextInput.isBlank(scalars, slice) { flush(&self) } else { group.append(slice) }
            }
            flush(&self)
        }

        func isRule(_ slice: Slice) -> Bool {
            let t = trim(slice)
            return t.count >= 3 && t.allSatisfy { scalars[$0] == "-" || scalars[$0] == " " }
        }

        /// Column ranges (relative to the slice) of a simple-table rule with gaps ("-----  -----").
        func ruleColumns(_ slice: Slice) -> [Range<Int>]? {
            var columns: [Range<Int>] = []
            var start: Int? = nil
            for i in slice {
                if scalars[i] == "-" { if start == nil { start = i } } else if let s = start { columns.append(s..<i); start = nil }
            }
            if let s = start { columns.append(s..<slice.upperBound) }
            guard columns.count >= 2 else { return nil }
            // Each column reaches to the start of the next one, so text wider than its rule is kept.
            var result: [Range<Int>] = []
            for (n, column) in columns.enumerated() {
                let upper = n + 1 < columns.count ? columns[n + 1].lowerBound : Int.max / 2
                result.append((column.lowerBound - slice.lowerBound)..<(upper - slice.lowerBound))
            }
            return result
        }
    }
}
