import Foundation
@testable import Omtale

/// A fixed run for the reporter tests: three files that between them hit every kind of output
/// (an error, a warning, an info, a clean file with quotes, an unreadable file) and the characters
/// each format must escape (HTML/XML markup, `%`, `,`, `:`, quotes, æøå, an emoji, a space in a path).
enum ReportSamples {
    static let workingDirectory = "/arbejde/presse"

    /// Realdania is missing (error), RM is an abbreviation (warning), "de fem regioner" is collective (info).
    static let draftText = """
        👨‍👩‍👧 Klimaalliancen <b>fejrer</b> 100% "grøn" omstilling & mere

        KL og de fem regioner samarbejder i Klimaalliancen. RM deltager også.

        """

    static let cleanText = """
        Nyt fra Klimaalliancen

        Klimaalliancen er et partnerskab mellem KL, Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania.

        """

    static var reports: [FileReport] {
        let checker = Fixtures.checker(Fixtures.reporterRuleset)
        let draft = checker.check(text: draftText, path: "udkast/Pressemeddelelse æøå.txt")
        var clean = checker.check(text: cleanText, path: "\(workingDirectory)/udkast/nyt, kort: 100%.txt")
        clean.quotes = [
            QuoteReport(text: "Vi <skal> nå målene & mere", line: 3, column: 1, speaker: "Anne Fiktiv", role: "formand",
                        organisation: "KL", party: "KL"),
            QuoteReport(text: "Det går godt", line: 5, column: 3),
        ]
        let unreadable = FileReport(path: "udkast/gammel <v2> & kopi, 100%: arkiv.doc", input: "text",
                                    error: InputError(.binary, da: "filen indeholder binære data", en: "the file contains binary data"))
        return [draft, clean, unreadable]
    }

    static func options(_ language: Language = .da) -> ReportOptions {
        ReportOptions(language: language, color: false, toolVersion: "9.9.9-test", ruleset: Fixtures.reporterRuleset,
                      workingDirectory: workingDirectory)
    }
}
