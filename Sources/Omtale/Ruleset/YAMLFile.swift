import Foundation
import Yams

/// A problem in a rules or configuration file, with the place to fix it.
public struct RulesError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: Localized

    public init(file: String, line: Int? = nil, column: Int? = nil, message: Localized) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public func description(_ language: Language) -> String {
        var place = file
        if let line { place += ":\(line)" }
        if let column, line != nil { place += ":\(column)" }
        return "\(place): \(message(language))"
    }

    public var description: String { description(.da) }
}

/// Decodes a YAML text into a typed value, turning every failure into a `RulesError` with a position.
enum YAMLFile {
    /// Whether a text that is one of the bundled files is decoded from its build-time form (the
    /// node table `BundledDecoder` reads).
    enum BundledForm: Sendable {
        /// Always parse the YAML (tests compare the two paths).
        case off
        /// Use the bundled form, and parse the YAML if it does not decode.
        case preferred
        /// Use the bundled form; failing to decode it is an error (tests prove the fast path is taken).
        case required
    }

    @TaskLocal static var bundledForm: BundledForm = .preferred

    private struct DecodedKey: Hashable {
        var root: Int
        var type: ObjectIdentifier
    }

    private static let decodedLock = NSLock()
    nonisolated(unsafe) private static var decoded: [DecodedKey: any Sendable] = [:]

    /// The value of a bundled file from its build-time form, or nil when `yaml` is not a bundled file.
    static func decodeBundled<T: Decodable & Sendable>(_ type: T.Type, from yaml: String, file: String,
                                            userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws -> T? {
        let mode = bundledForm
        guard mode != .off, let root = BundledRules.root(for: yaml) else { return nil }
        // A document decoded without userInfo is decoded once per process (commercial.yml is read
        // by two rule kinds): the same bytes decode to the same value.
        let key = DecodedKey(root: root, type: ObjectIdentifier(type))
        if userInfo.isEmpty, let value = decodedLock.withLock({ decoded[key] }) as? T { return value }
        do {
            let value = try BundledDecoder.value(type, root, [], userInfo)
            if userInfo.isEmpty { decodedLock.withLock { decoded[key] = value } }
            return value
        } catch where mode == .preferred {
            return nil
        } catch {
            throw RulesError(file: file, message: Localized(da: "den indbyggede form kan ikke afkodes: \(error)",
                                                            en: "the bundled form cannot be decoded: \(error)"))
        }
    }

    /// Decodes `type` from `yaml`, rejecting keys that the coding keys of the types decoded do not name
    /// (the key schema of a file is the `CodingKeys` of its types; `StrictDecoder`). `userInfo` reaches
    /// every `init(from:)` (the rule kinds, for rule files).
    static func decode<T: Decodable & Sendable>(_ type: T.Type, from yaml: String, file: String,
                                     userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws -> T {
        if let value = try decodeBundled(type, from: yaml, file: file, userInfo: userInfo) { return value }
        let node: Node
        try YAMLGuard.check(yaml, file: file)
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                throw RulesError(file: file, line: 1, column: 1, message: Localized(da: "filen er tom", en: "the file is empty"))
            }
            node = composed
        } catch let error as RulesError {
            throw error
        } catch let error as YamlError {
            throw rulesError(error, file: file)
        } catch {
            throw RulesError(file: file, message: Localized(da: "kan ikke læses som YAML: \(error)", en: "cannot be read as YAML: \(error)"))
        }
        do {
            return try YAMLDecoder().decode(StrictlyDecoded<T>.self, from: node, userInfo: userInfo).value
        } catch let error as UnknownKeyError {
            throw rulesError(error, root: node, file: file)
        } catch let error as DecodingError {
            throw rulesError(error, root: node, file: file)
        } catch let error as RulesError {
            throw error
        } catch {
            throw RulesError(file: file, message: Localized(da: "\(error)", en: "\(error)"))
        }
    }

    static func rulesError(_ error: YamlError, file: String) -> RulesError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RulesError(file: file, line: mark.line, column: mark.column,
                              message: Localized(da: "ugyldig YAML: \(problem)", en: "invalid YAML: \(problem)"))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.joined(separator: ", ")
            return RulesError(file: file, line: context.mark.line, column: context.mark.column,
                              message: Localized(da: "nøglen står flere gange: \(keys)", en: "duplicated key: \(keys)"))
        default:
            return RulesError(file: file, message: Localized(da: "ugyldig YAML: \(error)", en: "invalid YAML: \(error)"))
        }
    }

    static func rulesError(_ error: DecodingError, root: Node, file: String) -> RulesError {
        func place(_ path: [CodingKey]) -> (Int?, Int?) {
            // The deepest node of the path that exists.
            let mark = nodes(along: path, from: root).compactMap(\.mark).last
            return (mark?.line, mark?.column)
        }
        func dotted(_ path: [CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let (line, column) = place(context.codingPath)
            let at = context.codingPath.isEmpty ? "" : " i »\(dotted(context.codingPath))«"
            let atEN = context.codingPath.isEmpty ? "" : " in '\(dotted(context.codingPath))'"
            return RulesError(file: file, line: line, column: column,
                              message: Localized(da: "nøglen »\(key.stringValue)« mangler\(at)",
                                                 en: "missing key '\(key.stringValue)'\(atEN)"))
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let (line, column) = place(context.codingPath)
            return RulesError(file: file, line: line, column: column,
                              message: Localized(da: "»\(dotted(context.codingPath))« har forkert type (forventede \(typeName(type, .da)))",
                                                 en: "'\(dotted(context.codingPath))' has the wrong type (expected \(typeName(type, .en)))"))
        case .dataCorrupted(let context):
            let (line, column) = place(context.codingPath)
            if let (type, value) = invalidEnumValue(context.debugDescription), let allowed = allowedValues[type] {
                // "Cannot initialize Severity from invalid String value eror": say what the file may hold.
                let list = allowed.joined(separator: ", ")
                let key = context.codingPath.last?.stringValue
                let example = key.map { "\($0): \(closest(value, among: allowed) ?? allowed[0])" }
                return RulesError(file: file, line: line, column: column,
                                  message: Localized(da: "»\(dotted(context.codingPath))« kan ikke være »\(value)«. Brug en af: \(list)."
                                                         + (example.map { " Skriv fx »\($0)«." } ?? ""),
                                                     en: "'\(dotted(context.codingPath))' cannot be '\(value)'. Use one of: \(list)."
                                                         + (example.map { " Write e.g. '\($0)'." } ?? "")))
            }
            return RulesError(file: file, line: line, column: column,
                              message: Localized(da: "ugyldig værdi i »\(dotted(context.codingPath))«: \(context.debugDescription)",
                                                 en: "invalid value in '\(dotted(context.codingPath))': \(context.debugDescription)"))
        @unknown default:
            return RulesError(file: file, message: Localized(da: "\(error)", en: "\(error)"))
        }
    }

    /// The values of the enumerations Omtale's YAML files hold, by the type name Swift's decoder gives.
    static let allowedValues: [String: [String]] = [
        "Severity": Severity.allCases.map(\.rawValue),
        "Language": Language.allCases.map(\.rawValue),
        "CollectivePolicy": Configuration.CollectivePolicy.allCases.map(\.rawValue),
    ]

    /// The allowed word closest to a misspelt one ("severty" → "severity"), for a message's fix: at
    /// most a third of its letters (and at least one) changed, case ignored; nil when none is that close.
    static func closest(_ word: String, among allowed: [String]) -> String? {
        let target = Array(word.lowercased())
        let limit = max(1, target.count / 3)
        let scored = allowed.map { candidate -> (String, Int) in
            let other = Array(candidate.lowercased())
            var previous = Array(0...other.count)
            for (i, a) in target.enumerated() {
                var current = [i + 1] + Array(repeating: 0, count: other.count)
                for (j, b) in other.enumerated() {
                    current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a == b ? 0 : 1))
                }
                previous = current
            }
            return (candidate, previous[other.count])
        }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
        return best.0
    }

    /// The type and the value of the decoder's "Cannot initialize T from invalid String value V".
    static func invalidEnumValue(_ description: String) -> (String, String)? {
        let prefix = "Cannot initialize ", middle = " from invalid String value "
        guard description.hasPrefix(prefix), let range = description.range(of: middle) else { return nil }
        return (String(description[description.index(description.startIndex, offsetBy: prefix.count)..<range.lowerBound]),
                String(description[range.upperBound...]))
    }

    static func typeName(_ type: Any.Type, _ language: Language) -> String {
        // Yams names what a container expects by its node type: a list (`include: 3`) is a
        // Node.Sequence, a single value a Node.Scalar, a table a Node.Mapping.
        if type == Node.Sequence.self { return language == .da ? "en liste" : "a list" }
        if type == Node.Scalar.self { return language == .da ? "en enkelt værdi" : "a single value" }
        let name = "\(type)"
        switch (name, language) {
        case ("String", .da): return "tekst"
        case ("String", .en): return "text"
        case ("Bool", .da): return "true eller false"
        case ("Bool", .en): return "true or false"
        case ("Int", .da), ("Double", .da): return "et tal"
        case ("Int", .en), ("Double", .en): return "a number"
        case (let other, .da) where other.hasPrefix("Array"): return "en liste"
        case (let other, .en) where other.hasPrefix("Array"): return "a list"
        case (_, .da): return "en tabel af nøgler og værdier"
        case (_, .en): return "a mapping of keys and values"
        }
    }

    /// `root` and the nodes at each key of `path` below it, as far as they exist.
    static func nodes(along path: [any CodingKey], from root: Node) -> [Node] {
        var nodes = [root]
        for key in path {
            let node = nodes[nodes.count - 1]
            if let index = key.intValue, let sequence = node.sequence, index < sequence.count {
                nodes.append(sequence[index])
            } else if let child = node[key.stringValue] {
                nodes.append(child)
            } else {
                break
            }
        }
        return nodes
    }

    /// A key that the type decoded at its mapping does not read, at the key's line and column,
    /// with the keys that type reads.
    static func rulesError(_ error: UnknownKeyError, root: Node, file: String) -> RulesError {
        let path = nodes(along: error.codingPath, from: root)
        let mapping = path.count == error.codingPath.count + 1 ? path.last?.mapping : nil
        let mark = mapping?.keys.first { $0.string == error.key }?.mark
        let message = error.message ?? {
            let known = error.known.map { $0.joined(separator: ", ") }
            let fix = error.known.flatMap { closest(error.key, among: $0) }.map {
                Localized(da: " Ret den til »\($0)«.", en: " Change it to '\($0)'.")
            } ?? Localized(da: " Ret eller slet nøglen.", en: " Correct or remove the key.")
            return Localized(da: "ukendt nøgle »\(error.key)«." + (known.map { " Kendte nøgler her: \($0)." } ?? ""),
                             en: "unknown key '\(error.key)'." + (known.map { " Known keys here: \($0)." } ?? "")) + fix
        }()
        return RulesError(file: file, line: mark?.line, column: mark?.column, message: message)
    }
}
