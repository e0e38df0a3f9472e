import Foundation

/// Applies planned edits to the bytes of a text file (.txt, .md) so that nothing else changes.
///
/// The file is decoded as the checker decoded it (`TextDecoding`); each edit's line and column
/// become a scalar offset through the same line table the locations came from, then a byte offset
/// in the file's own encoding. Only the edited spans are re-encoded and spliced in, so the BOM,
/// the encoding, every other byte and the line endings stay as they were; a line break inside an
/// inserted text is written as the file's own (CRLF, LF or CR).
public enum TextFixer {
    public static func apply(_ edits: [FixPlan.Edit], to data: Data) throws -> Data {
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
