/// A document's text as the HTML report shows it: paragraphs as written, with every finding's span
/// wrapped in `<mark>`, and for a Word document its tables as tables, its headers, footers and notes
/// labelled, its comments beside the text they are on, and its tracked changes as `<ins>`/`<del>`.
/// For a `--fix` run the changes made are marked too (`<del class="fix">` old, `<ins class="fix">` new).
///
/// Findings may overlap or coincide (partner-mention reports each missing party at the same
/// mention of the alliance), so the text is cut at every span boundary and each piece is marked
/// with all the findings covering it, coloured by the most severe. A zero-width finding is an
/// empty mark drawn as a caret. Before the first piece of each finding stands an empty anchor
/// (`id="tekst-<file>-<n>"`), which the findings list links to; each change of `--fix` has one
/// too (`id="rettelse-<file>-<n>"`). Comments, tracked changes and fixes cut the text the same way.
struct DocumentMarkup {
    let document: Document
    let diagnostics: [Diagnostic]
    let file: Int
    let language: Language
    /// The parts of the release as Omtale read them; each change of part gets a small label above
    /// its first paragraph, so an officer sees why a mention in the contact block does not count.
    var sections: [SectionReport] = []
    /// What `--fix` changed, when the report is of a fixed file.
    var fixes: FixRecord? = nil

    /// The part a paragraph starting at `offset` stands in.
    func sectionKind(at offset: Int) -> String? {
        let at = document.location(of: offset)
        return sections.first { section in
            section.part == at.part
                && (section.line, section.column) <= (at.line, at.column) && (at.line, at.column) < (section.endLine, section.endColumn)
        }?.kind
    }

    static func label(_ kind: String, _ language: Language) -> String? {
        let da = language == .da
        switch kind {
        case "dateline": return da ? "Datolinje" : "Dateline"
        case "headline": return da ? "Overskrift" : "Headline"
        case "lead": return da ? "Manchet" : "Lead"
        case "body": return da ? "Brødtekst" : "Body"
        case "quote": return da ? "Citat" : "Quote"
        case "factBox": return da ? "Faktaboks" : "Fact box"
        case "contact": return da ? "Kontaktoplysninger" : "Contact details"
        case "caption": return da ? "Billedtekst" : "Caption"
        default: return nil
        }
    }

    /// A Word part that is not the body, as a Word user names it: "Sidehoved, første side", "Fodnoter".
    static func partLabel(_ part: String, _ language: Language) -> String {
        let da = language == .da
        var pieces = part.split(separator: "-").map(String.init)
        let section = pieces.count > 2 ? Int(pieces.removeLast()) : nil
        var label: String
        switch pieces.first ?? "" {
        case "header": label = da ? "Sidehoved" : "Header"
        case "footer": label = da ? "Sidefod" : "Footer"
        case "footnotes": label = da ? "Fodnoter" : "Footnotes"
        case "endnotes": label = da ? "Slutnoter" : "Endnotes"
        default: label = part
        }
        switch pieces.count > 1 ? pieces[1] : "" {
        case "first": label += da ? ", første side" : ", first page"
        case "even": label += da ? ", lige sider" : ", even pages"
        default: break
        }
        if let section { label += da ? ", sektion \(section)" : ", section \(section)" }
        return label
    }

    /// Word parts in the order a page shows them: headers above the body, notes and footers below.
    static func partRank(_ part: String?) -> Int {
        guard let part else { return 1 }
        if part.hasPrefix("header") { return 0 }
        if part == "body" { return 1 }
        if part.hasPrefix("footnote") { return 2 }
        if part.hasPrefix("endnote") { return 3 }
        return part.hasPrefix("footer") ? 4 : 1
    }

    // MARK: What is drawn over the text, in UTF-16 offsets of the document's text

    struct Layers {
        var findings: [Range<Int>] = []
        var comments: [(range: Range<Int>, comment: Comment)] = []
        var insertions: [(range: Range<Int>, revision: Revision)] = []
        var deletions: [(at: Int, revision: Revision)] = []
        /// The new text of each change of `--fix` (index into `fixes.changes`), and where its old text stood.
        var fixed: [(range: Range<Int>, change: Int)] = []
        var replaced: [(at: Int, change: Int)] = []
    }

    var isWord: Bool { document.inputID == DocxInput.identifier }

    /// A UTF-16 offset, clamped to the text and moved off the middle of a surrogate pair.
    func snap(_ offset: Int) -> Int {
        let units = document.utf16
        let clamped = min(max(0, offset), units.count)
        return clamped < units.count && clamped > 0 && UTF16.isTrailSurrogate(units[clamped]) ? clamped - 1 : clamped
    }

    /// The first UTF-16 offset at or after a scalar offset of the file's source coordinates.
    func utf16(ofSource target: Int) -> Int {
        var low = 0, high = document.utf16.count
        while low < high {
            let mid = (low + high) / 2
            if document.sourceOffset(ofUTF16: mid) < target { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func range(ofText range: Range<Int>) -> Range<Int> {
        let lower = snap(document.utf16Offset(ofTextOffset: range.lowerBound))
        var upper = max(lower, snap(document.utf16Offset(ofTextOffset: range.upperBound)))
        // A range that takes in the line break after its paragraph ends with the paragraph.
        if upper > lower && document.utf16[upper - 1] == 0x0A { upper -= 1 }
        return lower..<upper
    }

    func layers() -> Layers {
        var layers = Layers()
        layers.findings = diagnostics.map { diagnostic in
            let lower = snap(diagnostic.range.lowerBound)
            return lower..<max(lower, snap(diagnostic.range.upperBound))
        }
        if let fixes {
            for (index, change) in fixes.changes.enumerated() where !change.ranges.isEmpty {
                for (piece, range) in change.ranges.enumerated() {
                    let lower = snap(utf16(ofSource: range.lowerBound))
                    let upper = max(lower, snap(utf16(ofSource: range.upperBound)))
                    if piece == 0 { layers.replaced.append((lower, index)) }
                    if upper > lower { layers.fixed.append((lower..<upper, index)) }
                }
            }
        }
        guard isWord else { return layers }
        let added = Set(fixes?.addedComments ?? [])
        for (index, comment) in document.source.comments.enumerated() where !added.contains(index) {
            layers.comments.append((range(ofText: comment.range), comment))
        }
        // The tracked changes `--fix` just made are drawn as its changes, with the rule's words.
        func isFix(_ revision: Revision, _ range: Range<Int>) -> Bool {
            guard let author = fixes?.author, revision.author == author else { return false }
            return layers.fixed.contains { $0.range.overlaps(range) || $0.range.contains(range.lowerBound) || $0.range.upperBound == range.lowerBound }
                || layers.replaced.contains { $0.at == range.lowerBound }
        }
        for revision in document.source.revisions {
            let range = range(ofText: revision.range)
            guard !isFix(revision, range) else { continue }
            if revision.kind == .insertion, !range.isEmpty {
                layers.insertions.append((range, revision))
            } else if revision.kind == .deletion {
                layers.deletions.append((range.lowerBound, revision))
            }
        }
        return layers
    }

    // MARK: The page

    var html: String {
        let units = document.utf16
        let count = units.count
        let layers = layers()
        var lines: [Range<Int>] = []
        var lineStart = 0
        while lineStart <= count {
            var lineEnd = lineStart
            while lineEnd < count && units[lineEnd] != 0x0A { lineEnd += 1 }
            lines.append(lineStart..<lineEnd)
            lineStart = lineEnd + 1
        }
        // A Word document's parts in page order (a stable sort keeps each part's paragraphs in order).
        let parts: [String?] = lines.map { isWord ? document.location(of: $0.lowerBound).part : nil }
        let order = lines.indices.sorted { (Self.partRank(parts[$0]), $0) < (Self.partRank(parts[$1]), $1) }

        var anchored = Set<Int>()
        var out = ""
        var currentSection: String? = nil
        var openPart: String?? = .none
        var table: (part: String?, number: Int)? = nil
        var row: Int? = nil
        var cell: Int? = nil
        func closeTable() {
            guard table != nil else { return }
            out += "</td></tr>\n</tbody></table>\n"
            (table, row, cell) = (nil, nil, nil)
        }
        for index in order {
            let line = lines[index]
            let part = parts[index]
            if openPart == .none || openPart! != part {
                closeTable()
                if case .some(.some(let previous)) = openPart, previous != "body" { out += "</div>\n" }
                if let part, part != "body" {
                    out += "<div class=\"docpart\" data-part=\"\(Escaping.html(part))\"><div class=\"docpart-label\">"
                        + "\(Escaping.html(Self.partLabel(part, language)))</div>\n"
                }
                openPart = .some(part)
            }
            let block = isWord ? self.block(at: line.lowerBound) : nil
            let paragraph = self.paragraph(line, layers: layers, anchored: &anchored)
            // The release's parts are labelled in the body; a header or footer already says what it is.
            func kind() -> String? { sections.isEmpty || (part.map { $0 != "body" } ?? false) ? nil : sectionKind(at: line.lowerBound) }
            if let place = block?.cell {
                if table.map({ $0.part != part || $0.number != place.table }) ?? true {
                    closeTable()
                    let kind = kind()
                    if let kind, kind != currentSection, let label = Self.label(kind, language) { out += "<div class=\"part\">\(label)</div>\n" }
                    if kind != nil { currentSection = kind }
                    out += "<table class=\"doc\"><tbody>\n"
                    table = (part, place.table)
                }
                if row != place.row {
                    if row != nil { out += "</td></tr>\n" }
                    out += "<tr>"
                    (row, cell) = (place.row, nil)
                }
                if cell != place.cell {
                    if cell != nil { out += "</td>" }
                    let span = block.map(\.span) ?? 1
                    out += span > 1 ? "<td colspan=\"\(span)\">" : "<td>"
                    cell = place.cell
                }
                if let paragraph { out += paragraph }
                continue
            }
            closeTable()
            guard let paragraph else { continue }
            let kind = kind()
            if let kind, kind != currentSection, let label = Self.label(kind, language) {
                out += "<div class=\"part\">\(label)</div>\n"
            }
            if kind != nil { currentSection = kind }
            out += paragraph + "\n"
        }
        closeTable()
        if case .some(.some(let previous)) = openPart, previous != "body" { out += "</div>\n" }
        return out
    }

    /// The block (a .docx paragraph) a line starts, found by its offset in the plugin's text.
    func block(at offset: Int) -> Block? {
        let blocks = document.source.blocks
        let target = document.textOffset(ofUTF16: offset)
        var low = 0, high = blocks.count
        while low < high {
            let mid = (low + high) / 2
            if blocks[mid].range.lowerBound <= target { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? blocks[low - 1] : nil
    }

    /// One line as `<p>…</p>`, or nil for a line with nothing to show.
    func paragraph(_ line: Range<Int>, layers: Layers, anchored: inout Set<Int>) -> String? {
        let units = document.utf16
        func touches(_ range: Range<Int>) -> Bool {
            range.overlaps(line) || (range.isEmpty && range.lowerBound >= line.lowerBound && range.lowerBound <= line.upperBound)
        }
        func at(_ point: Int) -> Bool { point >= line.lowerBound && point <= line.upperBound }
        let findings = layers.findings.indices.filter { touches(layers.findings[$0]) }
        let comments = layers.comments.indices.filter { layers.comments[$0].range.overlaps(line) || at(layers.comments[$0].range.upperBound) }
        let insertions = layers.insertions.indices.filter { layers.insertions[$0].range.overlaps(line) }
        let deletions = layers.deletions.indices.filter { at(layers.deletions[$0].at) }
        let fixed = layers.fixed.indices.filter { layers.fixed[$0].range.overlaps(line) }
        let replaced = layers.replaced.indices.filter { at(layers.replaced[$0].at) }
        let hasText = units[line].contains { !Tokenizer.isSpaceUnit($0) }
        guard hasText || !findings.isEmpty || !comments.isEmpty || !deletions.isEmpty || !replaced.isEmpty else { return nil }

        var cuts = Set([line.lowerBound, line.upperBound])
        func cut(_ range: Range<Int>) {
            cuts.insert(min(max(range.lowerBound, line.lowerBound), line.upperBound))
            cuts.insert(min(max(range.upperBound, line.lowerBound), line.upperBound))
        }
        findings.forEach { cut(layers.findings[$0]) }
        comments.forEach { cut(layers.comments[$0].range) }
        insertions.forEach { cut(layers.insertions[$0].range) }
        fixed.forEach { cut(layers.fixed[$0].range) }
        deletions.forEach { cuts.insert(layers.deletions[$0].at) }
        replaced.forEach { cuts.insert(layers.replaced[$0].at) }
        let points = cuts.sorted()
        var out = ""
        for (position, point) in points.enumerated() {
            // At a point: the comments that end here, the text deleted here, then zero-width findings.
            for index in comments where layers.comments[index].range.upperBound == point { out += bubble(layers.comments[index].comment) }
            for index in deletions where layers.deletions[index].at == point { out += deleted(layers.deletions[index].revision) }
            for index in replaced where layers.replaced[index].at == point { out += replacement(layers.replaced[index].change) }
            let carets = findings.filter { layers.findings[$0].isEmpty && layers.findings[$0].lowerBound == point }
            if !carets.isEmpty { out += anchors(carets, &anchored) + mark(carets, text: "", caret: true) }
            guard position + 1 < points.count else { break }
            let piece = point..<points[position + 1]
            let covering = findings.filter { !layers.findings[$0].isEmpty && layers.findings[$0].overlaps(piece) }
            var text = Escaping.html(document.string(piece))
            if !covering.isEmpty { text = anchors(covering, &anchored) + mark(covering, text: text, caret: false) }
            if let index = fixed.first(where: { layers.fixed[$0].range.overlaps(piece) }) {
                let change = layers.fixed[index].change
                text = "<ins class=\"fix\" data-r=\"\(file)-\(change + 1)\" title=\"\(Escaping.html(fixTitle(change)))\">\(text)</ins>"
            }
            if let index = insertions.first(where: { layers.insertions[$0].range.overlaps(piece) }) {
                text = "<ins class=\"rev\" title=\"\(Escaping.html(revisionTitle(layers.insertions[index].revision)))\">\(text)</ins>"
            }
            if comments.contains(where: { layers.comments[$0].range.overlaps(piece) }) { text = "<span class=\"c\">\(text)</span>" }
            out += text
        }
        return "<p>" + out + "</p>"
    }

    func anchors(_ indices: [Int], _ anchored: inout Set<Int>) -> String {
        var out = ""
        for index in indices where !anchored.contains(index) {
            anchored.insert(index)
            out += "<span class=\"anchor\" id=\"tekst-\(file)-\(index + 1)\"></span>"
        }
        return out
    }

    func mark(_ indices: [Int], text: String, caret: Bool) -> String {
        let severity = indices.map { diagnostics[$0].severity }.max() ?? .info
        let ids = indices.map { "\(file)-\($0 + 1)" }.joined(separator: " ")
        let title = indices.map { diagnostics[$0].message(language) }.joined(separator: "\n")
        return "<mark class=\"f \(severity.rawValue)\(caret ? " caret" : "")\" data-f=\"\(ids)\" tabindex=\"0\" "
            + "title=\"\(Escaping.html(title))\">\(text)</mark>"
    }

    // MARK: Comments, tracked changes, fixes

    var da: Bool { language == .da }

    /// A Word comment beside the text it is on: who wrote it and what.
    func bubble(_ comment: Comment) -> String {
        let who = comment.author.map { da ? "Kommentar fra \($0):" : "Comment by \($0):" } ?? (da ? "Kommentar:" : "Comment:")
        return "<span class=\"cmt\" role=\"note\"><span class=\"cmt-who\">\(Escaping.html(who))</span> "
            + "<span class=\"cmt-text\">\(Escaping.html(comment.text))</span></span>"
    }

    func revisionTitle(_ revision: Revision) -> String {
        let by = revision.author.map { da ? " af \($0)" : " by \($0)" } ?? ""
        switch revision.kind {
        case .insertion: return da ? "Indsat\(by) (sporet ændring)" : "Inserted\(by) (tracked change)"
        case .deletion: return da ? "Slettet\(by) (sporet ændring)" : "Deleted\(by) (tracked change)"
        }
    }

    func deleted(_ revision: Revision) -> String {
        "<del class=\"rev\" title=\"\(Escaping.html(revisionTitle(revision)))\">\(Escaping.html(revision.deleted))</del>"
    }

    func fixTitle(_ change: Int) -> String {
        guard let change = fixes?.changes[change] else { return "" }
        return (da ? "Rettet af Omtale: " : "Fixed by Omtale: ") + change.message(language)
    }

    /// Where a change of `--fix` starts: its anchor, and the text it replaced.
    func replacement(_ change: Int) -> String {
        var out = "<span class=\"anchor\" id=\"rettelse-\(file)-\(change + 1)\"></span>"
        if let old = fixes?.changes[change].old, !old.isEmpty {
            out += "<del class=\"fix\" data-r=\"\(file)-\(change + 1)\" title=\"\(Escaping.html(fixTitle(change)))\">\(Escaping.html(old))</del>"
        }
        return out
    }
}
