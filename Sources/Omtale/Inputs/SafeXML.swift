import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// XML parts are parsed only after this check: any DTD is refused outright, so no entity
/// (internal, external, nested or repeated) is ever declared, expanded or fetched.
enum SafeXML {
    static func refuseDTD(_ data: Data, part: String) throws {
        let found: Bool = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let doctype = Array("DOCTYPE".utf8), entity = Array("ENTITY".utf8)
            var i = 0
            let n = bytes.count
            while i + 1 < n {
                if bytes[i] == 0x3C && bytes[i + 1] == 0x21 {  // "<!"
                    for word in [doctype, entity] where i + 2 + word.count <= n {
                        var match = true
                        for k in 0..<word.count where bytes[i + 2 + k] & 0xDF != word[k] { match = false; break }
                        if match { return true }
                    }
                }
                i += 1
            }
            return false
        }
        if found {
            throw InputError(.unsafeXML, da: "delen \(part) indeholder en DTD (<!DOCTYPE/<!ENTITY>), som Word aldrig skriver; den kan bruges til entitetsbomber eller til at læse andre filer, så filen afvises. Åbn den i Word, og gem den igen",
                             en: "the part \(part) contains a DTD (<!DOCTYPE/<!ENTITY>), which Word never writes; it can be used for entity bombs or to read other files, so the file is refused. Open it in Word and save it again")
        }
    }

    /// Refuses a part that is not UTF-8 text without NUL bytes. Word writes UTF-8 only, and
    /// FoundationXML traps (crashes the process) on element and attribute names with invalid
    /// UTF-8: the fuzzer found that (fixtures/fuzz/docx-invalid-utf8-element-name.docx).
    static func refuseInvalidText(_ data: Data, part: String) throws {
        let valid: Bool = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: bytes[3...]) : bytes
            return !body.contains(0) && String(validating: body, as: UTF8.self) != nil
        }
        if !valid {
            throw InputError(.malformed, da: "delen \(part) er ikke gyldig UTF-8-tekst; filen er beskadiget. Åbn den i Word, og gem den igen",
                             en: "the part \(part) is not valid UTF-8 text; the file is damaged. Open it in Word and save it again")
        }
    }

    /// The part as UTF-8, whatever Unicode encoding it is stored in: a UTF-16 part (with a byte-order
    /// mark, or starting "<?" in UTF-16) is transcoded and its declaration rewritten to say UTF-8.
    /// A declared encoding Omtale does not read as such (UTF-7, ISO-8859-1, EBCDIC…) is refused: its
    /// bytes would hide a DTD from `refuseDTD`'s byte scan while libxml2 still decodes it.
    static func utf8(_ data: Data, part: String) throws -> Data {
        let head = [UInt8](data.prefix(4))
        var bigEndian: Bool? = nil
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0x3C, 0x00, 0x3F, 0x00]) { bigEndian = false }
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0x00, 0x3C, 0x00, 0x3F]) { bigEndian = true }
        var data = data
        if let bigEndian {
            let bom = head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) ? 2 : 0
            guard data.count % 2 == 0,
                  let text = String(data: data.dropFirst(bom), encoding: bigEndian ? .utf16BigEndian : .utf16LittleEndian) else {
                throw InputError(.malformed, da: "delen \(part) er ikke gyldig UTF-16-tekst; filen er beskadiget. Åbn den i Word, og gem den igen",
                                 en: "the part \(part) is not valid UTF-16 text; the file is damaged. Open it in Word and save it again")
            }
            data = Data(text.utf8)
        }
        guard let declared = declaredEncoding(data) else { return data }
        let name = declared.value.lowercased()
        let readable = bigEndian == nil ? ["utf-8", "utf8"] : ["utf-16", "utf-16le", "utf-16be", "utf16"]
        guard readable.contains(name) else {
            let shown = String(declared.value.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 }.prefix(40))
            throw InputError(.unsafeXML, da: "delen \(part) angiver tegnsættet »\(shown)«, som Omtale ikke læser (Word skriver UTF-8); filen afvises. Åbn den i Word, og gem den igen",
                             en: "the part \(part) declares the encoding '\(shown)', which Omtale does not read (Word writes UTF-8); the file is refused. Open it in Word and save it again")
        }
        if bigEndian != nil { data.replaceSubrange(declared.range, with: Data("UTF-8".utf8)) }
        return data
    }

    /// The `encoding` pseudo-attribute of the XML declaration and where its value lies.
    static func declaredEncoding(_ data: Data) -> (value: String, range: Range<Data.Index>)? {
        let bytes = [UInt8](data.prefix(512))
        let offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard bytes.dropFirst(offset).starts(with: Array("<?xml".utf8)),
              let end = (offset..<max(offset, bytes.count - 1)).first(where: { bytes[$0] == 0x3F && bytes[$0 + 1] == 0x3E }) else { return nil }
        let declaration = String(decoding: bytes[offset..<end], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        let start = offset + declaration.utf8.distance(from: declaration.startIndex, to: value.startIndex)
        let base = data.startIndex
        return (String(value), (base + start)..<(base + start + value.utf8.count))
    }

    /// Runs a SAX delegate over a part that passed `refuseDTD` and `refuseInvalidText`.
    static func parse(_ data: Data, part: String, delegate: XMLParserDelegate) throws {
        let data = try utf8(data, part: part)
        try refuseDTD(data, part: part)
        try refuseInvalidText(data, part: part)
        let parser = XMLParser(stream: InputStream(data: shortLines(data)))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.delegate = delegate
        if !parser.parse() {
            if let abort = (delegate as? AbortingDelegate)?.abortError { throw abort }
            throw InputError(.malformed, da: "delen \(part) er ikke gyldig XML; filen er beskadiget. Åbn den i Word, og gem den igen",
                             en: "the part \(part) is not well-formed XML; the file is damaged. Open it in Word and save it again")
        }
    }

    /// Word writes a whole part on one line, and libxml2's push parser (behind Foundation's
    /// XMLParser on Linux) slows down more than linearly with line length, and refuses lines over
    /// 10 MB. A line end after every end tag that another tag follows ("</w:r>\n<w:r>") only adds
    /// white space between elements, which the readers ignore (text is read only inside w:t).
    static func shortLines(_ data: Data) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(data.count + data.count / 16)
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var inEndTag = false
            for i in 0..<bytes.count {
                let b = bytes[i]
                out.append(b)
                if b == 0x3C { inEndTag = i + 1 < bytes.count && bytes[i + 1] == 0x2F }  // "</"
                if b == 0x3E && inEndTag {
                    inEndTag = false
                    if i + 1 < bytes.count && bytes[i + 1] == 0x3C { out.append(0x0A) }
                }
            }
        }
        return Data(out)
    }
}

/// A delegate that can stop the parser with a reason (too deep nesting, too much text).
protocol AbortingDelegate: AnyObject {
    var abortError: InputError? { get }
}
