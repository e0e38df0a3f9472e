/// A check run on every document. Each kind of rule is one type in its own file; a rules folder
/// configures instances of these kinds with data (severity, clause, texts, options).
public protocol Rule: Sendable {
    var definition: RuleDefinition { get }
    func check(_ context: CheckContext) -> [Diagnostic]
}

/// Creates a rule of one kind from its definition in a rules folder.
public protocol RuleKind: Sendable {
    /// What a rule file of this kind may set under `options:`, decoded when the rules are read
    /// (unknown keys are errors with their line and column). Read it in `make` with
    /// `definition.options(for: Self.self)`. Kinds without options leave it `NoOptions`, and a
    /// rule file of theirs with `options:` is an error. Decoded from an empty mapping when a
    /// rule file has no `options:`, so give every option a default or make it required there.
    associatedtype Options: Decodable & Sendable & Equatable = NoOptions
    /// The `kind:` value in a rule file.
    static var kind: String { get }
    /// Findings about the document as a whole (a party missing from it), placed at a
    /// representative spot: a Word-comment waiver anywhere in the document waives them.
    static var isDocumentLevel: Bool { get }
    static func make(_ definition: RuleDefinition, ruleset: Ruleset) throws -> any Rule
}

extension RuleKind {
    public static var isDocumentLevel: Bool { false }
}

/// The rule kinds a checker knows. A rule file names one of them in `kind:`; a library user adds
/// a kind by passing `RuleRegistry(kinds: RuleRegistry.standard.kinds + [MyRule.self])`.
public struct RuleRegistry: Sendable {
    public let kinds: [any RuleKind.Type]

    public init(kinds: [any RuleKind.Type]) {
        self.kinds = kinds
    }

    /// The kinds Omtale implements.
    public static let standard = RuleRegistry(kinds: [
        PartnerMentionRule.self,
        PartyAbbreviationRule.self,
        PartySpellingRule.self,
        RegionsCollectiveRule.self,
        NonCommercialRule.self,
        PartnershipClaimRule.self,
        SpokespersonRule.self,
    ])

    public func kind(_ name: String) -> (any RuleKind.Type)? { kinds.first { $0.kind == name } }

    /// The `kind:` values, sorted (for messages).
    public var names: [String] { kinds.map { $0.kind }.sorted() }

    /// Instantiates the enabled rules of a ruleset.
    public func rules(for ruleset: Ruleset) throws -> [any Rule] {
        try ruleset.rules.filter(\.enabled).compactMap { definition in
            try kind(definition.kind)?.make(definition, ruleset: ruleset)
        }
    }

    /// Ids of the ruleset's rules whose kind reports about the document as a whole.
    public func documentLevelRules(in ruleset: Ruleset) -> Set<String> {
        Set(ruleset.rules.filter { kind($0.kind)?.isDocumentLevel == true }.map(\.id))
    }
}

/// Everything a rule may look at for one document. Shared analyses (names found, quotes) are
/// computed once per document and handed to every rule.
public struct CheckContext: Sendable {
    public let document: Document
    public let ruleset: Ruleset
    public let scan: PartyScan
    /// Every quote of the document and who said it (`QuoteFinder`), in text order.
    public let quotes: [Quote]
    /// The sender, the date and the parts of the release.
    public let facts: DocumentFacts

    public init(document: Document, ruleset: Ruleset, scan: PartyScan, quotes: [Quote] = [], facts: DocumentFacts? = nil) {
        self.document = document
        self.ruleset = ruleset
        self.scan = scan
        self.quotes = quotes
        self.facts = facts ?? DocumentFacts(sections: scan.sections)
    }

    /// A finding of a rule with `scope:` counts only inside those parts of the release. Document-level
    /// findings (a missing party) read their scope themselves: where a mention counts.
    func inScope(_ diagnostic: Diagnostic, of rule: any Rule, kinds: RuleRegistry) -> Bool {
        guard let scope = rule.definition.scope, kinds.kind(rule.definition.kind)?.isDocumentLevel != true else { return true }
        return scope.contains(facts.sections.kind(at: diagnostic.range.lowerBound))
    }

    /// A diagnostic at a range of the normalized text, with its locations resolved through the source map.
    public func diagnostic(_ rule: RuleDefinition, _ message: Localized, at range: Range<Int>, severity: Severity? = nil,
                           fix: Fix? = nil, subject: String? = nil) -> Diagnostic {
        let (start, end) = document.locations(of: range)
        return Diagnostic(ruleID: rule.id, severity: severity ?? rule.severity, message: message, range: range,
                          start: start, end: end, fix: fix, excerpt: document.string(range),
                          context: Fingerprint.context(of: range, in: document), sourceLine: document.sourceLineText(of: start),
                          subject: subject)
    }

    /// A fix that replaces a range of the normalized text.
    public func replacement(_ range: Range<Int>, with text: String, message: Localized) -> Fix {
        let (start, end) = document.locations(of: range)
        return Fix(message: message, replacements: [
            Fix.Replacement(line: start.line, column: start.column, endLine: end.line, endColumn: end.column, part: start.part, text: text),
        ])
    }

    /// A fix that inserts text at a position of the normalized text.
    public func insertion(at offset: Int, text: String, message: Localized) -> Fix {
        let location: SourceLocation
        if offset > 0 {
            // After the last character before the offset, so an insertion at a paragraph end stays on that line.
            var after = document.locations(of: (offset - 1)..<offset).end
            after.part = after.part ?? nil
            location = after
        } else {
            location = document.location(of: 0)
        }
        return Fix(message: message, replacements: [
            Fix.Replacement(line: location.line, column: location.column, endLine: location.line, endColumn: location.column,
                            part: location.part, text: text),
        ])
    }

    /// The clause a rule cites, with a fallback to the agreement's communication clause, in both languages.
    public func clause(_ rule: RuleDefinition) -> Localized {
        ClauseReference.localized(rule.clause ?? ruleset.agreement.communicationClause)
    }
}
