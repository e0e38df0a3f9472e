import Foundation
import Testing
@testable import Omtale

/// `--staged` reads the list with one `git diff --cached` and every blob through one
/// `git cat-file --batch`, by object id, so odd paths such as `0:release.txt` read right.
@Suite("Staged blobs through one git cat-file --batch", .serialized)
struct StagedBlobTests {
    @Test func tenStagedFilesTakeThreeGitProcesses() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        for i in 0..<10 { try repo.write("udkast/\(i).txt", i == 7 ? Texts.missingRealdania : Texts.good) }
        try repo.git("add", ".")
        let trace = repo.url.appendingPathComponent("trace.log")
        let result = try repo.omtale(["check", "--staged", "--format", "json"], environment: ["GIT_TRACE": trace.path])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.count == 10)
        let failing = files.filter { ($0["diagnostics"] as? [Any])?.isEmpty == false }.compactMap { $0["path"] as? String }
        #expect(failing == ["udkast/7.txt"])
        // rev-parse --show-toplevel, diff --cached, cat-file --batch: not one process per file.
        let commands = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").filter { $0.contains("trace: built-in: git") }
        #expect(commands.count == 3, "\(commands)")
        #expect(commands.filter { $0.contains("cat-file") }.count == 1)
    }

    @Test func pathThatLooksLikeAStageNumberIsReadFromItsOwnBlob() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        // `git cat-file blob :0:release.txt` would mean "release.txt at stage 0", another file.
        try repo.write("0:release.txt", Texts.missingRealdania)
        try repo.write("release.txt", Texts.good)
        try repo.git("add", ".")
        let result = try repo.omtale(["check", "--staged", "--format", "json"])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        let byPath = Dictionary(uniqueKeysWithValues: files.compactMap { file in
            (file["path"] as? String).map { ($0, (file["diagnostics"] as? [Any])?.count ?? -1) }
        })
        #expect(byPath["0:release.txt"] ?? 0 > 0, "the bad draft is judged by its own content")
        #expect(byPath["release.txt"] == 0)
    }

    @Test func blobReaderReadsManyBlobsAndRefusesOneTooLarge() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        try repo.write("a.txt", "første\n")
        try repo.write("b.txt", String(repeating: "x", count: 200_000))
        try repo.write("c.txt", "tredje\n")
        try repo.git("add", ".")
        let git = Git(directory: repo.url.path)
        let staged = try git.stagedFiles()
        #expect(staged.map(\.path) == ["a.txt", "b.txt", "c.txt"])
        let reader = try Git.BlobReader(git: git)
        defer { reader.close() }
        #expect(try reader.read(staged[0].object, limit: 1000) == Data("første\n".utf8))
        #expect(throws: InputError.self) { try reader.read(staged[1].object, limit: 1000) }
        // The refused blob was skipped, not left in the pipe: the next read is still right.
        #expect(try reader.read(staged[2].object, limit: 1000) == Data("tredje\n".utf8))
        #expect(try reader.read(staged[1].object, limit: 300_000).count == 200_000)
        #expect(throws: InputError.self) { try reader.read("0000000000000000000000000000000000000001", limit: 1000) }
    }
}
