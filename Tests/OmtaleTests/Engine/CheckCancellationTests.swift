import Foundation
import Testing
@testable import Omtale

/// `CheckCancellation`: a check or fix given a signal that has fired stops with `CheckCancelled`;
/// one given a signal that never fires gives what the plain call gives.
@Suite struct CheckCancellationTests {
    static let text = Data("Klimaalliancen: KL, Region Midtjylland og Realdania samarbejder.\n\n»Vi er klar,« siger Ane Prøvesen.\n".utf8)

    @Test func aFiredSignalStopsTheCheckAndTheFix() throws {
        let checker = Fixtures.checker()
        let cancelled = CheckCancellation()
        cancelled.cancel()
        #expect(cancelled.isCancelled)
        #expect(throws: CheckCancelled.self) { try checker.check(data: Self.text, path: "a.txt", cancellation: cancelled) }
        #expect(throws: CheckCancelled.self) { try Fixer.fix(data: Self.text, path: "a.txt", checker: checker, cancellation: cancelled) }
        let past = CheckCancellation(deadline: .now - .seconds(1))
        #expect(past.isCancelled)
        #expect(throws: CheckCancelled.self) { try checker.check(data: Self.text, path: "a.txt", cancellation: past) }
    }

    @Test func aSignalThatDoesNotFireChangesNothing() throws {
        let checker = Fixtures.checker()
        let never = CheckCancellation(deadline: .now + .seconds(3600))
        #expect(!never.isCancelled)
        let plain = checker.check(data: Self.text, path: "a.txt")
        let signalled = try checker.check(data: Self.text, path: "a.txt", cancellation: never)
        #expect(signalled.diagnostics == plain.diagnostics)
        #expect(!plain.diagnostics.isEmpty)
        let fixed = Fixer.fix(data: Self.text, path: "a.txt", checker: checker)
        let fixedSignalled = try Fixer.fix(data: Self.text, path: "a.txt", checker: checker, cancellation: CheckCancellation())
        #expect(fixedSignalled.fixed == fixed.fixed)
        #expect(fixedSignalled.after.diagnostics == fixed.after.diagnostics)
    }

    /// Cancelled from another thread while it runs, a long check stops early (at its next stage
    /// or rule) instead of running to its end.
    @Test func aSignalFiredMidwayStopsALongCheck() throws {
        let checker = Fixtures.checker()
        let large = Data(String(repeating: String(decoding: Self.text, as: UTF8.self) + "\n", count: 8_000).utf8)
        let signal = CheckCancellation()
        let ran = Locked(false)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { signal.cancel(); ran.set(true) }
        #expect(throws: CheckCancelled.self) { try checker.check(data: large, path: "stor.txt", cancellation: signal) }
        #expect(ran.value)
    }
}

private final class Locked<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T { lock.withLock { stored } }
    func set(_ value: T) { lock.withLock { stored = value } }
}
