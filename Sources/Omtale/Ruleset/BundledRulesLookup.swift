import Foundation

extension BundledRules {
    /// The bundled files' texts with the root of each one's document in `nodes`, by the text's
    /// length in UTF-8 (no hashing of whole files: a text read from a folder is compared only with
    /// bundled texts of its length, byte for byte).
    private static let rootsByLength: [Int: [(text: String, root: Int)]] = {
        var table: [Int: [(text: String, root: Int)]] = [:]
        for (name, text) in files {
            if let root = roots[name] { table[text.utf8.count, default: []].append((text, root)) }
        }
        return table
    }()

    /// The offset in `nodes` of the document of `text` when it is exactly one of the bundled files
    /// (the same bytes always decode to the same value, whatever folder they were read from; a text
    /// that is only canonically equal, such as one in NFD, is read as YAML).
    static func root(for text: String) -> Int? {
        rootsByLength[text.utf8.count]?.first { sameBytes($0.text, text) }?.root
    }

    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }
}
