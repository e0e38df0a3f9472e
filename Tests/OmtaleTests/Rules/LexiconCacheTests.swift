import Foundation
import Testing
@testable import Omtale

/// The lexicon's answers kept on disk: the same as hunspell's, used without opening hunspell, and
/// ignored when damaged.
@Suite("Lexicon answer cache")
struct LexiconCacheTests {
    static let words = ["abonnementsaftale", "abonnementsaftalen", "billetprisen", "billet", "bestilte", "indkøb",
                        "købmand", "rabatkoden", "leasingaftalen", "klimaalliancen", "xqzzyvort", "abonnements", "e", "æblerne"]

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-lexicon-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func answers(_ morphology: DanishMorphology) -> [String] {
        Self.words.map { word in
            "\(word): \(morphology.stems(word)) \(morphology.isWord(word)) \(morphology.isCompoundPart(Substring(word), linking: true))"
        }
    }

    @Test(.enabled(if: lexiconTestsRun, "hunspell-da is not installed (CI installs it)"))
    func answersFromTheCacheEqualHunspellsWithoutOpeningIt() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hunspell = answers(DanishMorphology(cacheDirectory: nil))
        let cold = DanishMorphology(cacheDirectory: dir)
        #expect(answers(cold) == hunspell)
        #expect(cold.openedLexicon)
        try cold.saveCache()
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.count == 1 && files[0].hasPrefix("hunspell-da-v1-"), "one cache file and no temporary left: \(files)")

        let warm = DanishMorphology(cacheDirectory: dir)
        #expect(answers(warm) == hunspell)
        #expect(!warm.openedLexicon, "every answer came from the cache")
        #expect(warm.reasonIfItWasNeeded == nil)

        // A new word opens hunspell; its answer joins the others at the next save.
        let grown = DanishMorphology(cacheDirectory: dir)
        #expect(grown.stems("kampagnerne") == DanishMorphology(cacheDirectory: nil).stems("kampagnerne"))
        #expect(grown.openedLexicon)
        try grown.saveCache()
        let after = DanishMorphology(cacheDirectory: dir)
        #expect(answers(after) == hunspell)
        #expect(after.stems("kampagnerne") == grown.stems("kampagnerne"))
        #expect(!after.openedLexicon)
    }

    @Test(.enabled(if: lexiconTestsRun, "hunspell-da is not installed (CI installs it)"))
    func aDamagedCacheFileIsIgnoredAndRewritten() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hunspell = answers(DanishMorphology(cacheDirectory: nil))
        let first = DanishMorphology(cacheDirectory: dir)
        _ = answers(first)
        try first.saveCache()
        let file = dir.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first))
        let good = try Data(contentsOf: file)

        var flipped = good
        flipped[flipped.count - 1] ^= 0x01  // one bit of the last answer: the checksum no longer holds
        var truncated = good
        truncated.removeLast(3)  // as a crash mid-write would leave it, were it not renamed into place
        for damaged in [flipped, truncated, Data(), Data("not a cache".utf8), good.prefix(20)] {
            try damaged.write(to: file)
            let reader = DanishMorphology(cacheDirectory: dir)
            #expect(answers(reader) == hunspell)
            #expect(reader.openedLexicon, "a damaged file answers nothing")
            try reader.saveCache()
            let again = DanishMorphology(cacheDirectory: dir)
            #expect(answers(again) == hunspell)
            #expect(!again.openedLexicon, "the damaged file was replaced by a whole one")
        }
    }

    @Test(.enabled(if: lexiconTestsRun, "hunspell-da is not installed (CI installs it)"))
    func aFolderThatCannotBeWrittenIsSkipped() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: blocker)
        let morphology = DanishMorphology(cacheDirectory: blocker.appendingPathComponent("omtale"))
        #expect(answers(morphology) == answers(DanishMorphology(cacheDirectory: nil)))
        #expect(throws: (any Error).self) { try morphology.saveCache() }
    }

    @Test func theCacheFolderFollowsTheEnvironment() {
        #expect(LexiconCache.directory(environment: ["OMTALE_CACHE_DIR": "/x/c", "HOME": "/h"])?.path == "/x/c")
        #expect(LexiconCache.directory(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"])?.path == "/x/omtale")
        #expect(LexiconCache.directory(environment: ["HOME": "/h"])?.path == "/h/.cache/omtale")
        #expect(LexiconCache.directory(environment: ["OMTALE_CACHE": "off", "OMTALE_CACHE_DIR": "/x/c"]) == nil)
        #expect(LexiconCache.directory(environment: [:]) == nil)
    }

    /// The whole JSON report of the commercial fixtures: with the cache off, cold (empty folder) and
    /// warm (the folder the cold run filled) byte for byte the same.
    @Test(.enabled(if: lexiconTestsRun, "hunspell-da is not installed (CI installs it)"))
    func aWarmCacheGivesTheSameReportAsACold() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let arguments = ["check", "--format", "json", "fixtures/commercial", "fixtures/press"]
        let off = try CLI.run(arguments, environment: ["OMTALE_CACHE": "off", "OMTALE_CACHE_DIR": dir.path])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "OMTALE_CACHE=off writes nothing")
        let cold = try CLI.run(arguments, environment: ["OMTALE_CACHE_DIR": dir.path])
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.count == 1, "the cold run wrote the cache: \(files)")
        let written = try Data(contentsOf: dir.appendingPathComponent(files[0]))
        let warm = try CLI.run(arguments, environment: ["OMTALE_CACHE_DIR": dir.path])
        #expect(try Data(contentsOf: dir.appendingPathComponent(files[0])) == written, "a warm run has nothing new to write")
        #expect(!off.stdout.isEmpty)
        #expect(cold.stdout == off.stdout)
        #expect(warm.stdout == off.stdout)
        #expect(cold.stderr == off.stderr && warm.stderr == off.stderr)
        #expect(cold.status == off.status && warm.status == off.status)
    }

    /// Over the limit, the answers added longest ago go first.
    @Test func theOldestAnswersAreDroppedOverTheLimit() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for round in 0..<3 {
            let cache = LexiconCache(directory: dir, identity: "test lexicon", limit: 5)
            for n in 0..<3 { cache.record(LexiconCache.key(.spell, "ord\(round)-\(n)"), [1]) }
            try cache.save()
        }
        let cache = LexiconCache(directory: dir, identity: "test lexicon", limit: 5)
        #expect(cache.storedCount == 5)
        for n in 0..<3 { #expect(cache.answer(LexiconCache.key(.spell, "ord2-\(n)")) == [1]) }
        for n in 0..<3 { #expect(cache.answer(LexiconCache.key(.spell, "ord0-\(n)")) == nil) }
        #expect(LexiconCache(directory: dir, identity: "another lexicon").storedCount == 0, "another identity, another file")
    }

    /// Processes saving at once (as `-j` runs and parallel hooks do) never leave a file a reader
    /// cannot use: each save is a whole file renamed into place.
    @Test func concurrentSavesNeverLeaveATornFile() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = LexiconCache(directory: dir, identity: "test lexicon")
        seed.record(LexiconCache.key(.stems, "seed"), Array("seed".utf8))
        try seed.save()
        let path = dir.path
        let torn = await withTaskGroup(of: Int.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for round in 0..<25 {
                        let cache = LexiconCache(directory: URL(fileURLWithPath: path), identity: "test lexicon")
                        for n in 0..<50 { cache.record(LexiconCache.key(.stems, "w\(writer)-\(round)-\(n)"), Array("stamme\(n)".utf8)) }
                        try? cache.save()
                    }
                    return 0
                }
            }
            group.addTask {
                var bad = 0
                for _ in 0..<200 {
                    let cache = LexiconCache(directory: URL(fileURLWithPath: path), identity: "test lexicon")
                    if cache.storedCount == 0 || cache.answer(LexiconCache.key(.stems, "seed")) != Array("seed".utf8) { bad += 1 }
                }
                return bad
            }
            return await group.reduce(0, +)
        }
        #expect(torn == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
