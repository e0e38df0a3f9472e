/// Identifies a finding independently of line numbers: the rule, the file, the finding's text and
/// the normalized text around it within its sentence. Editing text above a finding does not change it; editing the finding's own
/// sentence does. Used by baselines and by SARIF's partialFingerprints.
enum Fingerprint {
    /// Characters of context taken on each side of the finding's span.
    static let context = 40

    /// The fingerprint of a finding in the file at `path`. The message is left out, so `--lang`
    /// does not change it; the rule's subject (a missing party) tells apart findings at one place.
    static func of(_ diagnostic: Diagnostic, path: String) -> String {
        let material = [diagnostic.ruleID, path, collapse(diagnostic.excerpt), collapse(diagnostic.context), diagnostic.subject ?? ""]
            .joined(separator: "\u{1F}")
        return hex(fnv1a64(material))
    }

    /// The text around a span within its sentence: editing another sentence, even the next one,
    /// leaves the fingerprint alone.
    static func context(of range: Range<Int>, in document: Document) -> String {
        let sentence = document.sentenceIndex(containing: range.lowerBound).map { document.sentences[$0] } ?? 0..<document.utf16.count
        let lower = max(sentence.lowerBound, range.lowerBound - context)
        let upper = min(sentence.upperBound, max(range.upperBound, range.lowerBound) + context)
        return document.string(lower..<max(lower, upper))
    }

    /// White space collapsed, so re-wrapping a paragraph keeps its findings' fingerprints.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// FNV-1a, 64 bits, over UTF-8: small, stable across platforms and runs (unlike `Hasher`).
    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
