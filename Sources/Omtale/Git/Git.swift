import Foundation

/// The real `git` binary, run as a subprocess. Omtale reads from git and never changes the index
/// or the working tree.
public struct Git: Sendable {
    /// Folder git runs in.
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public struct Failure: Error, CustomStringConvertible {
        public var arguments: [String]
        public var status: Int32
        public var stderr: String
        public var description: String { "git \(arguments.joined(separator: " ")) (\(status)): \(stderr)" }
    }

    /// Runs git and returns its standard output, bounded by `limit` bytes.
    @discardableResult
    public func run(_ arguments: [String], limit: Int = 64 * 1024 * 1024) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        // Paths with æ/ø/å come back raw, not as "\303\246" escapes.
        environment["GIT_CONFIG_PARAMETERS"] = "'core.quotepath=false'"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        var output = Data()
        let handle = out.fileHandleForReading
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            if output.count + chunk.count > limit {
                process.terminate()
                _ = handle.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                throw InputError(.tooLarge, da: "git gav mere end \(limit / 1_048_576) MB", en: "git returned more than \(limit / 1_048_576) MB")
            }
            output.append(chunk)
        }
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(arguments: arguments, status: process.terminationStatus,
                          stderr: String(decoding: errBox.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return output
    }

    public func string(_ arguments: [String]) throws -> String {
        String(decoding: try run(arguments), as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    /// The top folder of the working tree.
    public func topLevel() throws -> String { try string(["rev-parse", "--show-toplevel"]) }

    /// The hooks folder, honouring core.hooksPath, worktrees and submodules (git resolves all three).
    public func hooksDirectory() throws -> String {
        let path = try string(["rev-parse", "--git-path", "hooks"])
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
    }

    /// Added, copied, modified and renamed files in the index, relative to the top folder.
    public func stagedPaths() throws -> [String] {
        let data = try run(["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--no-renames"])
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A staged file's content, read from its blob in the index (not the working tree).
    public func stagedContent(_ path: String, limit: Int) throws -> Data {
        let size = Int(try string(["cat-file", "-s", ":\(path)"])) ?? 0
        if size > limit { throw Checker.tooLarge(size, limit: limit) }
        return try run(["cat-file", "blob", ":\(path)"], limit: limit + 1)
    }
}
