import Testing
@testable import Omtale

/// Clause references come from the rules in Danish; every English line says "section" (issue 18).
@Suite("Clause references")
struct ClauseReferenceTests {
    @Test func danishAsWrittenEnglishAsSection() {
        #expect(ClauseReference.localized("pkt. 9.1") == Localized(da: "pkt. 9.1", en: "section 9.1"))
        #expect(ClauseReference.localized("pkt. 1 og 9.1") == Localized(da: "pkt. 1 og 9.1", en: "sections 1 and 9.1"))
        #expect(ClauseReference.localized("pkt. 8.2, 8.3 og 9.1") == Localized(da: "pkt. 8.2, 8.3 og 9.1", en: "sections 8.2, 8.3 and 9.1"))
        // Another partnership's own form is shown as written in both languages.
        #expect(ClauseReference.localized("§ 4") == Localized(da: "§ 4", en: "§ 4"))
        #expect(ClauseReference.localized("pkt. bilag A") == Localized(da: "pkt. bilag A", en: "pkt. bilag A"))
    }

    @Test func mergedListsEachClauseOnce() {
        #expect(ClauseReference.merged(["pkt. 1", "pkt. 1 og 9.1"]) == "pkt. 1 og 9.1")
        #expect(ClauseReference.merged(["pkt. 9.1", "pkt. 9.1"]) == "pkt. 9.1")
        #expect(ClauseReference.merged(["pkt. 9.1", "§ 4"]) == "pkt. 9.1, § 4")
    }
}
