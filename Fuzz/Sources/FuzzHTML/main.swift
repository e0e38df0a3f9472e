import Foundation
import FuzzSupport

/// The html input plugin and everything after it, on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    checkInvariants(data, size, input: "html")
}

exit(runFuzzer(fuzzHTML))
