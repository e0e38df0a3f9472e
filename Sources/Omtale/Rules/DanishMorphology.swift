import CHunspellShim
import Foundation

/// Danish inflection and compounding from a real lexicon: Debian's `hunspell-da` (Stavekontrolden's
/// word list and affix rules), read through libhunspell.
///
/// Why libhunspell and not a generated table: Danish compounds are open-ended ("abonnementsaftale",
/// "billetprisen", "leasingaftalen"), and the affix file's compound rules (COMPOUNDBEGIN/END, the
/// linking "s" and "e") are what decides whether "abonnements" + "aftale" is a word. A table can list
/// inflections but not every compound; the engine can judge any. libhunspell is opened with dlopen
/// (`CHunspellShim`), so the binary has no link-time dependency on it: a copied binary runs without
/// it and then matches only each term's own forms and listed endings (README, "Commercial use").
///
/// The lexicon is looked for at `$OMTALE_HUNSPELL_DA` (a path without `.aff`/`.dic`), then in the
/// usual hunspell folders. One hunspell handle is shared and serialized by a lock; answers are cached
/// in memory and, between runs, on disk (`LexiconCache`): a run whose words were all judged before
/// answers from the cache file and never opens hunspell. ``saveCache()`` writes the new answers.
///
/// Why the lexicon is still opened whole, though opening it is most of a single-file check (about
/// 425 M of 711 M instructions, issue 13): a table generated at build time cannot replace it, because
/// whether a compound or a `st:` stem holds depends on the whole .dic; a prefilter that skips opening
/// for texts "without commercial words" is unsound for the same reason; opening it on a background
/// thread was measured no faster (140.0 vs 140.2 ms wall) and slower for texts that never need it
/// (38 → 45 ms); a copy of the .dic without capitalised entries saves 6.8 % of the instructions but
/// judges words differently (one word in a 214,000-word differential run). The persistent answer
/// cache (`LexiconCache`) is sound where those were not: it holds hunspell's own answers for this
/// very lexicon and library, and asks hunspell about any word it has not seen.
final class DanishMorphology: @unchecked Sendable {
    static let shared = DanishMorphology()

    /// Why the lexicon is not in use (nil when it is). Opens the lexicon if it is not open yet.
    var unavailableReason: String? { open().reason }
    var isAvailable: Bool { open().handle != nil }
    /// Why the lexicon could not be used, if something asked for it: nil when it is in use or when
    /// nothing needed it yet. Unlike ``unavailableReason`` it never opens the lexicon, so asking
    /// costs nothing in a run that weighed no commercial evidence.
    var reasonIfItWasNeeded: String? {
        openLock.lock()
        defer { openLock.unlock() }
        return opened?.reason
    }

    private let base: String?
    private var opened: (handle: UnsafeMutableRawPointer?, reason: String?)? = nil
    private var handle: UnsafeMutableRawPointer? { open().handle }
    private let lock = NSLock()
    private let openLock = NSLock()
    private var stemCache: [String: [String]] = [:]
    private var spellCache: [String: Bool] = [:]
    private let cacheDirectory: URL?
    /// The answers on disk: loaded on the first question (nil inside when there is no cache).
    private var diskCache: LexiconCache??
    /// The lexicon the disk cache belongs to: answers are recorded only when hunspell opened it.
    private var cachedCandidate: String?
    private var openedCandidate: String?
    /// Whether hunspell-da was opened in this process (tests check that a warm run does not).
    var openedLexicon: Bool {
        openLock.lock()
        defer { openLock.unlock() }
        return opened?.handle != nil
    }

    static let searchPaths = ["/usr/share/hunspell/da_DK", "/usr/share/myspell/da_DK", "/usr/share/myspell/dicts/da_DK",
                              "/usr/local/share/hunspell/da_DK", "/opt/homebrew/share/hunspell/da_DK"]

    /// The lexicon is opened on first use, so a run that never weighs commercial evidence never loads it.
    /// `cacheDirectory`: where answers are kept between runs (`LexiconCache.directory`), nil for none.
    init(base: String? = ProcessInfo.processInfo.environment["OMTALE_HUNSPELL_DA"],
         cacheDirectory: URL? = LexiconCache.directory()) {
        self.base = base
        self.cacheDirectory = cacheDirectory
    }

    private var candidates: [String] { base.map { [$0] } ?? Self.searchPaths }

    /// The disk cache of the lexicon hunspell would open first: the first candidate with a .dic,
    /// which is also the one `open()` tries first. Called with `lock` held.
    private func persistent() -> LexiconCache? {
        if let diskCache { return diskCache }
        var cache: LexiconCache? = nil
        if let cacheDirectory, let candidate = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + ".dic") }),
           let identity = LexiconCache.identity(base: candidate) {
            cache = LexiconCache(directory: cacheDirectory, identity: identity)
            cachedCandidate = candidate
        }
        diskCache = .some(cache)
        return cache
    }

    /// Records an answer hunspell gave, when it came from the lexicon the cache belongs to.
    /// Called with `lock` held, after `open()`.
    private func remember(_ key: [UInt8], _ value: [UInt8]) {
        guard let cache = persistent(), let openedCandidate, openedCandidate == cachedCandidate else { return }
        cache.record(key, value)
    }

    /// Writes the answers hunspell gave in this run to the disk cache (merged, atomically). Throws
    /// when the cache folder cannot be written; the check's results never depend on it.
    func saveCache() throws {
        lock.lock()
        defer { lock.unlock() }
        guard let diskCache, let cache = diskCache else { return }
        try cache.save()
    }

    private func open() -> (handle: UnsafeMutableRawPointer?, reason: String?) {
        openLock.lock()
        defer { openLock.unlock() }
        if let opened { return opened }
        var reason = "hunspell-da not found (\(candidates.joined(separator: ", ")))"
        var handle: UnsafeMutableRawPointer? = nil
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + ".dic") {
            var why: UnsafePointer<CChar>? = nil
            if let h = omtale_hunspell_open(candidate + ".aff", candidate + ".dic", &why) {
                handle = h
                openedCandidate = candidate
                break
            }
            reason = why.map { String(cString: $0) } ?? "hunspell could not open \(candidate)"
        }
        let result = (handle: handle, reason: handle == nil ? Optional(reason) : nil)
        opened = result
        return result
    }

    deinit { if let handle = opened?.handle { omtale_hunspell_close(handle) } }

    /// The lemmas of a lower-case word: hunspell's stems (for a compound, those of its last part),
    /// or the word itself when the lexicon is missing or does not know the word.
    func stems(_ word: String) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if let cached = stemCache[word] { return cached }
        let key = LexiconCache.key(.stems, word)
        if let answer = persistent()?.answer(key) {
            let stems = answer.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            stemCache[word] = stems
            return stems
        }
        guard let handle else { return [word] }
        var stems: [String] = []
        if let described = omtale_hunspell_describe(handle, word) {
            for line in String(cString: described).split(separator: "\n") where line.hasPrefix("S\t") {
                let stem = String(line.dropFirst(2))
                if !stems.contains(stem) { stems.append(stem) }
            }
            omtale_hunspell_free(described)
        }
        if stems.isEmpty { stems = [word] }
        if stemCache.count > 200_000 { stemCache.removeAll() }
        stemCache[word] = stems
        remember(key, Array(stems.joined(separator: "\n").utf8))
        return stems
    }

    /// Whether the lexicon accepts a lower-case word, compounds its affix rules allow included.
    /// Without the lexicon: a word of at least four letters with a vowel (a permissive guess).
    func isWord(_ word: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let cached = spellCache[word] { return cached }
        let key = LexiconCache.key(.spell, word)
        if let answer = persistent()?.answer(key), answer.count == 1 {
            spellCache[word] = answer[0] == 1
            return answer[0] == 1
        }
        guard let handle else {
            return word.count >= 4 && word.contains { "aeiouyæøå".contains($0) }
        }
        let known = omtale_hunspell_spell(handle, word) != 0
        if spellCache.count > 200_000 { spellCache.removeAll() }
        spellCache[word] = known
        remember(key, [known ? 1 : 0])
        return known
    }

    /// Whether `rest`, the part of a compound beside a known part, is a word: as written, or
    /// without the linking letter ("abonnement-s-aftale", "pige-e-…") when it is the first part.
    func isCompoundPart(_ rest: Substring, linking: Bool) -> Bool {
        let trimmed = rest.hasSuffix("-") ? rest.dropLast() : rest
        guard trimmed.count >= 2 else { return false }
        if isWord(String(trimmed)) { return true }
        if linking, trimmed.count >= 3, let last = trimmed.last, last == "s" || last == "e" {
            return isWord(String(trimmed.dropLast()))
        }
        return false
    }
}
