/// Turns offsets (in Unicode scalars) in an input's source coordinates into 1-based lines and columns.
///
/// A plain-text input has one entry per physical line. Inputs made of parts (a .docx body,
/// its headers, footers and notes) add one entry per paragraph, labelled with its part and
/// its paragraph number within that part.
public struct LineTable: Sendable {
    public struct Line: Sendable, Equatable {
        /// Scalar offset of the line's first character in source coordinates.
        public var start: Int
        /// The number the user sees (line number, or paragraph number within the part).
        public var number: Int
        public var part: String?

        public init(start: Int, number: Int, part: String? = nil) {
            self.start = start
            self.number = number
            self.part = part
        }
    }

    public private(set) var lines: [Line]

    public init(lines: [Line]) {
        self.lines = lines.isEmpty ? [Line(start: 0, number: 1)] : lines
    }

    /// Lines of a plain text: LF, CRLF and lone CR all end a line.
    public init(scalars: some Sequence<Unicode.Scalar>) {
        var lines = [Line(start: 0, number: 1)]
        var offset = 0
        var previousWasCR = false
        for scalar in scalars {
            offset += 1
            switch scalar {
            case "\n":
                if previousWasCR {
                    lines[lines.count - 1].start = offset
                } else {
                    lines.append(Line(start: offset, number: lines.count + 1))
                }
                previousWasCR = false
            case "\r":
                lines.append(Line(start: offset, number: lines.count + 1))
                previousWasCR = true
            default:
                previousWasCR = false
            }
        }
        self.lines = lines
    }

    public func location(of offset: Int) -> SourceLocation {
        var low = 0
        var high = lines.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lines[mid].start <= offset { low = mid } else { high = mid - 1 }
        }
        let line = lines[low]
        return SourceLocation(line: line.number, column: offset - line.start + 1, part: line.part)
    }
}
