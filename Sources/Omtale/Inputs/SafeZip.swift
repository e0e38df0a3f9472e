import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// A ZIP package (a .docx and friends) opened defensively.
///
/// Before ZIPFoundation sees the bytes, the central directory is walked by hand: the file must be
/// a ZIP (an OLE container is recognised and named), it must be complete (end-of-central-directory
/// record present), no two entries may share or overlap their data (the "overlapping entries" bomb),
/// and no entry may be encrypted. Entries are then inflated one at a time, and the limits below are
/// enforced on the bytes actually produced while inflating — declared sizes are never trusted.
struct SafeZip {
    struct Limits: Sendable {
        /// Most bytes one part may inflate to (a 16 MB document.xml is a document of thousands of pages).
        var maxPartBytes = 16 * 1024 * 1024
        /// Most bytes all parts read from one package may inflate to together.
        var maxTotalBytes = 48 * 1024 * 1024
        /// Largest inflated/compressed ratio, checked once a part has produced `ratioFloor` bytes.
        /// Below the floor a part is bounded by its absolute size only: small, regular parts compress
        /// very well (a blank 4,000-row form table, 2 MB of XML, compresses 161:1) and are harmless.
        /// The real-world corpus peaks at 38:1 above the floor; bombs reach 1000:1.
        var maxRatio = 100
        var ratioFloor = 8 * 1024 * 1024
        var maxEntries = 10_000
        init() {}
    }

    struct Item {
        var name: String
        var localHeaderOffset: Int
        var compressedSize: Int
        var uncompressedSize: Int
    }

    let data: Data
    let limits: Limits
    /// Lower-cased part name (OPC names are case-insensitive) → our scan of its central-directory entry.
    /// ZIPFoundation's Archive is not used to list or read entries: on damaged files FuzzDocx found
    /// it hanging (extract) and trapping (Archive.MemoryFile.readData); see fixtures/fuzz/.
    private var entries: [String: Item] = [:]
    private(set) var inflatedTotal = 0

    init(_ data: Data, limits: Limits = Limits()) throws {
        self.data = data
        self.limits = limits
        let items = try Self.scan(data, limits: limits)
        for item in items where !item.name.hasSuffix("/") { entries[item.name.lowercased()] = item }
        // Relationship targets are URIs, resolved to decoded names; a packager that stores the name
        // percent-encoded (.NET writes "word/my%20document.xml") is found under the decoded name too.
        for item in items where !item.name.hasSuffix("/") {
            if let decoded = item.name.removingPercentEncoding?.lowercased(), entries[decoded] == nil { entries[decoded] = item }
        }
    }

    func contains(_ name: String) -> Bool { entries[name.lowercased()] != nil }

    /// Inflates one part, or returns nil when the package has no such part.
    mutating func read(_ name: String) throws -> Data? {
        guard let item = entries[name.lowercased()] else { return nil }
        var output = Data()
        let compressed = max(1, item.compressedSize)
        let limits = self.limits
        // A declared size over the limit is refused before inflating (the limit is enforced while
        // inflating anyway; the declared size only saves the work and names the problem).
        let declared = item.uncompressedSize
        if declared > limits.maxPartBytes {
            let mb = limits.maxPartBytes / 1_048_576
            if declared / compressed > Self.suspiciousRatio {
                throw Self.bomb(da: "delen \(name) angiver \(Self.size(declared)) udpakket fra \(Self.size(compressed))",
                                en: "the part \(name) declares \(Self.size(declared)) inflated from \(Self.size(compressed))")
            }
            throw InputError(.tooLarge, da: "delen \(name) fylder over \(mb) MB udpakket; Omtale læser dele op til \(mb) MB",
                             en: "the part \(name) is larger than \(mb) MB inflated; Omtale reads parts up to \(mb) MB")
        }
        var total = inflatedTotal
        // The compressed bytes, found from the local header (scan() checked they lie in the file).
        let header = item.localHeaderOffset
        let start = header + 30 + Int(u16(data, header + 26)) + Int(u16(data, header + 28))
        let compressedBytes = data[data.startIndex + start ..< data.startIndex + min(data.count, start + item.compressedSize)]
        do {
            let consume: Consumer = { chunk in
                output.append(chunk)
                total += chunk.count
                if output.count > limits.ratioFloor && output.count / compressed > limits.maxRatio {
                    throw Self.bomb(da: "delen \(name) pakker sig ud til over \(limits.maxRatio) gange sin komprimerede størrelse",
                                    en: "the part \(name) inflates to more than \(limits.maxRatio) times its compressed size")
                }
                if output.count > limits.maxPartBytes || total > limits.maxTotalBytes {
                    let part = output.count > limits.maxPartBytes
                    let mb = (part ? limits.maxPartBytes : limits.maxTotalBytes) / 1_048_576
                    // Far more output than input is a bomb; a big part that compresses like text is just big.
                    if output.count / compressed > Self.suspiciousRatio {
                        throw Self.bomb(da: part ? "delen \(name) pakker sig ud til over \(mb) MB fra \(Self.size(compressed))" : "pakken pakker sig ud til over \(mb) MB",
                                        en: part ? "the part \(name) inflates to more than \(mb) MB from \(Self.size(compressed))" : "the package inflates to more than \(mb) MB")
                    }
                    throw InputError(.tooLarge, da: part ? "delen \(name) fylder over \(mb) MB udpakket; Omtale læser dele op til \(mb) MB" : "dokumentet fylder over \(mb) MB udpakket; Omtale læser op til \(mb) MB",
                                     en: part ? "the part \(name) is larger than \(mb) MB inflated; Omtale reads parts up to \(mb) MB" : "the document is larger than \(mb) MB inflated; Omtale reads up to \(mb) MB")
                }
            }
            switch u16(data, header + 8) {
            case 0:
                try consume(Data(compressedBytes))
            case 8:
                // Inflate here rather than through Archive.extract, which never returned on a damaged
                // file FuzzDocx found (fixtures/fuzz/docx-zipfoundation-extract-hang.docx): its inflate
                // loop asks for more input forever once the input runs out. Our provider reads only
                // the entry's own compressed bytes and throws past their end, which ends that loop.
                // Every chunk is exactly `size` bytes, zero-padded after the entry's end: ZIPFoundation
                // sets zlib's avail_in to the full buffer size whatever the chunk's length, so a
                // shorter chunk would let zlib read past it (AddressSanitizer caught that).
                _ = try Data.decompress(size: Int64(compressedBytes.count), bufferSize: 64 * 1024, skipCRC32: true, provider: { position, size in
                    let from = compressedBytes.startIndex + Int(position)
                    guard from < compressedBytes.endIndex else { throw InputError(.truncated, Self.truncatedStream(name)) }
                    var chunk = Data(compressedBytes[from ..< min(compressedBytes.endIndex, from + size)])
                    if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                    return chunk
                }, consumer: consume)
            default:
                throw InputError(.malformed, da: "delen \(name) er pakket med en metode, Word ikke bruger. Åbn den i Word, og gem den igen", en: "the part \(name) is compressed with a method Word does not use. Open it in Word and save it again")
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(.malformed, da: "delen \(name) kan ikke pakkes ud (\(error)); filen er beskadiget. Åbn den i Word, og gem den igen",
                             en: "the part \(name) cannot be inflated (\(error)); the file is damaged. Open it in Word and save it again")
        }
        inflatedTotal = total
        return output
    }

    static func truncatedStream(_ name: String) -> Localized {
        Localized(da: "delen \(name) er afkortet (de komprimerede data slutter for tidligt); filen er beskadiget. Åbn den i Word, og gem den igen",
                  en: "the part \(name) is truncated (its compressed data ends too early); the file is damaged. Open it in Word and save it again")
    }

    /// A little-endian UInt16 at an offset of the file.
    func u16(_ data: Data, _ offset: Int) -> Int {
        Int(data[data.startIndex + offset]) | Int(data[data.startIndex + offset + 1]) << 8
    }

    /// Inflated/compressed ratio above which hitting a size limit is called a bomb rather than a big file.
    /// Real Word parts reach about 35:1 (python-docx's styles.xml); bombs reach 1000:1.
    static let suspiciousRatio = 50

    /// "349 KB", "180 MB".
    static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? "\(bytes / 1_048_576) MB" : "\(max(1, bytes / 1024)) KB"
    }

    static func bomb(da: String, en: String) -> InputError {
        InputError(.bomb, da: "filen ligner en ZIP-bombe: \(da); den læses ikke. Er det jeres eget dokument, så åbn det i Word, og gem det igen", en: "the file looks like a ZIP bomb: \(en); it is not read. If it is your own document, open it in Word and save it again")
    }

    // MARK: - Central directory, by hand

    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    static func scan(_ data: Data, limits: Limits) throws -> [Item] {
        let bytes = [UInt8](data)
        if bytes.isEmpty {
            throw InputError(.notZip, da: "filen er tom (0 bytes) og er ikke et Word-dokument", en: "the file is empty (0 bytes) and not a Word document")
        }
        if bytes.starts(with: oleMagic) {
            throw InputError(.encrypted, da: "filen er et OLE-dokument: enten en adgangskodebeskyttet .docx eller et gammelt Word-dokument (.doc) med ny filendelse. Åbn den i Word, fjern en eventuel adgangskode, og gem den som .docx",
                             en: "the file is an OLE document: either a password-protected .docx or a legacy Word document (.doc) renamed. Open it in Word, remove any password and save it as .docx")
        }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            throw InputError(.notZip, da: "filen er ikke en .docx: den er ikke et ZIP-arkiv (begynder ikke med »PK«). Gem dokumentet som .docx i Word, eller ret filendelsen",
                             en: "the file is not a .docx: it is not a ZIP archive (does not start with 'PK'). Save the document as .docx in Word, or correct the extension")
        }
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        /// A ZIP64 value: anything past the file's size is as good as infinite (and cannot overflow Int).
        func u64(_ i: Int) -> Int { u32(i + 4) != 0 ? Int.max / 4 : u32(i) }
        let damaged = InputError(.malformed, da: "ZIP-arkivets indholdsfortegnelse er beskadiget. Åbn den i Word, og gem den igen", en: "the ZIP archive's central directory is damaged. Open it in Word and save it again")
        // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535 bytes.
        var eocd: Int? = nil
        var i = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while i >= lowest {
            if bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x05 && bytes[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard let eocd else {
            throw InputError(.truncated, da: "ZIP-arkivet er afkortet: indholdsfortegnelsen (central directory) i slutningen af filen mangler. Filen er måske ikke gemt eller kopieret færdig. Gem eller kopiér den igen",
                             en: "the ZIP archive is truncated: the central directory at the end of the file is missing. Perhaps the file was not completely saved or copied. Save or copy it again")
        }
        var count = u16(eocd + 10)
        var directorySize = u32(eocd + 12)
        var directoryOffset = u32(eocd + 16)
        // The directory ends where the end records begin: the ZIP64 record when there is one.
        var directoryEnd = eocd
        // ZIP64 (`zip -fz`, or a writer that always uses it): the locator sits just before the
        // end record and points to the ZIP64 end record with the real count, size and offset.
        if eocd >= 20 && u32(eocd - 20) == 0x0706_4B50 {
            let record = u64(eocd - 20 + 8)
            guard record <= eocd - 20 - 56, u32(record) == 0x0606_4B50 else { throw damaged }
            count = u64(record + 32)
            directorySize = u64(record + 40)
            directoryOffset = u64(record + 48)
            directoryEnd = record
        } else if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            throw damaged
        }
        guard count <= limits.maxEntries else {
            throw bomb(da: "arkivet har \(count) poster", en: "the archive has \(count) entries")
        }
        guard directoryOffset <= directoryEnd, directorySize <= directoryEnd - directoryOffset else {
            throw InputError(.truncated, da: "ZIP-arkivet er afkortet eller beskadiget: indholdsfortegnelsen peger uden for filen. Åbn den i Word, og gem den igen",
                             en: "the ZIP archive is truncated or damaged: the central directory points outside the file")
        }
        var items: [Item] = []
        var p = directoryOffset
        for _ in 0..<count {
            guard p + 46 <= directoryEnd, u32(p) == 0x0201_4B50 else { throw damaged }
            let flags = u16(p + 8)
            var compressedSize = u32(p + 20)
            var uncompressedSize = u32(p + 24)
            let nameLength = u16(p + 28), extraLength = u16(p + 30), commentLength = u16(p + 32)
            var localOffset = u32(p + 42)
            guard p + 46 + nameLength + extraLength <= directoryEnd else { throw damaged }
            // A ZIP64 entry keeps the sizes and offset that do not fit (0xFFFFFFFF) in its extra field 0x0001, in this order.
            if uncompressedSize == 0xFFFF_FFFF || compressedSize == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                var e = p + 46 + nameLength
                let extraEnd = e + extraLength
                var found = false
                while e + 4 <= extraEnd {
                    let id = u16(e), size = u16(e + 2)
                    guard e + 4 + size <= extraEnd else { throw damaged }
                    if id == 0x0001 {
                        var v = e + 4
                        func next() throws -> Int {
                            guard v + 8 <= e + 4 + size else { throw damaged }
                            defer { v += 8 }
                            return u64(v)
                        }
                        if uncompressedSize == 0xFFFF_FFFF { uncompressedSize = try next() }
                        if compressedSize == 0xFFFF_FFFF { compressedSize = try next() }
                        if localOffset == 0xFFFF_FFFF { localOffset = try next() }
                        found = true
                        break
                    }
                    e += 4 + size
                }
                guard found else { throw damaged }
            }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            if flags & 1 != 0 {
                throw InputError(.encrypted, da: "delen \(name) er krypteret; gem dokumentet som .docx uden adgangskode",
                                 en: "the part \(name) is encrypted; save the document as .docx without a password")
            }
            items.append(Item(name: name, localHeaderOffset: localOffset, compressedSize: compressedSize, uncompressedSize: uncompressedSize))
            p += 46 + nameLength + extraLength + commentLength
        }
        // Every entry's data must lie inside the file, before the directory, and apart from the others.
        var spans: [(start: Int, end: Int, name: String)] = []
        for item in items {
            let h = item.localHeaderOffset
            guard h <= directoryOffset - 30, u32(h) == 0x0403_4B50 else {
                throw InputError(.truncated, da: "ZIP-arkivet er beskadiget: posten \(item.name) peger uden for filens data. Åbn den i Word, og gem den igen",
                                 en: "the ZIP archive is damaged: the entry \(item.name) points outside the file's data")
            }
            let header = h + 30 + u16(h + 26) + u16(h + 28)
            guard header <= directoryOffset, item.compressedSize <= directoryOffset - header else {
                throw InputError(.truncated, da: "ZIP-arkivet er afkortet: posten \(item.name) slutter uden for filens data. Åbn den i Word, og gem den igen",
                                 en: "the ZIP archive is truncated: the entry \(item.name) ends outside the file's data")
            }
            spans.append((h, header + item.compressedSize, item.name))
        }
        spans.sort { $0.start < $1.start }
        for (a, b) in zip(spans, spans.dropFirst()) where b.start < a.end {
            throw bomb(da: "posterne \(a.name) og \(b.name) deler de samme komprimerede data (overlappende poster)",
                       en: "the entries \(a.name) and \(b.name) share the same compressed data (overlapping entries)")
        }
        return items
    }
}
