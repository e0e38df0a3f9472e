import CICUShim

/// Thin Swift face of the C shim over system ICU. Everything ICU-specific stays here.
enum ICU {
    /// The ICU version the binary is linked against (for `--version` and bug reports).
    static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        omtale_icu_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Full Unicode case folding of UTF-16 text.
    static func foldCase(_ units: some Collection<UInt16>) -> [UInt16] {
        transform(Array(units), omtale_fold_case)
    }

    static func foldCase(_ string: String) -> String {
        String(utf16Units: foldCase(string.utf16))
    }

    /// Whether ICU's quick check says the text is already in NFC.
    static func isNFC(_ units: [UInt16]) -> Bool {
        units.withUnsafeBufferPointer { omtale_is_nfc($0.baseAddress, Int32($0.count)) } == 1
    }

    /// NFC normalization of UTF-16 text.
    static func nfc(_ units: [UInt16]) -> [UInt16] {
        if units.isEmpty { return units }
        if isNFC(units) { return units }
        return transform(units, omtale_normalize_nfc)
    }

    private static func transform(
        _ source: [UInt16],
        _ body: (UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<UInt16>?, Int32) -> Int32
    ) -> [UInt16] {
        if source.isEmpty { return [] }
        var capacity = source.count + 8
        // Folding and normalization can grow text (ß → ss); retry once with the size ICU asks for.
        for _ in 0..<2 {
            var output = [UInt16](repeating: 0, count: capacity)
            let length = source.withUnsafeBufferPointer { src in
                output.withUnsafeMutableBufferPointer { dst in
                    body(src.baseAddress, Int32(src.count), dst.baseAddress, Int32(dst.count))
                }
            }
            if length < 0 { return source }
            if Int(length) <= capacity {
                output.removeSubrange(Int(length)...)
                return output
            }
            capacity = Int(length)
        }
        return source
    }
}

/// An ICU break iterator over a UTF-16 buffer. Not shared between threads.
final class BreakIterator {
    enum Kind { case word, sentence }

    private let handle: OpaquePointer

    init?(_ kind: Kind, locale: String = "da_DK") {
        var status: Int32 = 0
        let raw = omtale_breaker_open(kind == .word ? OMTALE_BREAK_WORD : OMTALE_BREAK_SENTENCE, locale, &status)
        guard let raw else { return nil }
        handle = raw
    }

    deinit { omtale_breaker_close(handle) }

    /// Boundaries (exclusive ends) with their rule status, in order, for `units`.
    func boundaries(of units: [UInt16]) -> [(end: Int, status: Int32)] {
        var result: [(end: Int, status: Int32)] = []
        result.reserveCapacity(units.count / 3 + 1)
        units.withUnsafeBufferPointer { buffer in
            guard omtale_breaker_set_text(handle, buffer.baseAddress, Int32(buffer.count)) == 0 else { return }
            while true {
                let boundary = omtale_breaker_next(handle)
                if boundary < 0 { break }
                result.append((Int(boundary), omtale_breaker_rule_status(handle)))
            }
            // Detach ICU from the buffer before it goes away.
            _ = omtale_breaker_set_text(handle, nil, 0)
        }
        return result
    }
}

enum WordStatus {
    static let noneLimit = Int32(OMTALE_WORD_NONE_LIMIT)
    static let numberLimit = Int32(OMTALE_WORD_NUMBER_LIMIT)
}
