/// libFuzzer's driver, exported by the runtime that `-sanitize=fuzzer` links in.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the process's arguments and `body` as the target.
///
/// SwiftPM gives every executable its own renamed `main`; when the linker keeps that one instead
/// of libFuzzer's, this starts libFuzzer's driver with the same target.
public func runFuzzer(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    return LLVMFuzzerRunDriver(&argc, &argv, body)
}

/// The bytes libFuzzer hands over, as a buffer (empty input arrives as a null pointer).
public func buffer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
}

import Foundation
import Omtale

/// The built-in rules, loaded once per fuzzing process.
public let fuzzChecker = try! Checker(ruleset: RulesetLoader.bundled())

/// Runs the whole pipeline (the forced input plugin, normalization, tokenizing, quotes, every rule)
/// on the bytes and checks what must always hold of the result. Errors are fine; crashes, hangs
/// and broken invariants are findings.
public func checkInvariants(_ data: UnsafePointer<UInt8>?, _ size: Int, input: String, prefix: String = "") -> CInt {
    let bytes = Data(prefix.utf8) + Data(buffer(data, size))
    let report = fuzzChecker.check(data: bytes, path: "fuzz", inputID: input)
    for diagnostic in report.diagnostics {
        precondition(diagnostic.start.line >= 1 && diagnostic.start.column >= 1, "a location before the file start")
        precondition(diagnostic.start <= diagnostic.end, "a finding that ends before it starts")
    }
    for quote in report.quotes {
        precondition(quote.line >= 1 && quote.column >= 1, "a quote before the file start")
    }
    return 0
}
