import Foundation
import Yams

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
    public enum CollectivePolicy: String, Sendable, Codable, CaseIterable {
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

        private enum CodingKeys: String, CodingKey, CaseIterable { case enabled, severity }
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

    /// Where each rule id under `ruleSettings` stands in the file, for an unknown rule's message.
    var ruleSettingPlaces: [String: RuleSettingPlace] = [:]
    struct RuleSettingPlace: Sendable, Equatable { var line: Int, column: Int }

    private enum CodingKeys: String, CodingKey, CaseIterable { case rules, language, include, exclude, collectiveRegions, ruleSettings, sender }

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

    public static let fileName = ".omtale.yml"

    /// Decodes a configuration file's text; problems are `RulesError`s with line and column.
    public static func parse(_ text: String, file: String) throws -> Configuration {
        var configuration = try YAMLFile.decode(Configuration.self, from: text, file: file)
        configuration.file = file
        if configuration.ruleSettings?.isEmpty == false, let settings = (try? Yams.compose(yaml: text))?["ruleSettings"]?.mapping {
            for (key, _) in settings { if let id = key.string, let mark = key.mark { configuration.ruleSettingPlaces[id] = .init(line: mark.line, column: mark.column) } }
        }
        for pattern in (configuration.include ?? []) + (configuration.exclude ?? []) where pattern.unicodeScalars.count > Glob.maxPatternLength {
            throw RulesError(file: file, message: Localized(
                da: "mønsteret »\(pattern.prefix(40))…« under include/exclude er over \(Glob.maxPatternLength) tegn langt",
                en: "the pattern '\(pattern.prefix(40))…' under include/exclude is longer than \(Glob.maxPatternLength) characters"))
        }
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
                let place = ruleSettingPlaces[id]
                let fix = YAMLFile.closest(id, among: ruleset.rules.map(\.id)).map {
                    Localized(da: " Ret den til »\($0)«.", en: " Change it to '\($0)'.")
                } ?? Localized(da: " Ret id'et til en af dem, eller slet reglen her.", en: " Change the id to one of them, or remove the rule here.")
                throw RulesError(file: file ?? Self.fileName, line: place?.line, column: place?.column, message: Localized(
                    da: "ukendt regel »\(id)« under ruleSettings. Kendte regler: \(known).",
                    en: "unknown rule '\(id)' under ruleSettings. Known rules: \(known).") + fix)
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
    /// The nearest `.omtale.yml` from `directory` upward, stopping after the repository root (a
    /// folder with `.git`), the home folder, or `/`. A file owned by another user, or in a folder
    /// anyone may write to (`/tmp`), is ignored: another user's `/tmp/.omtale.yml` must not switch
    /// rules off for a check outside a repository.
    public static func find(from directory: String, home: String? = ProcessInfo.processInfo.environment["HOME"]) -> String? {
        var current = URL(fileURLWithPath: directory).standardizedFileURL
        let manager = FileManager.default
        let home = home.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        while true {
            let candidate = current.appendingPathComponent(Configuration.fileName).path
            if manager.fileExists(atPath: candidate) && trusted(candidate) { return candidate }
            if manager.fileExists(atPath: current.appendingPathComponent(".git").path) { return nil }
            if current.path == home { return nil }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// Owned by the user running Omtale, in a folder only its owner (and group) may write to.
    static func trusted(_ path: String) -> Bool {
        var file = stat(), folder = stat()
        guard stat(path, &file) == 0, stat((path as NSString).deletingLastPathComponent, &folder) == 0 else { return false }
        return file.st_uid == getuid() && (folder.st_mode & S_IWOTH) == 0 && (file.st_mode & S_IWOTH) == 0
    }

    public static func load(_ path: String) throws -> Configuration {
        let text: String
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > YAMLGuard.maxBytes {
            throw RulesError(file: path, message: Localized(
                da: "filen fylder \(size.intValue / 1024) KB; Omtale læser indstillingsfiler op til \(YAMLGuard.maxBytes / 1024) KB",
                en: "the file is \(size.intValue / 1024) KB; Omtale reads settings files up to \(YAMLGuard.maxBytes / 1024) KB"))
        }
        try FileKind.requireRegularFile(path)
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw RulesError(file: path, message: Localized(da: "kan ikke læses som UTF-8-tekst", en: "cannot be read as UTF-8 text"))
        }
        return try Configuration.parse(text, file: path)
    }
}

/// Shell-style globs: `*` within a path segment, `**` across segments (a following `/` belongs to
/// it, so `**/x` also matches `x`), `?` one character.
///
/// Matched in linear time (a set of pattern positions advanced over the path, O(pattern × path)):
/// a backtracking matcher took over 60 s for 8 stars against a 60-character name, and patterns
/// come from a cloned repository's `.omtale.yml`. Patterns are at most `maxPatternLength` long.
public enum Glob {
    public static let maxPatternLength = 256

    enum Token: Equatable { case literal(Unicode.Scalar), one, star, globstar }

    static func tokens(_ pattern: String) -> [Token] {
        let p = Array(pattern.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        while i < p.count {
            if p[i] == "*" {
                if i + 1 < p.count && p[i + 1] == "*" {
                    i += 2
                    if i < p.count && p[i] == "/" { i += 1 }
                    if tokens.last != .globstar { tokens.append(.globstar) }
                    continue
                }
                if tokens.last != .star && tokens.last != .globstar { tokens.append(.star) }
            } else {
                tokens.append(p[i] == "?" ? .one : .literal(p[i]))
            }
            i += 1
        }
        return tokens
    }

    public static func matches(_ pattern: String, _ path: String) -> Bool {
        guard pattern.unicodeScalars.count <= maxPatternLength else { return false }
        let tokens = tokens(pattern)
        var states = [Bool](repeating: false, count: tokens.count + 1)
        func close(_ states: inout [Bool]) {
            // A star or globstar may match nothing.
            for i in tokens.indices where states[i] && (tokens[i] == .star || tokens[i] == .globstar) { states[i + 1] = true }
        }
        states[0] = true
        close(&states)
        for c in path.unicodeScalars {
            var next = [Bool](repeating: false, count: tokens.count + 1)
            var any = false
            for i in tokens.indices where states[i] {
                switch tokens[i] {
                case .literal(let l): if l == c { next[i + 1] = true; any = true }
                case .one: if c != "/" { next[i + 1] = true; any = true }
                case .star: if c != "/" { next[i] = true; any = true }
                case .globstar: next[i] = true; any = true
                }
            }
            guard any else { return false }
            close(&next)
            states = next
        }
        return states[tokens.count]
    }
}
