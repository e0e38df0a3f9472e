import CHunspellShim
import Foundation

/// The Danish lexicon's answers kept on disk between runs, so a check whose words have all been
/// judged before never opens hunspell-da (opening it is ≈ 425 M instructions, most of a single-file
/// check; issue 13).
///
/// **Why it is sound.** What `DanishMorphology` asks (a word's stems, whether a word is correct) is a
/// pure function of the .aff and .dic files and of the libhunspell that reads them. The cache is
/// keyed by ``identity``: the resolved paths of those three files with their device, inode, size,
/// modification and status-change times, and Omtale's cache format version (``formatVersion``).
/// Stat data, not a hash of the contents: hashing the 3.5 MB .dic on every run would cost about as
/// much as a warm check; a package upgrade writes new files (a new inode and ctime), and the ctime
/// cannot be set back by `touch` or an archive, so a changed file is never taken for the old one.
/// Anything that changes it (even `chmod`) only makes the cache cold. Answers are recorded only when
/// hunspell itself opened that very lexicon, never the fallback guesses used without it.
///
/// **Where and when.** `$OMTALE_CACHE_DIR`, else `$XDG_CACHE_HOME/omtale`, else `$HOME/.cache/omtale`
/// (no `HOME`: no cache); `OMTALE_CACHE=off` switches it off. The file is read once, on the first
/// question (a run that never needs the lexicon reads nothing), and searched in place (binary
/// search over sorted records; nothing is decoded up front). New answers are written by ``save()``
/// after the run: the file is read again (another process may have added answers), merged, written
/// to a temporary file in the same folder and renamed over the old one, so a reader sees the old
/// file or the new one, never part of one. Two processes saving at once lose at most the other's new
/// answers, which the next miss records again.
///
/// **Damage.** A file with a wrong magic number, version, identity, length or checksum (FNV-1a over
/// the whole payload), or a record that does not fit, is ignored as if empty and replaced by the
/// next save: a damaged file costs a cold run, never a crash or a wrong answer. A folder that cannot
/// be created or written is skipped (``save()`` throws; the CLI says nothing).
///
/// **Size.** At most ``entryLimit`` answers. Each record carries the generation (save count) that
/// added it; over the limit, the oldest generations are dropped first.
final class LexiconCache {
    static let formatVersion: UInt32 = 1
    static let entryLimit = 200_000
    static let magic = Array("OMTLEXC\n".utf8)

    enum Kind: UInt8 {
        case stems = 0x6D  // "m"
        case spell = 0x73  // "s"
    }

    let file: URL
    let identity: [UInt8]
    let limit: Int
    /// The file as read when it was valid, or empty.
    private var bytes: [UInt8] = []
    private var count = 0
    private var offsetsStart = 0
    private var recordsStart = 0
    private var generation: UInt32 = 0
    /// Answers found by hunspell in this run, by key (kind byte + the word's UTF-8).
    private var fresh: [[UInt8]: [UInt8]] = [:]

    /// How many answers the file held when it was read (0 for none, or a damaged file).
    var storedCount: Int { count }
    var hasNewAnswers: Bool { !fresh.isEmpty }

    /// The cache folder the environment asks for, or nil when the cache is off or has no place.
    static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let setting = environment["OMTALE_CACHE"]?.lowercased(), ["off", "0", "no", "false"].contains(setting) { return nil }
        if let dir = environment["OMTALE_CACHE_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir, isDirectory: true) }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("omtale", isDirectory: true)
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache/omtale", isDirectory: true)
        }
        return nil
    }

    /// The identity of the lexicon at `base` (a path without .aff/.dic) and of the libhunspell that
    /// would read it; nil when either is missing (then there is nothing to cache).
    static func identity(base: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard omtale_hunspell_library_path(&buffer, buffer.count) == 0 else { return nil }
        let library = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var parts = ["omtale-lexicon-cache \(formatVersion)"]
        for (name, path) in [("aff", base + ".aff"), ("dic", base + ".dic"), ("lib", library)] {
            guard let resolved = realpath(path, nil) else { return nil }
            defer { free(resolved) }
            var info = stat()
            guard stat(resolved, &info) == 0 else { return nil }
            parts.append("\(name)=\(String(cString: resolved)) dev=\(info.st_dev) ino=\(info.st_ino) size=\(info.st_size) "
                + "mtime=\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) ctime=\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)")
        }
        return parts.joined(separator: "\n")
    }

    init(directory: URL, identity: String, limit: Int = LexiconCache.entryLimit) {
        self.identity = Array(identity.utf8)
        self.limit = limit
        let name = String(Self.fnv(self.identity[...]), radix: 16)
        file = directory.appendingPathComponent("hunspell-da-v\(Self.formatVersion)-\(name).cache")
        if let loaded = Self.readFile(file) { adopt(loaded) }
    }

    private func adopt(_ loaded: [UInt8]) {
        guard let layout = Self.layout(of: loaded, identity: identity) else { return }
        bytes = loaded
        (count, offsetsStart, recordsStart, generation) = layout
    }

    // MARK: Questions

    static func key(_ kind: Kind, _ word: String) -> [UInt8] { [kind.rawValue] + Array(word.utf8) }

    /// The recorded answer for a key, from this run's answers or the file.
    func answer(_ key: [UInt8]) -> [UInt8]? {
        if let recent = fresh[key] { return recent }
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            guard let record = record(mid) else { return nil }
            let order = Self.compare(bytes[record.key], key)
            if order == 0 { return Array(bytes[record.value]) }
            if order < 0 { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    func record(_ key: [UInt8], _ value: [UInt8]) { fresh[key] = value }

    // MARK: The file

    /// Header: magic, version, generation, identity length and bytes, record count, payload length,
    /// payload checksum (all integers little-endian). Payload: one u32 offset per record (into the
    /// records), then the records sorted by key, each u32 generation, u32 key length, key, u32 value
    /// length, value.
    private static func layout(of data: [UInt8], identity: [UInt8]) -> (Int, Int, Int, UInt32)? {
        var at = magic.count
        guard data.count >= at, Array(data[0..<at]) == magic,
              let version = u32(data, &at), version == formatVersion,
              let generation = u32(data, &at),
              let identityLength = u32(data, &at).map(Int.init), at + identityLength <= data.count,
              Array(data[at..<(at + identityLength)]) == identity else { return nil }
        at += identityLength
        guard let count = u32(data, &at).map(Int.init), let length = u64(data, &at), let checksum = u64(data, &at),
              UInt64(data.count - at) == length, fnv(data[at...]) == checksum,
              count * 4 <= data.count - at else { return nil }
        let offsetsStart = at, recordsStart = at + count * 4
        // Every record must fit: a file that passed the checksum but was written wrongly still
        // cannot make a lookup read out of bounds.
        for index in 0..<count {
            var position = offsetsStart + index * 4
            guard let offset = u32(data, &position).map(Int.init), recordBounds(data, recordsStart + offset) != nil else { return nil }
        }
        return (count, offsetsStart, recordsStart, generation)
    }

    private func record(_ index: Int) -> (generation: UInt32, key: Range<Int>, value: Range<Int>)? {
        var position = offsetsStart + index * 4
        guard let offset = Self.u32(bytes, &position) else { return nil }
        return Self.recordBounds(bytes, recordsStart + Int(offset))
    }

    private static func recordBounds(_ data: [UInt8], _ start: Int) -> (generation: UInt32, key: Range<Int>, value: Range<Int>)? {
        var at = start
        guard let generation = u32(data, &at), let keyLength = u32(data, &at).map(Int.init), at + keyLength <= data.count else { return nil }
        let key = at..<(at + keyLength)
        at += keyLength
        guard let valueLength = u32(data, &at).map(Int.init), at + valueLength <= data.count else { return nil }
        return (generation, key, at..<(at + valueLength))
    }

    /// Writes the recorded answers merged with the file's (as it is now on disk) atomically. Does
    /// nothing when this run found nothing new.
    func save() throws {
        guard hasNewAnswers else { return }
        var merged: [[UInt8]: (generation: UInt32, value: [UInt8])] = [:]
        var newest = generation
        if let current = Self.readFile(file), let layout = Self.layout(of: current, identity: identity), current != bytes {
            // Another process saved since this one read the file: keep its answers too.
            let other = LexiconCache(identity: identity, file: file, limit: limit, bytes: current, layout: layout)
            newest = max(newest, other.generation)
            other.forEachRecord { merged[$1] = ($0, $2) }
        }
        forEachRecord { merged[$1] = ($0, $2) }
        let next = newest &+ 1
        for (key, value) in fresh { merged[key] = (next, value) }
        var entries = merged.map { (key: $0.key, generation: $0.value.generation, value: $0.value.value) }
        if entries.count > limit {
            entries.sort { $0.generation != $1.generation ? $0.generation > $1.generation : Self.compare($0.key[...], $1.key) < 0 }
            entries.removeLast(entries.count - limit)
        }
        entries.sort { Self.compare($0.key[...], $1.key) < 0 }

        var payload: [UInt8] = []
        var records: [UInt8] = []
        for entry in entries {
            Self.put(UInt32(records.count), &payload)
            Self.put(entry.generation, &records)
            Self.put(UInt32(entry.key.count), &records)
            records += entry.key
            Self.put(UInt32(entry.value.count), &records)
            records += entry.value
        }
        payload += records
        var data = Self.magic
        Self.put(Self.formatVersion, &data)
        Self.put(next, &data)
        Self.put(UInt32(identity.count), &data)
        data += identity
        Self.put(UInt32(entries.count), &data)
        Self.put(UInt64(payload.count), &data)
        Self.put(Self.fnv(payload[...]), &data)
        data += payload

        let folder = file.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try Data(data).write(to: temporary)
            guard rename(temporary.path, file.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        fresh.removeAll()
        adopt(data)
    }

    private init(identity: [UInt8], file: URL, limit: Int, bytes: [UInt8], layout: (Int, Int, Int, UInt32)) {
        self.identity = identity
        self.limit = limit
        self.file = file
        self.bytes = bytes
        (count, offsetsStart, recordsStart, generation) = layout
    }

    private func forEachRecord(_ body: (UInt32, [UInt8], [UInt8]) -> Void) {
        for index in 0..<count {
            if let r = record(index) { body(r.generation, Array(bytes[r.key]), Array(bytes[r.value])) }
        }
    }

    /// The whole file, or nil when it cannot be read.
    private static func readFile(_ file: URL) -> [UInt8]? {
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0, info.st_size < 1 << 30 else { return nil }
        let size = Int(info.st_size)
        var data = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let got = data.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, size - filled) }
            if got <= 0 { return nil }
            filled += got
        }
        return data
    }

    // MARK: Bytes

    private static func compare(_ a: ArraySlice<UInt8>, _ b: [UInt8]) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let result = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in memcmp(x.baseAddress!, y.baseAddress!, common) } }
            if result != 0 { return Int(result) }
        }
        return a.count - b.count
    }

    private static func u32(_ data: [UInt8], _ at: inout Int) -> UInt32? {
        guard at >= 0, at + 4 <= data.count else { return nil }
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(data[at + i]) << (8 * i) }
        at += 4
        return value
    }

    private static func u64(_ data: [UInt8], _ at: inout Int) -> UInt64? {
        guard let low = u32(data, &at), let high = u32(data, &at) else { return nil }
        return UInt64(high) << 32 | UInt64(low)
    }

    private static func put(_ value: UInt32, _ data: inout [UInt8]) {
        for i in 0..<4 { data.append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
    }

    private static func put(_ value: UInt64, _ data: inout [UInt8]) {
        put(UInt32(truncatingIfNeeded: value), &data)
        put(UInt32(truncatingIfNeeded: value >> 32), &data)
    }

    /// FNV-1a over 8-byte words (then the tail bytes): a checksum against damage, not an attacker.
    static func fnv(_ data: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01B3
        data.withUnsafeBytes { raw in
            let words = raw.count / 8
            for i in 0..<words { hash = (hash ^ raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* prime }
            for i in (words * 8)..<raw.count { hash = (hash ^ UInt64(raw[i])) &* prime }
        }
        return hash
    }
}
