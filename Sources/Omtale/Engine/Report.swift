import Foundation

/// What Omtale found in one file. Its JSON form is the documented contract (README, "JSON-output").
public struct FileReport: Sendable {
    public var path: String
    public var input: String?
    /// Set when the file could not be read; then nothing else is filled in.
    public var error: InputError?
    /// The text is about the partnership, so the partner rules apply.
    public var applies: Bool
    public var diagnostics: [Diagnostic]
    public var parties: [PartyCoverage]
    public var knowledgePartners: [PartyCoverage]
    public var quotes: [QuoteReport]
    /// The checked document, for reporters that show text (human, HTML); nil for unreadable files.
    public var document: Document?
    /// Who issues the text (stated or found on clear evidence); nil when unknown.
    public var sender: SenderReport?
    /// When the text is published and how Omtale knows; nil for unreadable files.
    public var date: DateReport?
    /// The parts of the release (headline, lead, body, quotes, fact box, contact block, captions, dateline).
    public var sections: [SectionReport] = []
    /// Not checked: a file in a folder or a commit in a format Omtale cannot read (`SkippedFile`).
    /// Its one finding (rule `skipped-file`) says why; it is not counted among the checked files.
    public var skipped: Bool = false
    /// Findings of this file that `--baseline` hid as known (kendte fund).
    public var hiddenByBaseline: Int = 0
    /// What `--fix` changed, on the report of the fixed file; nil when the file was not changed.
    public var fixes: FixRecord?

    public init(path: String, input: String?, error: InputError? = nil, applies: Bool = false, diagnostics: [Diagnostic] = [],
                parties: [PartyCoverage] = [], knowledgePartners: [PartyCoverage] = [], quotes: [QuoteReport] = [],
                document: Document? = nil) {
        self.path = path
        self.input = input
        self.error = error
        self.applies = applies
        self.diagnostics = diagnostics
        self.parties = parties
        self.knowledgePartners = knowledgePartners
        self.quotes = quotes
        self.document = document
    }

    public func count(_ severity: Severity) -> Int { diagnostics.filter { $0.severity == severity }.count }
}

/// Whether and where a party is named in a file.
public struct PartyCoverage: Sendable, Equatable, Codable {
    public struct Occurrence: Sendable, Equatable, Codable {
        public var line: Int
        public var column: Int
        public var part: String?
        public var text: String
        /// The part of the release it stands in (`sections`), and whether naming the party there counts.
        public var section: String? = nil
        public var counts: Bool = true
    }

    /// As the ruleset names the party.
    public var name: String
    /// True only when the party itself is named (not through a collective form or an abbreviation).
    public var mentioned: Bool
    public var occurrences: [Occurrence]
    /// The collective form that covers the party when it is not named itself ("de fem regioner").
    public var collective: String?
    /// The party must be named and is not (pkt. 9.1): the text is about the partnership, the party is
    /// neither named nor covered by a collective form, and it is not the text's sender.
    public var missing: Bool = false
    /// Why a name in the text does not count for this party (a look-alike, an abbreviation, a photo
    /// credit), in the report's language (filled in by the reporter from `localizedNotes`).
    public var notes: [String] = []
    public var localizedNotes: [Localized] = []
    /// The party is the text's sender, and need not name itself.
    public var isSender: Bool = false

    private enum CodingKeys: String, CodingKey { case name, mentioned, occurrences, collective, missing, notes, isSender }

    /// The coverage with its notes in one language.
    public func localized(_ language: Language) -> PartyCoverage {
        var copy = self
        copy.notes = localizedNotes.map { $0(language) }
        return copy
    }
}

/// The sender as JSON shows it: `{party, name, evidence, line, column}`; `party` is null for a sender that is not a party.
public struct SenderReport: Sendable, Equatable, Codable {
    public var party: String?
    public var name: String
    public var evidence: String
    public var line: Int?
    public var column: Int?
    public var part: String?
    public var knowledgePartner: Bool

    private enum CodingKeys: String, CodingKey { case party, name, evidence, line, column, part, knowledgePartner }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(party, forKey: .party)
        try c.encode(name, forKey: .name)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encodeIfPresent(part, forKey: .part)
        try c.encode(knowledgePartner, forKey: .knowledgePartner)
    }
}

/// The date as JSON shows it: `{value, source, line, column, inPeriod}`.
public struct DateReport: Sendable, Equatable, Codable {
    public var value: String
    public var source: String
    public var line: Int?
    public var column: Int?
    public var part: String?
    /// Within the ruleset's period (pkt. 7.1); a text outside it is not held to the rules.
    public var inPeriod: Bool

    private enum CodingKeys: String, CodingKey { case value, source, line, column, part, inPeriod }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(source, forKey: .source)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encodeIfPresent(part, forKey: .part)
        try c.encode(inPeriod, forKey: .inPeriod)
    }
}

/// A part of the release, with its range (end exclusive).
public struct SectionReport: Sendable, Equatable, Codable {
    public var kind: String
    public var line, column, endLine, endColumn: Int
    public var part: String?
    public var title: String?
}

/// A quote and who said it, as the quote finder read it (every file, whatever the rules).
/// `speaker`, `role`, `organisation` and `party` are null when the text does not say.
public struct QuoteReport: Sendable, Equatable, Codable {
    public var text: String
    public var line: Int
    public var column: Int
    public var part: String?
    /// The person, or the organisation standing as the speaker ("KL: …").
    public var speaker: String?
    public var role: String?
    public var organisation: String?
    /// The party of the partnership the organisation is, as the ruleset names it.
    public var party: String?
    /// party | knowledgePartner | partnership | other (null when no organisation is given).
    public var affiliation: String?
    /// How the speaker was found, and every decision on the way (null when nobody is said to speak).
    public var attribution: AttributionReport?

    public init(text: String, line: Int, column: Int, part: String? = nil, speaker: String? = nil, role: String? = nil,
                organisation: String? = nil, party: String? = nil, affiliation: String? = nil, attribution: AttributionReport? = nil) {
        self.text = text
        self.line = line
        self.column = column
        self.part = part
        self.speaker = speaker
        self.role = role
        self.organisation = organisation
        self.party = party
        self.affiliation = affiliation
        self.attribution = attribution
    }

    public init(_ quote: Quote, in document: Document) {
        let location = document.location(of: quote.range.lowerBound)
        let text = quote.segments.map { document.string($0) }.joined(separator: " ")
        let speaker = quote.attribution?.speaker
        self.init(text: text, line: location.line, column: location.column, part: location.part, speaker: speaker?.displayName,
                  role: speaker?.role, organisation: speaker?.organisation,
                  party: speaker?.affiliation == .party ? speaker?.organisation : nil,
                  affiliation: speaker?.affiliation?.rawValue, attribution: quote.attribution.map { AttributionReport($0, in: document) })
    }

    private enum CodingKeys: String, CodingKey { case text, line, column, part, speaker, role, organisation, party, affiliation, attribution }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encodeIfPresent(part, forKey: .part)
        // Always present, null when unknown: consumers test `speaker == null`.
        try c.encode(speaker, forKey: .speaker)
        try c.encode(role, forKey: .role)
        try c.encode(organisation, forKey: .organisation)
        try c.encode(party, forKey: .party)
        try c.encode(affiliation, forKey: .affiliation)
        try c.encode(attribution, forKey: .attribution)
    }
}

/// The attribution grammar's reading of who says a quote: the form, the words it read, and its steps.
public struct AttributionReport: Sendable, Equatable, Codable {
    /// after | before | leadIn | label | pronoun | continuation | repeated | context
    public var form: String
    /// The attribution as written ("siger Anne Jensen, formand i KL").
    public var text: String
    public var line: Int
    public var column: Int
    /// False when the speaker is inferred (context) or only a noun the text never resolves ("borgmesteren"):
    /// the spokesperson checks do not rely on it.
    public var established: Bool
    public var steps: [StepReport]

    public struct StepReport: Sendable, Equatable, Codable {
        /// verb | fromPhrase | accordingTo | colon | introduced | leadIn | label | pronoun | noun | surname | refersTo |
        /// continuation | repeated | context | name | title | party | organisation | unsure
        public var kind: String
        public var text: String
        /// Why, as a code (firstName, title, partyLetter, lastNamed, preposition, afterComma, …); null when the kind says it.
        public var reason: String?

        private enum CodingKeys: String, CodingKey { case kind, text, reason }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(text, forKey: .text)
            try c.encode(reason, forKey: .reason)
        }
    }

    public init(form: String, text: String, line: Int, column: Int, established: Bool, steps: [StepReport]) {
        self.form = form
        self.text = text
        self.line = line
        self.column = column
        self.established = established
        self.steps = steps
    }

    public init(_ attribution: Attribution, in document: Document) {
        let location = document.location(of: attribution.range.lowerBound)
        self.init(form: attribution.form.rawValue, text: document.string(attribution.range), line: location.line, column: location.column,
                  established: attribution.isEstablished,
                  steps: attribution.steps.map { StepReport(kind: $0.kind, text: $0.text, reason: $0.reason) })
    }
}

/// Totals over a run.
public struct RunSummary: Sendable, Equatable {
    public var files: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    /// Files that could not be read.
    public var unreadable: Int { unreadablePaths.count }
    /// Files that were read and checked: `files` without the unreadable ones.
    public var checked: Int { files - unreadable }
    /// Their paths, in order, so the summary can name them.
    public var unreadablePaths: [String]
    /// Files in a folder or a commit that Omtale cannot check (a .pdf), in order; not in `files`.
    public var skippedPaths: [String]
    /// Findings hidden by `--baseline` (kendte fund).
    public var hiddenByBaseline: Int

    public init(_ reports: [FileReport]) {
        files = 0; errors = 0; warnings = 0; infos = 0; unreadablePaths = []; skippedPaths = []; hiddenByBaseline = 0
        for report in reports { add(report) }
    }

    /// Counts one more file.
    public mutating func add(_ report: FileReport) {
        errors += report.count(.error)
        warnings += report.count(.warning)
        infos += report.count(.info)
        hiddenByBaseline += report.hiddenByBaseline
        if report.skipped {
            skippedPaths.append(report.path)
            return
        }
        files += 1
        if report.error != nil { unreadablePaths.append(report.path) }
    }
}

/// A file met in a folder or a commit in a format Omtale cannot read: listed with the reason in
/// every output format, as a finding of rule `skipped-file`, never passed over in silence.
/// Word processor and PDF formats are a warning (a draft that was not checked); anything else is
/// a note (bemærkning), so a commit of other files stays quiet but is still listed.
public enum SkippedFile {
    public static let ruleID = "skipped-file"

    /// Formats of documents a press release may be written in, which Omtale does not read.
    public static let documentFormats: [String: String] = [
        "doc": "Word 97-2003", "docm": "Word med makroer", "dot": "Word-skabelon", "dotx": "Word-skabelon", "dotm": "Word-skabelon",
        "odt": "OpenDocument", "ott": "OpenDocument-skabelon", "fodt": "OpenDocument", "rtf": "RTF", "pdf": "PDF",
        "pages": "Pages", "wpd": "WordPerfect", "wps": "Works",
    ]

    /// The report of a skipped file: not read, one finding with the reason and what to do.
    public static func report(path: String) -> FileReport {
        let ext = (path as NSString).pathExtension.lowercased()
        let severity: Severity = documentFormats[ext] != nil ? .warning : .info
        let message: Localized
        if let name = documentFormats[ext] {
            message = Localized(
                da: "Ikke tjekket: Omtale kan ikke læse .\(ext)-filer (\(name)). Gem teksten som .docx, .txt, .md eller .html, og tjek den igen.",
                en: "Not checked: Omtale cannot read .\(ext) files (\(name)). Save the text as .docx, .txt, .md or .html and check it again.")
        } else if ext.isEmpty {
            message = Localized(
                da: "Ikke tjekket: filen har ingen filendelse, så Omtale ved ikke, hvordan den skal læses. Angiv den direkte, fx omtale check --input text \(path)",
                en: "Not checked: the file has no extension, so Omtale does not know how to read it. Name it directly, e.g. omtale check --input text \(path)")
        } else {
            message = Localized(
                da: "Ikke tjekket: Omtale kender ikke .\(ext)-filer. Er det en tekst, så angiv den direkte, fx omtale check --input text \(path)",
                en: "Not checked: Omtale does not know .\(ext) files. If it is text, name it directly, e.g. omtale check --input text \(path)")
        }
        let start = SourceLocation(line: 1, column: 1)
        var report = FileReport(path: path, input: nil, diagnostics: [
            Diagnostic(ruleID: ruleID, severity: severity, message: message, range: 0..<0, start: start, end: start, subject: ext),
        ])
        report.skipped = true
        return report
    }
}
