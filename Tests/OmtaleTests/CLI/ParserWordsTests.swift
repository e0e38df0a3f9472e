import Foundation
import Testing
@testable import OmtaleCLI

/// The argument parser's own words reach the user in Danish (issue 18), English on request.
@Suite("The argument parser's words")
struct ParserWordsTests {
    @Test func anUnsupportedLanguageIsRefusedInDanish() throws {
        let result = try CLI.run(["check", "--lang", "de", "fixtures/press/01-alle-parter.txt"], environment: ["LANG": "da_DK.UTF-8"])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "Fejl: Værdien 'de' kan ikke bruges til '--lang <sprog>'. Brug en af 'da' og 'en'.")
        #expect(lines.contains("Brug:  omtale check [<tilvalg>] [<sti> ...]"))
        #expect(lines.contains("  Se 'omtale check --help' for mere hjælp."))
        #expect(!result.stderr.contains("Error") && !result.stderr.contains("Usage") && !result.stderr.contains("Please"))
    }

    @Test func aMissingValueIsNamedInDanish() throws {
        let result = try CLI.run(["check", "fixtures/press/01-alle-parter.txt", "--format"], environment: ["LANG": "da_DK.UTF-8"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Fejl: Mangler en værdi til '--format <format>'\n"), "\(result.stderr)")
    }

    @Test func helpIsDanishAndEnglishOnRequest() throws {
        let danish = try CLI.run(["check", "--help"], environment: ["LANG": "da_DK.UTF-8"])
        #expect(danish.status == 0)
        for heading in ["OVERSIGT: ", "BRUG:  omtale check", "ARGUMENTER:", "TILVALG:", "Vis denne hjælp."] {
            #expect(danish.stdout.contains(heading), "\(heading)")
        }
        for english in ["OVERVIEW", "USAGE", "OPTIONS", "Show help", "(default:", "(values:"] {
            #expect(!danish.stdout.contains(english), "\(english)")
        }
        let english = try CLI.run(["check", "--help", "--lang", "en"])
        #expect(english.status == 0)
        #expect(english.stdout.contains("OPTIONS:") && english.stdout.contains("Show help information."))
    }

    @Test func valueNamesAreEnglishOnRequestAndDanishOtherwise() throws {
        func stderrLines(_ arguments: [String], _ lang: String) throws -> [String] {
            let result = try CLI.run(arguments, environment: ["LANG": lang])
            #expect(result.status == 2)
            return result.stderr.split(separator: "\n").map(String.init)
        }
        let english = try stderrLines(["check", "--lang", "en", "--color"], "da_DK.UTF-8")
        #expect(english.first == "Error: Missing value for '--color <color>'")
        #expect(english.contains("Usage: omtale check [<options>] [<path> ...]"))
        let fromLang = try stderrLines(["check", "--lang", "de"], "en_GB.UTF-8")
        #expect(fromLang.first == "Error: The value 'de' is invalid for '--lang <language>'. Please provide one of 'da' and 'en'.")
        let danish = try stderrLines(["check", "--color"], "da_DK.UTF-8")
        #expect(danish.first == "Fejl: Mangler en værdi til '--color <farve>'")
        #expect(danish.contains("Brug:  omtale check [<tilvalg>] [<sti> ...]"))
    }

    @Test func englishValueNamesKeepTheHelpColumn() {
        let help = "  --rules <mappe>         Mappe med regler.\n  --write-baseline <fil>  Gem dagens fund.\n  --baseline <fil>        Vis kun nye fund."
        #expect(ParserWords.localize(help, .en) == "  --rules <folder>        Mappe med regler.\n  --write-baseline <file>\n                          Gem dagens fund.\n  --baseline <file>       Vis kun nye fund.")
    }

    @Test func theLanguageIsReadBeforeParsing() {
        #expect(ParserWords.language(["check", "--lang", "en"], [:]) == .en)
        #expect(ParserWords.language(["check", "--lang=en"], ["LANG": "da_DK.UTF-8"]) == .en)
        #expect(ParserWords.language(["check", "--lang", "de"], ["LANG": "en_US.UTF-8"]) == .en)
        #expect(ParserWords.language(["check"], ["LANG": "da_DK.UTF-8"]) == .da)
    }

    @Test func hangingIndentsStillLineUp() {
        let usage = "Usage: omtale check [<options>] [<sti> ...]\n       [--format <format>]"
        let danish = ParserWords.localize(usage, .da)
        #expect(danish == "Brug:  omtale check [<tilvalg>] [<sti> ...]\n       [--format <format>]")
    }
}
