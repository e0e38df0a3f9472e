import Foundation

/// Detects and decodes the text encodings Danish text files come in.
///
/// In order: a BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides; then valid UTF-8; then UTF-16
/// without a BOM when every other byte is zero; then Windows-1252 (a superset of ISO-8859-1's
/// printable range, and what Word's "save as text" writes on Danish Windows). Binary files are
/// refused with a reason instead of being decoded into garbage diagnostics.
public enum TextDecoding {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8", utf8BOM = "UTF-8 med BOM", utf16LE = "UTF-16 LE", utf16BE = "UTF-16 BE",
             utf32LE = "UTF-32 LE", utf32BE = "UTF-32 BE", windows1252 = "Windows-1252"
    }

    public static func decode(_ data: Data) throws -> (text: String, encoding: Encoding) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
                throw InputError(.undecodable, da: "filen begynder som UTF-8 (BOM), men indeholder ugyldige UTF-8-bytes",
                                 en: "the file starts as UTF-8 (BOM) but contains invalid UTF-8 bytes")
            }
            return (try checkText(text), .utf8BOM)
        }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return (try checkText(utf32(bytes.dropFirst(4), bigEndian: false)), .utf32LE) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return (try checkText(utf32(bytes.dropFirst(4), bigEndian: true)), .utf32BE) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (try checkText(utf16(bytes.dropFirst(2), bigEndian: false)), .utf16LE) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (try checkText(utf16(bytes.dropFirst(2), bigEndian: true)), .utf16BE) }
        try refuseKnownBinary(bytes)
        if let text = String(validating: bytes, as: UTF8.self) {
            try checkUTF8(bytes)
            return (text, .utf8)
        }
        if let bigEndian = looksLikeUTF16WithoutBOM(bytes) {
            return (try checkText(utf16(bytes[...], bigEndian: bigEndian)), bigEndian ? .utf16BE : .utf16LE)
        }
        if bytes.contains(0) {
            throw InputError(.binary, da: "filen indeholder binære data (NUL-bytes) og er ikke en tekstfil",
                             en: "the file contains binary data (NUL bytes) and is not a text file")
        }
        return (try checkText(windows1252(bytes)), .windows1252)
    }

    /// Formats that are not text, recognised by their first bytes, with advice.
    static func refuseKnownBinary(_ bytes: [UInt8]) throws {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw InputError(.encrypted, da: "filen er et OLE-dokument (et gammelt Word .doc eller en adgangskodebeskyttet .docx); gem den som .docx uden adgangskode",
                             en: "the file is an OLE document (a legacy Word .doc or a password-protected .docx); save it as .docx without a password")
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw InputError(.binary, da: "filen er et ZIP-arkiv (måske en .docx med forkert filendelse); prøv --input docx",
                             en: "the file is a ZIP archive (perhaps a .docx with the wrong extension); try --input docx")
        }
        if bytes.starts(with: Array("%PDF".utf8)) {
            throw InputError(.binary, da: "filen er en PDF; Omtale læser tekst, .docx, Markdown og HTML",
                             en: "the file is a PDF; Omtale reads text, .docx, Markdown and HTML")
        }
    }

    static func looksLikeUTF16WithoutBOM(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 4, bytes.count % 2 == 0 else { return nil }
        let sample = bytes.prefix(4096)
        var evenZeros = 0, oddZeros = 0
        for (i, byte) in sample.enumerated() where byte == 0 {
            if i % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let pairs = sample.count / 2
        if oddZeros * 10 >= pairs * 7 && evenZeros * 10 < pairs { return false }
        if evenZeros * 10 >= pairs * 7 && oddZeros * 10 < pairs { return true }
        return nil
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) throws -> String {
        guard bytes.count % 2 == 0 else {
            throw InputError(.undecodable, da: "filen er UTF-16, men har et ulige antal bytes (afkortet?)",
                             en: "the file is UTF-16 but has an odd number of bytes (truncated?)")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw InputError(.undecodable, da: "filen er UTF-16, men indeholder ugyldige tegn (uparrede surrogater)",
                             en: "the file is UTF-16 but contains invalid characters (unpaired surrogates)")
        }
        return text
    }

    static func utf32(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) throws -> String {
        guard bytes.count % 4 == 0 else {
            throw InputError(.undecodable, da: "filen er UTF-32, men er afkortet", en: "the file is UTF-32 but truncated")
        }
        var scalars = String.UnicodeScalarView()
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let b = (0..<4).map { UInt32(bytes[index + $0]) }
            let value = bigEndian ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
            guard let scalar = Unicode.Scalar(value) else {
                throw InputError(.undecodable, da: "filen er UTF-32, men indeholder ugyldige tegn", en: "the file is UTF-32 but contains invalid characters")
            }
            scalars.append(scalar)
            index += 4
        }
        return String(scalars)
    }

    /// Windows-1252's 0x80–0x9F; other bytes are ISO-8859-1 (identical to their code point).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    /// `checkText` on valid UTF-8 bytes, without walking a String's scalars: a scalar starts at
    /// every byte that is not a continuation byte, and the C1 controls are C2 80–C2 9F.
    static func checkUTF8(_ bytes: [UInt8]) throws {
        var controls = 0
        var total = 0
        var hasNUL = false
        var i = 0
        while i < bytes.count && total < 65_536 {
            let byte = bytes[i]
            i += 1
            if byte & 0xC0 == 0x80 { continue }
            total += 1
            if byte >= 0x20 && byte != 0xC2 { continue }
            if byte == 0xC2 {
                if i < bytes.count && bytes[i] >= 0x80 && bytes[i] <= 0x9F { controls += 1 }
                continue
            }
            if byte == 0 { hasNUL = true }
            if byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C { controls += 1 }
        }
        if total > 0 && (controls * 100 > total * 5 || hasNUL) { throw binaryText }
    }

    static let binaryText = InputError(.binary, da: "filen ligner binære data, ikke tekst", en: "the file looks like binary data, not text")

    /// The scalars of valid UTF-8 without a BOM, exactly as `decode` would give them; nil for
    /// anything else (a BOM, invalid or cut-off UTF-8), where `decode` decides differently.
    static func utf8Scalars(_ data: Data) -> [Unicode.Scalar]? {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return nil }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(data.count)
        var decoder = UTF8()
        var iterator = data.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return scalars
            case .error: return nil
            }
        }
    }

    /// Refuses decoded text that is mostly control characters: binary data that happened to decode.
    static func checkText(_ text: String) throws -> String {
        var controls = 0
        var total = 0
        var hasNUL = false
        for scalar in text.unicodeScalars.prefix(65_536) {
            total += 1
            let v = scalar.value
            if v >= 0x20 && (v < 0x80 || v > 0x9F) { continue }
            if v == 0 { hasNUL = true }
            if v != 0x09 && v != 0x0A && v != 0x0D && v != 0x0C { controls += 1 }
        }
        if total > 0 && (controls * 100 > total * 5 || hasNUL) { throw binaryText }
        return text
    }
}
