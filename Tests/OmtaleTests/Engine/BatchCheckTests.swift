import Foundation
import Synchronization
import Testing
@testable import Omtale

/// The library's batch: parallel checking, reports in document order, bounded look-ahead.
@Suite("BatchCheck")
struct BatchCheckTests {
    /// The press fixtures, each twice, so documents share a checker and workers copy it.
    static let texts: [(path: String, text: String)] = {
        let folder = TestPaths.fixture("press")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".txt") }.sorted() ?? []
        let texts = names.compactMap { name in
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)).map { (path: name, text: $0) }
        }
        return texts + texts
    }()

    static func summary(_ report: FileReport) -> [String] {
        [report.path] + report.diagnostics.map { "\($0.start.line):\($0.start.column) \($0.ruleID)" }
    }

    @Test func reportsArriveInDocumentOrderAndEqualASingleThreadedCheck() throws {
        let texts = Self.texts
        #expect(texts.count >= 20)
        let checker = Fixtures.checker()
        let single = texts.map { Self.summary(checker.check(text: $0.text, path: $0.path)) }
        let shared = Fixtures.checker()
        var delivered: [Int] = []
        var parallel: [[String]] = []
        BatchCheck(workers: 4, window: 3).run(checkers: Array(repeating: shared, count: texts.count), check: { index, own in
            own.check(text: texts[index].text, path: texts[index].path)
        }, deliver: { index, report in
            delivered.append(index)
            parallel.append(Self.summary(report))
        })
        #expect(delivered == Array(texts.indices))
        #expect(parallel == single)
        #expect(single.contains { $0.count > 1 }, "the fixtures have findings, so the comparison means something")
    }

    @Test func workersNeverRunMoreThanTheWindowAhead() {
        let texts = Self.texts
        let window = 2
        let delivered = Mutex(0)
        let furthestAhead = Mutex(0)
        let checker = Fixtures.checker()
        BatchCheck(workers: 3, window: window).run(checkers: Array(repeating: checker, count: texts.count), check: { index, own in
            let ahead = index - delivered.withLock { $0 }
            furthestAhead.withLock { $0 = max($0, ahead) }
            return own.check(text: texts[index].text, path: texts[index].path)
        }, deliver: { index, _ in
            // A slow consumer, so the workers would run ahead if nothing held them back.
            Thread.sleep(forTimeInterval: 0.002)
            delivered.withLock { $0 = index + 1 }
        })
        #expect(furthestAhead.withLock { $0 } <= window)
        #expect(furthestAhead.withLock { $0 } >= 1, "the workers did run ahead of delivery")
    }

    struct Stop: Error {}

    @Test func aThrowingConsumerStopsTheBatchAndTheErrorComesBack() {
        let texts = Self.texts
        let started = Mutex(0)
        let checker = Fixtures.checker()
        #expect(throws: Stop.self) {
            try BatchCheck(workers: 2, window: 4).run(checkers: Array(repeating: checker, count: texts.count), check: { index, own in
                started.withLock { $0 += 1 }
                return own.check(text: texts[index].text, path: texts[index].path)
            }, deliver: { index, _ in
                if index == 2 { throw Stop() }
            })
        }
        // Delivery stopped at document 2; with a window of 4 no worker may have gone past document 6.
        #expect(started.withLock { $0 } <= 3 + 4)
        #expect(started.withLock { $0 } < texts.count)
    }

    @Test func oneWorkerChecksOnTheCallingThread() {
        let texts = Array(Self.texts.prefix(3))
        let checker = Fixtures.checker()
        let caller = UInt(pthread_self())
        let checkedOn = Mutex<[UInt]>([])
        BatchCheck(workers: 1).run(checkers: Array(repeating: checker, count: texts.count), check: { index, own in
            checkedOn.withLock { $0.append(UInt(pthread_self())) }
            return own.check(text: texts[index].text, path: texts[index].path)
        }, deliver: { _, _ in })
        #expect(checkedOn.withLock { $0 } == [caller, caller, caller])
    }
}
