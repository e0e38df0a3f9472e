import Testing
@testable import Omtale

/// `String(utf16Units:)` is the decoding every rule's text goes through: it must give exactly what
/// the standard library's `String(decoding:as: UTF16.self)` gives, repairs included.
@Suite("UTF-16 units to a String")
struct UTF16StringTests {
    static let cases: [[UInt16]] = [
        [],
        Array("Klimaalliancen".utf16),
        Array("Region Sjællands »citat« – 10 kr. ß İ € 😀 a\u{30A}".utf16),
        [0xD83D],                       // a lone lead surrogate at the end
        [0xDE00, 0x41],                 // a lone trail surrogate
        [0xD83D, 0x41, 0xDE00],         // a lead followed by a letter, then a lone trail
        [0xD83D, 0xD83D, 0xDE00],       // two leads, the second one paired
        [0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF],
        Array(String(repeating: "æøå 😀 x", count: 40).utf16),
    ]

    @Test(arguments: cases)
    func sameTextAsTheStandardLibrary(units: [UInt16]) {
        let expected = String(decoding: units, as: UTF16.self)
        #expect(String(utf16Units: units) == expected)
        #expect(Array(String(utf16Units: units).utf8) == Array(expected.utf8))
        if units.count > 2 {
            let slice = units[1..<(units.count - 1)]
            #expect(Array(String(utf16Units: slice).utf8) == Array(String(decoding: slice, as: UTF16.self).utf8))
        }
    }
}

