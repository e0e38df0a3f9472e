import ArgumentParser
import Foundation
import Omtale
import Testing
@testable import OmtaleCLI

/// The commands' own help texts (abstracts, discussions, option help) in English on request (issue 18).
@Suite("Help in the user's language")
struct HelpLanguageTests {
    /// `omtale` and every command below it.
    static func commands(_ command: ParsableCommand.Type = OmtaleCommand.self) -> [ParsableCommand.Type] {
        [command] + command.configuration.subcommands.flatMap { commands($0) }
    }

    static func help(_ command: ParsableCommand.Type, _ language: Language, _ asked: ParserWords.Asked? = nil) -> String {
        ParserWords.$asked.withValue(asked) {
            ParserWords.$helpLanguage.withValue(language) {
                ParserWords.localize(OmtaleCommand.helpMessage(for: command, columns: 100), language)
            }
        }
    }

    @Test func everyDanishHelpTextHasEnglish() {
        let asked = ParserWords.Asked()
        for command in Self.commands() { _ = Self.help(command, .en, asked) }
        #expect(asked.all.count >= 30, "\(asked.all.count) help texts")
        for danish in Set(asked.all) {
            #expect(ParserWords.englishHelp[danish] != nil, "no English for: \(danish)")
        }
    }

    @Test func englishHelpHasNoDanishLeft() {
        #expect(Self.commands().count == 11)
        for command in Self.commands() {
            let english = Self.help(command, .en)
            let danish = Self.help(command, .da)
            #expect(english != danish)
            // Danish letters or words, and the Danish help's descriptions (one line each, to the wrap).
            for word in ["æ", "ø", "å", "Æ", "Ø", "Å", " eller ", " og ", " ikke ", "(standard", "værdier", "Vis ", "Tjek "] {
                #expect(!english.contains(word), "\(command.configuration.commandName ?? "\(command)"): »\(word)« in\n\(english)")
            }
            for line in danish.split(separator: "\n") where line.contains("æ") || line.contains("ø") || line.contains("å") {
                let text = line.trimmingCharacters(in: .whitespaces)
                #expect(!english.contains(text), "\(text)")
            }
        }
    }

    @Test func danishHelpStaysDanish() {
        for command in Self.commands() {
            let danish = Self.help(command, .da)
            #expect(!danish.contains("(default") && !danish.contains("Show "), "\(danish)")
        }
        #expect(Self.help(ServeCommand.self, .da).contains("Porten (standard: 8080; 0 vælger en ledig)."))
    }

    @Test func theProgramShowsEnglishHelpForLangAndLANG() throws {
        // Wrapped to the terminal's width: compared with the line breaks as spaces.
        func run(_ arguments: [String], _ lang: String) throws -> (status: Int32, stdout: String) {
            let result = try CLI.run(arguments, environment: ["LANG": lang])
            return (result.status, result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        }
        let byOption = try run(["serve", "--help", "--lang", "en"], "da_DK.UTF-8")
        #expect(byOption.status == 0)
        #expect(byOption.stdout.contains("OVERVIEW: Start a web page where a text is checked by choosing its file or pasting the text."))
        #expect(byOption.stdout.contains("The port (default: 8080; 0 picks a free one)."))
        let byLang = try run(["--help"], "en_GB.UTF-8")
        #expect(byLang.stdout.contains("Checks Danish press releases and texts about Klimaalliancen against the partnership agreement."))
        #expect(byLang.stdout.contains("Install, show or remove Omtale as a git pre-commit hook."))
        #expect(!byLang.stdout.contains("Tjek"), "\(byLang.stdout)")
        let danish = try run(["serve", "--help"], "da_DK.UTF-8")
        #expect(danish.stdout.contains("Porten (standard: 8080; 0 vælger en ledig)."))
    }
}
