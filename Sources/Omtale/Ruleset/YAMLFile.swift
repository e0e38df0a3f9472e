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

/// The shape of the keys a YAML file may use, so that a typo ("severty") is an error with
/// its line and column instead of a silently ignored setting.
indirect enum KeySchema: Sendable {
    case mapping([String: KeySchema])
    case sequence(KeySchema)
    /// A map whose keys are free (rule ids, file globs) with values of one shape.
    case dictionary(KeySchema)
    /// A scalar, or a structure checked by its own type.
    case any
    /// A string, or a mapping with these keys (`NameForm`, `Localized`).
    case stringOr([String: KeySchema])
}

/// Decodes a YAML text into a typed value, turning every failure into a `RulesError` with a position.
enum YAMLFile {
    /// Whether a text that is one of the bundled files is decoded from its build-time JSON form.
    enum BundledJSON: Sendable {
        /// Always parse the YAML (tests compare the two paths).
        case off
        /// Use the JSON, and parse the YAML if the JSON does not decode.
        case preferred
        /// Use the JSON; failing to decode it is an error (tests prove the fast path is taken).
        case required
    }

    @TaskLocal static var bundledJSON: BundledJSON = .preferred

    /// The value of a bundled file from its JSON form, or nil when `yaml` is not a bundled file.
    static func decodeBundled<T: Decodable>(_ type: T.Type, from yaml: String, file: String) throws -> T? {
        let mode = bundledJSON
        guard mode != .off, let json = BundledRules.json(for: yaml) else { return nil }
        do {
            return try JSONDecoder().decode(type, from: Data(json.utf8))
        } catch where mode == .preferred {
            return nil
        } catch {
            throw RulesError(file: file, message: Localized(da: "den indbyggede JSON-form kan ikke afkodes: \(error)",
                                                            en: "the bundled JSON form cannot be decoded: \(error)"))
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from yaml: String, file: String, schema: KeySchema) throws -> T {
        if let value = try decodeBundled(type, from: yaml, file: file) { return value }
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
        try checkKeys(node, schema: schema, file: file)
        do {
            return try YAMLDecoder().decode(type, from: node)
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
            var node: Node? = root
            var lastMark = root.mark
            for key in path {
                if let index = key.intValue, let sequence = node?.sequence, index < sequence.count {
                    node = sequence[index]
                } else {
                    node = node?[key.stringValue]
                }
                if let mark = node?.mark { lastMark = mark }
            }
            return (lastMark?.line, lastMark?.column)
        }
        func dotted(_ path: [CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let (line, column) = place(context.codingPath)
            let at = context.codingPath.isEmpty ? "" : " i «\(dotted(context.codingPath))»"
            let atEN = context.codingPath.isEmpty ? "" : " in '\(dotted(context.codingPath))'"
            return RulesError(file: file, line: line, column: column,
                              message: Localized(da: "nøglen «\(key.stringValue)» mangler\(at)",
                                                 en: "missing key '\(key.stringValue)'\(atEN)"))
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let (line, column) = place(context.codingPath)
            return RulesError(file: file, line: line, column: column,
                              message: Localized(da: "«\(dotted(context.codingPath))» har forkert type (forventede \(typeName(type, .da)))",
                                                 en: "'\(dotted(context.codingPath))' has the wrong type (expected \(typeName(type, .en)))"))
        case .dataCorrupted(let context):
            let (line, column) = place(context.codingPath)
            if let (type, value) = invalidEnumValue(context.debugDescription), let allowed = allowedValues[type] {
                // "Cannot initialize Severity from invalid String value eror": say what the file may hold.
                let list = allowed.joined(separator: ", ")
                return RulesError(file: file, line: line, column: column,
                                  message: Localized(da: "»\(dotted(context.codingPath))« kan ikke være »\(value)«. Brug en af: \(list)",
                                                     en: "'\(dotted(context.codingPath))' cannot be '\(value)'. Use one of: \(list)"))
            }
            return RulesError(file: file, line: line, column: column,
                              message: Localized(da: "ugyldig værdi i «\(dotted(context.codingPath))»: \(context.debugDescription)",
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

    /// The type and the value of the decoder's "Cannot initialize T from invalid String value V".
    static func invalidEnumValue(_ description: String) -> (String, String)? {
        let prefix = "Cannot initialize ", middle = " from invalid String value "
        guard description.hasPrefix(prefix), let range = description.range(of: middle) else { return nil }
        return (String(description[description.index(description.startIndex, offsetBy: prefix.count)..<range.lowerBound]),
                String(description[range.upperBound...]))
    }

    static func typeName(_ type: Any.Type, _ language: Language) -> String {
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

    static func checkKeys(_ node: Node, schema: KeySchema, file: String) throws {
        switch schema {
        case .any:
            return
        case .sequence(let element):
            guard let sequence = node.sequence else { return }
            for item in sequence { try checkKeys(item, schema: element, file: file) }
        case .dictionary(let value):
            guard let mapping = node.mapping else { return }
            for (_, item) in mapping { try checkKeys(item, schema: value, file: file) }
        case .stringOr(let keys):
            if node.scalar != nil { return }
            try checkKeys(node, schema: .mapping(keys), file: file)
        case .mapping(let keys):
            guard let mapping = node.mapping else { return }
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                guard let child = keys[name] else {
                    let known = keys.keys.sorted().joined(separator: ", ")
                    throw RulesError(file: file, line: key.mark?.line, column: key.mark?.column,
                                     message: Localized(da: "ukendt nøgle «\(name)» (kendte nøgler her: \(known))",
                                                        en: "unknown key '\(name)' (known keys here: \(known))"))
                }
                try checkKeys(value, schema: child, file: file)
            }
        }
    }
}
