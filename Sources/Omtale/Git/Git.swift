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

    /// The settings every git call gets: paths with æ/ø/å come back raw, not as "\303\246"
    /// escapes, and no fsmonitor daemon is started or asked (a hook must not spawn one).
    static let settings = ["core.quotepath=false", "core.fsmonitor=false"]

    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        let ours = settings.map { "'\($0)'" }.joined(separator: " ")
        if let theirs = environment["GIT_CONFIG_PARAMETERS"], !theirs.isEmpty {
            environment["GIT_CONFIG_PARAMETERS"] = theirs + " " + ours
        } else {
            environment["GIT_CONFIG_PARAMETERS"] = ours
        }
        return environment
    }

    /// Runs git and returns its standard output, bounded by `limit` bytes.
    @discardableResult
    public func run(_ arguments: [String], limit: Int = 64 * 1024 * 1024) throws -> Data {
        let result: ChildProcess.Result
        do {
            result = try ChildProcess.run("git", arguments, environment: .exactly(Self.environment), directory: directory, limit: limit)
        } catch is ChildProcess.OutputTooLarge {
            throw InputError(.tooLarge, da: "git gav mere end \(limit / 1_048_576) MB", en: "git returned more than \(limit / 1_048_576) MB")
        }
        guard result.status == 0, !result.signalled else {
            throw Failure(arguments: arguments, status: result.status,
                          stderr: String(decoding: result.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result.stdout
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

    /// A file in the index: its path relative to the top folder and its staged blob's object id.
    public struct StagedFile: Sendable, Equatable {
        public var path: String
        public var object: String
    }

    /// Added, copied, modified and renamed files in the index, with the object id of each staged
    /// blob, from one `git diff --cached --raw -z` (no process per file, and no `:<path>` revision
    /// syntax, which misreads a path such as `0:release.txt`). Submodules (gitlinks) are skipped:
    /// they have no blob.
    public func stagedFiles() throws -> [StagedFile] {
        let data = try run(["diff", "--cached", "--raw", "-z", "--no-abbrev", "--diff-filter=ACMR", "--no-renames"])
        return Self.parseRawDiff(data)
    }

    /// Parses `git diff --raw -z` records: ":<mode> <mode> <oid> <oid> <status>" NUL "<path>" NUL.
    static func parseRawDiff(_ data: Data) -> [StagedFile] {
        var files: [StagedFile] = []
        let fields = data.split(separator: 0, omittingEmptySubsequences: false)
        var index = 0
        while index + 1 < fields.count {
            let header = fields[index].split(separator: 0x20)
            let path = String(decoding: fields[index + 1], as: UTF8.self)
            index += 2
            guard header.count >= 5, header[0].first == 0x3A else { continue }
            let mode = String(decoding: header[1], as: UTF8.self)
            let object = String(decoding: header[3], as: UTF8.self)
            if mode == "160000" { continue }
            // An intent-to-add entry has no blob yet: read stage 0 of the path instead.
            files.append(StagedFile(path: path, object: object.allSatisfy { $0 == "0" } ? ":0:" + path : object))
        }
        return files
    }

    /// Added, copied, modified and renamed files in the index, relative to the top folder.
    public func stagedPaths() throws -> [String] {
        try stagedFiles().map(\.path)
    }

    /// A staged file's content, read from its blob in the index (not the working tree).
    /// `:0:<path>` names stage 0 explicitly: `:<path>` would take `0:release.txt` as a stage number.
    public func stagedContent(_ path: String, limit: Int) throws -> Data {
        let reader = try BlobReader(git: self)
        defer { reader.close() }
        return try reader.read(":0:" + path, limit: limit)
    }

    /// One `git cat-file --batch` process that reads any number of blobs, one request at a time.
    /// Safe to share between threads: requests are serialized.
    public final class BlobReader: @unchecked Sendable {
        private let process: Process
        private let input: FileHandle
        private let output: Int32
        private let lock = NSLock()
        private var buffer: [UInt8] = []
        private var start = 0
        private var closed = false

        public init(git: Git) throws {
            // Standard input and output stay open for the whole conversation, which `ChildProcess.run`
            // (one program, run to its end) does not offer: the process is only made there.
            process = ChildProcess.process("git", ["cat-file", "--batch"], environment: .exactly(Git.environment), directory: git.directory)
            let stdin = Pipe(), stdout = Pipe()
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = FileHandle.nullDevice
            try process.run()
            input = stdin.fileHandleForWriting
            output = stdout.fileHandleForReading.fileDescriptor
            buffer.reserveCapacity(65_536)
        }

        deinit { close() }

        /// Ends the git process (it exits when its input closes).
        public func close() {
            lock.lock()
            defer { lock.unlock() }
            guard !closed else { return }
            closed = true
            try? input.close()
            process.waitUntilExit()
        }

        /// The content of an object (an object id or a revision such as `:0:<path>`), refused
        /// without keeping it when it is larger than `limit`.
        public func read(_ object: String, limit: Int) throws -> Data {
            lock.lock()
            defer { lock.unlock() }
            guard !closed, !object.contains("\n") else { throw failure(object) }
            do {
                try input.write(contentsOf: Data((object + "\n").utf8))
            } catch {
                throw failure(object)
            }
            // "<oid> <type> <size>\n<content>\n", or "<object> missing\n".
            let header = try line()
            let fields = header.split(separator: " ")
            guard fields.count == 3, let size = Int(fields[2]), size >= 0 else { throw failure(object) }
            if size > limit {
                try skip(size + 1)
                throw Checker.tooLarge(size, limit: limit)
            }
            let content = try bytes(size)
            try skip(1)
            return content
        }

        private func failure(_ object: String) -> InputError {
            InputError(.unreadable, da: "git kunne ikke læse \(object) fra indekset", en: "git could not read \(object) from the index")
        }

        /// Reads more from git into the buffer; false at the end of its output.
        private func fill() -> Bool {
            if start > 0 && start == buffer.count { buffer.removeAll(keepingCapacity: true); start = 0 }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { Foundation.read(output, $0.baseAddress, $0.count) }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }

        private func line() throws -> String {
            while true {
                if let newline = buffer[start...].firstIndex(of: 0x0A) {
                    let text = String(decoding: buffer[start..<newline], as: UTF8.self)
                    start = newline + 1
                    return text
                }
                guard fill() else { throw InputError(.unreadable, da: "git cat-file sluttede uventet", en: "git cat-file ended unexpectedly") }
            }
        }

        private func bytes(_ count: Int) throws -> Data {
            var data = Data()
            data.reserveCapacity(count)
            while data.count < count {
                if start == buffer.count {
                    guard fill() else { throw InputError(.unreadable, da: "git cat-file sluttede uventet", en: "git cat-file ended unexpectedly") }
                }
                let take = min(count - data.count, buffer.count - start)
                data.append(contentsOf: buffer[start..<(start + take)])
                start += take
            }
            if start == buffer.count { buffer.removeAll(keepingCapacity: true); start = 0 }
            return data
        }

        private func skip(_ count: Int) throws {
            var left = count
            while left > 0 {
                if start == buffer.count {
                    buffer.removeAll(keepingCapacity: true)
                    start = 0
                    guard fill() else { throw InputError(.unreadable, da: "git cat-file sluttede uventet", en: "git cat-file ended unexpectedly") }
                }
                let take = min(left, buffer.count - start)
                start += take
                left -= take
            }
        }
    }
}
