/// A fix that rewrites a whole stretch of text, and the fixes of other rules inside that stretch.
///
/// partner-mention's fix writes an enumeration of parties anew from the agreement's names
/// ("KL, Region Nordjylland, RM og Real Dania" → "KL, Region Nordjylland, Region Midtjylland, …
/// og Realdania"), while party-abbreviation and party-spelling fix "RM" and "Real Dania" inside
/// it. Applied side by side they would collide; the enumeration already holds what they would
/// write, so they are one change. `split` turns the stretch into the smallest edits that give
/// the same text: the inner fixes as they are, and the rest of the difference (a missing party
/// added, an "og" that becomes a comma) as edits of whole list items and separators, so a Word
/// user reviews "RM" → "Region Midtjylland" rather than a whole list deleted and typed again.
/// Every piece settles the stretch's findings too.
enum NestedFixes {
    /// The file's text in source coordinates, as the locations of the fixes count it.
    struct Source {
        let scalars: [Unicode.Scalar]
        let lines: LineTable

        init(_ source: SourceText) {
            scalars = Array((source.original ?? source.text).unicodeScalars)
            lines = source.lines
        }

        func offset(_ part: String?, _ location: (line: Int, column: Int)) -> Int? {
            guard let line = lines.lines.first(where: { $0.number == location.line && $0.part == part }) else { return nil }
            let offset = line.start + location.column - 1
            return offset >= 0 && offset <= scalars.count ? offset : nil
        }

        func location(_ part: String?, _ offset: Int) -> (line: Int, column: Int)? {
            guard let line = lines.lines.last(where: { $0.part == part && $0.start <= offset }) else { return nil }
            return (line.number, offset - line.start + 1)
        }

        func text(_ range: Range<Int>) -> String {
            String(String.UnicodeScalarView(scalars[range]))
        }

        /// The text an edit replaces, nil when its locations are not in the file.
        func excerpt(_ edit: FixPlan.Edit) -> String? {
            guard let start = offset(edit.part, edit.start), let end = offset(edit.part, edit.end), start <= end else { return nil }
            return text(start..<end)
        }
    }

    /// A list item or the separator between two ("," or "og"), compared with its spaces collapsed.
    struct Token {
        var range: Range<Int>
        var key: String
    }

    static func isSeparator(_ key: String) -> Bool { [",", "og", "samt", "&"].contains(key) }

    /// Splits text into list items and separators: a comma with the spaces after it, or "og",
    /// "samt", "&" with the spaces around them. Everything between two separators is one item.
    static func tokens(_ scalars: ArraySlice<Unicode.Scalar>) -> [Token] {
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }
        var tokens: [Token] = []
        var itemStart: Int?
        func separator(at i: Int) -> Int? {
            if scalars[i] == "," {
                var j = i + 1
                while j < scalars.endIndex, isSpace(scalars[j]) { j += 1 }
                return j
            }
            guard isSpace(scalars[i]) else { return nil }
            var j = i
            while j < scalars.endIndex, isSpace(scalars[j]) { j += 1 }
            var k = j
            while k < scalars.endIndex, !isSpace(scalars[k]), scalars[k] != "," { k += 1 }
            let word = String(String.UnicodeScalarView(scalars[j..<k]))
            guard ["og", "samt", "&"].contains(word), k < scalars.endIndex, isSpace(scalars[k]) else { return nil }
            while k < scalars.endIndex, isSpace(scalars[k]) { k += 1 }
            return k
        }
        func key(_ range: Range<Int>) -> String {
            String(String.UnicodeScalarView(scalars[range])).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        var i = scalars.startIndex
        while i < scalars.endIndex {
            if let end = separator(at: i) {
                if let start = itemStart { tokens.append(Token(range: start..<i, key: key(start..<i))); itemStart = nil }
                tokens.append(Token(range: i..<end, key: key(i..<end).isEmpty ? "," : key(i..<end)))
                i = end
            } else {
                if itemStart == nil { itemStart = i }
                i += 1
            }
        }
        if let start = itemStart { tokens.append(Token(range: start..<scalars.endIndex, key: key(start..<scalars.endIndex))) }
        return tokens
    }

    /// The edit replaces a list (more than one item), which is worth making in pieces.
    static func isList(_ edit: FixPlan.Edit, in source: Source) -> Bool {
        guard let a = source.offset(edit.part, edit.start), let b = source.offset(edit.part, edit.end), a < b else { return false }
        return tokens(source.scalars[a..<b]).count > 1
    }

    /// The edits that turn `outer`'s stretch into its text, with the inner fixes among them; nil when
    /// an inner fix does not sit inside one list item or its result is not what the stretch says.
    static func split(_ outer: FixPlan.Edit, inner: [FixPlan.Edit], source: Source) -> [FixPlan.Edit]? {
        guard let a = source.offset(outer.part, outer.start), let b = source.offset(outer.part, outer.end), a < b else { return nil }
        var located: [(edit: FixPlan.Edit, range: Range<Int>)] = []
        for edit in inner {
            guard let start = source.offset(edit.part, edit.start), let end = source.offset(edit.part, edit.end), a <= start, end <= b else { return nil }
            located.append((edit, start..<end))
        }
        located.sort { $0.range.lowerBound < $1.range.lowerBound }
        for (x, y) in zip(located, located.dropFirst()) where x.range.upperBound > y.range.lowerBound { return nil }

        // The stretch as its list items read once the inner fixes are made.
        let old = tokens(source.scalars[a..<b])
        var oldKeys: [String] = []
        var holds: [Bool] = []
        for token in old {
            let inside = located.filter { token.range.lowerBound <= $0.range.lowerBound && $0.range.upperBound <= token.range.upperBound }
            var text = ""
            var copied = token.range.lowerBound
            for (edit, range) in inside {
                text += source.text(copied..<range.lowerBound) + edit.text
                copied = range.upperBound
            }
            text += source.text(copied..<token.range.upperBound)
            oldKeys.append(text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
            holds.append(!inside.isEmpty)
        }
        // Every inner fix sits inside one item.
        guard located.allSatisfy({ fix in old.contains { $0.range.lowerBound <= fix.range.lowerBound && fix.range.upperBound <= $0.range.upperBound } })
        else { return nil }
        let newScalars = Array(outer.text.unicodeScalars)
        let new = tokens(newScalars[...])
        let newKeys = new.map(\.key)

        // The most the two token lists have in common (a list item counts more than a separator, so
        // names stay where they are); what is not in common is changed.
        let n = oldKeys.count, m = newKeys.count
        func weight(_ key: String) -> Int { isSeparator(key) ? 1 : 3 }
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                let skip = max(table[i + 1][j], table[i][j + 1])
                table[i][j] = oldKeys[i] == newKeys[j] ? max(skip, table[i + 1][j + 1] + weight(newKeys[j])) : skip
            }
        }
        enum Step { case same(Int, Int), old(Int), new(Int) }
        var steps: [Step] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, oldKeys[i] == newKeys[j], table[i][j] == table[i + 1][j + 1] + weight(newKeys[j]) {
                steps.append(.same(i, j)); i += 1; j += 1
            } else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] {
                steps.append(.new(j)); j += 1
            } else {
                steps.append(.old(i)); i += 1
            }
        }
        // An added stretch reads best beginning with its separator (", Region Sjælland" after an
        // item, not "Region Sjælland, " before the next): slide it back over an equal separator.
        var k = 0
        while k < steps.count {
            guard case .new = steps[k] else { k += 1; continue }
            var end = k
            while end < steps.count, case .new = steps[end] { end += 1 }
            var replaces = false
            if end < steps.count, case .old = steps[end] { replaces = true }
            while !replaces, k > 0, case .same(let oi, let nj) = steps[k - 1], case .new(let first) = steps[k], case .new(let last) = steps[end - 1],
                  !isSeparator(newKeys[first]), newKeys[last] == newKeys[nj] {
                // [same nj][new first … last] → [new nj … last-1][same last]
                for (offset, x) in (nj..<last).enumerated() { steps[k - 1 + offset] = .new(x) }
                steps[end - 1] = .same(oi, last)
                k -= 1
                end -= 1
            }
            k = end
        }

        var residual: [FixPlan.Edit] = []
        var inserts: [(at: Int, text: String)] = []
        k = 0
        var nextOld = 0
        while k < steps.count {
            if case .same(let oi, _) = steps[k] { nextOld = oi + 1; k += 1; continue }
            var olds: [Int] = [], news: [Int] = []
            while k < steps.count {
                if case .old(let x) = steps[k] { olds.append(x) } else if case .new(let x) = steps[k] { news.append(x) } else { break }
                k += 1
            }
            // A changed item that holds an inner fix: the stretch does not say what that fix writes.
            if olds.contains(where: { holds[$0] }) { return nil }
            let text = news.isEmpty ? "" : String(String.UnicodeScalarView(newScalars[new[news.first!].range.lowerBound..<new[news.last!].range.upperBound]))
            if let first = olds.first, let last = olds.last {
                let range = old[first].range.lowerBound..<old[last].range.upperBound
                guard let start = source.location(outer.part, range.lowerBound), let end = source.location(outer.part, range.upperBound) else { return nil }
                var edit = outer
                edit.start = start
                edit.end = end
                edit.text = text
                edit.excerpt = source.text(range)
                residual.append(edit)
                nextOld = last + 1
            } else {
                inserts.append((nextOld == 0 ? a : old[nextOld - 1].range.upperBound, text))
            }
        }

        var pieces = located.map { fix -> (range: Range<Int>, edit: FixPlan.Edit) in
            var edit = fix.edit
            edit.findings += outer.findings.filter { !edit.findings.contains($0) }
            return (fix.range, edit)
        }
        pieces += residual.compactMap { edit in
            guard let start = source.offset(edit.part, edit.start), let end = source.offset(edit.part, edit.end) else { return nil }
            return (start..<end, edit)
        }
        for insert in inserts {
            // An insertion where another piece begins becomes part of it, so no two edits start at one place.
            if let k = pieces.firstIndex(where: { $0.range.lowerBound == insert.at && !$0.range.isEmpty }) {
                pieces[k].edit.text = insert.text + pieces[k].edit.text
                continue
            }
            guard let at = source.location(outer.part, insert.at) else { return nil }
            var edit = outer
            edit.start = at
            edit.end = at
            edit.text = insert.text
            edit.excerpt = ""
            pieces.append((insert.at..<insert.at, edit))
        }
        pieces.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }

        // The pieces must give what the stretch says, list item for list item.
        var result = ""
        var copied = a
        for piece in pieces {
            guard piece.range.lowerBound >= copied else { return nil }
            result += source.text(copied..<piece.range.lowerBound) + piece.edit.text
            copied = piece.range.upperBound
        }
        result += source.text(copied..<b)
        let resultScalars = Array(result.unicodeScalars)
        guard tokens(resultScalars[...]).map(\.key) == newKeys else { return nil }
        return pieces.map(\.edit)
    }
}
