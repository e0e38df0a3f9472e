/// The fixes `omtale check --fix` may apply to one file, and the findings it may not.
///
/// A fix is applied only when its rule says `safeFix: true` in the rule data and the fix replaces
/// text (a fix that only advises, "skriv organisationen", is never applied). Several findings may
/// share one fix (every missing party offers the same boilerplate sentence); it is applied once.
/// A fix that overlaps one already planned is left for the next run, so edits never collide.
public struct FixPlan: Sendable {
    /// One replacement in the file's source coordinates, with the findings it settles.
    public struct Edit: Sendable, Equatable {
        public var part: String?
        /// 1-based line (paragraph within `part` for a .docx) and column in Unicode scalars.
        public var start: (line: Int, column: Int)
        /// Exclusive.
        public var end: (line: Int, column: Int)
        public var text: String
        public var ruleID: String
        /// The fix as the rule words it.
        public var message: Localized
        /// The text the edit replaces, as the rules saw it ("" for an insertion).
        public var excerpt: String
        /// The findings this edit settles (indices into the report's diagnostics).
        public var findings: [Int]

        public var isInsertion: Bool { start == end }

        public static func == (lhs: Edit, rhs: Edit) -> Bool {
            lhs.part == rhs.part && lhs.start == rhs.start && lhs.end == rhs.end && lhs.text == rhs.text && lhs.ruleID == rhs.ruleID
                && lhs.findings == rhs.findings
        }
    }

    public var edits: [Edit]
    /// Findings no edit settles (indices into the report's diagnostics), in report order.
    public var unfixed: [Int]

    public init(report: FileReport, ruleset: Ruleset) {
        var edits: [Edit] = []
        var unfixed: [Int] = []
        for (index, diagnostic) in report.diagnostics.enumerated() {
            guard let fix = diagnostic.fix, fix.replacements.count == 1, let replacement = fix.replacements.first,
                  ruleset.rule(diagnostic.ruleID)?.safeFix == true else {
                unfixed.append(index)
                continue
            }
            let start = (replacement.line, replacement.column), end = (replacement.endLine, replacement.endColumn)
            if let same = edits.firstIndex(where: { $0.part == replacement.part && $0.start == start && $0.end == end && $0.text == replacement.text }) {
                edits[same].findings.append(index)
                continue
            }
            let edit = Edit(part: replacement.part, start: start, end: end, text: replacement.text, ruleID: diagnostic.ruleID,
                            message: fix.message, excerpt: start == end ? "" : diagnostic.excerpt, findings: [index])
            if edits.contains(where: { Self.overlaps($0, edit) }) {
                unfixed.append(index)
                continue
            }
            edits.append(edit)
        }
        self.edits = edits.sorted { ($0.part ?? "", $0.start.line, $0.start.column) < ($1.part ?? "", $1.start.line, $1.start.column) }
        self.unfixed = unfixed
    }

    public init(edits: [Edit], unfixed: [Int]) {
        self.edits = edits
        self.unfixed = unfixed
    }

    /// Two edits in the same part touch: their ranges overlap, or both insert at one place.
    static func overlaps(_ a: Edit, _ b: Edit) -> Bool {
        guard a.part == b.part else { return false }
        let (aStart, aEnd, bStart, bEnd) = (a.start, a.end, b.start, b.end)
        if aStart == aEnd && bStart == bEnd { return aStart == bStart }
        return aStart < bEnd && bStart < aEnd || (a.isInsertion && bStart < aStart && aStart < bEnd)
            || (b.isInsertion && aStart < bStart && bStart < aEnd)
    }
}
