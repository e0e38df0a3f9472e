import Foundation

/// What a run assumes about every text unless the text says otherwise: `--sender`, `sender:` in
/// `.omtale.yml`, `--date`, and the day of the check.
public struct CheckAssumptions: Sendable, Equatable {
    /// A party id or name, or any organisation (`--sender`, `sender:`).
    public var sender: String?
    public var senderEvidence: Sender.Evidence = .option
    /// "YYYY-MM-DD" (`--date`).
    public var date: String?
    /// The day of the check, for texts without a date ("YYYY-MM-DD"). `OMTALE_CHECK_DATE` fixes it,
    /// so a report of undated drafts is reproducible (the test suite and the reference output use it).
    public var today: String = CheckAssumptions.checkDate()

    public static func checkDate(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["OMTALE_CHECK_DATE"].flatMap(PublicationDate.parseISO) ?? PublicationDate.today()
    }

    public init(sender: String? = nil, senderEvidence: Sender.Evidence = .option, date: String? = nil, today: String? = nil) {
        self.sender = sender
        self.senderEvidence = senderEvidence
        self.date = date
        if let today { self.today = today }
    }
}

/// Sender, date and parts of one document, worked out before the rules run.
public struct DocumentFacts: Sendable {
    public var sender: Sender?
    public var date: PublicationDate
    public var sections: Sections

    public init(sender: Sender? = nil, date: PublicationDate = PublicationDate(value: CheckAssumptions.checkDate(), source: .checkDate),
                sections: Sections = Sections(all: [])) {
        self.sender = sender
        self.date = date
        self.sections = sections
    }

    /// Works out the facts of a document, then the scan that depends on its date.
    static func analyse(_ document: Document, ruleset: Ruleset, matcher: NameMatcher, assumptions: CheckAssumptions)
        -> (DocumentFacts, PartyScan) {
        let sections = Sections.find(in: document)
        let metadata = document.source.metadata
        let date = PublicationDate.find(document: document, metadata: metadata, option: assumptions.date, today: assumptions.today,
                                        datelines: sections.all.filter { $0.kind == .dateline }.map(\.range))
        let inPeriod = ruleset.agreement.period.map(date.isWithin) ?? true
        let scan = PartyScan(document: document, ruleset: ruleset, matcher: matcher, sections: sections, inPeriod: inPeriod)
        let sender = assumptions.sender.map { Sender.resolve($0, in: ruleset, evidence: assumptions.senderEvidence) }
            ?? Sender.detect(document: document, scan: scan, sections: sections, metadata: metadata, ruleset: ruleset)
        return (DocumentFacts(sender: sender, date: date, sections: sections), scan)
    }

    /// Adds the quotes the quote finder found as sections.
    mutating func addQuotes(_ quotes: [Quote]) {
        sections.all += quotes.map { Section(kind: .quote, range: $0.range, title: nil) }
        sections.all.sort { $0.range.lowerBound < $1.range.lowerBound }
    }

    func senderReport(_ ruleset: Ruleset, document: Document) -> SenderReport? {
        guard let sender else { return nil }
        let location = sender.range.map { document.location(of: $0.lowerBound) }
        return SenderReport(party: sender.party.map { ruleset.parties[$0].name }, name: sender.name, evidence: sender.evidence.rawValue,
                            line: location?.line, column: location?.column, part: location?.part,
                            knowledgePartner: sender.isKnowledgePartner)
    }

    func dateReport(_ ruleset: Ruleset, document: Document) -> DateReport {
        let location = date.range.map { document.location(of: $0.lowerBound) }
        return DateReport(value: date.value, source: date.source.rawValue, line: location?.line, column: location?.column,
                          part: location?.part, inPeriod: ruleset.agreement.period.map(date.isWithin) ?? true)
    }

    func sectionReports(_ document: Document) -> [SectionReport] {
        sections.all.map { section in
            let (start, end) = document.locations(of: section.range)
            return SectionReport(kind: section.kind.rawValue, line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
                                 part: start.part, title: section.title)
        }
    }
}
