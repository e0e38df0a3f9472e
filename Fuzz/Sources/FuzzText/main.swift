import Foundation
import FuzzSupport

/// Decoding + normalization + tokenizing + quotes + every rule on arbitrary bytes, as the
/// plain-text plugin sees them. Crashes, hangs (libFuzzer -timeout) and memory errors (ASan) are findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    checkInvariants(data, size, input: "text")
}

exit(runFuzzer(fuzzText))
