import Foundation

/// Checks documents against a ruleset: read (input plugin) → normalize → tokenize → scan names → rules.
///
/// A Checker owns ICU iterators and is used from one thread at a time; for parallel batches make
/// one per worker with `copy()` (the ruleset, rules and name matcher are shared, immutable).
public final class Checker: @unchecked Sendable {
    public let ruleset: Ruleset
    public let inputs: InputRegistry
    public let kinds: RuleRegistry
    public let rules: [any Rule]
    public let limits: Limits
    /// `--sender`, `sender:`, `--date` and the day of the check, for texts that do not say.
    public var assumptions = CheckAssumptions()
    /// Rules whose findings concern the whole document (any waiver in it waives them).
    let documentLevelRules: Set<String>
    let matcher: NameMatcher
    let quoteFinder: QuoteFinder
    private let tokenizer: Tokenizer

    /// Bounds that keep one hostile input from taking the machine.
    public struct Limits: Sendable {
        /// Largest file read, in bytes: a Word document with photographs is large (a 70 MB release
        /// with one photo is ordinary), and what is inflated from it is bounded by the .docx plugin
        /// itself (`SafeZip.Limits`); files are mapped, not copied, so their size is not memory.
        public var maxFileBytes: Int = 512 * 1024 * 1024
        /// Largest text file (plain text, Markdown, HTML, extracted text), in bytes. The checker's
        /// working set is some 40–60 times the text, so 2 MB (hundreds of press releases in one
        /// file) keeps a single input within about 200 MB of memory.
        public var maxTextBytes: Int = 2 * 1024 * 1024
        /// Keep each checked `Document` in its report (the HTML report shows the text). Off, memory
        /// stays flat over a batch of any size: findings carry their own context and source line.
        public var keepDocuments = true
        public init() {}
    }

    public init(ruleset: Ruleset, inputs: InputRegistry = .standard, kinds: RuleRegistry = .standard,
                limits: Limits = Limits()) throws {
        self.ruleset = ruleset
        self.inputs = inputs
        self.kinds = kinds
        self.limits = limits
        self.rules = try kinds.rules(for: ruleset)
        self.documentLevelRules = kinds.documentLevelRules(in: ruleset)
        self.matcher = NameMatcher(ruleset: ruleset)
        self.quoteFinder = QuoteFinder(language: ruleset.quoteLanguage)
        self.tokenizer = Tokenizer()
    }

    private init(copying other: Checker) {
        ruleset = other.ruleset
        inputs = other.inputs
        kinds = other.kinds
        rules = other.rules
        documentLevelRules = other.documentLevelRules
        limits = other.limits
        assumptions = other.assumptions
        matcher = other.matcher
        quoteFinder = other.quoteFinder
        tokenizer = Tokenizer()
    }

    /// A checker sharing everything but the ICU iterators, for use on another thread.
    public func copy() -> Checker { Checker(copying: self) }

    /// Reads and checks a file on disk.
    public func check(fileAt path: String, inputID: String? = nil) -> FileReport {
        do {
            let data = try Self.read(path, limit: limits.maxFileBytes)
            return check(data: data, path: path, inputID: inputID)
        } catch let error as InputError {
            return FileReport(path: path, input: inputID, error: error)
        } catch {
            return FileReport(path: path, input: inputID, error: InputError(.unreadable, da: "\(error)", en: "\(error)"))
        }
    }

    /// Checks bytes that came from `path` (or stdin); `inputID` forces a plugin.
    public func check(data: Data, path: String, inputID: String? = nil) -> FileReport {
        uncancellable { () throws(CheckCancelled) in try check(data: data, path: path, inputID: inputID, stoppingAt: nil) }
    }

    /// Checks bytes as ``check(data:path:inputID:)`` does, but stops early when `cancellation`
    /// fires: it is looked at after the file is read, between the stages of the analysis and
    /// between rules, so a check past its deadline ends within one stage or rule.
    ///
    /// - Throws: ``CheckCancelled`` when the signal fired before the report was done.
    public func check(data: Data, path: String, inputID: String? = nil, cancellation: CheckCancellation) throws(CheckCancelled) -> FileReport {
        try check(data: data, path: path, inputID: inputID, stoppingAt: cancellation)
    }

    func check(data: Data, path: String, inputID: String?, stoppingAt cancellation: CheckCancellation?) throws(CheckCancelled) -> FileReport {
        try cancellation.poll()
        let plugin: any InputPlugin
        if let inputID {
            guard let forced = inputs.plugin(id: inputID) else {
                let known = inputs.plugins.map(\.id).joined(separator: ", ")
                return FileReport(path: path, input: inputID, error: InputError(
                    .unknownFormat, da: "ukendt inputformat »\(inputID)« (kendte: \(known))",
                    en: "unknown input format '\(inputID)' (known: \(known))"))
            }
            plugin = forced
        } else {
            plugin = inputs.plugin(forPath: path, data: data)
        }
        if data.isEmpty {
            let empty = SourceText(text: "")
            return NoText.report(try check(empty, path: path, inputID: plugin.id, stoppingAt: cancellation), source: empty, data: data,
                                 container: plugin.isContainer)
        }
        let limit = plugin.isContainer ? limits.maxFileBytes : limits.maxTextBytes
        if data.count > limit {
            return FileReport(path: path, input: plugin.id, error: Self.tooLarge(data.count, limit: limit))
        }
        let source: SourceText
        do {
            source = try plugin.read(data, path: path)
        } catch let error as InputError {
            return FileReport(path: path, input: plugin.id, error: error)
        } catch {
            return FileReport(path: path, input: plugin.id, error: InputError(.malformed, da: "\(error)", en: "\(error)"))
        }
        try cancellation.poll()
        return NoText.report(try check(source, path: path, inputID: plugin.id, stoppingAt: cancellation), source: source, data: data,
                             container: plugin.isContainer)
    }

    /// Checks text already in memory (tests, editors).
    public func check(text: String, path: String = "<tekst>") -> FileReport {
        check(SourceText(text: text), path: path, inputID: PlainTextInput.identifier)
    }

    public func check(_ source: SourceText, path: String, inputID: String) -> FileReport {
        uncancellable { () throws(CheckCancelled) in try check(source, path: path, inputID: inputID, stoppingAt: nil) }
    }

    func check(_ source: SourceText, path: String, inputID: String, stoppingAt cancellation: CheckCancellation?) throws(CheckCancelled) -> FileReport {
        let document = Document(path: path, inputID: inputID, source: source, tokenizer: tokenizer)
        try cancellation.poll()
        var (facts, scan) = DocumentFacts.analyse(document, ruleset: ruleset, matcher: matcher, assumptions: assumptions)
        try cancellation.poll()
        let quotes = quoteFinder.quotes(in: document, scan: scan, ruleset: ruleset)
        facts.addQuotes(quotes)
        let context = CheckContext(document: document, ruleset: ruleset, scan: scan, quotes: quotes, facts: facts)
        // Sorted by position; at one position, in rule order and then in the order each rule reported.
        var found: [(ruleIndex: Int, index: Int, diagnostic: Diagnostic)] = []
        for (ruleIndex, rule) in rules.enumerated() {
            try cancellation.poll()
            found += rule.check(context).filter { context.inScope($0, of: rule, kinds: kinds) }
                .enumerated().map { (ruleIndex: ruleIndex, index: $0.offset, diagnostic: $0.element) }
        }
        try cancellation.poll()
        let diagnostics = found.sorted {
            ($0.diagnostic.start, $0.ruleIndex, $0.index) < ($1.diagnostic.start, $1.ruleIndex, $1.index)
        }.map(\.diagnostic)
        let waivers = Waivers.find(in: document)
        var remaining = Waivers.apply(diagnostics, waivers: waivers, context: context, documentLevelRules: documentLevelRules)
            .sorted { $0.start < $1.start }
        if inputID == DocxInput.identifier {
            for index in remaining.indices { remaining[index].word = WordLocation.make(for: remaining[index], in: document) }
        }
        let coverage = scan.coverage(ruleset, document: document)
        var report = FileReport(path: path, input: inputID, applies: scan.applies, diagnostics: remaining,
                                parties: PartnerMentionRule.annotate(coverage.parties, context),
                                knowledgePartners: coverage.knowledgePartners,
                                quotes: quotes.map { QuoteReport($0, in: document) },
                                document: limits.keepDocuments ? document : nil)
        report.sender = facts.senderReport(ruleset, document: document)
        report.date = facts.dateReport(ruleset, document: document)
        report.sections = facts.sectionReports(document)
        return report
    }

    static func tooLarge(_ size: Int, limit: Int) -> InputError {
        func mb(_ bytes: Int) -> String {
            let value = Double(bytes) / 1_048_576
            return value < 10 ? String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",") : "\(Int(value))"
        }
        return InputError(.tooLarge, da: "filen er for stor (\(mb(size)) MB; Omtale læser højst \(mb(limit)) MB). Del teksten op i mindre filer",
                          en: "the file is too large (\(mb(size).replacingOccurrences(of: ",", with: ".")) MB; Omtale reads at most \(mb(limit).replacingOccurrences(of: ",", with: ".")) MB). Split the text into smaller files")
    }

    /// Reads a file with its size checked first, so a huge file is refused without reading it.
    static func read(_ path: String, limit: Int) throws -> Data {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(.notFound, da: "filen findes ikke. Tjek navnet og stien", en: "no such file. Check the name and the path")
        }
        if isDirectory.boolValue { throw InputError(.directory, da: "er en mappe", en: "is a directory") }
        try FileKind.requireRegularFile(path)
        guard manager.isReadableFile(atPath: path) else {
            // One sentence after the reporters' »kan ikke læses:«, with the fix.
            throw InputError(.unreadable, da: "du har ikke lov til at læse filen; giv dig selv læseadgang (fx chmod u+r, hvis filen er din), eller bed filens ejer om adgang",
                             en: "you have no permission to read the file; give yourself read access (e.g. chmod u+r, if the file is yours), or ask its owner for access")
        }
        if let size = (try? manager.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > limit {
            throw tooLarge(size.intValue, limit: limit)
        }
        do {
            // Mapped, not copied: a large .docx is mostly photos, which are never inflated or touched.
            // A file that grew since stat is still refused.
            let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
            if data.count > limit { throw tooLarge(data.count, limit: limit) }
            return data
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(.unreadable, da: "filen kan ikke læses: \(SystemError.describe(error, .da))",
                             en: "the file cannot be read: \(SystemError.describe(error, .en))")
        }
    }
}
