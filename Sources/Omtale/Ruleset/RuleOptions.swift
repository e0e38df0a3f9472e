import Foundation

/// A rule file's decoded `options:`, of its kind's `Options` type (kept type-erased in the
/// `RuleDefinition`; a kind reads them back typed with `RuleDefinition.options(for:)`).
struct RuleOptions: Sendable, Equatable {
    let value: any Sendable & Equatable

    init(_ value: some Sendable & Equatable) {
        self.value = value
    }

    static func == (lhs: RuleOptions, rhs: RuleOptions) -> Bool {
        func equals<T: Equatable>(_ left: T) -> Bool { (rhs.value as? T) == left }
        return equals(lhs.value)
    }
}

extension RuleKind {
    /// Decodes `options:` of a rule file of this kind: an error when the kind reads none, the
    /// kind's defaults (its `Options` decoded from an empty mapping) when the file has none.
    static func decodeOptions(_ container: KeyedDecodingContainer<RuleDefinition.CodingKeys>) throws -> RuleOptions {
        if Options.self == NoOptions.self {
            guard container.contains(.options) else { return RuleOptions(NoOptions()) }
            throw UnknownKeyError(codingPath: container.codingPath, key: RuleDefinition.CodingKeys.options.stringValue, message: Localized(
                da: "regeltypen »\(kind)« læser ingen options; fjern »options:«",
                en: "rule kind '\(kind)' reads no options; remove 'options:'"))
        }
        if container.contains(.options) {
            return RuleOptions(try container.decode(Options.self, forKey: .options))
        }
        return RuleOptions(try defaultOptions(codingPath: container.codingPath + [RuleDefinition.CodingKeys.options]))
    }

    /// The options of a rule file without `options:`.
    static func defaultOptions(codingPath: [any CodingKey]) throws -> Options {
        do {
            return try JSONDecoder().decode(Options.self, from: Data("{}".utf8))
        } catch DecodingError.keyNotFound(let key, _) {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: codingPath, debugDescription: "options: is missing"))
        }
    }
}

extension RuleDefinition {
    /// The rule file's `options:` as `kind` declares them (`kind.Options`).
    public func options<Kind: RuleKind>(for kind: Kind.Type) throws -> Kind.Options {
        if let options = options.value as? Kind.Options { return options }
        // A definition made for another kind (or by hand): the kind's defaults.
        return try Kind.defaultOptions(codingPath: [])
    }
}
