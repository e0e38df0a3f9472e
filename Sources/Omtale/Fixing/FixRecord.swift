/// What `omtale check --fix` changed in a file, kept on the report of the fixed file so the HTML
/// report can list the changes and mark them in the text (what was replaced by what, where).
public struct FixRecord: Sendable {
    public struct Change: Sendable, Equatable {
        public var ruleID: String
        /// The fix as the rule words it.
        public var message: Localized
        /// The text replaced ("" for an insertion) and the text written in its place.
        public var old: String
        public var new: String
        /// Where the change stands: in the fixed file when it could be followed there, else in the file as it was.
        public var part: String?
        public var line: Int
        public var column: Int
        /// Scalar ranges in the fixed file's source coordinates that hold the new text: the text written
        /// in place first (empty for a deletion, where the old text stood), then any paragraphs a .docx
        /// fix added after it. Empty when the change could not be followed into the fixed file.
        public var ranges: [Range<Int>]
    }

    /// The file that was fixed (for a .docx, the original beside its reviewed copy).
    public var original: String
    /// The file the report is of (the reviewed copy of a .docx, or the fixed file itself).
    public var destination: String
    public var changes: [Change]
    /// Word comments the reviewed copy got for findings without a safe fix: indices into the fixed
    /// document's `source.comments`. The report shows those findings, not the comments again.
    public var addedComments: [Int] = []
    /// Author of the tracked changes and comments `--fix` wrote ("Omtale").
    public var author: String?
}

/// Follows the edits of `--fix`, pass by pass, to where their new text stands in the fixed file.
///
/// Each pass's edits are offsets in the source coordinates of the text they were planned on; the
/// fixed text is that text with the edits spliced in, so the new text of an edit starts where its
/// old text started, moved by what the edits before it added or removed, and the ranges of earlier
/// passes move the same way. A .docx fix writes the text after its first line break as paragraphs
/// of their own after the edited paragraph (`DocxFixer`), which is spliced in as such. The ranges
/// are checked against the fixed file at the end; one that does not hold its text there is dropped.
struct FixTracker {
    private struct Piece {
        var start: Int, end: Int, text: String, change: Int, order: Int
        var delta: Int { text.unicodeScalars.count - (end - start) }
    }

    private(set) var changes: [FixRecord.Change] = []
    /// The text each range of `changes` must hold in the fixed file, parallel to `changes[i].ranges`.
    private var expected: [[String]] = []

    mutating func add(_ edits: [FixPlan.Edit], on source: SourceText?, docx: Bool) {
        let text = source.map(NestedFixes.Source.init)
        var pieces: [Piece] = []
        var lost = text == nil
        for edit in edits {
            let index = changes.count
            changes.append(FixRecord.Change(ruleID: edit.ruleID, message: edit.message, old: edit.excerpt, new: edit.text, part: edit.part,
                                            line: edit.start.line, column: edit.start.column, ranges: []))
            expected.append([])
            guard let text, let start = text.offset(edit.part, edit.start), let end = text.offset(edit.part, edit.end), start <= end else {
                lost = true
                continue
            }
            if docx {
                var segments = edit.text.components(separatedBy: "\n")
                pieces.append(Piece(start: start, end: end, text: segments.removeFirst(), change: index, order: pieces.count))
                let extra = segments.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                if !extra.isEmpty, let paragraphEnd = text.paragraphEnd(edit.part, edit.start.line) {
                    pieces.append(Piece(start: paragraphEnd, end: paragraphEnd, text: extra.map { "\n" + $0 }.joined(), change: index,
                                        order: pieces.count + edits.count))
                }
            } else {
                let lineEnd = TextFixer.lineEnding(text.scalars)
                pieces.append(Piece(start: start, end: end, text: edit.text.replacingOccurrences(of: "\n", with: lineEnd), change: index,
                                    order: pieces.count))
            }
        }
        // Inline text first, then added paragraphs; in edit order at one place, as the fixers write them.
        pieces.sort { ($0.start, $0.end, $0.order) < ($1.start, $1.end, $1.order) }
        if zip(pieces, pieces.dropFirst()).contains(where: { $0.end > $1.start }) { lost = true }
        // Earlier ranges move with this pass's pieces (a range touched by one cannot be followed).
        func moved(_ x: Int, isUpper: Bool) -> Int? {
            var shift = 0
            for piece in pieces {
                if piece.start < x && x < piece.end { return nil }
                let before = piece.end < x || (piece.end == x && (piece.start < x || !isUpper))
                if before { shift += piece.delta }
            }
            return x + shift
        }
        for index in changes.indices where !changes[index].ranges.isEmpty {
            if lost { changes[index].ranges = []; continue }
            var ranges: [Range<Int>] = []
            for range in changes[index].ranges {
                guard let lower = moved(range.lowerBound, isUpper: false), let upper = moved(range.upperBound, isUpper: true), lower <= upper else { break }
                ranges.append(lower..<upper)
            }
            changes[index].ranges = ranges.count == changes[index].ranges.count ? ranges : []
        }
        guard !lost else { return }
        var shift = 0
        for piece in pieces {
            let start = piece.start + shift
            changes[piece.change].ranges.append(start..<(start + piece.text.unicodeScalars.count))
            expected[piece.change].append(piece.text)
            shift += piece.delta
        }
    }

    /// The record for the fixed file's report: ranges that hold their text there, places in the fixed file.
    func record(fixed: SourceText?, original: String, destination: String, author: String?) -> FixRecord {
        let text = fixed.map(NestedFixes.Source.init)
        var changes = self.changes
        for index in changes.indices {
            let ranges = changes[index].ranges
            guard let text, !ranges.isEmpty, ranges.count == expected[index].count,
                  zip(ranges, expected[index]).allSatisfy({ $0.upperBound <= text.scalars.count && text.text($0) == $1 }) else {
                changes[index].ranges = []
                continue
            }
            let place = text.lines.location(of: ranges[0].lowerBound)
            (changes[index].part, changes[index].line, changes[index].column) = (place.part, place.line, place.column)
        }
        return FixRecord(original: original, destination: destination, changes: changes, author: author)
    }

    /// Comments of the fixed document that the file did not have before (multiset by author and text).
    static func addedComments(before: SourceText?, after: SourceText?) -> [Int] {
        guard let after else { return [] }
        var kept: [String: Int] = [:]
        for comment in before?.comments ?? [] { kept[(comment.author ?? "") + "\u{0}" + comment.text, default: 0] += 1 }
        var added: [Int] = []
        for (index, comment) in after.comments.enumerated() {
            let key = (comment.author ?? "") + "\u{0}" + comment.text
            if let count = kept[key], count > 0 { kept[key] = count - 1 } else { added.append(index) }
        }
        return added
    }
}

extension NestedFixes.Source {
    /// Where a paragraph (a line of the layout) ends, before its line break.
    func paragraphEnd(_ part: String?, _ number: Int) -> Int? {
        guard let index = lines.lines.firstIndex(where: { $0.number == number && $0.part == part }) else { return nil }
        return index + 1 < lines.lines.count ? lines.lines[index + 1].start - 1 : scalars.count
    }
}
