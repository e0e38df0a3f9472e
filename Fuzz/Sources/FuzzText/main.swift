import Foundation
import FuzzSupport
import Omtale

/// Decoding + normalization + tokenizing + every rule on arbitrary bytes, as the plain-text plugin sees them.
/// Crashes, hangs (libFuzzer -timeout) and memory errors (ASan) are findings.
let checker = try! Checker(ruleset: RulesetLoader.bundled())

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let report = checker.check(data: Data(buffer(data, size)), path: "fuzz.txt", inputID: "text")
    // Every location must be inside the file: 1-based lines and columns, start before end.
    for diagnostic in report.diagnostics {
        precondition(diagnostic.start.line >= 1 && diagnostic.start.column >= 1, "location before the file start")
        precondition(diagnostic.start <= diagnostic.end, "a diagnostic ends before it starts")
    }
    return 0
}

exit(runFuzzer(fuzzText))
