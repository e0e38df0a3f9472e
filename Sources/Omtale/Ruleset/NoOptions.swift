/// The options of a rule kind that reads none (the default `RuleKind.Options`): a rule file of
/// such a kind that has `options:` is an error at that key, not a setting silently ignored.
public struct NoOptions: Decodable, Sendable, Equatable {
    public init() {}
}
