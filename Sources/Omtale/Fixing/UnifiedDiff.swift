/// A unified diff (`diff -u`, three lines of context) between two texts, for `--fix --dry-run`.
/// Lines are compared with their line ends, so a changed line ending shows as a change.
public enum UnifiedDiff {
    public static func make(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = split(old), b = split(new)
        let script = edits(a, b)
        guard script.contains(where: { $0.kind != .same }) else { return "" }
        var output = "--- \(oldName)\n+++ \(newName)\n"
        // Group changes whose context overlaps into hunks.
        var index = 0
        while index < script.count {
            guard let firstChange = script[index...].firstIndex(where: { $0.kind != .same }) else { break }
            var hunkEnd = firstChange
            var cursor = firstChange
            while cursor < script.count {
                if script[cursor].kind != .same { hunkEnd = cursor; cursor += 1; continue }
                // A run of unchanged lines longer than twice the context ends the hunk.
                let next = script[cursor...].firstIndex(where: { $0.kind != .same })
                if let next, next - cursor <= 2 * context { cursor = next } else { break }
            }
            let start = max(index, firstChange - context)
            let end = min(script.count, hunkEnd + 1 + context)
            let hunk = script[start..<end]
            let oldStart = hunk.first.map(\.oldLine) ?? 0, newStart = hunk.first.map(\.newLine) ?? 0
            let oldCount = hunk.filter { $0.kind != .insert }.count, newCount = hunk.filter { $0.kind != .delete }.count
            output += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for line in hunk {
                let text = line.kind == .insert ? b[line.newLine] : a[line.oldLine]
                output += (line.kind == .same ? " " : line.kind == .delete ? "-" : "+") + display(text)
            }
            index = end
        }
        return output
    }

    static func range(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start),0" : count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }

    static func display(_ line: String) -> String {
        if line.hasSuffix("\r\n") { return String(line.dropLast(2)) + "\r\n" }
        if line.hasSuffix("\n") { return line }
        if line.hasSuffix("\r") { return line + "\n" }
        return line + "\n\\ No newline at end of file\n"
    }

    /// Lines with their terminators (LF, CRLF or CR).
    static func split(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            if previousCR && scalar != "\n" { lines.append(String(current)); current = String.UnicodeScalarView() }
            previousCR = false
            current.append(scalar)
            if scalar == "\n" { lines.append(String(current)); current = String.UnicodeScalarView() } else if scalar == "\r" { previousCR = true }
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }

    struct Line { enum Kind { case same, delete, insert }; var kind: Kind; var oldLine: Int; var newLine: Int }

    /// Myers' O(ND) shortest edit script; the fixes change few lines, so D is small.
    static func edits(_ a: [String], _ b: [String]) -> [Line] {
        let n = a.count, m = b.count, max = n + m
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        outer: for d in 0...max {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1
                var y = x - k
                while x < n && y < m && a[x] == b[y] { x += 1; y += 1 }
                v[max + k] = x
                if x >= n && y >= m { break outer }
            }
        }
        var result: [Line] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : v[max + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY { x -= 1; y -= 1; result.append(Line(kind: .same, oldLine: x, newLine: y)) }
            if d > 0 {
                if x == previousX { y -= 1; result.append(Line(kind: .insert, oldLine: x, newLine: y)) } else { x -= 1; result.append(Line(kind: .delete, oldLine: x, newLine: y)) }
            }
        }
        return result.reversed()
    }
}
