import Foundation
import Hummingbird
import Logging

/// One log line per request: method, route, status, bytes in and out, duration. Never a file
/// name, a query string, a header value or any of the content: drafts are confidential.
struct AccessLog<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let route = OmtaleServer.routes.contains(request.uri.path) ? request.uri.path : "-"
        let received = request.headers[.contentLength].flatMap { Int($0) }
        do {
            let response = try await next(request, context)
            log(request, route: route, status: response.status.code, received: received, sent: response.body.contentLength, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, route: route, status: status, received: received, sent: nil, since: start)
            throw error
        }
    }

    func log(_ request: Request, route: String, status: Int, received: Int?, sent: Int?, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let line = "\(request.method.rawValue) \(route) \(status) in=\(received.map(String.init) ?? "-") out=\(sent.map(String.init) ?? "-") "
            + String(format: "%.1f ms", milliseconds)
        logger.info("\(line)")
    }
}
