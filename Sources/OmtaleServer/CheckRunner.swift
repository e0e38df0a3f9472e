import Foundation
import Omtale

/// Runs the library's check and fixer for requests: at most `gate.slots` at once, each on a
/// thread of its own (a check is synchronous CPU work and must not hold Swift's cooperative
/// threads or the event loops), each with a checker of its own (a checker is used by one thread
/// at a time; copies share the ruleset and rules).
final class CheckRunner: @unchecked Sendable {
    struct TimedOut: Error {}

    let gate: CheckGate
    private let prototype: Checker
    private let lock = NSLock()
    private var idle: [Checker] = []
    private var stopped = 0

    /// How many checks stopped on their cancellation signal before their end (a request past
    /// its time limit), rather than running to completion.
    var checksStoppedEarly: Int { lock.withLock { stopped } }

    init(checker: Checker, gate: CheckGate) {
        prototype = checker
        self.gate = gate
    }

    var ruleset: Ruleset { prototype.ruleset }

    /// `work` with a checker whose sender is `sender` (or the server's), after waiting for a slot.
    /// Throws `CheckGate.Busy` when the queue is full and `CancellationError` when the request's
    /// time ran out first. A running check is then asked to stop (`work` gets the signal to pass
    /// to the library), and this returns once it has: the slot is free by then.
    func run<T: Sendable>(sender: String?, _ work: @escaping @Sendable (Checker, CheckCancellation) throws(CheckCancelled) -> T) async throws -> T {
        try await gate.enter()
        let checker = take()
        if let sender { checker.assumptions.sender = sender; checker.assumptions.senderEvidence = .option }
        let cancellation = CheckCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                Thread.detachNewThread { [self] in
                    let value: Result<T, any Error>
                    do {
                        value = .success(try work(checker, cancellation))
                    } catch {
                        lock.withLock { stopped += 1 }
                        value = .failure(CancellationError())
                    }
                    give(checker)
                    gate.leave()
                    continuation.resume(with: value)
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    private func take() -> Checker {
        lock.lock()
        defer { lock.unlock() }
        let checker = idle.popLast() ?? prototype.copy()
        checker.assumptions = prototype.assumptions
        return checker
    }

    private func give(_ checker: Checker) {
        lock.lock()
        idle.append(checker)
        lock.unlock()
    }
}

/// A continuation resumed once: by the work finishing or by the request giving up, whichever is first.
final class Once<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var early: Result<T, any Error>?
    private var done = false

    func set(_ continuation: CheckedContinuation<T, any Error>) {
        lock.lock()
        if let early {
            lock.unlock()
            continuation.resume(with: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func resume(_ value: Result<T, any Error>) {
        lock.lock()
        guard !done else { lock.unlock(); return }
        done = true
        guard let continuation else {
            early = value
            lock.unlock()
            return
        }
        self.continuation = nil
        lock.unlock()
        continuation.resume(with: value)
    }
}
