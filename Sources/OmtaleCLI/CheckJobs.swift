import ArgumentParser
import Foundation
import Omtale

/// One file to check, where its bytes come from, and the checker its configuration calls for.
struct Job: Sendable {
    enum Source: Sendable {
        case file, standardInput, staged(Git.BlobReader, object: String), problem(InputError), skipped
    }

    var path: String
    var source: Source
    var directory: String
}

extension CheckCommand {
    /// Files named on the command line, and the files of folders (honouring include/exclude).
    func pathJobs(_ session: CheckSession) throws -> [Job] {
        let walker = FileWalker(extensions: session.inputs.knownExtensions)
        let current = FileManager.default.currentDirectoryPath
        var jobs: [Job] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            let isFolder = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            for target in walker.expand([path]) {
                switch target {
                case .standardInput:
                    jobs.append(Job(path: "-", source: .standardInput, directory: current))
                case .problem(let path, let error):
                    jobs.append(Job(path: path, source: .problem(error), directory: current))
                case .skipped(let file):
                    let directory = (file as NSString).deletingLastPathComponent
                    let configuration = try configuration(session, directory)
                    guard session.includes(file, configuration: configuration) else { continue }
                    jobs.append(Job(path: file, source: .skipped, directory: directory.isEmpty ? current : directory))
                case .file(let file):
                    let directory = (file as NSString).deletingLastPathComponent
                    // Folder walks honour include/exclude; a file named on the command line is always checked.
                    if isFolder {
                        let configuration = try configuration(session, directory)
                        guard session.includes(file, configuration: configuration) else { continue }
                    }
                    jobs.append(Job(path: file, source: .file, directory: directory.isEmpty ? current : directory))
                }
            }
        }
        return jobs
    }

    /// Added, copied, modified and renamed files in git's index, read from their staged blobs.
    func stagedJobs(_ session: CheckSession) throws -> [Job] {
        let git = Git(directory: FileManager.default.currentDirectoryPath)
        let top: String
        let staged: [Git.StagedFile]
        let blobs: Git.BlobReader
        do {
            top = try git.topLevel()
            staged = try git.stagedFiles()
            // Every staged blob through one `git cat-file --batch`, never a process per file.
            blobs = try Git.BlobReader(git: Git(directory: top))
        } catch {
            Console.error(shared.language == .da ? "omtale: --staged kræver et git-repositorium (\(error))" : "omtale: --staged needs a git repository (\(error))")
            throw ExitCode(2)
        }
        let extensions = session.inputs.knownExtensions
        var jobs: [Job] = []
        for file in staged {
            let path = file.path
            let absolute = (top as NSString).appendingPathComponent(path)
            let directory = (absolute as NSString).deletingLastPathComponent
            let configuration = try configuration(session, directory)
            guard session.includes(absolute, configuration: configuration) else { continue }
            // A staged file Omtale cannot read is listed (a warning for a .pdf or .doc), not passed over.
            let known = extensions.contains((path as NSString).pathExtension.lowercased())
            // As in a folder walk, hidden files (.omtale.yml, .gitignore) are not listed as skipped.
            if !known && path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            jobs.append(Job(path: path, source: known ? .staged(blobs, object: file.object) : .skipped, directory: directory))
        }
        return jobs
    }

    func configuration(_ session: CheckSession, _ directory: String) throws -> Configuration {
        do {
            return try session.configuration(forDirectory: directory)
        } catch let error as RulesError {
            Console.error("omtale: " + error.description(shared.language))
            throw ExitCode(2)
        }
    }

    /// Checks the jobs on `--jobs` threads (default: every core) with the library's ``BatchCheck``
    /// and hands each report to `deliver` in job order, with the progress line around it.
    func execute(_ jobs: [Job], session: CheckSession, deliver: (FileReport) throws -> Void) throws {
        // Checkers are resolved up front, on this thread: the session's caches are not thread-safe.
        var resolved: [Checker] = []
        for job in jobs {
            do {
                resolved.append(try session.checker(for: try session.configuration(forDirectory: job.directory)))
            } catch let error as RulesError {
                Console.error("omtale: " + error.description(shared.language))
                throw ExitCode(2)
            }
        }
        let inputID = input
        let progress = Progress(total: jobs.count)
        let batch = BatchCheck(workers: self.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        try batch.run(checkers: resolved, check: { index, checker in
            Self.check(jobs[index], with: checker, inputID: inputID)
        }, deliver: { index, report in
            // The progress line is cleared before findings are printed, so they never share a line.
            progress.clear()
            try deliver(report)
            progress.show(jobs[index].path)
        })
        progress.finish()
    }

    static func check(_ job: Job, with checker: Checker, inputID input: String?) -> FileReport {
        switch job.source {
        case .problem(let error):
            return FileReport(path: job.path, input: nil, error: error)
        case .skipped:
            return SkippedFile.report(path: job.path)
        case .standardInput:
            // Bounded like a file: read at most one byte past the limit (`/dev/zero` never ends).
            let limit = checker.limits.maxFileBytes
            // More than the limit arrives as limit + 1 bytes, which check(data:) refuses with its size message.
            let data = BoundedRead.read(FileHandle.standardInput.fileDescriptor, limit: limit)
            return checker.check(data: data, path: "-", inputID: input ?? PlainTextInput.identifier)
        case .file:
            return checker.check(fileAt: job.path, inputID: input)
        case .staged(let blobs, let object):
            do {
                let data = try blobs.read(object, limit: checker.limits.maxFileBytes)
                return checker.check(data: data, path: job.path, inputID: input)
            } catch let error as InputError {
                return FileReport(path: job.path, input: nil, error: error)
            } catch {
                return FileReport(path: job.path, input: nil, error: InputError(.unreadable, da: "\(error)", en: "\(error)"))
            }
        }
    }
}
