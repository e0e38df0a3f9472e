/// What a file says about itself outside its text: a .docx's `docProps/app.xml` Company and
/// `docProps/core.xml` dates, a Markdown file's front matter. Input plugins fill in what they know.
public struct DocumentMetadata: Sendable, Equatable {
    /// `<Company>` in a .docx's extended properties: the organisation Word was licensed to.
    public var company: String?
    /// `dcterms:created` / `dcterms:modified` of a .docx (ISO 8601 as written).
    public var created: String?
    public var modified: String?
    /// `key: value` lines of Markdown front matter (`---` … `---`), keys lower-cased.
    public var frontMatter: [String: String]

    public init(company: String? = nil, created: String? = nil, modified: String? = nil, frontMatter: [String: String] = [:]) {
        self.company = company
        self.created = created
        self.modified = modified
        self.frontMatter = frontMatter
    }

    /// The text of the first `<name>…</name>` element (prefix ignored) in a small XML part, with the
    /// entities and character references decoded (Escaping.xmlText). Property parts are flat; no parser is needed.
    static func element(_ name: String, in xml: String) -> String? {
        var search = xml[...]
        while let open = search.range(of: "<") {
            let after = search[open.upperBound...]
            guard let close = after.firstIndex(of: ">") else { return nil }
            let tag = after[..<close]
            let local = tag.split(separator: " ").first.map { $0.split(separator: ":").last.map(String.init) ?? "" } ?? ""
            search = after[after.index(after: close)...]
            guard local == name, !tag.hasSuffix("/") else { continue }
            guard let end = search.range(of: "</") else { return nil }
            let value = Escaping.xmlText(Array(search[..<end.lowerBound].utf8)[...])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Splits Markdown front matter off: a first line `---`, `key: value` lines, a closing `---` (or `...`).
    /// Returns the pairs and the number of scalars the block covers (0 when there is none).
    static func frontMatter(of text: String) -> (pairs: [String: String], length: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r\u{FEFF}"))) == "---" else {
            return ([:], 0)
        }
        var pairs: [String: String] = [:]
        var length = first.unicodeScalars.count + 1
        for line in lines.dropFirst() {
            length += line.unicodeScalars.count + 1
            let trimmed = line.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r")))
            if trimmed == "---" || trimmed == "..." { return (pairs, min(length, text.unicodeScalars.count)) }
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            var value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
            if !key.isEmpty, !value.isEmpty { pairs[key] = value }
        }
        return ([:], 0)   // never closed: not front matter
    }
}
