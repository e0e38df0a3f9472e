import Foundation

/// A team's settings, read from `.omtale.yml` (found from each checked file's folder upward).
///
/// ```yaml
/// rules: regler/klimaalliancen      # a rules folder, relative to this file (default: the built-in rules)
/// language: da                      # da or en
/// include: ["**/*.txt", "**/*.docx"]
/// exclude: ["arkiv/**"]
/// collectiveRegions: report         # allow | report | forbid
/// ruleSettings:
///   party-abbreviation: {severity: error}
///   regions-collective: {enabled: false}
/// ```
public struct Configuration: Sendable, Equatable, Decodable {
    /// How "de fem regioner" is treated.
    public enum CollectivePolicy: String, Sendable, Codable {
        /// Satisfies the rule silently.
        case allow
        /// Satisfies the rule and is reported as info (the default).
        case report
        /// Is an error: each region must be named.
        case forbid
    }

    public struct RuleSetting: Sendable, Equatable, Decodable {
        public var enabled: Bool?
        public var severity: Severity?
    }

    public var rules: String?
    public var language: Language?
    public var include: [String]?
    public var exclude: [String]?
    public var collectiveRegions: CollectivePolicy?
    public var ruleSettings: [String: RuleSetting]?
    /// Who issues the texts in this folder (a party's id or name, or another organisation).
    public var sender: String?

    /// The file it was read from (nil for the defaults).
    public var file: String?

    private enum CodingKeys: String, CodingKey { case rules, language, include, exclude, collectiveRegions, ruleSettings, sender }

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rules = try c.decodeIfPresent(String.self, forKey: .rules)
        language = try c.decodeIfPresent(Language.self, forKey: .language)
        include = try c.decodeIfPresent([String].self, forKey: .include)
        exclude = try c.decodeIfPresent([String].self, forKey: .exclude)
        collectiveRegions = try c.decodeIfPresent(CollectivePolicy.self, forKey: .collectiveRegions)
        ruleSettings = try c.decodeIfPresent([String: RuleSetting].self, forKey: .ruleSettings)
        sender = try c.decodeIfPresent(String.self, forKey: .sender)
    }

    static let schema: KeySchema = .mapping([
        "rules": .any, "language": .any, "include": .sequence(.any), "exclude": .sequence(.any), "collectiveRegions": .any, "sender": .any,
        "ruleSettings": .dictionary(.mapping(["enabled": .any, "severity": .any])),
    ])

    public static let fileName = ".omtale.yml"

    /// Decodes a configuration file's text; problems are `RulesError`s with line and column.
    public static func parse(_ text: String, file: String) throws -> Configuration {
        var configuration = try YAMLFile.decode(Configuration.self, from: text, file: file, schema: schema)
        configuration.file = file
        return configuration
    }

    /// The folder the configuration's relative paths are relative to.
    public var directory: String? { file.map { ($0 as NSString).deletingLastPathComponent } }

    /// The rules folder named by the configuration, resolved against its directory.
    public var rulesDirectory: URL? {
        guard let rules else { return nil }
        if rules.hasPrefix("/") { return URL(fileURLWithPath: rules) }
        return URL(fileURLWithPath: directory ?? ".").appendingPathComponent(rules).standardizedFileURL
    }

    /// Applies per-rule settings and the collective policy to a ruleset.
    public func apply(to ruleset: Ruleset) throws -> Ruleset {
        var ruleset = ruleset
        for (id, setting) in ruleSettings ?? [:] {
            guard let index = ruleset.rules.firstIndex(where: { $0.id == id }) else {
                let known = ruleset.rules.map(\.id).joined(separator: ", ")
                throw RulesError(file: file ?? Self.fileName, message: Localized(
                    da: "ukendt regel «\(id)» under ruleSettings (kendte: \(known))",
                    en: "unknown rule '\(id)' under ruleSettings (known: \(known))"))
            }
            if let enabled = setting.enabled { ruleset.rules[index].enabled = enabled }
            if let severity = setting.severity { ruleset.rules[index].severity = severity }
        }
        if let policy = collectiveRegions {
            for index in ruleset.rules.indices where ruleset.rules[index].kind == RegionsCollectiveRule.kind {
                switch policy {
                case .allow: ruleset.rules[index].enabled = false
                case .report: ruleset.rules[index].enabled = true
                case .forbid:
                    ruleset.rules[index].enabled = true
                    ruleset.rules[index].severity = .error
                }
            }
        }
        return ruleset
    }

    /// Whether a path (relative to the configuration's folder) is to be checked in folder walks and staged checks.
    public func includes(relativePath path: String) -> Bool {
        if let include, !include.isEmpty, !include.contains(where: { Glob.matches($0, path) }) { return false }
        if let exclude, exclude.contains(where: { Glob.matches($0, path) }) { return false }
        return true
    }

    /// The starter file `omtale init` writes.
    public static let starter = """
        # Omtale: indstillinger for denne mappe og dens undermapper.
        # Omtale finder filen ved at gå opad fra hver tjekket fil (til roden af git-repositoriet).
        # Alle nøgler er valgfrie; slet dem, I ikke bruger.

        # Regelsæt: en mappe med regler, relativt til denne fil. Uden: de indbyggede regler for Klimaalliancen.
        # rules: regler/klimaalliancen

        # Sprog for meddelelser: da eller en.
        language: da

        # Hvilke filer der tjekkes, når Omtale gennemgår en mappe eller et commit (globs relativt til denne fil).
        include:
          - "**/*.txt"
          - "**/*.docx"
          - "**/*.md"
          - "**/*.html"
        exclude:
          - "arkiv/**"

        # "De fem regioner": allow (tæller uden besked), report (tæller, vises som info) eller forbid (hver region skal nævnes).
        collectiveRegions: report

        # Slå regler til og fra eller skift alvorlighed (error, warning, info). Se 'omtale rules list'.
        ruleSettings:
          party-abbreviation:
            severity: warning
          # party-spelling:
          #   enabled: false

        """
}

/// Finds the `.omtale.yml` that governs a file.
public enum ConfigurationLocator {
    /// The nearest `.omtale.yml` from `directory` upward, stopping after the repository root (a folder with `.git`) or `/`.
    public static func find(from directory: String) -> String? {
        var current = URL(fileURLWithPath: directory).standardizedFileURL
        let manager = FileManager.default
        while true {
            let candidate = current.appendingPathComponent(Configuration.fileName).path
            if manager.fileExists(atPath: candidate) { return candidate }
            if manager.fileExists(atPath: current.appendingPathComponent(".git").path) { return nil }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    public static func load(_ path: String) throws -> Configuration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw RulesError(file: path, message: Localized(da: "kan ikke læses som UTF-8-tekst", en: "cannot be read as UTF-8 text"))
        }
        return try Configuration.parse(text, file: path)
    }
}

/// Shell-style globs: `*` within a path segment, `**` across segments, `?` one character.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        let p = Array(pattern.unicodeScalars), s = Array(path.unicodeScalars)
        return match(p, 0, s, 0)
    }

    private static func match(_ p: [Unicode.Scalar], _ pi: Int, _ s: [Unicode.Scalar], _ si: Int) -> Bool {
        var pi = pi, si = si
        while pi < p.count {
            let c = p[pi]
            if c == "*" {
                let double = pi + 1 < p.count && p[pi + 1] == "*"
                if double {
                    // "**/" matches zero or more whole segments.
                    var next = pi + 2
                    if next < p.count && p[next] == "/" { next += 1 }
                    var k = si
                    while k <= s.count {
                        if match(p, next, s, k) { return true }
                        if k == s.count { break }
                        k += 1
                    }
                    return false
                }
                var k = si
                while true {
                    if match(p, pi + 1, s, k) { return true }
                    if k == s.count || s[k] == "/" { return false }
                    k += 1
                }
            }
            guard si < s.count else { return false }
            if c == "?" {
                if s[si] == "/" { return false }
            } else if c != s[si] {
                return false
            }
            pi += 1
            si += 1
        }
        return si == s.count
    }
}
