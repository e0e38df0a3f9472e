/// The fixes `omtale check --fix` may apply to one file, and the findings it may not.
///
/// A fix is applied only when its rule says `safeFix: true` in the rule data, the finding is an
/// error or a warning (a remark asks, and its fix is the writer's choice), and the fix replaces
/// text (a fix that only advises, "skriv organisationen", is never applied). Several findings may
/// share one fix (every missing party offers the same boilerplate sentence); it is applied once.
/// A fix that rewrites a stretch holding other fixes (partner-mention's enumeration, written from
/// the agreement's names, around "RM" or "Real Dania") settles them: the stretch becomes the inner
/// fixes plus the smallest edits for the rest (`NestedFixes`), and each of these edits carries
/// every finding it settles. A fix that otherwise overlaps one already planned is left for the
/// next run, so edits never collide.
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
        /// The text the edit replaces, as the file has it ("" for an insertion).
        public var excerpt: String
        /// The findings this edit settles (indices into the report's diagnostics). Edits made of one
        /// fix (an enumeration in pieces) share its finding: they are applied or left together.
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

    /// `source` is the file as read (the report's document has it when the checker keeps documents).
    public init(report: FileReport, ruleset: Ruleset, source: SourceText? = nil) {
        let source = (source ?? report.document?.source).map(NestedFixes.Source.init)
        var candidates: [Edit] = []
        var unfixed: [Int] = []
        for (index, diagnostic) in report.diagnostics.enumerated() {
            // A remark (info) asks the writer something ("mener I partnerskabet?"); applying its
            // fix would answer for them, so only errors and warnings are fixed.
            guard let fix = diagnostic.fix, fix.replacements.count == 1, let replacement = fix.replacements.first,
                  diagnostic.severity != .info, ruleset.rule(diagnostic.ruleID)?.safeFix == true else {
                unfixed.append(index)
                continue
            }
            let start = (replacement.line, replacement.column), end = (replacement.endLine, replacement.endColumn)
            if let same = candidates.firstIndex(where: { $0.part == replacement.part && $0.start == start && $0.end == end && $0.text == replacement.text }) {
                candidates[same].findings.append(index)
                continue
            }
            var edit = Edit(part: replacement.part, start: start, end: end, text: replacement.text, ruleID: diagnostic.ruleID,
                            message: fix.message, excerpt: "", findings: [index])
            if !edit.isInsertion { edit.excerpt = source?.excerpt(edit) ?? diagnostic.excerpt }
            candidates.append(edit)
        }

        // A fix that rewrites a list is made in pieces, and one holding other fixes takes them in,
        // largest stretch first.
        var groups: [[Edit]] = candidates.map { [$0] }
        let bySize = candidates.indices.filter { !candidates[$0].isInsertion }.sorted { a, b in
            Self.size(candidates[a], source) > Self.size(candidates[b], source)
        }
        var taken = Set<Int>()
        for o in bySize where !taken.contains(o) {
            let outer = candidates[o]
            let inside = candidates.indices.filter { $0 != o && !taken.contains($0) && Self.nests(candidates[$0], in: outer) }
            guard !inside.isEmpty || source.map({ NestedFixes.isList(outer, in: $0) }) == true else { continue }
            if let source, let pieces = NestedFixes.split(outer, inner: inside.map { candidates[$0] }, source: source) {
                groups[o] = pieces
            } else if inside.allSatisfy({ outer.text.contains(candidates[$0].text) }) {
                // Not in pieces, but the stretch already writes what the inner fixes would: one edit settles them all.
                var whole = outer
                whole.findings += inside.flatMap { candidates[$0].findings }
                groups[o] = [whole]
            } else {
                continue
            }
            for i in inside { taken.insert(i); groups[i] = [] }
        }

        // In report order; a group whose edits touch one already planned is left as findings.
        var edits: [Edit] = []
        for group in groups.filter({ !$0.isEmpty }).sorted(by: { $0.flatMap(\.findings).min()! < $1.flatMap(\.findings).min()! }) {
            if group.contains(where: { piece in edits.contains { Self.overlaps($0, piece) } }) {
                unfixed += Set(group.flatMap(\.findings))
                continue
            }
            edits += group
        }
        self.edits = edits.sorted { ($0.part ?? "", $0.start.line, $0.start.column) < ($1.part ?? "", $1.start.line, $1.start.column) }
        self.unfixed = unfixed.sorted()
    }

    /// Scalars an edit replaces (lines count as very long when the file's text is not at hand).
    static func size(_ edit: Edit, _ source: NestedFixes.Source?) -> Int {
        if let source, let start = source.offset(edit.part, edit.start), let end = source.offset(edit.part, edit.end) { return end - start }
        return (edit.end.line - edit.start.line) * 100_000 + edit.end.column - edit.start.column
    }

    /// `inner` lies within `outer`'s stretch and is not the same stretch (an insertion strictly inside).
    static func nests(_ inner: Edit, in outer: Edit) -> Bool {
        guard inner.part == outer.part, outer.start <= inner.start, inner.end <= outer.end else { return false }
        if inner.isInsertion { return outer.start < inner.start && inner.start < outer.end }
        return !(inner.start == outer.start && inner.end == outer.end)
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
