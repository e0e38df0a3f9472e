import Foundation
import ZIPFoundation

/// Writes a reviewed copy of a Word document: every safe fix a tracked change (`w:del` of the old
/// words, `w:ins` of the new, by "Omtale" with a date), every other finding a Word comment on its
/// span. Only the parts that get changes are rewritten, and in them only the runs the changes
/// touch; every other part is copied byte for byte into a new ZIP (ZIPFoundation).
///
/// A change goes into the runs that hold the text, also when Word split a word over several runs
/// (a run is cut where the change begins and ends). A fix that cannot be placed exactly (its
/// paragraph reads differently here than in the checker, or it would cut a field or another
/// author's tracked change) is not made; its finding becomes a comment instead.
struct DocxFixer {
    var author: String
    var date: Date
    var language: Language

    init(author: String = "Omtale", date: Date = Date(), language: Language = .da) {
        self.author = author
        self.date = date
        self.language = language
    }

    struct Review {
        var data: Data
        /// Edits that could not be placed (their findings got comments).
        var skipped: [FixPlan.Edit]
        var comments: Int
    }

    /// One change inside a paragraph, in offsets of the paragraph's text.
    enum Op {
        case delete(Range<Int>)
        case insert(Int, String)
        case commentStart(Int, id: Int)
        case commentEnd(Int, id: Int)

        var positions: [Int] {
            switch self {
            case .delete(let range): return [range.lowerBound, range.upperBound]
            case .insert(let at, _), .commentStart(let at, _), .commentEnd(let at, _): return [at]
            }
        }

        /// At one position: a comment ends, then text is inserted, then a comment begins.
        var order: Int {
            switch self {
            case .commentEnd: return 0
            case .delete: return 1
            case .insert: return 2
            case .commentStart: return 3
            }
        }
    }

    struct Failure: Error {}

    func apply(_ edits: [FixPlan.Edit], comments findings: [Diagnostic], to data: Data) throws -> Review {
        let source = try DocxInput().read(data, path: "")
        var limits = SafeZip.Limits()
        limits.maxPartBytes = Int.max / 4
        limits.maxTotalBytes = Int.max / 4
        var zip = try SafeZip(data, limits: limits)
        let items = try SafeZip.scan(data, limits: limits).filter { !$0.name.hasSuffix("/") }
        var entries: [(name: String, data: Data)] = []
        for item in items { entries.append((item.name, try zip.read(item.name) ?? Data())) }
        func entry(_ name: String) -> Int? { entries.firstIndex { $0.name.lowercased() == name.lowercased() } }

        // The reader's paragraphs, per location part: what each paragraph must read here too.
        var readerParagraphs: [String: [[Unicode.Scalar]]] = [:]
        let scalars = Array(source.text.unicodeScalars)
        for (index, line) in source.lines.lines.enumerated() {
            let end = index + 1 < source.lines.lines.count ? source.lines.lines[index + 1].start - 1 : scalars.count
            readerParagraphs[line.part ?? "body", default: []].append(Array(scalars[line.start..<max(line.start, end)]))
        }

        var maps: [String: DocxRunMap] = [:]
        func map(_ label: String) -> DocxRunMap? {
            if let cached = maps[label] { return cached }
            guard let name = source.parts[label], let index = entry(name),
                  let built = try? DocxRunMap([UInt8](entries[index].data)) else { return nil }
            maps[label] = built
            return built
        }
        /// The paragraph at a location, when this map and the reader agree on its text.
        func paragraph(_ label: String, _ number: Int) -> Int? {
            guard let built = map(label), let expected = readerParagraphs[label], built.paragraphs.count == expected.count,
                  number >= 1, number <= expected.count, built.paragraphs[number - 1].text == expected[number - 1] else { return nil }
            return number - 1
        }

        var nextID = Self.largestID(in: entries.map(\.data)) + 1
        func newID() -> Int { defer { nextID += 1 }; return nextID }

        // Fixes first: each one all in one paragraph, placed or skipped as a whole. Edits that share
        // a finding (an enumeration fixed in pieces) are placed together or not at all.
        var ops: [String: [Int: [Op]]] = [:]
        var newParagraphs: [String: [Int: [String]]] = [:]
        var skipped: [FixPlan.Edit] = []
        for group in Self.groups(edits) {
            var trialOps = ops, trialParagraphs = newParagraphs
            let placed = group.allSatisfy { edit in
                let label = edit.part ?? "body"
                guard edit.start.line == edit.end.line, let p = paragraph(label, edit.start.line), let built = map(label) else { return false }
                let range = (edit.start.column - 1)..<(edit.end.column - 1)
                var segments = edit.text.components(separatedBy: "\n")
                let inline = segments.removeFirst()
                var candidate: [Op] = []
                if !range.isEmpty { candidate.append(.delete(range)) }
                if !inline.isEmpty { candidate.append(.insert(range.upperBound, inline)) }
                let trial = (trialOps[label]?[p] ?? []) + candidate
                guard (try? Self.render(built.paragraphs[p], ops: trial, xml: built.xml, markup: Markup(prefix: built.prefix, author: author, date: date, ids: { 0 }))) != nil else {
                    return false
                }
                trialOps[label, default: [:]][p, default: []].append(contentsOf: candidate)
                let extra = segments.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                if !extra.isEmpty { trialParagraphs[label, default: [:]][p, default: []].append(contentsOf: extra) }
                return true
            }
            if placed {
                ops = trialOps
                newParagraphs = trialParagraphs
            } else {
                skipped += group
            }
        }

        // Comments: the findings without a safe fix, and those whose fix could not be placed.
        let skippedFindings = Set(skipped.flatMap(\.findings))
        var commentTexts: [(id: Int, text: String)] = []
        let all = findings + skippedFindings.sorted().compactMap { index in
            // The edit the finding's own fix made, when it was cut into pieces: one that carries it first.
            (edits.first { $0.findings.first == index } ?? edits.first { $0.findings.contains(index) }).map { Self.skippedFinding($0) }
        }
        // A comment Omtale already wrote (a second --fix on the reviewed copy) is not written again.
        let existing = Set(source.comments.filter { $0.author == author }.map(\.text))
        for finding in all {
            var label = finding.start.part ?? "body"
            var prefix = ""
            // Word does not anchor comments in headers and footers: those go on the body's first paragraph.
            if label.hasPrefix("header") || label.hasPrefix("footer") {
                prefix = Self.partName(label, language) + ": "
                label = "body"
            }
            guard let built = map(label), !existing.contains(where: { $0.hasSuffix(Self.commentText(finding, language)) }) else { continue }
            let id = newID()
            var placed = false
            if prefix.isEmpty, finding.start.line == finding.end.line, let p = paragraph(label, finding.start.line), finding.end.column > finding.start.column {
                let candidate: [Op] = [.commentStart(finding.start.column - 1, id: id), .commentEnd(finding.end.column - 1, id: id)]
                let trial = (ops[label]?[p] ?? []) + candidate
                if (try? Self.render(built.paragraphs[p], ops: trial, xml: built.xml, markup: Markup(prefix: built.prefix, author: author, date: date, ids: { 0 }))) != nil {
                    ops[label, default: [:]][p, default: []].append(contentsOf: candidate)
                    placed = true
                }
            }
            if !placed {
                // The whole paragraph (or the first one with text), which needs no run cut.
                let start = prefix.isEmpty && finding.start.line >= 1 && finding.start.line <= built.paragraphs.count ? finding.start.line - 1 : 0
                guard let p = (start..<built.paragraphs.count).first(where: { !built.paragraphs[$0].text.isEmpty }) ?? built.paragraphs.indices.first else { continue }
                let length = built.paragraphs[p].text.count
                ops[label, default: [:]][p, default: []].append(contentsOf: [.commentStart(0, id: id), .commentEnd(length, id: id)])
                if prefix.isEmpty, finding.start.line - 1 != p || finding.end.column <= finding.start.column {
                    prefix = "»\(finding.excerpt)«: "
                }
            }
            commentTexts.append((id, prefix + Self.commentText(finding, language)))
        }

        // Rewrite the parts that have changes.
        for (label, byParagraph) in ops.merging(newParagraphs.mapValues { $0.mapValues { _ in [Op]() } }, uniquingKeysWith: { a, b in a.merging(b) { x, _ in x } }) {
            guard let built = map(label), let name = source.parts[label], let index = entry(name) else { continue }
            let markup = Markup(prefix: built.prefix, author: author, date: date, ids: newID)
            var replacements: [(range: Range<Int>, bytes: String, order: Int)] = []
            for (p, paragraphOps) in byParagraph {
                let paragraph = built.paragraphs[p]
                if !paragraphOps.isEmpty {
                    replacements += try Self.render(paragraph, ops: paragraphOps, xml: built.xml, markup: markup)
                }
                for text in newParagraphs[label]?[p] ?? [] {
                    replacements.append((paragraph.range.upperBound..<paragraph.range.upperBound, markup.insertedParagraph(text, like: paragraph, xml: built.xml), 9))
                }
            }
            entries[index].data = try Self.splice(built.xml.bytes, replacements)
        }

        var commentCount = 0
        if !commentTexts.isEmpty, let body = map("body"), let main = source.parts["body"] {
            try Self.addComments(commentTexts, to: &entries, main: main, prefix: body.prefix, namespace: body.namespace, author: author, date: date)
            commentCount = commentTexts.count
        }

        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, content) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(content.count), modificationDate: date,
                                 compressionMethod: content.count > 64 ? .deflate : .none) { position, size in
                content.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let written = archive.data else { throw Failure() }
        return Review(data: written, skipped: skipped, comments: commentCount)
    }

    /// The edits in groups that share a finding, in plan order.
    static func groups(_ edits: [FixPlan.Edit]) -> [[FixPlan.Edit]] {
        var groups: [[FixPlan.Edit]] = []
        for edit in edits {
            let joined = groups.indices.filter { g in groups[g].contains { !Set($0.findings).isDisjoint(with: edit.findings) } }
            guard let first = joined.first else { groups.append([edit]); continue }
            for g in joined.dropFirst().reversed() { groups[first] += groups.remove(at: g) }
            groups[first].append(edit)
        }
        return groups
    }

    // MARK: - Markup

    struct Markup {
        var prefix: String
        var author: String
        var date: Date
        var ids: () -> Int

        var w: String { prefix.isEmpty ? "" : prefix + ":" }
        var stamp: String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.string(from: date)
        }

        func revision(_ element: String) -> String {
            "<\(w)\(element) \(w)id=\"\(ids())\" \(w)author=\"\(Escaping.xml(author, attribute: false))\" \(w)date=\"\(stamp)\">"
        }

        func text(_ text: String, deleted: Bool) -> String {
            let element = deleted ? "delText" : "t"
            return "<\(w)\(element) xml:space=\"preserve\">\(Escaping.xml(text, attribute: false))</\(w)\(element)>"
        }

        func inserted(_ text: String, properties: String) -> String {
            revision("ins") + "<\(w)r>" + properties + self.text(text, deleted: false) + "</\(w)r></\(w)ins>"
        }

        func insertedParagraph(_ text: String, like paragraph: DocxRunMap.Paragraph, xml: XMLBytes) -> String {
            let mark = "<\(w)ins \(w)id=\"\(ids())\" \(w)author=\"\(Escaping.xml(author, attribute: false))\" \(w)date=\"\(stamp)\"/>"
            return "<\(w)p><\(w)pPr><\(w)rPr>\(mark)</\(w)rPr></\(w)pPr>" + inserted(text, properties: "") + "</\(w)p>"
        }
    }

    /// The byte replacements that carry out a paragraph's ops; throws when one cannot be placed exactly.
    static func render(_ paragraph: DocxRunMap.Paragraph, ops: [Op], xml: XMLBytes, markup: Markup) throws -> [(range: Range<Int>, bytes: String, order: Int)] {
        let length = paragraph.text.count
        let deletions = ops.compactMap { op -> Range<Int>? in if case .delete(let r) = op { return r }; return nil }
        for op in ops { for position in op.positions where position < 0 || position > length { throw Failure() } }
        func raw(_ range: Range<Int>?) -> String { range.map { String(decoding: xml.bytes[$0], as: UTF8.self) } ?? "" }
        let charRuns = paragraph.runs.indices.filter { !paragraph.runs[$0].chars.isEmpty }
        func properties(before position: Int) -> String {
            let run = charRuns.last { paragraph.runs[$0].chars.lowerBound < position } ?? charRuns.first
            return run.map { raw(paragraph.runs[$0].properties) } ?? ""
        }
        func opMarkup(_ op: Op) -> String {
            switch op {
            case .delete: return ""
            case .insert(let at, let text): return markup.inserted(text, properties: properties(before: at))
            case .commentStart(_, let id): return "<\(markup.w)commentRangeStart \(markup.w)id=\"\(id)\"/>"
            case .commentEnd(_, let id):
                return "<\(markup.w)commentRangeEnd \(markup.w)id=\"\(id)\"/><\(markup.w)r><\(markup.w)commentReference \(markup.w)id=\"\(id)\"/></\(markup.w)r>"
            }
        }

        var result: [(range: Range<Int>, bytes: String, order: Int)] = []
        var rewritten: Set<Int> = []
        // Runs that a cut or a deletion touches are written anew, piece by piece.
        for k in charRuns {
            let run = paragraph.runs[k]
            let cuts = Set(ops.flatMap(\.positions)).filter { $0 > run.chars.lowerBound && $0 < run.chars.upperBound }
            let deleted = deletions.contains { $0.overlaps(run.chars) }
            guard !cuts.isEmpty || deleted else { continue }
            guard run.simple, run.parentAllowsMarkup else { throw Failure() }
            rewritten.insert(k)
            let bounds = ([run.chars.lowerBound] + cuts.sorted() + [run.chars.upperBound])
            var out = ""
            for (u, v) in zip(bounds, bounds.dropFirst()) where v > u {
                if u > run.chars.lowerBound {
                    for op in ops.filter({ !($0.isDelete) && $0.positions == [u] }).sorted(by: { $0.order < $1.order }) { out += opMarkup(op) }
                }
                let isDeleted = deletions.contains { $0.contains(u) }
                var content = ""
                var offset = run.chars.lowerBound
                for child in run.children {
                    switch child.kind {
                    case .properties, .ignorable: continue
                    case .text(let text):
                        let scalars = Array(text.unicodeScalars)
                        let from = max(u, offset) - offset, to = min(v, offset + scalars.count) - offset
                        if from < to { content += markup.text(String(String.UnicodeScalarView(scalars[from..<to])), deleted: isDeleted) }
                        offset += scalars.count
                    case .atom, .other:
                        if offset >= u && offset < v { content += raw(child.range) }
                        offset += 1
                    }
                }
                let piece = raw(run.startTag) + raw(run.properties) + content + "</\(markup.w)r>"
                out += isDeleted ? markup.revision("del") + piece + "</\(markup.w)del>" : piece
            }
            result.append((run.range, out, 5))
        }
        // Ops at run boundaries go just outside the runs (or the hyperlink or tracked change they end).
        for op in ops where !op.isDelete {
            let position = op.positions[0]
            if charRuns.contains(where: { rewritten.contains($0) && paragraph.runs[$0].chars.lowerBound < position && position < paragraph.runs[$0].chars.upperBound }) {
                continue
            }
            let endsBefore = charRuns.last { paragraph.runs[$0].chars.upperBound == position }
            let startsAt = charRuns.first { paragraph.runs[$0].chars.lowerBound == position }
            let before = startsAt.flatMap { paragraph.runs[$0].before }
            let after = endsBefore.flatMap { paragraph.runs[$0].after }
            let empty = charRuns.isEmpty ? paragraph.contentStart : nil
            let anchor: Int?
            if case .commentStart = op { anchor = before ?? after ?? empty } else { anchor = after ?? before ?? empty }
            guard let placed = anchor else { throw Failure() }
            result.append((placed..<placed, opMarkup(op), op.order))
        }
        return result
    }

    /// Applies non-overlapping replacements to a part's bytes.
    static func splice(_ bytes: [UInt8], _ replacements: [(range: Range<Int>, bytes: String, order: Int)]) throws -> Data {
        let sorted = replacements.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            return (x.range.lowerBound, x.range.isEmpty ? 0 : 1, x.order, a.offset) < (y.range.lowerBound, y.range.isEmpty ? 0 : 1, y.order, b.offset)
        }.map(\.element)
        var output = Data()
        output.reserveCapacity(bytes.count + 4096)
        var copied = 0
        for replacement in sorted {
            guard replacement.range.lowerBound >= copied else { throw Failure() }
            output.append(contentsOf: bytes[copied..<replacement.range.lowerBound])
            output.append(contentsOf: Array(replacement.bytes.utf8))
            copied = replacement.range.upperBound
        }
        output.append(contentsOf: bytes[copied...])
        return output
    }

    // MARK: - Comments part

    static func addComments(_ comments: [(id: Int, text: String)], to entries: inout [(name: String, data: Data)], main: String,
                            prefix: String, namespace: String, author: String, date: Date) throws {
        let markup = Markup(prefix: prefix, author: author, date: date, ids: { 0 })
        let w = markup.w
        var xml = ""
        for comment in comments {
            xml += "<\(w)comment \(w)id=\"\(comment.id)\" \(w)author=\"\(Escaping.xml(author, attribute: false))\" \(w)date=\"\(markup.stamp)\" \(w)initials=\"O\">"
            for (index, line) in comment.text.components(separatedBy: "\n").enumerated() {
                xml += "<\(w)p>" + (index == 0 ? "<\(w)r><\(w)annotationRef/></\(w)r>" : "") + "<\(w)r>" + markup.text(line, deleted: false) + "</\(w)r></\(w)p>"
            }
            xml += "</\(w)comment>"
        }
        let folder = (main as NSString).deletingLastPathComponent
        let relsName = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (main as NSString).lastPathComponent + ".rels"
        let relsIndex = entries.firstIndex { $0.name.lowercased() == relsName.lowercased() }
        let rels = relsIndex.map { try? DocxRelationships.parse(entries[$0].data, base: folder, part: relsName) } ?? nil
        if let existing = rels?.values.first(where: { $0.type == "comments" && !$0.external }),
           let index = entries.firstIndex(where: { $0.name.lowercased() == existing.target.lowercased() }) {
            let bytes = [UInt8](entries[index].data)
            let tokens = try XMLBytes(bytes).tokens
            guard let close = tokens.last(where: { $0.kind == .end && ($0.name == "comments" || $0.name.hasSuffix(":comments")) }) else { throw Failure() }
            // The existing part's own prefix for the Word namespace, if it differs.
            let ownPrefix = close.name.contains(":") ? String(close.name.split(separator: ":")[0]) : ""
            let adjusted = ownPrefix == prefix ? xml : xml.replacingOccurrences(of: "<\(w)", with: "<\(ownPrefix.isEmpty ? "" : ownPrefix + ":")")
                .replacingOccurrences(of: "</\(w)", with: "</\(ownPrefix.isEmpty ? "" : ownPrefix + ":")")
                .replacingOccurrences(of: " \(w)", with: " \(ownPrefix.isEmpty ? "" : ownPrefix + ":")")
            entries[index].data = try splice(bytes, [(close.range.lowerBound..<close.range.lowerBound, adjusted, 0)])
            return
        }
        var name = (folder.isEmpty ? "" : folder + "/") + "comments.xml"
        var counter = 1
        while entries.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            counter += 1
            name = (folder.isEmpty ? "" : folder + "/") + "comments\(counter).xml"
        }
        let declaration = prefix.isEmpty ? "xmlns=\"\(namespace)\"" : "xmlns:\(prefix)=\"\(namespace)\""
        let part = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<\(w)comments \(declaration)>\(xml)</\(w)comments>"
        entries.append((name, Data(part.utf8)))
        let strict = namespace.hasPrefix("http://purl.oclc.org")
        let type = strict ? "http://purl.oclc.org/ooxml/officeDocument/relationships/comments"
            : "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
        let target = (name as NSString).lastPathComponent
        var id = "rIdOmtaleComments"
        while rels?[id] != nil { id += "1" }
        let relationship = "<Relationship Id=\"\(id)\" Type=\"\(type)\" Target=\"\(target)\"/>"
        if let relsIndex {
            let bytes = [UInt8](entries[relsIndex].data)
            let tokens = try XMLBytes(bytes).tokens
            guard let close = tokens.last(where: { $0.kind == .end }) else { throw Failure() }
            entries[relsIndex].data = try splice(bytes, [(close.range.lowerBound..<close.range.lowerBound, relationship, 0)])
        } else {
            let part = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(relationship)</Relationships>"
            entries.append((relsName, Data(part.utf8)))
        }
        guard let typesIndex = entries.firstIndex(where: { $0.name == "[Content_Types].xml" }) else { throw Failure() }
        let bytes = [UInt8](entries[typesIndex].data)
        let tokens = try XMLBytes(bytes).tokens
        guard let close = tokens.last(where: { $0.kind == .end }) else { throw Failure() }
        let override = "<Override PartName=\"/\(name)\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>"
        entries[typesIndex].data = try splice(bytes, [(close.range.lowerBound..<close.range.lowerBound, override, 0)])
    }

    // MARK: - Texts

    /// A comment's text: the finding, and what to do about it when the rule says.
    static func commentText(_ finding: Diagnostic, _ language: Language) -> String {
        var text = finding.message(language)
        if let fix = finding.fix?.message(language), !fix.isEmpty, !text.contains(fix) { text += "\n" + fix }
        return text
    }

    static func partName(_ label: String, _ language: Language) -> String {
        WordLocation.partName(label, language).capitalizingFirst
    }

    /// A finding whose fix could not be placed: the comment says what the fix would have been.
    static func skippedFinding(_ edit: FixPlan.Edit) -> Diagnostic {
        let start = SourceLocation(line: edit.start.line, column: edit.start.column, part: edit.part)
        let end = SourceLocation(line: edit.end.line, column: edit.end.column, part: edit.part)
        return Diagnostic(ruleID: edit.ruleID, severity: .warning, message: edit.message, range: 0..<0, start: start, end: end,
                          excerpt: edit.excerpt)
    }

    /// The largest numeric `w:id` in the package, so new ids never clash with existing ones.
    static func largestID(in parts: [Data]) -> Int {
        var largest = 0
        let needle = Array("id=\"".utf8)
        for part in parts {
            part.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                guard bytes.count > needle.count else { return }
                var i = 1
                while i + needle.count < bytes.count {
                    if bytes[i] == needle[0] && bytes[i - 1] == UInt8(ascii: ":") && bytes[i + 1] == needle[1] && bytes[i + 2] == needle[2] && bytes[i + 3] == needle[3] {
                        var j = i + 4, value = 0
                        while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39, value < 1_000_000_000 { value = value * 10 + Int(bytes[j] - 0x30); j += 1 }
                        largest = max(largest, value)
                        i = j
                    } else {
                        i += 1
                    }
                }
            }
        }
        return largest
    }
}

extension DocxFixer.Op {
    var isDelete: Bool { if case .delete = self { return true }; return false }
}

extension String {
    var capitalizingFirst: String { prefix(1).uppercased() + dropFirst() }
}
