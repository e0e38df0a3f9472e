import Foundation
import FuzzSupport

/// Quotes and speakers: arbitrary text after a line that makes it about the alliance, so every
/// spokesperson check runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuotes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    checkInvariants(data, size, input: "text", prefix: "Klimaalliancen: KL, de fem regioner og Realdania.\n\n")
}

exit(runFuzzer(fuzzQuotes))
