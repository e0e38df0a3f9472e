import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Word documents (.docx, .docm, .dotx), read directly from the package: ZIP (`SafeZip`) and a
/// streaming XML parser, no conversion.
///
/// **What counts as text** is what a reader of the printed document sees: body paragraphs in order,
/// table cells (each cell paragraph on its own line), text boxes once (`mc:Choice`, never the
/// `mc:Fallback` copy), hyperlink text, field results, inserted text (`w:ins`), headers and footers
/// of every section (first, default, even; found through `w:headerReference`/`w:footerReference`
/// and the document's relationships, never by file name; first-page ones only with `w:titlePg`,
/// even-page ones only with `w:evenAndOddHeaders`, as Word prints them), footnotes and endnotes (without
/// separator notes). Not counted: deleted text (`w:del`, `w:moveFrom`), hidden text (`w:vanish`
/// on the run or through a character or paragraph style), field instructions, comments (kept in
/// `SourceText.comments` with the range they cover, so `omtale-disable` comments become waivers)
/// and image alt text (kept in `SourceText.images`). Tracked insertions and deletions (with the deleted
/// text) are kept in `SourceText.revisions`, for the HTML report to show them as Word does.
///
/// **Layout and locations.** Each paragraph becomes one line of `text`, part after part: `body`,
/// `footnotes`, `endnotes`, then `header-first`, `header-default`, `header-even` and the same for
/// `footer-…` (a later section with its own header part gets the section number: `header-default-2`).
/// A location's `part` names the part and its `line` is the paragraph's number within that part,
/// counted in reading order (every cell paragraph and text-box paragraph counts; a text box's
/// paragraphs come before the paragraph it is anchored in); the column counts characters in the paragraph.
public struct DocxInput: InputPlugin {
    public static let identifier = "docx"
    public var id: String { Self.identifier }
    public var extensions: [String] { ["docx", "docm", "dotx", "dotm"] }
    public var summary: Localized {
        Localized(da: "Word-dokument: brødtekst, tabeller, tekstfelter, sidehoveder og -fødder, fod- og slutnoter; ikke slettet eller skjult tekst, feltkoder eller kommentarer",
                  en: "Word document: body, tables, text boxes, headers and footers, footnotes and endnotes; not deleted or hidden text, field codes or comments")
    }

    var limits: SafeZip.Limits

    public init() { limits = SafeZip.Limits() }

    public var isContainer: Bool { true }

    init(limits: SafeZip.Limits) { self.limits = limits }

    /// Most characters of text a document may yield: keeps the checker's memory bounded
    /// (the rules' working set grows with the text) even for a large file that is not a bomb.
    static let maxTextScalars = 1_500_000

    public func sniff(_ data: Data) -> Bool {
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return false }
        // A Word package names its parts "word/…" in the first local headers and in the central
        // directory at the end; looking at both ends keeps sniffing cheap on large files.
        let needle = Array("word/".utf8)
        let window = 256 * 1024
        return data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count >= needle.count else { return false }
            let last = bytes.count - needle.count
            let ranges = bytes.count <= 2 * window ? [0...last] : [0...window, (last - window)...last]
            for range in ranges {
                for i in range where bytes[i] == needle[0] {
                    if (1..<needle.count).allSatisfy({ bytes[i + $0] == needle[$0] }) { return true }
                }
            }
            return false
        }
    }

    public func read(_ data: Data, path: String) throws -> SourceText {
        var zip = try SafeZip(data, limits: limits)
        let rootRels = try zip.read("_rels/.rels").map { try DocxRelationships.parse($0, base: "", part: "_rels/.rels") } ?? [:]
        let main = rootRels.values.first { $0.type == "officeDocument" && !$0.external }?.target ?? "word/document.xml"
        guard let documentData = try zip.read(main) else {
            throw InputError(.missingPart, da: "filen er et ZIP-arkiv, men ikke et Word-dokument: \(main) mangler. Gem dokumentet som .docx i Word",
                             en: "the file is a ZIP archive but not a Word document: \(main) is missing. Save the document as .docx in Word")
        }
        let folder = (main as NSString).deletingLastPathComponent
        let relsName = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (main as NSString).lastPathComponent + ".rels"
        let rels = try zip.read(relsName).map { try DocxRelationships.parse($0, base: folder, part: relsName) } ?? [:]
        func target(ofType type: String) -> String? {
            rels.values.filter { $0.type == type && !$0.external }.map(\.target).sorted().first
        }

        var hidden = DocxStyles()
        if let styles = target(ofType: "styles"), let stylesData = try zip.read(styles) {
            hidden = try DocxStyles.parse(stylesData, part: styles)
        }

        var layout = DocxLayout()
        let body = try DocxStory.parse(documentData, part: main, kind: .body, styles: hidden)
        guard body.isWordDocument else {
            throw InputError(.missingPart, da: "filen er en Office-pakke, men ikke et Word-dokument: hoveddelen \(main) er ikke et w:document (\(body.root.isEmpty ? "tom" : "rodelement »\(String(body.root.prefix(60)))«")). Gem dokumentet som .docx i Word",
                             en: "the file is an Office package but not a Word document: the main part \(main) is not a w:document (\(body.root.isEmpty ? "empty" : "root element '\(String(body.root.prefix(60)))'")). Save the document as .docx in Word")
        }
        layout.append(body.paragraphs, part: "body", kind: .paragraph, from: main)

        for (type, partName, blockKind) in [("footnotes", "footnotes", Block.Kind.footnote), ("endnotes", "endnotes", .endnote)] {
            guard let name = target(ofType: type), let notes = try zip.read(name) else { continue }
            let story = try DocxStory.parse(notes, part: name, kind: .notes, styles: hidden)
            layout.append(story.paragraphs, part: partName, kind: blockKind, from: name)
        }
        // Headers, then footers: per section, in Word's order first/default/even; each part once.
        // A first-page header is printed only when the section has w:titlePg, even-page ones only
        // when settings.xml has w:evenAndOddHeaders; otherwise they are stored but never shown.
        var evenAndOdd = false
        if let settings = target(ofType: "settings"), let settingsData = try zip.read(settings) {
            evenAndOdd = try DocxSettings.evenAndOddHeaders(settingsData, part: settings)
        }
        var seen: Set<String> = []
        var usedNames: Set<String> = []
        for which in ["header", "footer"] {
            for (sectionIndex, section) in body.sections.enumerated() {
                for type in ["first", "default", "even"] {
                    if type == "first" && !section.titlePage || type == "even" && !evenAndOdd { continue }
                    guard let reference = section.references.first(where: { $0.kind == which && $0.type == type }),
                          let relationship = rels[reference.relationshipID], !relationship.external,
                          !seen.contains(relationship.target.lowercased()) else { continue }
                    seen.insert(relationship.target.lowercased())
                    guard let partData = try zip.read(relationship.target) else { continue }
                    var name = "\(which)-\(type)"
                    if usedNames.contains(name) { name += "-\(sectionIndex + 1)" }
                    usedNames.insert(name)
                    let story = try DocxStory.parse(partData, part: relationship.target, kind: .headerFooter, styles: hidden)
                    layout.append(story.paragraphs, part: name, kind: which == "header" ? .header : .footer, from: relationship.target)
                }
            }
        }

        if layout.length > Self.maxTextScalars {
            throw InputError(.tooLarge, da: "dokumentet indeholder over \(Self.maxTextScalars / 1_000_000) mio. tegn tekst; Omtale læser dokumenter op til ca. 500 sider",
                             en: "the document holds more than \(Self.maxTextScalars / 1_000_000) million characters of text; Omtale reads documents up to about 500 pages")
        }
        if let commentsName = target(ofType: "comments"), let commentsData = try zip.read(commentsName) {
            let story = try DocxStory.parse(commentsData, part: commentsName, kind: .comments, styles: hidden)
            layout.attachComments(story.paragraphs)
        }
        var source = layout.sourceText()
        // Who the document says it is from and when (sender and date evidence): small flat XML parts.
        func property(_ part: String, _ name: String) throws -> String? {
            guard let data = try zip.read(part), data.count < 1_000_000, let xml = String(data: data, encoding: .utf8),
                  !xml.contains("<!DOCTYPE"), !xml.contains("<!ENTITY") else { return nil }
            return DocumentMetadata.element(name, in: xml)
        }
        source.metadata.company = try property("docProps/app.xml", "Company")
        source.metadata.created = try property("docProps/core.xml", "created")
        source.metadata.modified = try property("docProps/core.xml", "modified")
        return source
    }
}

// MARK: - Relationships

struct DocxRelationship {
    var type: String
    var target: String
    var external: Bool
}

enum DocxRelationships {
    /// Id → relationship. Types are reduced to their last path segment ("header", "officeDocument"),
    /// which is the same in Transitional and Strict packages; targets are resolved to part names.
    static func parse(_ data: Data, base: String, part: String) throws -> [String: DocxRelationship] {
        let delegate = Delegate(base: base)
        try SafeXML.parse(data, part: part, delegate: delegate)
        return delegate.relationships
    }

    static func resolve(_ target: String, base: String) -> String {
        var components: [String] = target.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { if !components.isEmpty { components.removeLast() } } else if piece != "." { components.append(String(piece)) }
        }
        return components.joined(separator: "/").removingPercentEncoding ?? components.joined(separator: "/")
    }

    final class Delegate: NSObject, XMLParserDelegate {
        let base: String
        var relationships: [String: DocxRelationship] = [:]
        init(base: String) { self.base = base }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            guard localName(name) == "Relationship", let id = attributes["Id"], let type = attributes["Type"],
                  let target = attributes["Target"] else { return }
            let external = attributes["TargetMode"] == "External"
            let shortType = String(type.split(separator: "/").last ?? "")
            relationships[id] = DocxRelationship(type: shortType, target: external ? target : DocxRelationships.resolve(target, base: base),
                                                 external: external)
        }
    }
}

@inline(__always) func localName(_ qualified: String) -> Substring {
    // On the UTF-8 view: String.lastIndex(of:) walks grapheme clusters, and this runs per element.
    let utf8 = qualified.utf8
    if let colon = utf8.lastIndex(of: UInt8(ascii: ":")) { return qualified[utf8.index(after: colon)...] }
    return qualified[...]
}

// MARK: - Styles (for hidden text)

struct DocxStyles {
    /// Style ids whose run properties hide text (w:vanish), directly or through w:basedOn.
    var hiddenCharacterStyles: Set<String> = []
    var hiddenParagraphStyles: Set<String> = []

    static func parse(_ data: Data, part: String) throws -> DocxStyles {
        // Only styles with w:vanish matter, and most documents have none: Word's and python-docx's
        // templates define hundreds of styles, so skip parsing when the word is not there at all.
        // (A DTD is refused elsewhere; without one, no entity can spell "vanish" indirectly.)
        let data = try SafeXML.utf8(data, part: part)
        guard data.range(of: Data("vanish".utf8)) != nil else { return DocxStyles() }
        let delegate = Delegate()
        try SafeXML.parse(data, part: part, delegate: delegate)
        func hidden(_ id: String, _ depth: Int = 0) -> Bool {
            guard let style = delegate.styles[id], depth < 32 else { return false }
            if let vanish = style.vanish { return vanish }
            return style.basedOn.map { hidden($0, depth + 1) } ?? false
        }
        var result = DocxStyles()
        for (id, style) in delegate.styles where hidden(id) {
            if style.type == "paragraph" { result.hiddenParagraphStyles.insert(id) } else { result.hiddenCharacterStyles.insert(id) }
        }
        return result
    }

    struct Style { var type = ""; var basedOn: String?; var vanish: Bool? }

    final class Delegate: NSObject, XMLParserDelegate {
        var styles: [String: Style] = [:]
        private var current: (id: String, style: Style)?
        private var stack: [Substring] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let local = localName(name)
            defer { stack.append(local) }
            switch local {
            case "style":
                let id = DocxAttributes.value(attributes, "styleId") ?? ""
                current = (id, Style(type: DocxAttributes.value(attributes, "type") ?? ""))
            case "basedOn":
                current?.style.basedOn = DocxAttributes.value(attributes, "val")
            case "vanish" where stack.last == "rPr" && stack.dropLast().last == "style":
                current?.style.vanish = DocxAttributes.isOn(attributes)
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
            if localName(name) == "style", let current { styles[current.id] = current.style; self.current = nil }
        }
    }
}

enum DocxAttributes {
    static let relationshipNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
    ]

    /// The value of the attribute with this local name that is not in the relationships namespace
    /// (`w:id`, `w:val`, or the unprefixed `descr`).
    static func value(_ attributes: [String: String], _ local: String, namespaces: [String: String] = [:]) -> String? {
        if let plain = attributes[local] { return plain }
        for (key, value) in attributes where localName(key) == local {
            let prefix = key.split(separator: ":").first.map(String.init) ?? ""
            if let uri = namespaces[prefix], relationshipNamespaces.contains(uri) { continue }
            if namespaces.isEmpty && prefix == "r" { continue }
            return value
        }
        return nil
    }

    /// The attribute with this local name in the relationships namespace (`r:id`, `r:embed`).
    static func relationship(_ attributes: [String: String], _ local: String, namespaces: [String: String]) -> String? {
        for (key, value) in attributes where localName(key) == local {
            let prefix = key.split(separator: ":").first.map(String.init) ?? ""
            if let uri = namespaces[prefix] { if relationshipNamespaces.contains(uri) { return value } } else if prefix == "r" { return value }
        }
        return nil
    }

    /// A toggle property (`<w:vanish/>`, `<w:vanish w:val="0"/>`).
    static func isOn(_ attributes: [String: String]) -> Bool {
        guard let value = value(attributes, "val") else { return true }
        return !["0", "false", "off", "none"].contains(value.lowercased())
    }
}

// MARK: - Stories (document, header, footer, notes, comments)

/// One paragraph as the story parser found it, with what is anchored inside it (offsets in scalars).
struct DocxParagraph {
    private(set) var text = String.UnicodeScalarView()
    /// Scalars in `text`, kept up to date as text is appended (`text.count` is O(n)).
    private(set) var length = 0

    mutating func append(_ scalar: Unicode.Scalar) {
        text.append(scalar)
        length += 1
    }

    mutating func append(_ string: String) {
        for scalar in string.unicodeScalars { text.append(scalar); length += 1 }
    }

    var kind: Block.Kind = .paragraph
    /// The enclosing comment's id (comments part) or nil.
    var container: String?
    var author: String?
    var commentMarks: [(id: String, isStart: Bool, offset: Int)] = []
    var images: [(image: ImageReference, offset: Int)] = []
    /// The (outermost) table cell the paragraph is in: table number in its part, row, cell.
    var cell: TableCell?
    /// Grid columns that cell spans (`w:gridSpan`).
    var cellSpan = 1
    /// Tracked changes in the paragraph (offsets in scalars of `text`); a deletion is empty and carries its text.
    var revisions: [(kind: Revision.Kind, author: String?, date: String?, start: Int, end: Int, deleted: String)] = []
}

struct DocxSection {
    var references: [DocxSectionReference] = []
    /// w:titlePg: the section's first page has its own header and footer.
    var titlePage = false
}

/// settings.xml: only whether even pages have their own headers and footers.
enum DocxSettings {
    static func evenAndOddHeaders(_ data: Data, part: String) throws -> Bool {
        final class Delegate: NSObject, XMLParserDelegate {
            var value = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if localName(name) == "evenAndOddHeaders" { value = DocxAttributes.isOn(attributes) }
            }
        }
        let delegate = Delegate()
        try SafeXML.parse(data, part: part, delegate: delegate)
        return delegate.value
    }
}

struct DocxSectionReference {
    var kind: String  // "header" or "footer"
    var type: String  // "default", "first", "even"
    var relationshipID: String
}

enum DocxStory {
    enum Kind { case body, headerFooter, notes, comments }

    struct Result {
        var paragraphs: [DocxParagraph]
        /// Header and footer references of each section, in document order.
        var sections: [DocxSection]
        /// The root element's local name, and whether it is in a WordprocessingML namespace.
        var root: String
        var rootIsWord: Bool
        /// A main part must be `w:document` (a theme or a spreadsheet package is not a Word document).
        var isWordDocument: Bool { rootIsWord && root == "document" }
    }

    static func parse(_ data: Data, part: String, kind: Kind, styles: DocxStyles) throws -> Result {
        let delegate = Delegate(kind: kind, styles: styles, part: part)
        try SafeXML.parse(data, part: part, delegate: delegate)
        return Result(paragraphs: delegate.paragraphs, sections: delegate.sections, root: delegate.root ?? "",
                      rootIsWord: delegate.rootIsWord)
    }

    static let wordNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]

    static let mathNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/officeDocument/2006/math", "http://purl.oclc.org/ooxml/officeDocument/math",
    ]

    final class Delegate: NSObject, XMLParserDelegate, AbortingDelegate {
        static let maxDepth = 512

        let kind: Kind
        let styles: DocxStyles
        let part: String
        var paragraphs: [DocxParagraph] = []
        var sections: [DocxSection] = []
        var abortError: InputError?
        private(set) var root: String?
        private(set) var rootIsWord = false

        private var namespaces: [String: String] = [:]
        /// Local names of the open elements; `wordElement` tells which are in the w: namespace.
        private var stack: [Substring] = []
        private var wordElement: [Bool] = []
        /// Depth at which skipping started (mc:Fallback, w:del, separator notes…), or nil.
        private var skipFrom: Int?
        private var open: [DocxParagraph] = []
        private var inText = false
        private var runHidden = false
        private var runHiddenExplicit: Bool?
        private var runStyleHidden = false
        private var paragraphStyleHidden: [Bool] = []
        /// Complex fields: true while the field is in its instruction part.
        private var fields: [Bool] = []
        private var container: String?
        private var author: String?
        private var cellDepth = 0
        /// Open tables (outermost first) with the current row and cell; tables counted per part.
        private var tables: [TableCell] = []
        /// Grid columns the current cell of each open table spans, parallel to `tables`.
        private var spans: [Int] = []
        private var tableCount = 0
        /// Open tracked insertions (`w:ins`, `w:moveTo`): element depth, paragraph index in `open`, start offset.
        private var insertions: [(author: String?, date: String?, depth: Int, paragraph: Int, offset: Int)] = []
        /// The tracked deletion being skipped (`w:del`, `w:moveFrom`), with the deleted text read so far.
        private var deletion: (author: String?, date: String?, depth: Int, paragraph: Int, offset: Int, text: String)?
        private var inDeletedText = false
        /// Scalars of deleted text still kept for the report; deleted text is not published, so it is not
        /// counted against the document's text limit and must be bounded on its own.
        private var deletedBudget = DocxInput.maxTextScalars
        private var textBoxDepth = 0
        private var currentSection = DocxSection()
        private var pendingMarks: [(id: String, isStart: Bool)] = []
        // Images: DrawingML (wp:docPr inside wp:inline/wp:anchor with a picture) and VML (v:shape with v:imagedata).
        private var drawing: (name: String?, descr: String?, title: String?, picture: Bool)?
        private var vml: (alt: String?, title: String?, picture: Bool)?

        init(kind: Kind, styles: DocxStyles, part: String) {
            self.kind = kind
            self.styles = styles
            self.part = part
        }

        private func isWord(_ qualified: String) -> Bool {
            // Unprefixed: in the default namespace (`xmlns="…wordprocessingml…"`, as some writers do).
            guard let colon = qualified.firstIndex(of: ":") else { return namespaces[""].map(DocxStory.wordNamespaces.contains) ?? false }
            let prefix = String(qualified[..<colon])
            if let uri = namespaces[prefix] { return DocxStory.wordNamespaces.contains(uri) }
            return prefix == "w"
        }

        private func isMath(_ qualified: String) -> Bool {
            guard let colon = qualified.firstIndex(of: ":") else { return namespaces[""].map(DocxStory.mathNamespaces.contains) ?? false }
            let prefix = String(qualified[..<colon])
            if let uri = namespaces[prefix] { return DocxStory.mathNamespaces.contains(uri) }
            return prefix == "m"
        }

        private var textAllowed: Bool {
            skipFrom == nil && !runHidden && !fields.contains(true) && !open.isEmpty
        }

        private func emit(_ scalar: Unicode.Scalar) {
            guard textAllowed else { return }
            open[open.count - 1].append(scalar)
        }

        private func skip() { if skipFrom == nil { skipFrom = stack.count } }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            for (key, value) in attributes where key.hasPrefix("xmlns") {
                if key == "xmlns" { namespaces[""] = value } else if key.hasPrefix("xmlns:") { namespaces[String(key.dropFirst(6))] = value }
            }
            let local = localName(name)
            let word = isWord(name)
            if root == nil { root = String(local); rootIsWord = word }
            let parent = stack.last
            let parentIsWord = wordElement.last ?? false
            stack.append(local)
            wordElement.append(word)
            if stack.count > Self.maxDepth {
                abortError = InputError(.malformed, da: "delen \(part) er indlejret mere end \(Self.maxDepth) niveauer dybt",
                                        en: "the part \(part) is nested more than \(Self.maxDepth) levels deep")
                parser.abortParsing()
                return
            }
            if let skipping = skipFrom {
                // Inside a tracked deletion (and nothing else skipped): its text is kept for the report.
                if let deletion, deletion.depth == skipping, word, local == "delText" || local == "t", parent == "r" { inDeletedText = true }
                return
            }

            // Markup compatibility: read mc:Choice, never mc:Fallback.
            if local == "Fallback" && !word { skip(); return }
            // Office Math: the text of m:r runs (m:t) is read like w:t, in reading order.
            if local == "t" && parent == "r" && !word && isMath(name) { inText = true; return }

            if word {
                switch local {
                case "p":
                    var paragraph = DocxParagraph()
                    paragraph.container = container
                    paragraph.author = author
                    paragraph.kind = textBoxDepth > 0 ? .textBox : cellDepth > 0 ? .tableCell : .paragraph
                    paragraph.cell = tables.first
                    paragraph.cellSpan = spans.first ?? 1
                    for mark in pendingMarks { paragraph.commentMarks.append((mark.id, mark.isStart, 0)) }
                    pendingMarks.removeAll()
                    open.append(paragraph)
                    paragraphStyleHidden.append(false)
                // A pPr outside any paragraph (damaged or hand-made XML) has no paragraph to style.
                case "pStyle" where parent == "pPr" && !open.isEmpty && !paragraphStyleHidden.isEmpty:
                    if let id = DocxAttributes.value(attributes, "val", namespaces: namespaces) {
                        if styles.hiddenParagraphStyles.contains(id) { paragraphStyleHidden[paragraphStyleHidden.count - 1] = true }
                        let lower = id.lowercased()
                        if textBoxDepth == 0 && cellDepth == 0 && (lower.hasPrefix("heading") || lower.hasPrefix("overskrift") || lower == "title") {
                            open[open.count - 1].kind = .heading
                        }
                    }
                case "r":
                    runHiddenExplicit = nil
                    runStyleHidden = false
                    runHidden = paragraphStyleHidden.last ?? false
                case "rStyle" where parent == "rPr" && stack.dropLast(2).last == "r":
                    if let id = DocxAttributes.value(attributes, "val", namespaces: namespaces), styles.hiddenCharacterStyles.contains(id) {
                        runStyleHidden = true
                    }
                    updateRunHidden()
                case "vanish" where parent == "rPr" && stack.dropLast(2).last == "r":
                    runHiddenExplicit = DocxAttributes.isOn(attributes)
                    updateRunHidden()
                case "t" where parent == "r":
                    inText = true
                case "del" where parent != "rPr", "moveFrom" where parent != "rPr":
                    // A tracked deletion: not published, but shown in the HTML report as Word shows it.
                    if !open.isEmpty {
                        deletion = (DocxAttributes.value(attributes, "author", namespaces: namespaces),
                                    DocxAttributes.value(attributes, "date", namespaces: namespaces),
                                    stack.count, open.count - 1, open[open.count - 1].length, "")
                    }
                    skip()
                case "ins" where parent != "rPr", "moveTo" where parent != "rPr":
                    if !open.isEmpty {
                        insertions.append((DocxAttributes.value(attributes, "author", namespaces: namespaces),
                                           DocxAttributes.value(attributes, "date", namespaces: namespaces),
                                           stack.count, open.count - 1, open[open.count - 1].length))
                    }
                case "del", "moveFrom", "delText", "delInstrText", "instrText":
                    // Deleted text and field instructions are not published. (A w:del inside w:rPr only
                    // marks a deleted paragraph mark and holds no text; skipping it is harmless.)
                    skip()
                case "tab" where parent == "r" && parentIsWord, "ptab" where parent == "r":
                    emit("\t")
                case "br" where parent == "r", "cr" where parent == "r":
                    // A manual line break inside a paragraph: LINE SEPARATOR, which the normalizer reads as a space.
                    emit("\u{2028}")
                case "softHyphen" where parent == "r":
                    emit("\u{AD}")
                case "noBreakHyphen" where parent == "r":
                    emit("-")
                case "sym" where parent == "r":
                    // Symbol fonts use private-use code points (F0xx); the Symbol font's are mapped to
                    // their Unicode letters (F061 → α), other fonts' (Wingdings…) are kept as they are.
                    if let code = DocxAttributes.value(attributes, "char", namespaces: namespaces), let value = UInt32(code, radix: 16),
                       let scalar = Unicode.Scalar(value) {
                        let font = DocxAttributes.value(attributes, "font", namespaces: namespaces) ?? ""
                        emit(font.lowercased() == "symbol" ? SymbolFont.unicode(scalar) : scalar)
                    }
                case "titlePg" where parent == "sectPr":
                    currentSection.titlePage = DocxAttributes.isOn(attributes)
                case "fldChar":
                    switch DocxAttributes.value(attributes, "fldCharType", namespaces: namespaces) {
                    case "begin": fields.append(true)
                    case "separate": if !fields.isEmpty { fields[fields.count - 1] = false }
                    case "end": if !fields.isEmpty { fields.removeLast() }
                    default: break
                    }
                case "tc":
                    cellDepth += 1
                    if !tables.isEmpty { tables[tables.count - 1].cell += 1; spans[spans.count - 1] = 1 }
                case "gridSpan" where parent == "tcPr":
                    if !spans.isEmpty, let value = DocxAttributes.value(attributes, "val", namespaces: namespaces).flatMap({ Int($0) }) {
                        spans[spans.count - 1] = min(max(value, 1), 64)
                    }
                case "tr":
                    if !tables.isEmpty { tables[tables.count - 1].row += 1; tables[tables.count - 1].cell = 0 }
                case "tbl":
                    if tables.isEmpty { tableCount += 1 }
                    tables.append(TableCell(table: tableCount, row: 0, cell: 0))
                    spans.append(1)
                case "txbxContent":
                    textBoxDepth += 1
                case "footnote", "endnote":
                    let type = DocxAttributes.value(attributes, "type", namespaces: namespaces) ?? "normal"
                    if ["separator", "continuationSeparator", "continuationNotice"].contains(type) { skip() }
                case "comment" where kind == .comments:
                    container = DocxAttributes.value(attributes, "id", namespaces: namespaces)
                    author = DocxAttributes.value(attributes, "author", namespaces: namespaces)
                case "commentRangeStart", "commentRangeEnd":
                    if let id = DocxAttributes.value(attributes, "id", namespaces: namespaces) {
                        mark(id, isStart: local == "commentRangeStart")
                    }
                case "headerReference", "footerReference":
                    if let id = DocxAttributes.relationship(attributes, "id", namespaces: namespaces) {
                        let type = DocxAttributes.value(attributes, "type", namespaces: namespaces) ?? "default"
                        currentSection.references.append(DocxSectionReference(kind: local == "headerReference" ? "header" : "footer", type: type,
                                                                   relationshipID: id))
                    }
                default: break
                }
                return
            }
            switch local {
            case "inline", "anchor":
                if drawing == nil { drawing = (nil, nil, nil, false) }
            case "docPr":
                drawing?.name = attributes["name"]
                drawing?.descr = attributes["descr"].flatMap { $0.isEmpty ? nil : $0 }
                drawing?.title = attributes["title"].flatMap { $0.isEmpty ? nil : $0 }
            case "pic":
                drawing?.picture = true
            case "shape":
                vml = (attributes["alt"].flatMap { $0.isEmpty ? nil : $0 }, DocxAttributes.value(attributes, "title", namespaces: namespaces), false)
            case "imagedata":
                vml?.picture = true
                if vml?.title == nil { vml?.title = DocxAttributes.value(attributes, "title", namespaces: namespaces) }
            default: break
            }
        }

        private func updateRunHidden() {
            runHidden = runHiddenExplicit ?? (runStyleHidden || (paragraphStyleHidden.last ?? false))
        }

        private func mark(_ id: String, isStart: Bool) {
            if open.isEmpty {
                pendingMarks.append((id, isStart))
            } else {
                let index = open.count - 1
                open[index].commentMarks.append((id, isStart, open[index].length))
            }
        }

        private func addImage(_ image: ImageReference) {
            guard !open.isEmpty else { return }
            let index = open.count - 1
            open[index].images.append((image, open[index].length))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let local = stack.last ?? ""
            let word = wordElement.last ?? false
            stack.removeLast()
            wordElement.removeLast()
            if let start = skipFrom {
                if local == "delText" || local == "t" { inDeletedText = false }
                // The skipped element itself (or something inside it) has ended; nothing to do for it.
                if stack.count < start {
                    skipFrom = nil
                    if let deletion, deletion.depth == start {
                        if !deletion.text.isEmpty, deletion.paragraph < open.count {
                            open[deletion.paragraph].revisions.append((.deletion, deletion.author, deletion.date, deletion.offset, deletion.offset,
                                                                      deletion.text))
                        }
                        self.deletion = nil
                    }
                }
                return
            }
            if word {
                switch local {
                case "p":
                    if var paragraph = open.popLast() {
                        paragraphStyleHidden.removeLast()
                        paragraph.container = paragraph.container ?? container
                        paragraphs.append(paragraph)
                    }
                case "t": inText = false
                case "r": runHidden = false; runHiddenExplicit = nil; runStyleHidden = false
                case "tc": cellDepth -= 1
                case "tbl": _ = tables.popLast(); _ = spans.popLast()
                case "ins", "moveTo":
                    if let insertion = insertions.last, insertion.depth == stack.count + 1 {
                        insertions.removeLast()
                        if insertion.paragraph == open.count - 1, open[insertion.paragraph].length > insertion.offset {
                            open[insertion.paragraph].revisions.append((.insertion, insertion.author, insertion.date, insertion.offset,
                                                                       open[insertion.paragraph].length, ""))
                        }
                    }
                case "txbxContent": textBoxDepth -= 1
                case "comment": container = nil; author = nil
                case "sectPr":
                    sections.append(currentSection)
                    currentSection = DocxSection()
                default: break
                }
                return
            }
            if local == "t" && isMath(name) { inText = false; return }
            switch local {
            case "inline", "anchor":
                if let drawing, drawing.picture {
                    addImage(ImageReference(name: drawing.name, altText: drawing.descr, title: drawing.title, anchor: 0))
                }
                drawing = nil
            case "shape":
                if let vml, vml.picture { addImage(ImageReference(altText: vml.alt, title: vml.title, anchor: 0)) }
                vml = nil
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inDeletedText, deletion != nil {
                for scalar in string.unicodeScalars where deletedBudget > 0 {
                    deletion?.text.unicodeScalars.append(scalar)
                    deletedBudget -= 1
                }
                return
            }
            guard inText, textAllowed else { return }
            open[open.count - 1].append(string)
        }

        func parserDidEndDocument(_ parser: XMLParser) {
            // Comment marks after the last paragraph belong at the end.
            if !pendingMarks.isEmpty {
                if !paragraphs.isEmpty {
                    let last = paragraphs.count - 1
                    let end = paragraphs[last].length
                    paragraphs[last].commentMarks.append(contentsOf: pendingMarks.map { ($0.id, $0.isStart, end) })
                }
                pendingMarks.removeAll()
            }
        }
    }
}

// MARK: - Layout: paragraphs → one line each, part by part

struct DocxLayout {
    /// A String, not a UnicodeScalarView: `UnicodeScalarView.append(contentsOf:)` copies the whole text every time.
    private var text = ""
    /// Scalars in `text`, kept by hand: counting a String's scalars is O(n).
    private(set) var length = 0
    private var lines: [LineTable.Line] = []
    private var blocks: [Block] = []
    private var images: [ImageReference] = []
    private var starts: [String: Int] = [:]
    private var ends: [String: Int] = [:]
    private var comments: [Comment] = []
    private var revisions: [Revision] = []
    /// Location part name → package part it was read from ("header-default" → "word/header1.xml").
    private var partNames: [String: String] = [:]

    mutating func append(_ paragraphs: [DocxParagraph], part: String, kind: Block.Kind, from source: String? = nil) {
        if let source { partNames[part] = source }
        for (index, paragraph) in paragraphs.enumerated() {
            if !lines.isEmpty { text.append("\n"); length += 1 }
            let start = length
            lines.append(LineTable.Line(start: start, number: index + 1, part: part))
            text.append(String(paragraph.text))
            length += paragraph.length
            let blockKind: Block.Kind = kind == .paragraph ? paragraph.kind : kind
            var block = Block(kind: blockKind, range: start..<length, part: part)
            block.cell = paragraph.cell
            if paragraph.cell != nil { block.span = paragraph.cellSpan }
            blocks.append(block)
            for revision in paragraph.revisions {
                revisions.append(Revision(kind: revision.kind, author: revision.author, date: revision.date,
                                          range: (start + revision.start)..<(start + revision.end), deleted: revision.deleted))
            }
            for (image, offset) in paragraph.images {
                var image = image
                image.anchor = start + offset
                images.append(image)
            }
            for mark in paragraph.commentMarks {
                if mark.isStart { if starts[mark.id] == nil { starts[mark.id] = start + mark.offset } } else { ends[mark.id] = start + mark.offset }
            }
        }
    }

    mutating func attachComments(_ paragraphs: [DocxParagraph]) {
        var order: [String] = []
        var texts: [String: [String]] = [:]
        var authors: [String: String] = [:]
        for paragraph in paragraphs {
            guard let id = paragraph.container else { continue }
            if texts[id] == nil { order.append(id) }
            texts[id, default: []].append(String(paragraph.text))
            if let author = paragraph.author { authors[id] = author }
        }
        for id in order {
            guard let start = starts[id] else { continue }
            let end = max(start, ends[id] ?? start)
            comments.append(Comment(author: authors[id], text: texts[id, default: []].joined(separator: "\n"), range: start..<end))
        }
    }

    func sourceText() -> SourceText {
        var source = SourceText(text: text, lines: LineTable(lines: lines), blocks: blocks, images: images, comments: comments,
                                lineBreaksAreSoft: false)
        source.parts = partNames
        source.revisions = revisions
        return source
    }
}
