import Foundation

/// Bounds the bytes of uploads held in memory by all requests together (`bytes`).
///
/// A request reserves its body before reading it: all of it at once from Content-Length, or
/// chunk by chunk as a body without one arrives. A reservation that does not fit is refused
/// (`Full`, the same 503 with Retry-After as a full queue), so the uploads in memory never add up
/// to more than `bytes`, however many requests the gate lets in. A request gives its reservation
/// back when its upload is dropped: after the response, a refusal, an error or a client gone.
public final class UploadBudget: @unchecked Sendable {
    public struct Full: Error {}

    /// Most bytes of uploads held at once.
    public let bytes: Int
    private let lock = NSLock()
    private var reserved = 0

    public init(bytes: Int) {
        self.bytes = max(0, bytes)
    }

    /// Bytes reserved now, by all requests.
    public var held: Int { lock.withLock { reserved } }

    /// Reserves `count` bytes, or throws `Full` when they do not fit beside those held.
    public func reserve(_ count: Int) throws {
        try lock.withLock {
            guard count <= bytes - reserved else { throw Full() }
            reserved += count
        }
    }

    /// Gives back `count` bytes reserved before.
    public func release(_ count: Int) {
        lock.withLock { reserved -= count }
    }

    /// One request's share: what it reserved so far, given back at once by `releaseAll()`.
    final class Reservation: @unchecked Sendable {
        let budget: UploadBudget
        private let lock = NSLock()
        private var count = 0

        init(_ budget: UploadBudget) { self.budget = budget }

        /// Reserves `more` bytes for this request (`Full` when they do not fit).
        func add(_ more: Int) throws {
            try budget.reserve(more)
            lock.withLock { count += more }
        }

        /// Gives everything back; safe to call more than once.
        func releaseAll() {
            let held = lock.withLock {
                defer { count = 0 }
                return count
            }
            if held > 0 { budget.release(held) }
        }
    }
}
