import Foundation

/// Bounds on work for the tests that guard against hangs (quadratic scans, entity and zip bombs).
///
/// The thread's CPU time, not wall time: other processes on a shared two-core machine (parallel
/// builds, the other suites running at the same time) cannot push it over a bound. Sanitizers make
/// every instruction several times slower, so each bound is multiplied by `slowdown` under them.
enum CPUBudget {
    /// CPU time of the calling thread.
    static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    /// The CPU time `body` takes on this thread.
    static func measure<T>(_ body: () throws -> T) rethrows -> (Duration, T) {
        let before = threadCPUTime()
        let value = try body()
        return (threadCPUTime() - before, value)
    }

    /// 1 in a plain build; 5 under AddressSanitizer or ThreadSanitizer (`OMTALE_SANITIZER`, set by `.ci/run`).
    static let slowdown: Int = ProcessInfo.processInfo.environment["OMTALE_SANITIZER"] == nil ? 1 : 5
}
