import Foundation
import Testing

/// A real git repository in a temporary folder, driven with the real git binary.
struct TemporaryRepository {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
        try git("config", "user.email", "test@omtale.invalid")
        try git("config", "user.name", "Omtale Test")
        try git("config", "commit.gpgsign", "false")
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func git(_ arguments: String..., allowFailure: Bool = false) throws -> CLI.Result {
        try run("/usr/bin/env", ["git"] + arguments, allowFailure: allowFailure)
    }

    @discardableResult
    func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], allowFailure: Bool = true) throws -> CLI.Result {
        // The hook must find omtale by itself: no OMTALE override from the test environment.
        let result = try CLI.execute(URL(fileURLWithPath: executable), arguments, environment: environment, removing: ["OMTALE"],
                                     directory: url)
        if !allowFailure && result.status != 0 {
            throw TestFailure("\(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result
    }

    func write(_ relative: String, _ content: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try content.write(to: file, atomically: true, encoding: .utf8)
    }

    func omtale(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        try run(try #require(CLI.binary).path, arguments, environment: environment)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum Texts {
    static let good = "Klimaalliancen samler KL, Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.\n"
    static let missingRealdania = "Klimaalliancen samler KL, Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland og Region Hovedstaden.\n"
}
