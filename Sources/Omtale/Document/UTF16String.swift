extension String {
    /// The text of UTF-16 code units, exactly as `String(decoding: units, as: UTF16.self)` gives it
    /// (each unpaired surrogate becomes U+FFFD), transcoded to UTF-8 in one specialized loop.
    /// The standard library's generic decoding costs about 500 instructions a unit and 4,000 a short
    /// token; it was 44 % of the instructions of a batch check (issue 13).
    init(utf16Units units: UnsafeBufferPointer<UInt16>) {
        let count = units.count
        if count == 0 {
            self = ""
            return
        }
        // Short texts get room for the worst case; longer ones are measured first, so a large
        // text is not held in three times the memory it needs.
        self = String(unsafeUninitializedCapacity: count <= 64 ? count * 3 : Self.utf8Count(units)) { out in
            var n = 0
            var i = 0
            while i < count {
                let unit = units[i]
                i += 1
                if unit < 0x80 {
                    out[n] = UInt8(truncatingIfNeeded: unit)
                    n += 1
                } else if unit < 0x800 {
                    out[n] = UInt8(truncatingIfNeeded: 0xC0 | (unit >> 6))
                    out[n + 1] = UInt8(truncatingIfNeeded: 0x80 | (unit & 0x3F))
                    n += 2
                } else if unit & 0xF800 != 0xD800 {
                    out[n] = UInt8(truncatingIfNeeded: 0xE0 | (unit >> 12))
                    out[n + 1] = UInt8(truncatingIfNeeded: 0x80 | ((unit >> 6) & 0x3F))
                    out[n + 2] = UInt8(truncatingIfNeeded: 0x80 | (unit & 0x3F))
                    n += 3
                } else if unit < 0xDC00, i < count, units[i] & 0xFC00 == 0xDC00 {
                    // A surrogate pair: one scalar of four bytes (two units of input, so within capacity).
                    let scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                    i += 1
                    out[n] = UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18))
                    out[n + 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F))
                    out[n + 2] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
                    out[n + 3] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                    n += 4
                } else {
                    // An unpaired surrogate: U+FFFD, as the standard library repairs it.
                    out[n] = 0xEF
                    out[n + 1] = 0xBF
                    out[n + 2] = 0xBD
                    n += 3
                }
            }
            return n
        }
    }

    /// The UTF-8 length of what `init(utf16Units:)` makes of `units`.
    private static func utf8Count(_ units: UnsafeBufferPointer<UInt16>) -> Int {
        var bytes = 0
        var i = 0
        while i < units.count {
            let unit = units[i]
            i += 1
            if unit < 0x80 {
                bytes += 1
            } else if unit < 0x800 {
                bytes += 2
            } else if unit & 0xFC00 == 0xD800, i < units.count, units[i] & 0xFC00 == 0xDC00 {
                bytes += 4
                i += 1
            } else {
                bytes += 3
            }
        }
        return bytes
    }

    init(utf16Units units: ArraySlice<UInt16>) {
        self = units.withUnsafeBufferPointer { String(utf16Units: $0) }
    }

    init(utf16Units units: [UInt16]) {
        self = units.withUnsafeBufferPointer { String(utf16Units: $0) }
    }
}

