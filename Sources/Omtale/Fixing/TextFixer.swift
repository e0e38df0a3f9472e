import Foundation

/// Applies planned edits to the bytes of a text file (.txt, .md) so that nothing else changes.
///
/// The file is decoded as the checker decoded it (`TextDecoding`); each edit's line and column
/// become a scalar offset through the same line table the locations came from, then a byte offset
/// in the file's own encoding. Only the edited spans are re-encoded and spliced in, so the BOM,
/// the encoding, every other byte and the line endings stay as they were; a line break inside an
/// inserted text is written as the file's own (CRLF, LF or CR).
enum TextFixer {
    static func apply(_ edits: [FixPlan.Edit], to data: Data) throws -> Data {
        let (text, encoding) = try TextDecoding.decode(data)
        let scalars = Array(text.unicodeScalars)
        let lines = LineTable(scalars: scalars)
        let bom = Self.bomLength(encoding, data)
        // Byte offset of every scalar boundary (scalars.count + 1 entries).
        var byteOffsets = [Int](repeating: 0, count: scalars.count + 1)
        var offset = bom
        for (index, scalar) in scalars.enumerated() {
            byteOffsets[index] = offset
            offset += Self.width(scalar, encoding)
        }
        byteOffsets[scalars.count] = offset
        let lineEnd = Self.lineEnding(scalars)

        func scalarOffset(line: Int, column: Int) throws -> Int {
            guard let entry = lines.lines.first(where: { $0.number == line }) else { throw Self.outside(line) }
            let position = entry.start + column - 1
            guard position >= 0, position <= scalars.count else { throw Self.outside(line) }
            return position
        }

        var output = Data()
        output.reserveCapacity(data.count + 1024)
        var copied = 0
        for edit in edits.sorted(by: { ($0.start.line, $0.start.column) < ($1.start.line, $1.start.column) }) {
            let start = try scalarOffset(line: edit.start.line, column: edit.start.column)
            let end = try scalarOffset(line: edit.end.line, column: edit.end.column)
            guard start <= end, byteOffsets[start] >= copied else { continue }
            output.append(data[data.startIndex + copied..<data.startIndex + byteOffsets[start]])
            let replacement = edit.text.replacingOccurrences(of: "\n", with: lineEnd)
            output.append(try encode(replacement, encoding))
            copied = byteOffsets[end]
        }
        output.append(data[(data.startIndex + copied)...])
        return output
    }

    static func outside(_ line: Int) -> InputError {
        InputError(.malformed, da: "rettelsen peger på linje \(line), som ikke findes i filen", en: "the fix points at line \(line), which is not in the file")
    }

    /// UTF-16 is detected with or without a BOM; the other encodings say which they had.
    static func bomLength(_ encoding: TextDecoding.Encoding, _ data: Data) -> Int {
        switch encoding {
        case .utf8BOM: return 3
        case .utf16LE: return data.starts(with: [0xFF, 0xFE]) ? 2 : 0
        case .utf16BE: return data.starts(with: [0xFE, 0xFF]) ? 2 : 0
        case .utf32LE, .utf32BE: return 4
        case .utf8, .windows1252: return 0
        }
    }

    static func width(_ scalar: Unicode.Scalar, _ encoding: TextDecoding.Encoding) -> Int {
        switch encoding {
        case .utf8, .utf8BOM: return UTF8.width(scalar)
        case .utf16LE, .utf16BE: return UTF16.width(scalar) * 2
        case .utf32LE, .utf32BE: return 4
        case .windows1252: return 1
        }
    }

    /// The file's line ending: the first one in it, LF when it has none.
    static func lineEnding(_ scalars: [Unicode.Scalar]) -> String {
        guard let index = scalars.firstIndex(where: { $0 == "\n" || $0 == "\r" }) else { return "\n" }
        if scalars[index] == "\n" { return "\n" }
        return index + 1 < scalars.count && scalars[index + 1] == "\n" ? "\r\n" : "\r"
    }

    static func encode(_ text: String, _ encoding: TextDecoding.Encoding) throws -> Data {
        switch encoding {
        case .utf8, .utf8BOM:
            return Data(text.utf8)
        case .utf16LE, .utf16BE:
            var data = Data()
            for unit in text.utf16 {
                let bytes = encoding == .utf16LE ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
                data.append(contentsOf: bytes)
            }
            return data
        case .utf32LE, .utf32BE:
            var data = Data()
            for scalar in text.unicodeScalars {
                let v = scalar.value
                let bytes = [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
                data.append(contentsOf: encoding == .utf32LE ? bytes : bytes.reversed())
            }
            return data
        case .windows1252:
            var data = Data()
            for scalar in text.unicodeScalars {
                if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) {
                    data.append(UInt8(scalar.value))
                } else if let high = TextDecoding.windows1252High.firstIndex(of: scalar.value) {
                    data.append(UInt8(0x80 + high))
                } else {
                    throw InputError(.undecodable, da: "rettelsen indeholder »\(Character(scalar))«, som filens tegnsæt (Windows-1252) ikke kan gemme",
                                     en: "the fix contains '\(Character(scalar))', which the file's encoding (Windows-1252) cannot store")
                }
            }
            return data
        }
    }
}

extension TextFixer {
    /// The edits of two passes as edits of the original file: `first` turns `original` into the
    /// text `second` was planned on. Where an edit of the second pass touches text the first wrote,
    /// the two become one edit (the first's findings); one that touches nothing of the first is
    /// moved back into the original's lines and columns (it settles no finding of the original
    /// report: the first pass brought it about). Nil when the result would differ from applying
    /// the passes one after the other.
    static func compose(_ first: [FixPlan.Edit], _ second: [FixPlan.Edit], original: Data) throws -> [FixPlan.Edit]? {
        let (text, _) = try TextDecoding.decode(original)
        let t0 = Array(text.unicodeScalars)
        let lines0 = LineTable(scalars: t0)
        let lineEnd = lineEnding(t0)
        func offset(_ lines: LineTable, _ count: Int, _ location: (line: Int, column: Int)) throws -> Int {
            guard let entry = lines.lines.first(where: { $0.number == location.line }) else { throw outside(location.line) }
            let position = entry.start + location.column - 1
            guard position >= 0, position <= count else { throw outside(location.line) }
            return position
        }
        func written(_ edit: FixPlan.Edit) -> [Unicode.Scalar] { Array(edit.text.replacingOccurrences(of: "\n", with: lineEnd).unicodeScalars) }

        // The first pass: each edit's range in the original and in the text it made.
        struct Placed { var edit: FixPlan.Edit; var old: Range<Int>; var new: Range<Int> }
        var placed: [Placed] = []
        var t1: [Unicode.Scalar] = []
        var copied = 0
        for edit in first.sorted(by: { ($0.start.line, $0.start.column) < ($1.start.line, $1.start.column) }) {
            let range = try offset(lines0, t0.count, edit.start)..<offset(lines0, t0.count, edit.end)
            guard range.lowerBound >= copied else { return nil }
            t1 += t0[copied..<range.lowerBound]
            let start = t1.count
            t1 += written(edit)
            placed.append(Placed(edit: edit, old: range, new: start..<t1.count))
            copied = range.upperBound
        }
        t1 += t0[copied...]
        let lines1 = LineTable(scalars: t1)
        /// An offset of the first pass's text outside what it wrote, in the original.
        func back(_ p: Int) -> Int {
            p - placed.filter { $0.new.upperBound <= p && !($0.new.isEmpty && $0.new.lowerBound == p) }.reduce(0) { $0 + $1.new.count - $1.old.count }
        }
        func location(_ p: Int) -> (line: Int, column: Int) {
            let line = lines0.lines.last { $0.start <= p } ?? lines0.lines[0]
            return (line.number, p - line.start + 1)
        }

        var composed: [FixPlan.Edit] = []
        var absorbed = Set<Int>()
        for edit in second.sorted(by: { ($0.start.line, $0.start.column) < ($1.start.line, $1.start.column) }) {
            let range = try offset(lines1, t1.count, edit.start)..<offset(lines1, t1.count, edit.end)
            let touched = placed.indices.filter { i in
                let new = placed[i].new
                return range.lowerBound <= new.upperBound && new.lowerBound <= range.upperBound
            }
            if touched.isEmpty {
                var moved = edit
                let start = back(range.lowerBound), end = back(range.upperBound)
                moved.start = location(start)
                moved.end = location(end)
                moved.excerpt = String(String.UnicodeScalarView(t0[start..<end]))
                moved.findings = []
                composed.append(moved)
                continue
            }
            // One edit from the first's start to the second's end, writing what both together write.
            let firstTouched = placed[touched.first!], lastTouched = placed[touched.last!]
            let from1 = min(range.lowerBound, firstTouched.new.lowerBound), to1 = max(range.upperBound, lastTouched.new.upperBound)
            let from0 = range.lowerBound < firstTouched.new.lowerBound ? back(range.lowerBound) : firstTouched.old.lowerBound
            let to0 = range.upperBound > lastTouched.new.upperBound ? back(range.upperBound) : lastTouched.old.upperBound
            var merged = firstTouched.edit
            let result = Array(t1[from1..<range.lowerBound]) + written(edit) + Array(t1[range.upperBound..<to1])
            merged.text = String(String.UnicodeScalarView(result)).replacingOccurrences(of: lineEnd, with: "\n")
            merged.start = location(from0)
            merged.end = location(to0)
            merged.excerpt = String(String.UnicodeScalarView(t0[from0..<to0]))
            merged.findings = touched.flatMap { placed[$0].edit.findings }
            composed.append(merged)
            absorbed.formUnion(touched)
        }
        composed += placed.indices.filter { !absorbed.contains($0) }.map { placed[$0].edit }
        composed.sort { ($0.start.line, $0.start.column) < ($1.start.line, $1.start.column) }
        // Two second-pass edits on one first-pass edit, or edits that now touch: not composed.
        for (a, b) in zip(composed, composed.dropFirst()) where FixPlan.overlaps(a, b) || a.start == b.start {
            return nil
        }
        let once = try apply(composed, to: original)
        let twice = try apply(second, to: apply(first, to: original))
        return once == twice ? composed : nil
    }
}
