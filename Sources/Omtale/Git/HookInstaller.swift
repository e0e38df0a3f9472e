import Foundation

/// Installs Omtale as a git pre-commit hook without ever losing a hook that was there.
///
/// An existing hook is moved aside to `pre-commit.omtale-chained` and run after Omtale; install
/// is idempotent; uninstall restores exactly what was there (content and permissions).
public struct HookInstaller: Sendable {
    public static let marker = "# omtale-hook: installed by 'omtale hook install'"
    public static let chainedName = "pre-commit.omtale-chained"

    public var hooksDirectory: String
    /// The omtale binary the hook should prefer (an absolute path).
    public var binary: String

    public init(hooksDirectory: String, binary: String) {
        self.hooksDirectory = hooksDirectory
        self.binary = binary
    }

    public enum Outcome: Equatable, Sendable {
        case installed
        case installedAndChained
        case alreadyInstalled
        case removed
        case removedAndRestored
        case notInstalled
    }

    var hookPath: String { (hooksDirectory as NSString).appendingPathComponent("pre-commit") }
    var chainedPath: String { (hooksDirectory as NSString).appendingPathComponent(Self.chainedName) }

    public func install() throws -> Outcome {
        let manager = FileManager.default
        try manager.createDirectory(atPath: hooksDirectory, withIntermediateDirectories: true)
        var chained = false
        if manager.fileExists(atPath: hookPath) || (try? manager.destinationOfSymbolicLink(atPath: hookPath)) != nil {
            let existing = (try? String(contentsOfFile: hookPath, encoding: .utf8)) ?? ""
            if existing.contains(Self.marker) {
                // Refresh the script (the binary may have moved) but keep the chain as it is.
                try AtomicFile.write(Data(script.utf8), to: hookPath)
                try setExecutable(hookPath)
                return .alreadyInstalled
            }
            guard !manager.fileExists(atPath: chainedPath) else {
                throw HookError.chainOccupied(chainedPath)
            }
            try manager.moveItem(atPath: hookPath, toPath: chainedPath)
            chained = true
        }
        try AtomicFile.write(Data(script.utf8), to: hookPath)
        try setExecutable(hookPath)
        return chained ? .installedAndChained : .installed
    }

    public func uninstall() throws -> Outcome {
        let manager = FileManager.default
        guard let existing = try? String(contentsOfFile: hookPath, encoding: .utf8), existing.contains(Self.marker) else {
            return .notInstalled
        }
        try manager.removeItem(atPath: hookPath)
        if manager.fileExists(atPath: chainedPath) || (try? manager.destinationOfSymbolicLink(atPath: chainedPath)) != nil {
            try manager.moveItem(atPath: chainedPath, toPath: hookPath)
            return .removedAndRestored
        }
        return .removed
    }

    /// What `omtale hook status` reports about the hook in `hooksDirectory`.
    public struct Status: Equatable, Sendable {
        /// The pre-commit hook is Omtale's.
        public var installed: Bool
        /// The binary the hook prefers (nil when not installed).
        public var binary: String?
        /// That binary exists and is executable; if not, the hook falls back to `omtale` on PATH.
        public var binaryIsExecutable: Bool
        /// A hook that was there before runs after Omtale.
        public var chained: Bool
    }

    public func status() -> Status {
        let manager = FileManager.default
        guard let script = try? String(contentsOfFile: hookPath, encoding: .utf8), script.contains(Self.marker) else {
            return Status(installed: false, binary: nil, binaryIsExecutable: false, chained: false)
        }
        let binary = Self.preferredBinary(inScript: script)
        return Status(installed: true, binary: binary, binaryIsExecutable: binary.map { manager.isExecutableFile(atPath: $0) } ?? false,
                      chained: manager.fileExists(atPath: chainedPath))
    }

    /// `text` as one word for a POSIX shell: in single quotes, each `'` written as `'\''`
    /// (`/a b/it's` → `'/a b/it'\''s'`), so nothing in it is expanded.
    public static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The path in the script's `omtale_bin='…'` line, its single-quote escaping undone.
    static func preferredBinary(inScript script: String) -> String? {
        let prefix = "omtale_bin='"
        guard let line = script.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }) else { return nil }
        var quoted = line.trimmingCharacters(in: .whitespaces).dropFirst(prefix.count)
        guard quoted.hasSuffix("'") else { return nil }
        quoted = quoted.dropLast()
        return quoted.replacingOccurrences(of: "'\\''", with: "'")
    }

    /// A binary inside a SwiftPM build folder (a clone's `.build/debug/omtale`): it goes when the
    /// clone is cleaned or moved, so install says so.
    public static func isDevelopmentBuild(_ path: String) -> Bool {
        path.split(separator: "/").contains { $0 == ".build" || $0.hasPrefix(".build-") || $0.hasPrefix(".build_") }
    }

    func setExecutable(_ path: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    public enum HookError: Error, CustomStringConvertible {
        case chainOccupied(String)
        public var description: String {
            switch self {
            case .chainOccupied(let path):
                return "\(path) findes allerede; flyt eller slet den, før Omtale installeres"
            }
        }
    }

    /// The hook script. POSIX sh, so it runs wherever git runs hooks.
    var script: String {
        // Single-quoted everywhere it appears (a folder named `bin$(touch x)` stays text), and
        // printed with printf '%s', never inside a double-quoted echo.
        let quoted = Self.shellQuoted(binary)
        return """
            #!/bin/sh
            \(Self.marker)
            # Tjekker de filer, der er lagt klar til commit (git add), med Omtale.
            # Spring tjekket over for ét commit: git commit --no-verify
            # Fjern hooket igen: omtale hook uninstall

            omtale_bin="${OMTALE:-}"
            if [ -z "$omtale_bin" ]; then
                if [ -x \(quoted) ]; then
                    omtale_bin=\(quoted)
                elif command -v omtale >/dev/null 2>&1; then
                    omtale_bin=$(command -v omtale)
                fi
            fi
            if [ -z "$omtale_bin" ]; then
                case "${LC_ALL:-${LC_MESSAGES:-$LANG}}" in
                en*)
                    printf '%s\\n' "omtale: the program was not found (neither "\(quoted)" nor in PATH)." >&2
                    echo "omtale: install Omtale again, or set OMTALE to the program's path. Skip the check with: git commit --no-verify" >&2 ;;
                *)
                    printf '%s\\n' "omtale: programmet blev ikke fundet (hverken "\(quoted)" eller i PATH)." >&2
                    echo "omtale: installér Omtale igen, eller sæt OMTALE til stien til programmet. Spring tjekket over med: git commit --no-verify" >&2 ;;
                esac
                exit 1
            fi

            "$omtale_bin" check --staged || exit $?

            chained="$(dirname "$0")/\(Self.chainedName)"
            if [ -x "$chained" ]; then
                exec "$chained" "$@"
            fi
            exit 0

            """
    }
}
