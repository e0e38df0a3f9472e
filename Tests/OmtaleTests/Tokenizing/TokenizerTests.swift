import Testing
@testable import Omtale

@Suite("Tokenizer (ICU, da_DK)")
struct TokenizerTests {
    let tokenizer = Tokenizer()

    func tokens(_ text: String) -> [(Token.Kind, String)] {
        let units = Array(text.utf16)
        return tokenizer.tokens(units).map { ($0.kind, String(decoding: units[$0.range], as: UTF16.self)) }
    }

    func sentences(_ text: String) -> [String] {
        let units = Array(text.utf16)
        return tokenizer.sentences(units).map { String(decoding: units[$0], as: UTF16.self).trimmingCharacters(in: .whitespaces) }
    }

    @Test func kindsOfTokens() {
        let result = tokens("KL's 82,1 mio. kr.")
        #expect(result.map(\.0) == [.word, .space, .number, .space, .word, .punctuation, .space, .word, .punctuation])
        #expect(result.map(\.1) == ["KL's", " ", "82,1", " ", "mio", ".", " ", "kr", "."])
    }

    @Test func emailAndURLTokensAreLinks() {
        let result = tokens("Skriv til presse@kl.dk eller https://www.kl.dk/klimaalliancen.")
        let links = result.filter { $0.0 == .link }.map(\.1)
        #expect(links.joined() == "presse@kl.dkhttps://www.kl.dk/klimaalliancen", "\(links)")
        #expect(result.last?.0 == .punctuation)
        #expect(result.contains { $0.0 == .word && $0.1 == "eller" })
    }

    @Test func danishAbbreviationsDoNotEndSentences() {
        #expect(sentences("Der er bl.a. tale om ca. 30 kommuner. Næste sætning.").count == 2)
        #expect(sentences("Budgettet er 82,1 mio. kr. til projektet. Slut.").count == 2)
        #expect(sentences("Se jf. Bilag 1 for detaljer. Slut.").count == 2)
        #expect(sentences("Hun er adm. direktør i Realdania. Han er dir. Hansen fra KL.").count == 2)
        #expect(sentences("Det gælder f.eks. Region Sjælland. Og pkt. 9.1 gælder.").count == 2)
        #expect(sentences("Mødet er kl. 10.00 i morgen. Alle er velkomne.").count == 2)
        #expect(sentences("Projekter inkl. moms og ekskl. moms mv. er med. Slut.").count == 2)
    }

    @Test func sometimesFinalAbbreviationCanEndASentence() {
        #expect(sentences("De bidrager med 30 mio. Herefter følger resten.").count == 2)
    }

    @Test func ordinarySentencesAreSplit() {
        #expect(sentences("Klimaalliancen er i gang. KL er med! Er Realdania? Ja.").count == 4)
    }
}
