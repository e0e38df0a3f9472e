/// Where each character of a Word part's paragraphs is in the part's XML: paragraph by paragraph,
/// the runs (`w:r`) that hold the text, their byte ranges and which characters each one holds.
///
/// It follows `DocxInput`'s reading (same paragraphs in the same order, deleted text, field
/// instructions, `mc:Fallback` and separator notes skipped, runs hidden with `w:vanish` left out),
/// and `DocxFixer` only uses a paragraph whose text here equals the reader's text for it, so the
/// two can never silently disagree about where a finding is.
struct DocxRunMap {
    struct Child {
        enum Kind: Equatable { case properties, text(String), atom(Unicode.Scalar), ignorable, other }
        var kind: Kind
        var range: Range<Int>
    }

    struct Run {
        /// The whole `<w:r>…</w:r>` and its start tag.
        var range: Range<Int>
        var startTag: Range<Int>
        var properties: Range<Int>?
        var children: [Child] = []
        /// The characters it holds, as offsets in its paragraph's text.
        var chars: Range<Int> = 0..<0
        var hidden = false
        /// Only text, tabs, breaks and properties: the run can be cut in two.
        var simple = true
        /// Its parent lets new runs, `w:ins`, `w:del` and comment marks stand beside it.
        var parentAllowsMarkup = false
        /// Where markup that goes before the run's first character, or after its last, may be
        /// written: just outside the run, or outside a hyperlink or tracked change it ends.
        var before: Int?
        var after: Int?
    }

    struct Paragraph {
        var range: Range<Int>
        var text: [Unicode.Scalar] = []
        var runs: [Run] = []
        /// Just after the paragraph's properties (or its start tag): where a mark goes in an empty paragraph.
        var contentStart: Int
    }

    private(set) var paragraphs: [Paragraph] = []
    let xml: XMLBytes

    static let wordNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]
    /// Elements inside a paragraph that hold runs and may themselves hold new markup.
    static let markupParents: Set<Substring> = ["p", "hyperlink", "smartTag", "customXml", "sdtContent"]
    /// Run-level containers a run may end or begin: markup goes outside them.
    static let containers: Set<Substring> = ["hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "sdt", "customXml"]

    /// The prefix the part uses for the WordprocessingML namespace ("w" almost always), and the namespace.
    private(set) var prefix = "w"
    private(set) var namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    init(_ bytes: [UInt8]) throws {
        xml = try XMLBytes(bytes)
        var namespaces: [String: String] = [:]
        var stack: [(local: Substring, word: Bool)] = []
        var skipFrom: Int?
        var fields: [Bool] = []
        var open: [Paragraph] = []
        /// Open runs: paragraph index in `open`, depth of the w:r element in `stack`.
        var runs: [(run: Run, paragraph: Int, depth: Int)] = []
        var inText = false
        /// Open run-level containers: paragraph index, start byte, indices of runs in that paragraph begun inside.
        var containerStack: [(paragraph: Int, start: Int, depth: Int, firstRun: Int)] = []
        var foundPrefix = false

        func isWord(_ qualified: Substring) -> Bool {
            guard let colon = qualified.firstIndex(of: ":") else {
                if let uri = namespaces[""] { return Self.wordNamespaces.contains(uri) }
                return false
            }
            let p = String(qualified[..<colon])
            if let uri = namespaces[p] { return Self.wordNamespaces.contains(uri) }
            return p == "w"
        }
        func local(_ qualified: Substring) -> Substring {
            qualified.lastIndex(of: ":").map { qualified[qualified.index(after: $0)...] } ?? qualified
        }
        var textAllowed: Bool {
            skipFrom == nil && !(runs.last?.run.hidden ?? false) && !fields.contains(true) && !open.isEmpty
        }
        func emit(_ scalars: some Sequence<Unicode.Scalar>, child: Child.Kind?, range: Range<Int>) {
            guard textAllowed else { return }
            let p = open.count - 1
            open[p].text.append(contentsOf: scalars)
            if let child, let r = runs.indices.last, runs[r].paragraph == p {
                runs[r].run.children.append(Child(kind: child, range: range))
            }
        }
        func markChildOther(_ depth: Int) {
            if let r = runs.indices.last, runs[r].depth == depth - 1 { runs[r].run.simple = false }
        }

        for token in xml.tokens {
            switch token.kind {
            case .start, .empty:
                let attributes = xml.attributes(token)
                for (key, value) in attributes where key.hasPrefix("xmlns") {
                    let p = key == "xmlns" ? "" : String(key.dropFirst(6))
                    namespaces[p] = value
                    if !foundPrefix && Self.wordNamespaces.contains(value) { prefix = p; namespace = value; foundPrefix = true }
                }
                let name = local(token.name)
                let word = isWord(token.name)
                let parent = stack.last
                let depth = stack.count
                if token.kind == .start { stack.append((name, word)) }
                // A direct child of an open run.
                let runChild = runs.last.map { $0.depth == depth - 1 } ?? false
                if skipFrom != nil { continue }
                if name == "Fallback" && !word { if token.kind == .start { skipFrom = depth }; continue }
                guard word else { if runChild { markChildOther(depth) }; continue }
                func value(_ key: String) -> String? {
                    attributes.first { local(Substring($0.key)) == key && !$0.key.hasPrefix("r:") }?.value
                }
                switch name {
                case "p":
                    if token.kind == .start {
                        open.append(Paragraph(range: token.range.lowerBound..<token.range.upperBound, contentStart: token.range.upperBound))
                    }
                case "r" where token.kind == .start:
                    let allows = parent.map { Self.markupParents.contains($0.local) } ?? false
                    var run = Run(range: token.range, startTag: token.range, properties: nil)
                    run.parentAllowsMarkup = allows
                    runs.append((run, open.count - 1, depth))
                case "rPr" where parent?.local == "r" && runChild:
                    if var last = runs.popLast() {
                        last.run.properties = token.range
                        runs.append(last)
                    }
                case "vanish" where parent?.local == "rPr" && stack.dropLast(2).last?.local == "r" && token.kind == .empty:
                    if var last = runs.popLast() {
                        let v = value("val")?.lowercased()
                        last.run.hidden = !(v == "0" || v == "false" || v == "off" || v == "none")
                        runs.append(last)
                    }
                case "t" where parent?.local == "r":
                    if token.kind == .start { inText = true }
                    if runChild, token.kind == .empty, let r = runs.indices.last {
                        runs[r].run.children.append(Child(kind: .text(""), range: token.range))
                    }
                case "del", "moveFrom", "delText", "delInstrText", "instrText":
                    if runChild { markChildOther(depth) }
                    if token.kind == .start { skipFrom = depth }
                case "tab" where parent?.local == "r" && parent?.word == true, "ptab" where parent?.local == "r":
                    emit(["\t"], child: .atom("\t"), range: token.range)
                case "br" where parent?.local == "r", "cr" where parent?.local == "r":
                    emit(["\u{2028}"], child: .atom("\u{2028}"), range: token.range)
                case "softHyphen" where parent?.local == "r":
                    emit(["\u{AD}"], child: .atom("\u{AD}"), range: token.range)
                case "noBreakHyphen" where parent?.local == "r":
                    emit(["-"], child: .atom("-"), range: token.range)
                case "sym" where parent?.local == "r":
                    if let code = value("char"), let v = UInt32(code, radix: 16), let scalar = Unicode.Scalar(v) {
                        emit([scalar], child: .other, range: token.range)
                    } else if runChild { markChildOther(depth) }
                case "fldChar":
                    if runChild { markChildOther(depth) }
                    switch value("fldCharType") {
                    case "begin": fields.append(true)
                    case "separate": if !fields.isEmpty { fields[fields.count - 1] = false }
                    case "end": if !fields.isEmpty { fields.removeLast() }
                    default: break
                    }
                case "footnote", "endnote":
                    let type = value("type") ?? "normal"
                    if ["separator", "continuationSeparator", "continuationNotice"].contains(type), token.kind == .start { skipFrom = depth }
                case "lastRenderedPageBreak" where runChild:
                    runs[runs.count - 1].run.children.append(Child(kind: .ignorable, range: token.range))
                default:
                    if runChild && name != "rPr" { markChildOther(depth) }
                    if Self.containers.contains(name), token.kind == .start, !open.isEmpty, runs.last.map({ $0.paragraph != open.count - 1 }) ?? true {
                        let p = open.count - 1
                        containerStack.append((p, token.range.lowerBound, depth, open[p].runs.count))
                    }
                }
            case .end:
                guard let top = stack.popLast() else { throw XMLBytes.Malformed() }
                let depth = stack.count
                if let start = skipFrom {
                    if depth <= start { skipFrom = nil }
                    continue
                }
                guard top.word else { continue }
                switch top.local {
                case "p":
                    if var paragraph = open.popLast() {
                        paragraph.range = paragraph.range.lowerBound..<token.range.upperBound
                        paragraphs.append(paragraph)
                    }
                case "pPr" where !open.isEmpty && stack.last?.local == "p":
                    open[open.count - 1].contentStart = token.range.upperBound
                case "t":
                    inText = false
                case "rPr" where runs.last.map({ $0.depth == depth - 1 }) ?? false:
                    if let start = runs.last?.run.properties?.lowerBound { runs[runs.count - 1].run.properties = start..<token.range.upperBound }
                case "r":
                    guard let (built, p, _) = runs.popLast(), p >= 0, p < open.count else { break }
                    var run = built
                    run.range = run.range.lowerBound..<token.range.upperBound
                    let end = open[p].text.count
                    run.chars = (end - Self.emittedCount(run))..<end
                    if run.parentAllowsMarkup { run.before = run.range.lowerBound; run.after = run.range.upperBound }
                    open[p].runs.append(run)
                default:
                    if Self.containers.contains(top.local), let container = containerStack.last, container.depth == depth {
                        containerStack.removeLast()
                        let p = container.paragraph
                        guard p < open.count else { break }
                        let inside = open[p].runs.indices.filter { $0 >= container.firstRun && !open[p].runs[$0].chars.isEmpty }
                        let parentAllows = stack.last.map { Self.markupParents.contains($0.local) } ?? false
                        if parentAllows, let first = inside.first, let last = inside.last {
                            open[p].runs[first].before = container.start
                            open[p].runs[last].after = token.range.upperBound
                        }
                    }
                }
            case .text:
                guard inText, let r = runs.indices.last, runs[r].depth == stack.count - 2 else { continue }
                let text = xml.text(token)
                if textAllowed {
                    emit(text.unicodeScalars, child: .text(text), range: token.range)
                }
            case .other:
                continue
            }
        }
    }

    /// Characters a run contributed to its paragraph.
    static func emittedCount(_ run: Run) -> Int {
        run.children.reduce(0) { total, child in
            switch child.kind {
            case .text(let text): return total + text.unicodeScalars.count
            case .atom: return total + 1
            case .other: return total + (child.range.isEmpty ? 0 : 1)
            default: return total
            }
        }
    }
}
