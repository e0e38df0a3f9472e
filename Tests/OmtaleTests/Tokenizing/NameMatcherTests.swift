import Testing
@testable import Omtale

@Suite("NameMatcher")
struct NameMatcherTests {
    let matcher = NameMatcher(ruleset: Fixtures.ruleset)

    func matches(_ text: String) -> [(NameMatcher.Kind, String, String)] {
        let document = Document(path: "t", inputID: "text", source: SourceText(text: text), tokenizer: Tokenizer())
        return matcher.matches(in: document).map { ($0.kind, $0.text, $0.suggestion) }
    }

    @Test func genitivesMatchTheName() {
        let found = matches("Realdanias, KL’s, KLs, Region Nordjyllands og Klimaalliancens")
        #expect(found.map(\.1) == ["Realdanias", "KL’s", "KLs", "Region Nordjyllands", "Klimaalliancens"])
        #expect(found.allSatisfy { $0.0 == .name })
        #expect(found.map(\.2) == ["Realdanias", "KL’s", "KLs", "Region Nordjyllands", "Klimaalliancens"])
    }

    @Test func caseInsensitiveForWordsCaseSensitiveForAcronyms() {
        #expect(matches("REALDANIA og region sjælland").map(\.0) == [.name, .name])
        #expect(matches("kl. 10 og Kl. 11").isEmpty)
    }

    @Test func klInsideOtherTokensDoesNotMatch() {
        #expect(matches("kl.dk, KLIMA, KLAR, navn@kl.dk, KL-bestyrelsen").map(\.1) == ["KL"])
    }

    @Test func multiWordNamesMatchAcrossAnyWhitespace() {
        // The matched text is the normalized text: the tab is folded to a space, the line break is kept.
        #expect(matches("Region  \t Hovedstaden og Region\nSjælland").map(\.1) == ["Region    Hovedstaden", "Region\nSjælland"])
    }

    @Test func punctuationBetweenWordsBreaksAName() {
        #expect(matches("Region, Hovedstaden").filter { $0.0 == .name }.isEmpty)
    }

    @Test func longestMatchWins() {
        #expect(matches("Den filantropiske forening Realdania").map(\.1) == ["Den filantropiske forening Realdania"])
        #expect(matches("Region Hovedstaden").map(\.0) == [.name])
    }

    @Test func lookalikesAreFoundAsLookalikes() {
        let found = matches("Danske Regioner, KKR Midtjylland og hovedstadsregionen")
        #expect(found.map(\.0) == [.lookalike, .lookalike, .lookalike, .lookalike])
        #expect(found.map(\.1) == ["Danske Regioner", "KKR", "Midtjylland", "hovedstadsregionen"])
    }

    @Test func oneEditApart() {
        #expect(NameMatcher.isOneEditApart("realdania", "realdannia"))
        #expect(NameMatcher.isOneEditApart("realdania", "raeldania"))
        #expect(NameMatcher.isOneEditApart("realdania", "realdanie"))
        #expect(!NameMatcher.isOneEditApart("realdania", "realdania"))
        #expect(!NameMatcher.isOneEditApart("realdania", "realdnnie"))
    }
}
