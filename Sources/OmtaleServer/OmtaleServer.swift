import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Omtale

/// `omtale serve`: the library's check, report and fixer behind a web page and an HTTP API.
///
/// The server only adapts HTTP: it reads an upload into memory, hands the bytes to the library
/// (`Checker`, `Fixer`, `JSONReporter`, `HTMLReporter`) and sends back what those return. An
/// upload is never written to disk and never logged, and is dropped with the response.
public struct OmtaleServer: Sendable {
    public let settings: ServerSettings
    /// The bound on checks running and waiting (tests hold its slots to fill it).
    public let gate: CheckGate
    /// The bound on upload bytes held by all requests together (tests reserve it to fill it).
    public let budget: UploadBudget
    let runner: CheckRunner
    let idleTrim: IdleTrim
    /// Times the server gave freed heap back to the system after going idle (tests).
    public var idleTrims: Int { idleTrim.count }
    /// Checks that stopped on their cancellation signal (their request's time ran out) instead of
    /// running to their end: the proof that a timed-out check gives its core back.
    public var checksStoppedEarly: Int { runner.checksStoppedEarly }

    /// `checker` is the prototype: its ruleset, limits and assumptions (`--sender`) hold for every
    /// request; each running check gets a copy of its own. Its `keepDocuments` must be on (the
    /// HTML report shows the text).
    public init(settings: ServerSettings, checker: Checker) {
        self.settings = settings
        gate = CheckGate(slots: settings.concurrentChecks, queueLength: settings.queueLength)
        budget = UploadBudget(bytes: settings.uploadBudgetBytes)
        idleTrim = IdleTrim(delay: settings.idleTrimDelay) { [gate] in gate.requests == 0 }
        runner = CheckRunner(checker: checker, gate: gate)
    }

    /// Which routes there are, for the access log (anything else is logged as "-", so a file name
    /// typed into an address never reaches the log).
    static let routes: Set<String> = ["/", "/healthz", "/api/check", "/api/fix", "/check", "/fix"]

    public func router(logger: Logger) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: AccessLog(logger: logger))
        router.get("/healthz") { _, _ in
            Self.text("ok\n", type: "text/plain; charset=utf-8")
        }
        router.get("/") { request, _ in
            let language = language(for: request)
            return Self.text(Pages.form(ruleset: runner.ruleset, sender: settings.sender, language: language), type: "text/html; charset=utf-8")
        }
        router.post("/api/check") { request, _ in await respond(to: request, action: .check, style: .api) }
        router.post("/api/fix") { request, _ in await respond(to: request, action: .fix, style: .api) }
        router.post("/check") { request, _ in await respond(to: request, action: .check, style: .page) }
        router.post("/fix") { request, _ in await respond(to: request, action: .fix, style: .page) }
        return router
    }

    /// The application `omtale serve` runs: HTTP/1.1 with the idle limit; `onListening` gets the
    /// port actually bound (port 0 picks a free one).
    public func application(logger: Logger, onListening: @escaping @Sendable (Int) -> Void = { _ in }) -> some ApplicationProtocol {
        let idle = settings.idleTimeout.components
        let idleTimeout = TimeAmount.nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000)
        return Application(
            router: router(logger: logger),
            server: .http1(configuration: .init(idleTimeout: idleTimeout)),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "omtale"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? settings.port) },
            logger: logger)
    }

    enum Action: Sendable { case check, fix }
    /// `.api` answers in JSON (errors too) and with the file itself; `.page` in HTML for the browser form.
    enum Style: Sendable { case api, page }

    func respond(to request: Request, action: Action, style: Style) async -> Response {
        let language = language(for: request)
        let phase = Phase()
        do {
            try gate.admit()
            defer {
                gate.dismiss()
                idleTrim.requestEnded()
            }
            return try await within(settings.requestTimeout, phase: phase) { [self] in
                // Given back when the upload is dropped: this ends only once the body is read or
                // failed and the check has stopped, whatever the response was.
                let reservation = UploadBudget.Reservation(budget)
                defer { reservation.releaseAll() }
                let body = try await collect(request.body, declared: request.headers[.contentLength].flatMap { Int($0) }, reservation: reservation)
                phase.checking()
                let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { first, _ in first }
                let upload = try UploadReader.read(body, contentType: request.headers[.contentType], query: query)
                let language = upload.language ?? language
                switch (action, style) {
                case (.check, .api): return try await checkJSON(upload, language: language)
                case (.check, .page): return try await checkPage(upload, language: language)
                case (.fix, _): return try await fix(upload, language: language)
                }
            }
        } catch {
            let problem: ServerProblem
            switch error {
            case let known as ServerProblem: problem = known
            case is CheckGate.Busy, is UploadBudget.Full: problem = .busy
            default: problem = phase.isReceiving ? .bodyTimeout : .checkTimeout
            }
            return failure(problem, style: style, language: language)
        }
    }

    func checkJSON(_ upload: Upload, language: Language) async throws -> Response {
        let ruleset = runner.ruleset
        let report = try await runner.run(sender: upload.sender) { checker, cancellation throws(CheckCancelled) in
            try checker.check(data: upload.data, path: upload.filename, cancellation: cancellation)
        }
        if let error = report.error { throw ServerProblem.unreadable(filename: upload.filename, error) }
        let json = JSONReporter().render([report], options: ReportOptions(language: language, ruleset: ruleset))
        return Self.text(json, type: "application/json; charset=utf-8")
    }

    func checkPage(_ upload: Upload, language: Language) async throws -> Response {
        let ruleset = runner.ruleset
        // One run of the fixer gives both the report (of the file as it is) and the reviewed copy.
        let result = try await runner.run(sender: upload.sender) { checker, cancellation throws(CheckCancelled) in
            try Fixer.fix(data: upload.data, path: upload.filename, checker: checker, options: Self.fixOptions(language), cancellation: cancellation)
        }
        if let error = result.before.error { throw ServerProblem.unreadable(filename: upload.filename, error) }
        let html = HTMLReporter().render([result.before], options: ReportOptions(language: language, ruleset: ruleset))
        let download: Pages.Download?
        if let fixed = result.fixed {
            download = fixed.count <= settings.maxInlineDownloadBytes
                ? .inline(fixed, filename: Self.downloadName(result), mediaType: Self.mediaType(result), changes: result.applied.count + result.comments)
                : .tooLargeForPage
        } else {
            download = result.unsupported == nil ? .nothing : nil
        }
        return Self.text(Pages.report(html, download: download, language: language), type: "text/html; charset=utf-8")
    }

    func fix(_ upload: Upload, language: Language) async throws -> Response {
        let result = try await runner.run(sender: upload.sender) { checker, cancellation throws(CheckCancelled) in
            try Fixer.fix(data: upload.data, path: upload.filename, checker: checker, options: Self.fixOptions(language), cancellation: cancellation)
        }
        if let error = result.before.error { throw ServerProblem.unreadable(filename: upload.filename, error) }
        if let problem = result.unsupported { throw ServerProblem.notFixable(filename: upload.filename, problem) }
        // Nothing to fix: the file comes back as it was (Omtale-Changes: 0).
        let data = result.fixed ?? upload.data
        var headers = HTTPFields()
        headers[.contentType] = Self.mediaType(result)
        headers[.contentDisposition] = Self.attachment(Self.downloadName(result))
        headers[HTTPField.Name("Omtale-Changes")!] = String(result.fixed == nil ? 0 : result.applied.count)
        headers[HTTPField.Name("Omtale-Comments")!] = String(result.comments)
        headers[HTTPField.Name("Omtale-Findings-Left")!] = String(result.after.diagnostics.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func fixOptions(_ language: Language) -> Fixer.Options {
        var options = Fixer.Options()
        options.language = language
        return options
    }

    /// `udkast.docx` → `udkast.omtale.docx` (the library's name for the reviewed copy); a text keeps its name.
    static func downloadName(_ result: FixResult) -> String {
        result.before.input == DocxInput.identifier ? Fixer.reviewedCopyPath(of: result.before.path) : result.before.path
    }

    static func mediaType(_ result: FixResult) -> String {
        switch result.before.input {
        case DocxInput.identifier: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case MarkdownInput.identifier: "text/markdown; charset=utf-8"
        default: "text/plain; charset=utf-8"
        }
    }

    /// Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266).
    static func attachment(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    /// Reads the body into memory, refusing more than `maxBodyBytes` (or the whole upload budget)
    /// as soon as it is announced or exceeded. Its bytes are reserved in the upload budget first:
    /// all the announced ones before any is read, or each chunk before it is kept; `Full` when
    /// they do not fit.
    func collect(_ body: RequestBody, declared: Int?, reservation: UploadBudget.Reservation) async throws -> Data {
        let limit = min(settings.maxBodyBytes, budget.bytes)
        if let declared, declared > limit { throw ServerProblem.tooLarge(limit: limit) }
        var data = Data()
        if let declared {
            try reservation.add(declared)
            data.reserveCapacity(declared)
        }
        var reserved = declared ?? 0
        for try await chunk in body {
            guard data.count + chunk.readableBytes <= limit else { throw ServerProblem.tooLarge(limit: limit) }
            if data.count + chunk.readableBytes > reserved {
                let more = data.count + chunk.readableBytes - reserved
                try reservation.add(more)
                reserved += more
            }
            chunk.withUnsafeReadableBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    func failure(_ problem: ServerProblem, style: Style, language: Language) -> Response {
        let message = problem.message(language)
        var response: Response
        switch style {
        case .api:
            struct Body: Encodable { var error: String; var kind: String; var status: Int }
            let json = Escaping.json(Body(error: message, kind: problem.kind, status: problem.status)) ?? Data()
            response = Self.text(String(decoding: json, as: UTF8.self) + "\n", type: "application/json; charset=utf-8")
        case .page:
            response = Self.text(Pages.problem(message, language: language), type: "text/html; charset=utf-8")
        }
        response.status = HTTPResponse.Status(code: problem.status)
        if problem.retryAfter { response.headers[.retryAfter] = String(settings.retryAfterSeconds) }
        // A refused body may still be arriving: the connection is not reused.
        if problem.status == 413 || problem.status == 408 { response.headers[.connection] = "close" }
        return response
    }

    /// `?lang=` first, then the browser's Accept-Language, then the server's language.
    func language(for request: Request) -> Language {
        if let asked = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) { return asked }
        return Self.preferred(request.headers[.acceptLanguage]) ?? settings.language
    }

    /// The first of Danish and English in an Accept-Language header, by quality.
    static func preferred(_ header: String?) -> Language? {
        guard let header else { return nil }
        var ranked: [(language: Language, quality: Double, order: Int)] = []
        for (order, item) in header.split(separator: ",").enumerated() {
            let pieces = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = pieces.first else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            // Norwegian and Swedish readers read Danish more easily than English.
            let language: Language? = primary == "en" ? .en : ["da", "nb", "no", "nn", "sv"].contains(primary) ? .da : nil
            guard let language else { continue }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0 { ranked.append((language, quality, order)) }
        }
        return ranked.sorted { ($0.quality, -$0.order) > ($1.quality, -$1.order) }.first?.language
    }

    static func text(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Runs `work`, or throws `CancellationError` when `limit` passes first; `work` is then
    /// cancelled. A body read from the network does not stop on cancellation, so while the body
    /// is arriving the answer is at once and the body ends with its connection, which a 408
    /// closes. Past that, the answer waits for `work` to stop (a waiting check leaves the queue at
    /// once, a running one stops at its next stage or rule and frees its slot), for at most
    /// `settings.stopGrace` more.
    func within(_ limit: Duration, phase: Phase, _ work: @escaping @Sendable () async throws -> Response) async throws -> Response {
        let answer = Once<Response>()
        let task = Task {
            do { answer.resume(.success(try await work())) } catch { answer.resume(.failure(error)) }
        }
        let grace = settings.stopGrace
        let timer = Task {
            try await Task.sleep(for: limit)
            let receiving = phase.isReceiving
            task.cancel()
            if !receiving { try await Task.sleep(for: grace) }
            answer.resume(.failure(CancellationError()))
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { answer.set($0) }
        } onCancel: {
            task.cancel()
            answer.resume(.failure(CancellationError()))
        }
    }
}

/// Where a request is, so a timeout can say whether the body or the check was too slow.
final class Phase: @unchecked Sendable {
    private let lock = NSLock()
    private var receiving = true

    var isReceiving: Bool {
        lock.lock()
        defer { lock.unlock() }
        return receiving
    }

    func checking() {
        lock.lock()
        receiving = false
        lock.unlock()
    }
}
