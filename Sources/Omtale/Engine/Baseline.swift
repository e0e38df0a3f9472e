import Foundation

/// Findings accepted as they are (an archive of old releases), so only new findings are reported.
///
/// `omtale check --write-baseline omtale-baseline.json arkiv/` records today's findings;
/// `omtale check --baseline omtale-baseline.json arkiv/` reports only findings not in it. Entries are
/// keyed by `Fingerprint`, not line numbers, and counted: two identical findings need two entries.
public struct Baseline: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Codable, Comparable {
        public var path: String
        public var rule: String
        public var fingerprint: String
        /// For people reading the file; not used for matching.
        public var message: String

        public static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.path, lhs.rule, lhs.fingerprint, lhs.message) < (rhs.path, rhs.rule, rhs.fingerprint, rhs.message)
        }
    }

    public var version: Int
    public var entries: [Entry]

    /// Records the findings of `reports`, with their messages in `language` for people reading the file.
    public init(reports: [FileReport], language: Language = .da) {
        version = 1
        entries = reports.flatMap { report in
            report.diagnostics.map { d in
                Entry(path: report.path, rule: d.ruleID, fingerprint: Fingerprint.of(d, path: report.path),
                      message: d.message(language))
            }
        }.sorted()
    }

    /// Reports with the baseline's findings removed.
    public func filter(_ reports: [FileReport]) -> [FileReport] {
        let filter = Filter(self)
        return reports.map(filter.apply)
    }

    /// Removes baseline findings file by file, as reports stream in; each entry absorbs one finding.
    public final class Filter {
        private var remaining: [String: Int] = [:]

        public init(_ baseline: Baseline) {
            for entry in baseline.entries { remaining[entry.fingerprint, default: 0] += 1 }
        }

        public func apply(_ report: FileReport) -> FileReport {
            var report = report
            let before = report.diagnostics.count
            report.diagnostics = report.diagnostics.filter { d in
                let key = Fingerprint.of(d, path: report.path)
                guard let count = remaining[key], count > 0 else { return true }
                remaining[key] = count - 1
                return false
            }
            report.hiddenByBaseline += before - report.diagnostics.count
            return report
        }
    }

    public static func load(_ path: String) throws -> Baseline {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(Baseline.self, from: data)
        } catch {
            throw InputError(.malformed, da: "filen med kendte fund kan ikke læses (\(SystemError.describe(error, .da))). Lav den igen med --write-baseline.",
                             en: "the baseline file cannot be read (\(SystemError.describe(error, .en))). Make it again with --write-baseline.")
        }
    }

    public func encoded() -> Data {
        (Escaping.json(self) ?? Data()) + Data("\n".utf8)
    }
}

/// Writes a file so that readers see either the old or the whole new content, never a part:
/// a temporary file in the same folder, then rename(2), which replaces the target atomically.
///
/// A target that exists but is not a regular file (a FIFO, /dev/stdout, /dev/full) is written
/// directly: renaming over it would replace the device instead of writing to it.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        if let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType,
           type != .typeRegular, type != .typeSymbolicLink {
            try writeDirectly(data, to: path)
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).omtale-\(UUID().uuidString).tmp").path
        Pending.add(temporary)
        defer { Pending.remove(temporary) }
        do {
            try writeDirectly(data, to: temporary, create: true)
            // Rewriting keeps the old file's permissions (a 0600 report stays 0600).
            var old = stat()
            if stat(url.path, &old) == 0 { chmod(temporary, old.st_mode & 0o7777) }
            guard rename(temporary, url.path) == 0 else {
                throw posixError(path)
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// write(2) in a loop with every error reported (Data.write can hide ENOSPC until close).
    static func writeDirectly(_ data: Data, to path: String, create: Bool = false) throws {
        let descriptor = create ? open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644) : open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw posixError(path) }
        var offset = 0
        let failure: Error? = data.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return posixError(path)
                }
                offset += written
            }
            return nil
        }
        let closed = close(descriptor)
        if let failure { throw failure }
        if closed != 0 { throw posixError(path) }
    }

    static func posixError(_ path: String) -> Error {
        let code = errno
        return CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(code)),
                                                        NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code))])
    }

    /// Removes temporary files of writes still in progress (before exiting on an error or a signal).
    public static func removeTemporaryFiles() {
        Pending.unlinkAll()
    }

    /// On SIGINT or SIGTERM: remove temporary files of writes in progress, then exit with 130/143.
    public static func removeTemporaryFilesOnInterrupt() {
        signal(SIGINT) { signal in
            Pending.unlinkAll()
            _exit(128 + signal)
        }
        signal(SIGTERM) { signal in
            Pending.unlinkAll()
            _exit(128 + signal)
        }
    }

    /// Paths of temporary files being written, kept as C strings in fixed slots so a signal
    /// handler can unlink them without allocating or locking.
    enum Pending {
        static let capacity = 16
        nonisolated(unsafe) static let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        nonisolated(unsafe) static var initialized = false
        static let lock = NSLock()

        static func add(_ path: String) {
            lock.lock()
            defer { lock.unlock() }
            if !initialized {
                slots.initialize(repeating: nil, count: capacity)
                initialized = true
            }
            for index in 0..<capacity where slots[index] == nil {
                slots[index] = strdup(path)
                return
            }
        }

        static func remove(_ path: String) {
            lock.lock()
            defer { lock.unlock() }
            guard initialized else { return }
            for index in 0..<capacity {
                if let slot = slots[index], String(cString: slot) == path {
                    slots[index] = nil
                    free(slot)
                }
            }
        }

        /// Async-signal-safe: only unlink(2) on the stored strings.
        static func unlinkAll() {
            guard initialized else { return }
            for index in 0..<capacity {
                if let slot = slots[index] { unlink(slot) }
            }
        }
    }
}

/// A system error (a file that cannot be written or read) in words for the user, in Danish or
/// English: Foundation's own descriptions are English only, so the common causes are named here.
public enum SystemError {
    public static func describe(_ error: Error, _ language: Language) -> String {
        let da = language == .da
        if error is DecodingError {
            return da ? "indholdet er ikke i Omtales format" : "the content is not in Omtale's format"
        }
        let ns = error as NSError
        var code: Int32?
        if ns.domain == NSPOSIXErrorDomain { code = Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            code = Int32(underlying.code)
        }
        if code == nil, ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: code = ENOENT
            case .fileReadNoPermission, .fileWriteNoPermission: code = EACCES
            case .fileWriteOutOfSpace: code = ENOSPC
            case .fileWriteVolumeReadOnly: code = EROFS
            default: break
            }
        }
        switch code {
        case ENOENT?: return da ? "filen eller mappen findes ikke" : "no such file or folder"
        case EACCES?, EPERM?: return da ? "ingen adgang til at skrive eller læse her" : "permission denied"
        case ENOSPC?: return da ? "der er ikke mere plads på disken" : "no space left on the disk"
        case EROFS?: return da ? "stedet kan kun læses, ikke skrives" : "read-only file system"
        case EISDIR?: return da ? "det er en mappe" : "it is a folder"
        case ENOTDIR?: return da ? "en del af stien er ikke en mappe" : "part of the path is not a folder"
        case let other?: return da ? "systemfejl \(other) (\(String(cString: strerror(other))))" : String(cString: strerror(other))
        case nil: return da ? "systemfejl (\(ns.domain) \(ns.code))" : ns.localizedDescription
        }
    }
}
