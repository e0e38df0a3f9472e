import Foundation
import FuzzSupport

/// The docx-text input plugin and everything after it, on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocxText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    checkInvariants(data, size, input: "docx-text")
}

exit(runFuzzer(fuzzDocxText))
