import Testing
@testable import Omtale

@Suite("party-spelling")
struct PartySpellingRuleTests {
    @Test func knownMisspellingsAreWarningsWithTheCanonicalSpelling() {
        assertRule("party-spelling", """
            Klimaalliancen: 1️⃣Region Syd Danmark, 2️⃣Real Dania og 3️⃣Region H.
            """, [
                Expected("1️⃣", whole: "»Region Syd Danmark« staves »Region Syddanmark«.",
                         english: "'Region Syd Danmark' is spelled 'Region Syddanmark'.", severity: .warning),
                Expected("2️⃣", whole: "»Real Dania« staves »Realdania«."),
                Expected("3️⃣", whole: "»Region H« er en kortform. Skriv »Region Hovedstaden«.",
                         english: "'Region H' is a short form. Write 'Region Hovedstaden'."),
            ])
    }

    /// A name cut short is a short form, not a misspelling; a longer cut (»Region Hovedstad«) is spelled wrong.
    @Test func shortFormsAreCalledShortForms() {
        assertRule("party-spelling", "Klimaalliancen: 1️⃣Region Midt, 2️⃣Region Syd og 3️⃣Region Hovedstad.", [
            Expected("1️⃣", whole: "»Region Midt« er en kortform. Skriv »Region Midtjylland«."),
            Expected("2️⃣", whole: "»Region Syd« er en kortform. Skriv »Region Syddanmark«."),
            Expected("3️⃣", whole: "»Region Hovedstad« staves »Region Hovedstaden«."),
        ])
    }

    @Test func oneEditAwayFromALongNameIsAMisspelling() {
        assertRule("partner-mention", "1️⃣Klimaallianen: KL, de fem regioner og Realdannia.", [])
        assertRule("party-spelling", "1️⃣Klimaallianen: KL, de fem regioner og 2️⃣Realdannia.", [
            Expected("1️⃣", "»Klimaallianen« staves »Klimaalliancen«."),
            Expected("2️⃣", "»Realdannia« staves »Realdania«."),
        ])
    }

    @Test func misspelledGenitiveKeepsTheGenitiveInTheSuggestion() {
        assertRule("party-spelling", "Klimaalliancen: 1️⃣Realdannias midler.", [Expected("1️⃣", "»Realdannias« staves »Realdanias«.")])
    }

    @Test func danishLettersWrittenAsTwoLetters() {
        assertRule("party-spelling", "Klimaalliancen: 1️⃣Region Sjaelland og 2️⃣Region Sjaellands folk.", [
            Expected("1️⃣", whole: "»Region Sjaelland« skal skrives med æ, ø eller å: »Region Sjælland«.",
                     english: "'Region Sjaelland' should be written with æ, ø or å: 'Region Sjælland'."),
            Expected("2️⃣", "»Region Sjaellands« skal skrives med æ, ø eller å: »Region Sjællands«."),
        ])
    }

    @Test func pluralOfAllianceIsNotAMisspelling() {
        assertRule("party-spelling", "Klimaalliancen og andre klimaalliancer i Europa.", [])
    }

    @Test func correctSpellingsAreNotReported() {
        assertRule("party-spelling", "Klimaalliancens parter: KL, Region Sjælland, Realdanias og Region Syddanmarks folk.", [])
    }
}
