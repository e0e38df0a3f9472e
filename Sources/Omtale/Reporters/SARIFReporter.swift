import Foundation

/// SARIF 2.1.0 (`--format sarif`), the format code-scanning services (GitHub, Azure DevOps, IDE
/// viewers) read: one run, the rules as `tool.driver.rules`, one result per finding.
///
/// Locations are repo-relative URIs (relative to `ReportOptions.workingDirectory`), columns count
/// Unicode code points (`columnKind: unicodeCodePoints`, like Omtale's own positions), and every
/// result carries a `partialFingerprints` entry computed from the text around the finding, so a
/// finding keeps its identity when lines are added above it.
struct SARIFReporter: Reporter {
    let id = "sarif"
    init() {}

    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The key of Omtale's fingerprint in `partialFingerprints`; the version suffix changes if the recipe does.
    static let fingerprintKey = "omtaleContextHash/v1"

    func render(_ reports: [FileReport], options: ReportOptions) -> String {
        let language = options.language
        let descriptors = ruleDescriptors(reports, options: options)
        let ruleIndex = Dictionary(descriptors.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var results: [Result] = []
        var notifications: [Notification] = []
        for report in reports {
            let uri = report.path == "-" ? nil : Self.artifactURI(report.path, workingDirectory: options.workingDirectory)
            if let error = report.error {
                notifications.append(Notification(
                    level: "error", message: Message(text: "\(report.path): \(error.sentence(language))"),
                    descriptor: Descriptor(id: error.kind.rawValue),
                    locations: uri.map { [Location(physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: $0), region: nil))] }))
                continue
            }
            let fingerprints = Self.fingerprints(report)
            for (diagnostic, fingerprint) in zip(report.diagnostics, fingerprints) {
                let region = Region(startLine: diagnostic.start.line, startColumn: diagnostic.start.column,
                                    endLine: diagnostic.end.line, endColumn: diagnostic.end.column)
                let locations = uri.map { [Location(physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: $0), region: region))] }
                // A SARIF fix is an edit (the schema requires at least one replacement): advice without
                // an edit stays in the message and is not a `fix`.
                let fixes = diagnostic.fix.flatMap { fix in
                    fix.replacements.isEmpty ? nil : uri.map { uri in
                        [SARIFFix(description: Message(text: fix.message(language)), artifactChanges: [ArtifactChange(
                            artifactLocation: ArtifactLocation(uri: uri),
                            replacements: fix.replacements.map { r in
                                Replacement(deletedRegion: Region(startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn),
                                            insertedContent: Content(text: r.text))
                            })])]
                    }
                }
                results.append(Result(
                    ruleId: diagnostic.ruleID, ruleIndex: ruleIndex[diagnostic.ruleID], level: Self.level(diagnostic.severity),
                    message: Message(text: diagnostic.message(language)), locations: locations,
                    partialFingerprints: [Self.fingerprintKey: fingerprint], fixes: fixes,
                    properties: diagnostic.start.part.map { ["part": $0] }))
            }
        }
        let run = Run(
            tool: Tool(driver: Driver(name: "omtale", version: options.toolVersion, semanticVersion: options.toolVersion,
                                      informationUri: OmtaleInfo.informationURI, rules: descriptors)),
            invocations: [Invocation(executionSuccessful: notifications.isEmpty,
                                     toolExecutionNotifications: notifications.isEmpty ? nil : notifications)],
            language: language == .da ? "da-DK" : "en-US",
            columnKind: "unicodeCodePoints",
            results: results)
        let log = Log(schema: Self.schemaURI, version: "2.1.0", runs: [run])
        guard let data = Escaping.json(log) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// One descriptor per rule of the ruleset (enabled or not, so `ruleIndex` is stable), with the
    /// agreement clause cited in `help`; without a ruleset, a bare descriptor per rule id found.
    func ruleDescriptors(_ reports: [FileReport], options: ReportOptions) -> [RuleDescriptor] {
        let language = options.language
        guard let ruleset = options.ruleset else {
            return options.ruleIDs(in: reports).map { RuleDescriptor(id: $0) }
        }
        return ruleset.rules.map { rule in
            let description = rule.description(language)
            var help = description
            if let clause = rule.clause.map({ ClauseReference.text($0, language) }) {
                help = (language == .da ? "Krav i \(ruleset.agreement.title), \(clause). " : "Required by \(ruleset.agreement.title), \(clause). ")
                    + description
            }
            return RuleDescriptor(
                id: rule.id, shortDescription: Message(text: rule.summary(language)), fullDescription: Message(text: description),
                help: Message(text: help), defaultConfiguration: Configuration(level: Self.level(rule.severity), enabled: rule.enabled),
                properties: rule.clause.map { ["clause": $0] })
        }
    }

    // MARK: Paths

    /// The path as a URI reference relative to the working directory: percent-encoded UTF-8 for
    /// everything but unreserved characters and `/` (so "udkast/Æble grød.txt" becomes
    /// "udkast/%C3%86ble%20gr%C3%B8d.txt"). Absolute paths outside the folder become `file://` URIs.
    static func artifactURI(_ path: String, workingDirectory: String) -> String {
        var relative = path
        if path.hasPrefix("/") {
            let base = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
            guard path.hasPrefix(base) else { return "file://" + percentEncode(path) }
            relative = String(path.dropFirst(base.count))
        }
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        return percentEncode(relative)
    }

    static func percentEncode(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    // MARK: Fingerprints

    /// `Fingerprint.of` per diagnostic (rule, file, the flagged text and its sentence; never line
    /// numbers), with a running number for equal keys in one file, as GitHub's own
    /// `primaryLocationLineHash` does.
    static func fingerprints(_ report: FileReport) -> [String] {
        var seen: [String: Int] = [:]
        return report.diagnostics.map { diagnostic in
            let hash = Fingerprint.of(diagnostic, path: report.path)
            seen[hash, default: 0] += 1
            return hash + ":\(seen[hash]!)"
        }
    }

    // MARK: The SARIF object model (only what Omtale fills in)

    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    struct Run: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var language: String
        var columnKind: String
        var results: [Result]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var informationUri: String
        var rules: [RuleDescriptor]
    }

    struct RuleDescriptor: Encodable {
        var id: String
        var shortDescription: Message?
        var fullDescription: Message?
        var help: Message?
        var defaultConfiguration: Configuration?
        var properties: [String: String]?
    }

    struct Configuration: Encodable {
        var level: String
        var enabled: Bool
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]?
    }

    struct Notification: Encodable {
        var level: String
        var message: Message
        var descriptor: Descriptor
        var locations: [Location]?
    }

    struct Descriptor: Encodable { var id: String }

    struct Message: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Message
        var locations: [Location]?
        var partialFingerprints: [String: String]
        var fixes: [SARIFFix]?
        var properties: [String: String]?
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable { var uri: String }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        /// Exclusive, as in SARIF and in Omtale.
        var endColumn: Int
    }

    struct SARIFFix: Encodable {
        var description: Message
        var artifactChanges: [ArtifactChange]
    }

    struct ArtifactChange: Encodable {
        var artifactLocation: ArtifactLocation
        var replacements: [Replacement]
    }

    struct Replacement: Encodable {
        var deletedRegion: Region
        var insertedContent: Content
    }

    struct Content: Encodable { var text: String }
}

extension String {
    /// The string with zeros in front up to `width` characters (for hexadecimal numbers).
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
