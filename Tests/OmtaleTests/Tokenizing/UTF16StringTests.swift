import Foundation
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

/// `FastText` stands in for `lowercased()`, `trimmingCharacters(in:)` and splitting on white space
/// in the section finder; each must give what the general path gives.
@Suite("Fast paths for short texts")
struct FastTextTests {
    static let texts = [
        "", "Kontakt:", "  KONTAKT  ", "Om Klimaalliancen", "ÆBLE ØRE ÅÅ ×÷ ß ÿ Þ", "Fakta om – »Region Sjælland«",
        "Foto: Anna Holm / Ritzau Scanpix", "Ελλάδα ΣΟΦΙΑ", "İstanbul", "Straße", "DŽ ǅ", "e\u{301}t ord", "Kl. 10.00 — € 5",
        "tab\there", "a\u{A0}b\u{2009}c", "😀 Emoji ØL", "  \u{3000}wide\u{3000} ", ":.!– Kontakt –!.:",
    ]

    @Test(arguments: texts)
    func sameAsTheGeneralPaths(text: String) {
        #expect(Array(FastText.lowercased(text).utf8) == Array(text.lowercased().utf8))
        let units = Array(text.utf16)
        let trimmed = FastText.trimmingWhitespace(units, 0..<units.count)
        let general = text.trimmingCharacters(in: .whitespaces)
        #expect(String(utf16Units: units[trimmed]) == general)
        #expect(FastText.wordCount(units, trimmed, text: general) == general.split(whereSeparator: { $0.isWhitespace }).count)
        let lower = text.lowercased()
        #expect(FastText.trimming(lower, Sections.headingPunctuation)
            == lower.trimmingCharacters(in: CharacterSet(charactersIn: ":.!–- ")))
    }

    @Test func whitespaceIsFoundationsSet() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(FastText.isWhitespace(UInt16(value)) == CharacterSet.whitespaces.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }
}
