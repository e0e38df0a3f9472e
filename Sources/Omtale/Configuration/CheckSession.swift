import Foundation

/// Checks many files, each with the `.omtale.yml` that governs it.
///
/// Configurations and checkers are cached per folder and per configuration file, so a batch over
/// thousands of files reads each configuration once and builds one checker per distinct setting.
public final class CheckSession {
    /// `--rules` on the command line: wins over any configuration.
    public let rulesOverride: URL?
    /// `--lang` on the command line: wins over any configuration.
    public let languageOverride: Language?
    public let environmentLanguage: Language
    public let inputs: InputRegistry
    public let limits: Checker.Limits
    /// `--sender` and `--date`: win over `sender:` in a configuration.
    public var assumptions = CheckAssumptions()

    private var configurationByDirectory: [String: String?] = [:]
    private var configurations: [String: Configuration] = [:]
    private var checkers: [String: Checker] = [:]
    private var rulesets: [String: Ruleset] = [:]

    public init(rulesOverride: URL?, languageOverride: Language?, environmentLanguage: Language, inputs: InputRegistry = .standard,
                limits: Checker.Limits = Checker.Limits()) {
        self.limits = limits
        self.rulesOverride = rulesOverride
        self.languageOverride = languageOverride
        self.environmentLanguage = environmentLanguage
        self.inputs = inputs
    }

    /// The configuration governing a file in `directory` (defaults when there is none).
    public func configuration(forDirectory directory: String) throws -> Configuration {
        let key = URL(fileURLWithPath: directory).standardizedFileURL.path
        let path: String?
        if let cached = configurationByDirectory[key] {
            path = cached
        } else {
            path = ConfigurationLocator.find(from: key)
            configurationByDirectory[key] = path
        }
        guard let path else { return Configuration() }
        if let cached = configurations[path] { return cached }
        let configuration = try ConfigurationLocator.load(path)
        configurations[path] = configuration
        return configuration
    }

    /// The `.omtale.yml` files read so far, sorted: the run says which settings it used (issue 18).
    public var configurationFilesRead: [String] { configurations.keys.sorted() }

    /// The language of messages for a configuration.
    public func language(for configuration: Configuration) -> Language {
        languageOverride ?? configuration.language ?? environmentLanguage
    }

    /// The checker for a configuration; throws `RulesError` for broken rules or settings.
    public func checker(for configuration: Configuration) throws -> Checker {
        let key = configuration.file ?? ""
        if let cached = checkers[key] { return cached }
        if rulesOverride == nil { try Self.requireRulesInsideRepository(configuration) }
        let base = try ruleset(at: rulesOverride ?? configuration.rulesDirectory)
        let ruleset = try configuration.apply(to: base)
        let checker = try Checker(ruleset: ruleset, inputs: inputs, limits: limits)
        checker.assumptions = assumptions
        if assumptions.sender == nil, let sender = configuration.sender {
            checker.assumptions.sender = sender
            checker.assumptions.senderEvidence = .configuration
        }
        checkers[key] = checker
        return checker
    }

    /// A configuration's `rules:` must stay inside its repository (the folder with `.git` above the
    /// configuration, or the configuration's own folder outside one), symbolic links resolved: a
    /// cloned repository must not make Omtale walk the filesystem (`rules: ../../..`). Rules
    /// elsewhere are given on the command line with `--rules`.
    static func requireRulesInsideRepository(_ configuration: Configuration) throws {
        guard let rules = configuration.rulesDirectory, let directory = configuration.directory else { return }
        var root = URL(fileURLWithPath: directory).standardizedFileURL
        var probe = root
        while true {
            if FileManager.default.fileExists(atPath: probe.appendingPathComponent(".git").path) { root = probe; break }
            let parent = probe.deletingLastPathComponent()
            if parent.path == probe.path { break }
            probe = parent
        }
        let base = root.resolvingSymlinksInPath().path
        let target = rules.resolvingSymlinksInPath().path
        guard target == base || target.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
            throw RulesError(file: configuration.file ?? Configuration.fileName, message: Localized(
                da: "rules: peger uden for repositoriet (\(rules.path)); regler uden for det gives med --rules",
                en: "rules: points outside the repository (\(rules.path)); rules outside it are given with --rules"))
        }
    }

    func ruleset(at directory: URL?) throws -> Ruleset {
        let key = directory?.path ?? ""
        if let cached = rulesets[key] { return cached }
        let ruleset = try directory.map { try RulesetLoader.load(directory: $0) } ?? RulesetLoader.bundled()
        rulesets[key] = ruleset
        return ruleset
    }

    /// Whether the governing configuration includes a file met in a folder walk or a commit.
    public func includes(_ path: String, configuration: Configuration) -> Bool {
        guard let base = configuration.directory else { return true }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let root = URL(fileURLWithPath: base).standardizedFileURL.path
        guard absolute.hasPrefix(root + "/") else { return true }
        return configuration.includes(relativePath: String(absolute.dropFirst(root.count + 1)))
    }
}
