import Foundation
import FuzzSupport

/// The docx input plugin and everything after it, on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocx(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    checkInvariants(data, size, input: "docx")
}

exit(runFuzzer(fuzzDocx))
