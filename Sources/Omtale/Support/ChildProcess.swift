import Foundation

/// The one way Omtale (the library's `Git`) and its tests start another program.
///
/// Why not swift-subprocess (1.0.2, tried for issue 12): it is async only, and its callers here are
/// synchronous (the hook, `Git`'s public API, the CLI's workers, the test runners). A synchronous
/// bridge deadlocks when it is called from a thread of Swift's cooperative pool, which is where
/// Swift Testing runs synchronous tests and where a server calls a library: every `run` of
/// swift-subprocess starts an unstructured `Task {}` (`withUncancelledTask` in its Teardown.swift,
/// from `withAsyncTaskCleanupHandler`), which needs a free pool thread, and a task executor
/// preference does not carry over to such a task. Two tests blocked in the bridge on a two-core
/// machine hung for good. Foundation's `Process` waits on its own threads, so this helper does.
/// Moving to swift-subprocess means making `Git` and the test runners async first.
enum ChildProcess {
    /// What a finished program left: its exit status (or the signal that ended it) and its output.
    struct Result: Sendable {
        /// The exit status, or the number of the signal that ended the program.
        var status: Int32
        /// True when a signal ended the program (then `status` is the signal's number).
        var signalled: Bool
        var stdout: Data
        var stderr: Data
    }

    /// The program wrote more than the limit to one of its outputs; it has been stopped.
    struct OutputTooLarge: Error, CustomStringConvertible {
        var limit: Int
        var description: String { "the program wrote more than \(limit) bytes" }
    }

    /// Where the environment comes from: this process's with some variables set (a nil value
    /// removes one), or exactly the given variables.
    enum Variables: Sendable {
        case inherit([String: String?])
        case exactly([String: String])

        var environment: [String: String] {
            switch self {
            case .inherit(let changes):
                var environment = ProcessInfo.processInfo.environment
                for (key, value) in changes { environment[key] = value }
                return environment
            case .exactly(let variables):
                return variables
            }
        }
    }

    /// A process for `program` (a path when it has a slash, otherwise a name looked up on the PATH
    /// of `environment`), not yet started.
    static func process(_ program: String, _ arguments: [String], environment: Variables, directory: String?) -> Process {
        let process = Process()
        let variables = environment.environment
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else if let path = resolved(program, path: variables["PATH"]) {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        } else {
            // Not found on an absolute PATH: /usr/bin/env searches (and says so when nothing is there).
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = variables
        return process
    }

    private static let resolvedLock = NSLock()
    nonisolated(unsafe) private static var resolvedPaths: [String: String] = [:]

    /// The file `/usr/bin/env` would run for `program` with `path` as PATH: the first executable
    /// regular file of that name in its folders, remembered per program and PATH (the hook starts
    /// git several times, and starting it through env cost one more exec each time). Nil when a
    /// folder before it is relative (env resolves those against the child's folder) or none has it.
    static func resolved(_ program: String, path: String?) -> String? {
        // env's execvp searches its default path when PATH is unset.
        let path = path ?? "/bin:/usr/bin"
        let key = program + "\u{0}" + path
        if let found = resolvedLock.withLock({ resolvedPaths[key] }) { return found }
        for folder in path.split(separator: ":", omittingEmptySubsequences: false) {
            guard folder.hasPrefix("/") else { return nil }
            let candidate = String(folder) + (folder.hasSuffix("/") ? "" : "/") + program
            var status = stat()
            guard stat(candidate, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 else { continue }
            resolvedLock.withLock { resolvedPaths[key] = candidate }
            return candidate
        }
        return nil
    }

    /// Runs `program` to its end and collects both outputs, each bounded by `limit` bytes (more
    /// stops the program and throws `OutputTooLarge`). `input` is written to its standard input,
    /// which is then closed (no input: /dev/null). With `stop`, the signal is sent when the
    /// program is still running after that time (a timeout, or an interrupt a test needs).
    /// `watch` sees the standard output read so far after each chunk; when it returns true, the
    /// stop signal (SIGKILL without `stop`) is sent then (a server a test has finished with).
    /// Both outputs are read while the program runs, so a chatty one cannot block on a full pipe.
    static func run(_ program: String, _ arguments: [String], environment: Variables = .inherit([:]),
                    directory: String? = nil, input: Data? = nil, limit: Int = 64 * 1024 * 1024,
                    stop: (after: Duration, signal: Int32)? = nil,
                    watch: (@Sendable (Data) -> Bool)? = nil) throws -> Result {
        let process = self.process(program, arguments, environment: environment, directory: directory)
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        let pid = process.processIdentifier
        let signal = stop?.signal ?? SIGKILL
        let background = DispatchGroup()
        if let input {
            DispatchQueue.global().async(group: background) {
                // A program that exits without reading all of it closes the pipe: the write then fails.
                try? stdin.fileHandleForWriting.write(contentsOf: input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        let errors = Collected()
        DispatchQueue.global().async(group: background) {
            errors.read(err.fileHandleForReading, limit: limit) { kill(pid, SIGKILL) }
        }
        var timer: DispatchWorkItem?
        if let stop {
            let item = DispatchWorkItem { if process.isRunning { kill(pid, stop.signal) } }
            let seconds = Double(stop.after.components.seconds) + Double(stop.after.components.attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
            timer = item
        }
        let output = Collected()
        var watching = watch != nil
        output.read(out.fileHandleForReading, limit: limit, stop: { kill(pid, SIGKILL) }) { data in
            if watching, watch?(data) == true {
                watching = false
                kill(pid, signal)
            }
        }
        background.wait()
        process.waitUntilExit()
        timer?.cancel()
        if output.tooLarge || errors.tooLarge { throw OutputTooLarge(limit: limit) }
        return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      stdout: output.data, stderr: errors.data)
    }

    /// One output, read to its end on the thread that calls `read`.
    private final class Collected: @unchecked Sendable {
        var data = Data()
        var tooLarge = false

        /// Reads until the end; past `limit` it calls `stop` once, keeps nothing more and drains the rest.
        func read(_ handle: FileHandle, limit: Int, stop: () -> Void, chunk: (Data) -> Void = { _ in }) {
            while true {
                let piece = handle.availableData
                if piece.isEmpty { return }
                if tooLarge { continue }
                if data.count + piece.count > limit {
                    tooLarge = true
                    stop()
                    continue
                }
                data.append(piece)
                chunk(data)
            }
        }
    }
}
