import Testing
@testable import Omtale

/// Regression cases for the quadratic NFC pass (a single decomposed "å" made 459 K characters take
/// 132 s): each shape is normalized at two sizes, and the pass's own work counter must grow in
/// proportion to the text. Work counters, never clocks, so the test is stable on a busy machine.
@Suite("Linear in the text")
struct LinearityTests {
    static let sentence = "Borgmester Anna Holm fra Venstre siger at kommunen vil give flere penge til klimaet."

    /// Decomposed letters in every sentence ("a" + U+030A, "e" + U+0301).
    static func decomposed(_ n: Int) -> String {
        (0..<n).map { _ in "Ska\u{30A}ne og cafe\u{301}en: " + sentence }.joined(separator: " ")
    }

    /// One line, no line end, one decomposed letter near the start.
    static func longLine(_ n: Int) -> String {
        "Ska\u{30A}ne. " + Array(repeating: sentence, count: n).joined(separator: " ")
    }

    /// One paragraph of hard-wrapped lines, no blank line, one decomposed letter near the start.
    static func hugeParagraph(_ n: Int) -> String {
        "Ska\u{30A}ne og\n" + Array(repeating: "kommunen vil give flere penge til klimaet i hele regionen,", count: n).joined(separator: "\n")
    }

    func work(_ text: String) -> Int {
        var work = 0
        _ = Normalizer.nfcPreservingMap(text, work: &work)
        return work
    }

    @Test(arguments: ["decomposed", "longLine", "hugeParagraph"])
    func nfcWorkGrowsInProportionToTheText(shape: String) {
        let make: (Int) -> String = switch shape {
        case "decomposed": Self.decomposed
        case "longLine": Self.longLine
        default: Self.hugeParagraph
        }
        let small = make(500), large = make(4000)
        let sizeRatio = Double(large.unicodeScalars.count) / Double(small.unicodeScalars.count)
        let workRatio = Double(work(large)) / Double(work(small))
        #expect(workRatio <= sizeRatio * 1.1, "work grew \(workRatio)× for \(sizeRatio)× the text")
    }

    @Test func nfcOfALargeTextIsCorrectAndMapsBack() throws {
        let text = Self.longLine(4000) + " Sidste ord i Ska\u{30A}ne."
        let doc = Document(path: "t", inputID: "text", source: SourceText(text: text, lineBreaksAreSoft: true), tokenizer: Tokenizer())
        #expect(!doc.text.unicodeScalars.contains("\u{30A}"))
        let range = try #require(doc.text.range(of: "Sidste ord"))
        let offset = doc.text.utf16.distance(from: doc.text.utf16.startIndex, to: range.lowerBound.samePosition(in: doc.text.utf16)!)
        // One decomposed letter before it in the original: the column is one more than in the output.
        let expected = text.unicodeScalars.count - " Sidste ord i Ska\u{30A}ne.".unicodeScalars.count + 2
        #expect(doc.location(of: offset) == Location(line: 1, column: expected))
    }
}
