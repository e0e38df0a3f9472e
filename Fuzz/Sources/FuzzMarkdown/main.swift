import Foundation
import FuzzSupport

/// The markdown input plugin and everything after it, on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    checkInvariants(data, size, input: "markdown")
}

exit(runFuzzer(fuzzMarkdown))
