import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Gives the heap that requests freed back to the system once the server has had no request for
/// `delay`: glibc keeps freed memory in its arenas (one per thread that checked, up to eight per
/// core), so without this the resident size after a burst stays about 1 MB higher still (BENCHMARKS.md).
/// `malloc_trim(0)` walks every arena and returns their free pages; done once per idle spell, and
/// only after `delay`, it costs nothing while requests keep coming.
final class IdleTrim: @unchecked Sendable {
    let delay: Duration
    private let isIdle: @Sendable () -> Bool
    private let lock = NSLock()
    private var generation = 0
    private var trims = 0

    init(delay: Duration, isIdle: @escaping @Sendable () -> Bool) {
        self.delay = delay
        self.isIdle = isIdle
    }

    /// Times the heap was trimmed (tests).
    var count: Int { lock.withLock { trims } }

    /// A request ended with none left in the server: trims after `delay`, unless another request
    /// came in and went meanwhile (its own end starts the wait anew) or is still in.
    func requestEnded() {
        guard isIdle() else { return }
        let mine = lock.withLock {
            generation += 1
            return generation
        }
        Task.detached { [self] in
            try? await Task.sleep(for: delay)
            guard lock.withLock({ generation == mine }), isIdle() else { return }
            Self.trim()
            lock.withLock { trims += 1 }
        }
    }

    static func trim() { _ = mallocTrim?(0) }

    /// glibc's `malloc_trim`, which Swift's Glibc module does not declare (malloc.h); nil elsewhere.
    static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        // A nil handle is RTLD_DEFAULT: the symbol as the process has it.
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()
}
