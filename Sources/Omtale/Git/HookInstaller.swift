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
        let quoted = "'" + binary.replacingOccurrences(of: "'", with: "'\\''") + "'"
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
                printf '%s\\n' "omtale: programmet blev ikke fundet (hverken "\(quoted)" eller i PATH)." >&2
                echo "omtale: installer Omtale igen, sæt OMTALE=/sti/til/omtale, eller spring over med: git commit --no-verify" >&2
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
