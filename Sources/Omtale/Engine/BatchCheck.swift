import Foundation

/// Checks many documents on several threads and hands their reports back in document order.
///
/// This is what `omtale check` does with many files, as a library type, so a server or an editor
/// integration can check a batch the same way. Each worker thread checks with its own copy of a
/// document's ``Checker`` (a checker's ICU iterators belong to one thread); everything else a
/// checker holds is shared and immutable. Reports reach `deliver` on the calling thread, in
/// document order, as soon as a report and every report before it are done.
///
/// Workers run at most ``window`` documents ahead of delivery, so memory stays flat in the number
/// of documents even when one document is slow.
public struct BatchCheck: Sendable {
    /// Worker threads; 1 checks on the calling thread.
    public var workers: Int
    /// How many documents workers may finish ahead of the one being delivered.
    public var window: Int

    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, window: Int = 64) {
        self.workers = max(1, workers)
        self.window = max(1, window)
    }

    /// Checks document `0..<checkers.count` and delivers each report in order.
    ///
    /// - Parameters:
    ///   - checkers: the checker for each document (from its folder's configuration). Documents may
    ///     share a checker; each worker copies a shared checker once.
    ///   - check: checks document `index` with a checker the calling worker owns.
    ///   - deliver: receives each report in document order on the calling thread. When it throws,
    ///     no further document is started, the workers finish the ones they hold, and the error is
    ///     rethrown once they have stopped.
    public func run(checkers: [Checker],
                    check: @escaping @Sendable (_ index: Int, _ checker: Checker) -> FileReport,
                    deliver: (_ index: Int, _ report: FileReport) throws -> Void) rethrows {
        let count = checkers.count
        let threads = min(workers, max(1, count))
        if threads == 1 {
            for index in 0..<count {
                try deliver(index, check(index, checkers[index]))
            }
            return
        }
        let results = OrderedResults(count: count, window: window)
        let group = DispatchGroup()
        for _ in 0..<threads {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                var copies: [ObjectIdentifier: Checker] = [:]
                while let index = results.claim() {
                    let base = checkers[index]
                    let checker = copies[ObjectIdentifier(base)] ?? base.copy()
                    copies[ObjectIdentifier(base)] = checker
                    results.store(check(index, checker), at: index)
                }
            }
        }
        do {
            for index in 0..<count {
                try deliver(index, results.take(index))
            }
        } catch {
            results.stop()
            group.wait()
            throw error
        }
        group.wait()
    }
}

/// Reports filled in by worker threads, taken out in order by one consumer.
///
/// Workers claim indices in order and never more than `window` ahead of the consumer, so at most
/// `window` reports wait here at any time.
final class OrderedResults: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [FileReport?]
    private var nextClaim = 0
    private let window: Int
    private var consumed = 0
    private var stopped = false

    init(count: Int, window: Int) {
        slots = Array(repeating: nil, count: count)
        self.window = window
    }

    /// The next index to check, or nil when all are claimed or the consumer stopped.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && nextClaim < slots.count && nextClaim - consumed >= window { condition.wait() }
        guard !stopped, nextClaim < slots.count else { return nil }
        nextClaim += 1
        return nextClaim - 1
    }

    func store(_ report: FileReport, at index: Int) {
        condition.lock()
        slots[index] = report
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the report at `index` and removes it.
    func take(_ index: Int) -> FileReport {
        condition.lock()
        defer { condition.unlock() }
        while slots[index] == nil { condition.wait() }
        let report = slots[index]!
        slots[index] = nil
        consumed = index + 1
        condition.broadcast()
        return report
    }

    /// No index is handed out after this; workers waiting for room return.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
