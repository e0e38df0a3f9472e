import Foundation

/// Asks a check in progress to stop: when ``cancel()`` has been called or its deadline has passed.
///
/// A check is synchronous work on the calling thread, so it cannot be interrupted; instead
/// ``Checker/check(data:path:inputID:cancellation:)`` and
/// ``Fixer/fix(data:path:checker:inputID:options:cancellation:)`` look at the signal at cheap
/// points (after reading the file, between the stages of the analysis and between rules) and
/// throw ``CheckCancelled`` at the first one after it fired. A server uses it to give a core back
/// when a request's time is up; any thread may call ``cancel()``.
public final class CheckCancellation: @unchecked Sendable {
    private let deadline: ContinuousClock.Instant?
    private let lock = NSLock()
    private var cancelled = false

    /// A signal that fires only by ``cancel()``.
    public init() { deadline = nil }

    /// A signal that fires by ``cancel()`` or once `deadline` has passed.
    public init(deadline: ContinuousClock.Instant) { self.deadline = deadline }

    /// Asks the check to stop at its next cheap point.
    public func cancel() { lock.withLock { cancelled = true } }

    /// Whether the check should stop now.
    public var isCancelled: Bool {
        if lock.withLock({ cancelled }) { return true }
        if let deadline { return ContinuousClock.now >= deadline }
        return false
    }

    /// Throws ``CheckCancelled`` when the signal has fired.
    func poll() throws(CheckCancelled) {
        if isCancelled { throw CheckCancelled() }
    }
}

extension Optional where Wrapped == CheckCancellation {
    func poll() throws(CheckCancelled) { try self?.poll() }
}

/// A check stopped by its ``CheckCancellation`` before it finished; it has no report.
public struct CheckCancelled: Error, Sendable, Equatable {
    public init() {}
}

/// The result of work given no ``CheckCancellation``, which therefore cannot be cancelled.
func uncancellable<T>(_ work: () throws(CheckCancelled) -> T) -> T {
    do { return try work() } catch { preconditionFailure("a check without a cancellation signal was cancelled") }
}
