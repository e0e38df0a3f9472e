import Foundation
import Testing
@testable import Omtale

/// The one escaper per output language (Escaping.swift), at its boundaries: control characters,
/// bidirectional overrides, quotes inside attribute values and characters outside the BMP.
@Suite struct EscapingTests {
    static let hostile = "Ærø & <Søn> \"x\" 'y' 😀 \u{202E}KL \u{2066}"

    @Test func htmlEscapesMarkupAndBothQuotesAndKeepsOtherCharacters() {
        #expect(Escaping.html("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;")
        // Inside a double- or single-quoted attribute neither quote can end the value.
        #expect(Escaping.html("siger \"hej\" og 'farvel'") == "siger &quot;hej&quot; og &#39;farvel&#39;")
        // Non-BMP characters, bidi overrides and controls are text to HTML: kept as they are.
        #expect(Escaping.html("😀𝔄\u{202E}\u{1}\n\t") == "😀𝔄\u{202E}\u{1}\n\t")
    }

    @Test func xmlDropsWhatXMLCannotHoldAndKeepsAttributeWhitespace() {
        #expect(Escaping.xml("a\u{1}b\u{1B}c\u{FFFE}d\u{FFFF}", attribute: false) == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}")
        #expect(Escaping.xml("l1\nl2\tx\r", attribute: true) == "l1&#10;l2&#9;x&#13;")
        #expect(Escaping.xml("l1\nl2\tx\r", attribute: false) == "l1\nl2\tx&#13;")
        #expect(Escaping.xml("'\"<&>", attribute: true) == "&apos;&quot;&lt;&amp;&gt;")
        #expect(Escaping.xml("😀\u{202E}", attribute: true) == "😀\u{202E}")
    }

    @Test func xmlTextReadsBackWhatXMLWrites() {
        for attribute in [true, false] {
            let written = Escaping.xml(Self.hostile + "\n\t", attribute: attribute)
            #expect(Escaping.xmlText(Array(written.utf8)[...]) == Self.hostile + "\n\t")
        }
        #expect(Escaping.xmlText(Array("&#230;&#xE6;&#x1F600;&bogus;&amp;lt;".utf8)[...]) == "ææ😀&bogus;&lt;")
        #expect(Escaping.xmlText(Array("a\r\nb\rc".utf8)[...]) == "a\nb\nc")
    }

    @Test func jsonEscapesWhatJSONRequiresAndWritesTheRestAsUTF8() throws {
        let value = ["k": "a\"b\\c\u{1}\u{1B}/" + Self.hostile]
        let data = try #require(Escaping.json(value))
        let text = String(decoding: data, as: UTF8.self)
        #expect(try JSONDecoder().decode([String: String].self, from: data) == value)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "a raw control character in \(text)")
        #expect(text.contains("😀"), "a non-BMP character written as surrogate escapes: \(text)")
        #expect(text.contains("c\\u0001") || text.contains("c\\u0001".uppercased()))
        #expect(text.contains("/Ærø"), "slashes are not escaped")
        #expect(text.hasPrefix("{\n  \"k\" : \""))
    }

    @Test func gitHubCommandsEscapeTheirSeparators() {
        #expect(Escaping.gitHubData("100% sikkert\r\nny linje: a,b") == "100%25 sikkert%0D%0Any linje: a,b")
        #expect(Escaping.gitHubProperty("udkast/nyt, kort: 100%.txt") == "udkast/nyt%2C kort%3A 100%25.txt")
        #expect(Escaping.gitHubProperty("a\nb") == "a%0Ab")
        #expect(Escaping.gitHubData("😀\u{202E}") == "😀\u{202E}")
    }

    @Test func terminalShowsControlsAndBidiOverridesAsVisibleEscapes() {
        #expect(Escaping.terminal("x\u{9B}y\u{2066}z") == "x\\u{9B}y\\u{2066}z")
        #expect(Escaping.terminal("a\u{1B}]0;t\u{07}\u{7F}\n\t") == "a\\u{1B}]0;t\\u{7}\\u{7F}\\u{A}\\u{9}")
        #expect(Escaping.terminal("\u{202A}\u{202E}\u{2069}") == "\\u{202A}\\u{202E}\\u{2069}")
        // Marks that do not reorder, non-BMP characters and quotes are shown as they are.
        #expect(Escaping.terminal("\u{200F}😀\"'") == "\u{200F}😀\"'")
    }
}
