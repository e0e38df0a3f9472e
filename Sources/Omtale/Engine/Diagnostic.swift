/// One problem found in a document, with where it is and how to fix it.
public struct Diagnostic: Sendable, Equatable {
    public var ruleID: String
    public var severity: Severity
    /// What is wrong, in both languages; reporters render it in the report's language.
    public var message: Localized
    /// UTF-16 range in the document's normalized text.
    public var range: Range<Int>
    public var start: SourceLocation
    /// Exclusive: the position just after the last character of the span.
    public var end: SourceLocation
    public var fix: Fix?
    /// Text of the span as the rules saw it (for baselines and reports).
    public var excerpt: String
    /// The normalized text around the span, within its sentence: what fingerprints are made of,
    /// kept so reports need not hold the whole document.
    public var context: String
    /// The source line (or .docx paragraph) the finding starts on, as the user wrote it, for showing it.
    public var sourceLine: String?
    /// What a rule reports about, independent of language (a missing party's name): tells apart
    /// findings of one rule at the same place.
    public var subject: String?

    public init(ruleID: String, severity: Severity, message: Localized, range: Range<Int>, start: SourceLocation,
                end: SourceLocation, fix: Fix? = nil, excerpt: String = "", context: String = "", sourceLine: String? = nil,
                subject: String? = nil) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.range = range
        self.start = start
        self.end = end
        self.fix = fix
        self.excerpt = excerpt
        self.context = context
        self.sourceLine = sourceLine
        self.subject = subject
    }
}

/// A proposed change: replace the text between two locations with new text (insert when they coincide).
public struct Fix: Sendable, Equatable, Codable {
    public struct Replacement: Sendable, Equatable, Codable {
        public var line: Int
        public var column: Int
        public var endLine: Int
        public var endColumn: Int
        public var part: String?
        public var text: String
    }

    /// What the fix does, in both languages.
    public var message: Localized
    public var replacements: [Replacement]

    public init(message: Localized, replacements: [Replacement]) {
        self.message = message
        self.replacements = replacements
    }
}
