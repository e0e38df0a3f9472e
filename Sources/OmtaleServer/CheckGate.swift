import Foundation

/// Bounds the checks running at once (`slots`) and those waiting for a slot (`queueLength`).
///
/// A request beyond both is refused at once (`Busy`, a 503 with Retry-After), never queued
/// without end. Requests are counted from their first byte (`admit`): one that would make more
/// than `slots + queueLength` requests in the server is refused before its body is read, so at
/// most that many uploads are in memory at once. A waiting request whose task is cancelled (its time limit) leaves the queue.
/// `leave()` is synchronous so the thread that ran a check frees its slot itself, also when the
/// request it served has already timed out.
public final class CheckGate: @unchecked Sendable {
    public struct Busy: Error {}

    public let slots: Int
    public let queueLength: Int
    private let lock = NSLock()
    private var running = 0
    private var waiting: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextID: UInt64 = 0
    private var admitted = 0

    public init(slots: Int, queueLength: Int) {
        self.slots = max(1, slots)
        self.queueLength = max(0, queueLength)
    }

    /// Counts a request in, or throws `Busy` when `slots + queueLength` are in already.
    public func admit() throws {
        try lock.withLock {
            guard admitted < slots + queueLength else { throw Busy() }
            admitted += 1
        }
    }

    /// Counts a request out, when its response is ready.
    public func dismiss() {
        lock.withLock { admitted -= 1 }
    }

    /// Requests in the server now (reading, waiting or checking).
    public var requests: Int { lock.withLock { admitted } }

    /// Checks running and waiting now.
    public var load: (running: Int, waiting: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (running, waiting.count)
    }

    /// Takes a slot, waiting in the queue for one if need be; throws `Busy` when the queue is full.
    public func enter() async throws {
        let id = lock.withLock {
            nextID += 1
            return nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                lock.lock()
                if Task.isCancelled {
                    lock.unlock()
                    continuation.resume(throwing: CancellationError())
                } else if running < slots {
                    running += 1
                    lock.unlock()
                    continuation.resume()
                } else if waiting.count >= queueLength {
                    lock.unlock()
                    continuation.resume(throwing: Busy())
                } else {
                    waiting.append((id, continuation))
                    lock.unlock()
                }
            }
        } onCancel: {
            lock.lock()
            guard let index = waiting.firstIndex(where: { $0.id == id }) else { lock.unlock(); return }
            let continuation = waiting.remove(at: index).continuation
            lock.unlock()
            continuation.resume(throwing: CancellationError())
        }
    }

    /// Frees a slot: handed straight to the first waiting request, if any.
    public func leave() {
        lock.lock()
        if waiting.isEmpty {
            running -= 1
            lock.unlock()
        } else {
            let next = waiting.removeFirst().continuation
            lock.unlock()
            next.resume()
        }
    }
}
