import Foundation

/// `omtale check --fix` for one file: check, apply the safe fixes, check the result again.
///
/// Text and Markdown files are fixed in place (`TextFixer`); a Word document gets a reviewed copy
/// beside it with tracked changes and comments (`DocxFixer`), or is changed in place on request.
/// Nothing is written when the file could not be read or checked, when there is nothing to fix,
/// or when the fixed bytes cannot be read back.
public struct FixResult: Sendable {
    /// The check of the file as it was.
    public var before: FileReport
    public var plan: FixPlan
    /// The fixed file, nil when nothing changed (or the file could not be read).
    public var fixed: Data?
    /// Where `fixed` goes: the file itself, or the reviewed copy of a .docx.
    public var destination: String
    /// The check of the fixed file (`before` when nothing changed): what is left.
    public var after: FileReport
    /// Word comments added to a reviewed .docx copy (findings without a safe fix).
    public var comments: Int
    /// Edits of the plan that could not be placed (they stay findings).
    public var skipped: [FixPlan.Edit]
    /// Why the file cannot be fixed although it was checked (a format --fix does not write).
    public var unsupported: InputError?

    /// The edits that were made.
    public var applied: [FixPlan.Edit] { plan.edits.filter { !skipped.contains($0) } }
}

public enum Fixer {
    public struct Options: Sendable {
        /// A .docx is changed in place instead of getting a `.omtale.docx` copy.
        public var inPlace = false
        /// Author and date of the tracked changes and comments in a .docx.
        public var author = "Omtale"
        public var date = Date()
        /// Language of the Word comments.
        public var language: Language = .da
        public init() {}
    }

    /// Checks of a text file's fixed text, each fixing what the previous fixes brought about.
    public static let maxPasses = 3

    /// Input plugins whose files `--fix` can write.
    public static let textInputs: Set<String> = [PlainTextInput.identifier, MarkdownInput.identifier]

    /// The reviewed copy of a Word document: `udkast.docx` → `udkast.omtale.docx`.
    public static func reviewedCopyPath(of path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let base = url.deletingPathExtension().lastPathComponent
        let name = base.hasSuffix(".omtale") ? base + "." + ext : base + ".omtale." + ext
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// Checks and fixes bytes read from `path`; writes nothing (see `write(_:)`).
    public static func fix(data: Data, path: String, checker: Checker, inputID: String? = nil, options: Options = Options()) -> FixResult {
        uncancellable { () throws(CheckCancelled) in
            try fix(data: data, path: path, checker: checker, inputID: inputID, options: options, stoppingAt: nil)
        }
    }

    /// Checks and fixes bytes as ``fix(data:path:checker:inputID:options:)`` does, but stops early
    /// when `cancellation` fires: every check it runs (of the file, of each pass, of the result)
    /// looks at the signal between its stages and rules.
    ///
    /// - Throws: ``CheckCancelled`` when the signal fired before the result was done.
    public static func fix(data: Data, path: String, checker: Checker, inputID: String? = nil, options: Options = Options(),
                           cancellation: CheckCancellation) throws(CheckCancelled) -> FixResult {
        try fix(data: data, path: path, checker: checker, inputID: inputID, options: options, stoppingAt: cancellation)
    }

    static func fix(data: Data, path: String, checker: Checker, inputID: String?, options: Options,
                    stoppingAt cancellation: CheckCancellation?) throws(CheckCancelled) -> FixResult {
        let before = try checker.check(data: data, path: path, inputID: inputID, stoppingAt: cancellation)
        // The text the fixes' locations count in, to take fixes inside another fix's stretch apart.
        let source = before.document?.source ?? before.input.flatMap { checker.inputs.plugin(id: $0) }.flatMap { try? $0.read(data, path: path) }
        let plan = FixPlan(report: before, ruleset: checker.ruleset, source: source)
        var result = FixResult(before: before, plan: plan, fixed: nil, destination: path, after: before, comments: 0, skipped: [],
                               unsupported: nil)
        guard before.error == nil, let input = before.input else { return result }
        let fixed: Data
        var tracker = FixTracker()
        do {
            if textInputs.contains(input) {
                guard !plan.edits.isEmpty else { return result }
                var current = try TextFixer.apply(plan.edits, to: data)
                // A fix can bring about another ("klimaalliancen" written with a capital makes the text
                // about the partnership, so a missing party is then missing): check again and fix
                // that too, a few times at most, so that a second --fix has nothing left to do.
                for _ in 1..<maxPasses {
                    let again = try checker.check(data: current, path: path, inputID: input, stoppingAt: cancellation)
                    guard again.error == nil else { break }
                    let source = again.document?.source ?? checker.inputs.plugin(id: input).flatMap { try? $0.read(current, path: path) }
                    let next = FixPlan(report: again, ruleset: checker.ruleset, source: source)
                    guard !next.edits.isEmpty, let edits = try TextFixer.compose(result.plan.edits, next.edits, original: data) else { break }
                    result.plan.edits = edits
                    current = try TextFixer.apply(edits, to: data)
                }
                tracker.add(result.plan.edits, on: source, docx: false)
                fixed = current
            } else if input == DocxInput.identifier {
                if !options.inPlace { result.destination = reviewedCopyPath(of: path) }
                let unfixed = plan.unfixed.map { before.diagnostics[$0] }
                guard !plan.edits.isEmpty || !unfixed.isEmpty else { return result }
                let fixer = DocxFixer(author: options.author, date: options.date, language: options.language)
                let review = try fixer.apply(plan.edits, comments: unfixed, to: data)
                result.skipped = review.skipped
                result.comments = review.comments
                // Nothing new (a second run on the reviewed copy): the file stays as it is.
                guard review.comments > 0 || review.skipped.count < plan.edits.count else { return result }
                var current = review.data
                tracker.add(plan.edits.filter { !review.skipped.contains($0) }, on: source, docx: true)
                // What the changes bring about, read with them accepted, gets its tracked changes in the
                // copy too (as a second --fix would give them). Those edits settle no finding of `before`.
                for _ in 1..<maxPasses {
                    let again = try checker.check(data: current, path: result.destination, inputID: input, stoppingAt: cancellation)
                    guard again.error == nil else { break }
                    let source = again.document?.source ?? (try? DocxInput().read(current, path: result.destination))
                    let next = FixPlan(report: again, ruleset: checker.ruleset, source: source)
                    guard !next.edits.isEmpty else { break }
                    let more = try fixer.apply(next.edits, comments: next.unfixed.map { again.diagnostics[$0] }, to: current)
                    guard more.skipped.count < next.edits.count else { break }
                    func unsettled(_ edit: FixPlan.Edit) -> FixPlan.Edit { var edit = edit; edit.findings = []; return edit }
                    result.plan.edits += next.edits.map(unsettled)
                    result.skipped += more.skipped.map(unsettled)
                    result.comments += more.comments
                    tracker.add(next.edits.filter { !more.skipped.contains($0) }, on: source, docx: true)
                    current = more.data
                }
                fixed = current
            } else {
                result.unsupported = InputError(.unknownFormat, da: "--fix retter kun .txt, .md og .docx; filen er tjekket, men ikke rettet",
                                                en: "--fix only fixes .txt, .md and .docx; the file was checked but not fixed")
                return result
            }
        } catch let stop as CheckCancelled {
            throw stop
        } catch let error as InputError {
            result.unsupported = error
            return result
        } catch {
            result.unsupported = InputError(.malformed, da: "filen kan ikke rettes: \(error)", en: "the file cannot be fixed: \(error)")
            return result
        }
        let after = try checker.check(data: fixed, path: result.destination, inputID: input, stoppingAt: cancellation)
        if let error = after.error {
            // The fixed bytes must read back; if they do not, the file is left alone.
            result.unsupported = InputError(error.kind, da: "den rettede fil kan ikke læses igen (\(error.message.da)); filen er ikke ændret",
                                            en: "the fixed file does not read back (\(error.message.en)); the file was not changed")
            return result
        }
        result.fixed = fixed
        result.after = after
        var record = tracker.record(fixed: after.document?.source, original: path, destination: result.destination,
                                    author: input == DocxInput.identifier ? options.author : nil)
        if input == DocxInput.identifier { record.addedComments = FixTracker.addedComments(before: source, after: after.document?.source) }
        result.after.fixes = record
        return result
    }

    /// Reads, checks and fixes a file on disk; writes nothing.
    public static func fix(fileAt path: String, checker: Checker, inputID: String? = nil, options: Options = Options()) -> FixResult {
        do {
            let data = try Checker.read(path, limit: checker.limits.maxFileBytes)
            return fix(data: data, path: path, checker: checker, inputID: inputID, options: options)
        } catch let error as InputError {
            let report = FileReport(path: path, input: inputID, error: error)
            return FixResult(before: report, plan: FixPlan(edits: [], unfixed: []), fixed: nil, destination: path, after: report,
                             comments: 0, skipped: [], unsupported: nil)
        } catch {
            let report = FileReport(path: path, input: inputID, error: InputError(.unreadable, da: "\(error)", en: "\(error)"))
            return FixResult(before: report, plan: FixPlan(edits: [], unfixed: []), fixed: nil, destination: path, after: report,
                             comments: 0, skipped: [], unsupported: nil)
        }
    }

    /// Writes a result's fixed bytes, atomically: a temporary file in the destination's folder,
    /// given the original's permissions, then renamed over the destination. A symbolic link is
    /// followed, so the file it points at is fixed and the link stays.
    public static func write(_ result: FixResult) throws {
        guard let data = result.fixed else { return }
        let original = URL(fileURLWithPath: result.before.path).resolvingSymlinksInPath().path
        let destination = result.destination == result.before.path ? original : result.destination
        var mode: mode_t = 0o644
        var status = stat()
        if stat(original, &status) == 0 { mode = status.st_mode & 0o7777 }
        let url = URL(fileURLWithPath: destination)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).omtale-\(UUID().uuidString).tmp").path
        AtomicFile.Pending.add(temporary)
        defer { AtomicFile.Pending.remove(temporary) }
        do {
            try AtomicFile.writeDirectly(data, to: temporary, create: true)
            guard chmod(temporary, mode) == 0, rename(temporary, destination) == 0 else { throw AtomicFile.posixError(destination) }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}
