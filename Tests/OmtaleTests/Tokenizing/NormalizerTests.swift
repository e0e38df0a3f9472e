import Testing
@testable import Omtale

@Suite("Normalizer and source map")
struct NormalizerTests {
    func document(_ text: String, soft: Bool = true) -> Document {
        Document(path: "t", inputID: "text", source: SourceText(text: text, lineBreaksAreSoft: soft), tokenizer: Tokenizer())
    }

    /// Where the first occurrence of `needle` in the normalized text comes from in the original.
    func origin(_ document: Document, _ needle: String) throws -> Location {
        let range = try #require(document.text.range(of: needle))
        let offset = document.text.utf16.distance(from: document.text.utf16.startIndex, to: range.lowerBound.samePosition(in: document.text.utf16)!)
        return document.location(of: offset)
    }

    @Test func wordHyphenatedAtLineEndIsRejoinedAndMapsBack() throws {
        let doc = document("Det hedder Klimaal-\nliancen og samler alle.")
        #expect(doc.text == "Det hedder Klimaalliancen og samler alle.")
        #expect(try origin(doc, "Klimaalliancen") == Location(line: 1, column: 12))
        #expect(try origin(doc, "og samler") == Location(line: 2, column: 9))
    }

    @Test func realCompoundsKeepTheirHyphen() {
        #expect(document("Vi er med i DK2020-\npartnerskabet nu.").text == "Vi er med i DK2020-partnerskabet nu.")
        #expect(document("Hjælp fra KL-\nbestyrelsen nu.").text == "Hjælp fra KL-bestyrelsen nu.")
        #expect(document("Det er regional-\nog kommunalpolitisk.").text == "Det er regional- og kommunalpolitisk.")
        #expect(document("Det følger Paris-\nAftalen tæt.").text == "Det følger Paris-Aftalen tæt.")
    }

    @Test func crlfAndCRBecomeLineFeeds() throws {
        let doc = document("Første linje.\r\n\r\nAnden linje.\rTredje.", soft: false)
        #expect(doc.text == "Første linje.\n\nAnden linje.\nTredje.")
        #expect(try origin(doc, "Anden") == Location(line: 3, column: 1))
        #expect(try origin(doc, "Tredje") == Location(line: 4, column: 1))
    }

    @Test func softHyphensAreRemovedAndColumnsStayInTheOriginal() throws {
        let doc = document("Til Real\u{AD}dania og Klima\u{AD}alliancen.")
        #expect(doc.text == "Til Realdania og Klimaalliancen.")
        #expect(try origin(doc, "og Klima") == Location(line: 1, column: 16))
        #expect(try origin(doc, "alliancen") == Location(line: 1, column: 25))
    }

    @Test func unicodeSpacesBecomeSpaces() {
        #expect(document("Region\u{A0}Hovedstaden og\u{202F}KL\u{2009}i dag").text == "Region Hovedstaden og KL i dag")
    }

    @Test func decomposedLettersAreComposedAndMapBack() throws {
        let doc = document("Cafe\u{301} i Sjælland og Ska\u{30A}ne.")
        #expect(doc.text == "Café i Sjælland og Skåne.")
        #expect(try origin(doc, "Sjælland") == Location(line: 1, column: 9))
        #expect(try origin(doc, "og Sk") == Location(line: 1, column: 18))
    }

    @Test func wrappedLinesInAParagraphBecomeOneSentence() {
        let doc = document("Klimaalliancen samler kommuner og regioner om\nfælles klimaplaner i hele landet.\n\nNyt afsnit.")
        #expect(doc.text == "Klimaalliancen samler kommuner og regioner om fælles klimaplaner i hele landet.\n\nNyt afsnit.")
        #expect(doc.paragraphs.count == 2)
    }

    @Test func headlineAndListItemsKeepTheirLineBreaks() {
        let doc = document("Ny aftale\nKlimaalliancen begynder i dag med mange deltagere fra hele landet.\n- første punkt\n- andet punkt\n\nSlut.")
        #expect(doc.paragraphs.count == 5)
    }

    @Test func linesAreParagraphsWhenTheFileHasNoBlankLines() {
        let doc = document("Overskrift\nKlimaalliancen er et partnerskab.\nEt nyt afsnit begynder her.")
        #expect(doc.paragraphs.count == 3)
    }

    @Test func endLocationIsAfterTheLastCharacterEvenAcrossARejoinedLine() {
        let doc = document("Det hedder Klimaal-\nliancen.")
        let range = 11..<25
        #expect(doc.string(range) == "Klimaalliancen")
        let (start, end) = doc.locations(of: range)
        #expect(start == Location(line: 1, column: 12))
        #expect(end == Location(line: 2, column: 8))
    }

    @Test func astralCharactersCountAsOneColumn() throws {
        let doc = document("👨‍👩‍👧 Klimaalliancen")
        #expect(try origin(doc, "Klimaalliancen") == Location(line: 1, column: 7))
    }
}
