import Foundation
import Testing
@testable import Omtale

@Suite("partnership-claim")
struct PartnershipClaimRuleTests {
    @Test func approvalAndCertificationClaims() {
        assertRule("partnership-claim", "Varmepumpen er 1️⃣certificeret af Klimaalliancen.", [
            Expected("1️⃣", whole: "»certificeret af Klimaalliancen« ligner en påstand om, at Klimaalliancen godkender, anbefaler eller certificerer noget. Alliancen hverken godkender, anbefaler eller certificerer produkter, og partnerskabet må kun bruges ikke-kommercielt (pkt. 9.1).",
                     english: "'certificeret af Klimaalliancen' looks like a claim that Klimaalliancen approves, recommends or certifies something. The alliance neither approves, recommends nor certifies products, and the partnership may only be used non-commercially (section 9.1).",
                     severity: .error),
        ])
        assertRule("partnership-claim", "Appen er 1️⃣certificeret efter Klimaalliancens metode.", [
            Expected("1️⃣", "»certificeret efter Klimaalliancens« ligner en påstand"),
        ])
        assertRule("partnership-claim", "EnergiKompasset® er nu 1️⃣Klimaalliancen-godkendt.", [
            Expected("1️⃣", "»Klimaalliancen-godkendt« ligner en påstand"),
        ])
        assertRule("partnership-claim", "Produktet er 1️⃣endorsed by Klimaalliancen.", [Expected("1️⃣", "»endorsed by Klimaalliancen«")])
    }

    @Test func theAlliancesOwnBodiesAndPlainReferencesAreNoClaims() {
        assertRule("partnership-claim", "Planen er godkendt af Klimaalliancens forretningsudvalg og anbefalet af Klimaalliancens styregruppe.", [])
        assertRule("partnership-claim", "Ifølge Klimaalliancens opgørelse er udledningen faldet.", [])
        assertRule("partnership-claim", "Klimaalliancen er et partnerskab mellem KL, regionerne og Realdania.", [])
    }

    @Test func partnerClaimsByCompaniesButNotByParties() {
        assertRule("partnership-claim", "GrønVarme A/S er 1️⃣officiel partner i Klimaalliancen.", [
            Expected("1️⃣", "»officiel partner i Klimaalliancen« ligner en påstand om et partnerskab eller sponsorat med Klimaalliancen."),
        ])
        assertRule("partnership-claim", "Region Syddanmark er stolt partner i Klimaalliancen.", [])
        assertRule("partnership-claim", "Fjordby Kommune har i samarbejde med Klimaalliancen lavet et værktøj.", [])
        // A partner claim in a text with no company or commercial use at all is not reported.
        assertRule("partnership-claim", "Foreningen er partner i Klimaalliancen.", [])
    }

    @Test func theNameInABrandPackageOrCode() {
        assertRule("partnership-claim", "Planfold lancerer 1️⃣Klimaalliance-pakken til kommunerne.", [
            Expected("1️⃣", "»Klimaalliance-pakken« ligner Klimaalliancens navn brugt i et produkt-, pakke-, kampagne- eller kodenavn."),
        ])
        assertRule("partnership-claim", "Klimaalliancen har analyseret skolerne. Brug rabatkoden 1️⃣KLIMAALLIANCEN25 ved bestilling.", [
            Expected("1️⃣", "»KLIMAALLIANCEN25« ligner Klimaalliancens navn"),
        ])
        assertRule("partnership-claim", "Klimaalliancen har nye data. Prøv 1️⃣Klimaalliancepakken i dag.", [Expected("1️⃣", "»Klimaalliancepakken«")])
        // The alliance's own genitive and plural are not brands.
        assertRule("partnership-claim", "Klimaalliancens spor og andre klimaalliancer.", [])
    }

    @Test func englishMessages() {
        assertRule("partnership-claim", "The heat pump is 1️⃣certified by Klimaalliancen.", [
            Expected("1️⃣", "'certified by Klimaalliancen' looks like a claim that Klimaalliancen approves, recommends or certifies something."),
        ], language: .en)
    }

    // MARK: - Images in an advert

    func imageReport(_ text: String, images: [ImageReference]) -> [Diagnostic] {
        let source = SourceText(text: text, images: images, lineBreaksAreSoft: false)
        return Fixtures.checker().check(source, path: "billeder.docx", inputID: "docx").diagnostics
            .filter { $0.ruleID == "partnership-claim" && $0.range.isEmpty }
    }

    @Test func partnershipImageInACommercialTextIsReportedAtItsAnchor() throws {
        let text = "Ny tavle fra Klimaalliancen\nFoto: GrønStrøm ApS\nKøb tavlen i vores webshop for 499 kr."
        let anchor = "Ny tavle fra Klimaalliancen\n".unicodeScalars.count
        let found = imageReport(text, images: [
            ImageReference(name: "logo.png", altText: "Klimaalliancens logo", title: "Logo", anchor: anchor),
            ImageReference(name: "pumpe.png", altText: "En varmepumpe", anchor: anchor),
        ])
        #expect(found.count == 1)
        let image = try #require(found.first)
        #expect(image.start == Location(line: 2, column: 1))
        #expect(image.severity == .error)
        #expect(image.message(.da).hasPrefix("Billedet »Klimaalliancens logo« viser Klimaalliancen i en tekst, der ligner kommerciel brug (»Køb«"))
    }

    @Test func imageTitleNamingAPartyCounts() {
        let found = imageReport("Klimaalliancens kursus\nKursusgebyr 2.995 kr. Bestil i vores webshop.", images: [
            ImageReference(altText: "", title: "Realdanias konference", anchor: 0),
        ])
        #expect(found.map { $0.message(.en) }.contains { $0.hasPrefix("The image 'Realdanias konference' shows Realdania in a text that looks like commercial use") })
    }

    @Test func partnershipImageInAnOrdinaryTextIsFine() {
        let found = imageReport("Klimaalliancen samler kommunerne\nKlimaalliancen tilbyder gratis sparring.", images: [
            ImageReference(altText: "Klimaalliancens workshop", anchor: 0),
        ])
        #expect(found.isEmpty)
    }

    @Test func anImageNamingTheAllianceMakesACommercialTextAboutIt() {
        let found = imageReport("Ny klimatavle\nKøb tavlen i vores webshop for 499 kr.", images: [
            ImageReference(altText: "Klimaalliancens logo", anchor: 0),
        ])
        #expect(found.count == 1)
    }

    @Test func anImageNamingOnlyAPartyDoesNotMakeATextAboutTheAlliance() {
        let found = imageReport("Ny klimatavle\nKøb tavlen i vores webshop for 499 kr.", images: [
            ImageReference(altText: "Region Midtjyllands hospital i Gødstrup", anchor: 0),
        ])
        #expect(found.isEmpty)
    }
}
