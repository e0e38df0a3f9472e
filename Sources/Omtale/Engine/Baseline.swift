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

    public init(reports: [FileReport]) {
        version = 1
        entries = reports.flatMap { report in
            report.diagnostics.map { d in
                Entry(path: report.path, rule: d.ruleID, fingerprint: Fingerprint.of(d, path: report.path),
                      message: d.message)
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
            report.diagnostics = report.diagnostics.filter { d in
                let key = Fingerprint.of(d, path: report.path)
                guard let count = remaining[key], count > 0 else { return true }
                remaining[key] = count - 1
                return false
            }
            return report
        }
    }

    public static func load(_ path: String) throws -> Baseline {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(Baseline.self, from: data)
        } catch {
            throw InputError(.malformed, da: "baseline-filen kan ikke læses: \(error.localizedDescription)",
                             en: "the baseline file cannot be read: \(error.localizedDescription)")
        }
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }
}

/// Writes a file so that readers see either the old or the whole new content, never a part:
/// a temporary file in the same folder, then rename.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).omtale-\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
            // rename(2) replaces the target atomically within one file system.
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
