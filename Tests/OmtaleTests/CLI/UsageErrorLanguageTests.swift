import Foundation
import Omtale
import Testing
@testable import OmtaleCLI

/// The usage errors the commands throw from `validate()`: Danish by default, English with `--lang en` or an
/// English LANG, each the whole line after the parser's own »Fejl:«/»Error:«. Danish quotes values with »…«.
@Suite("Usage errors in the user's language")
struct UsageErrorLanguageTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var da: String
        var en: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let formats = ReporterRegistry.ids.joined(separator: ", ")

    static let cases: [Case] = [
        // CheckCommand
        Case(arguments: ["check"],
             da: "Angiv mindst én fil eller mappe (eller »-« for standard input, eller --staged).",
             en: "Give at least one file or folder (or '-' for standard input, or --staged)."),
        Case(arguments: ["check", "--date", "1/12", "x.txt"],
             da: "--date skal være en dato som ÅÅÅÅ-MM-DD, fx 2026-12-01 (fik »1/12«).",
             en: "--date must be a date as YYYY-MM-DD, e.g. 2026-12-01 (got '1/12')."),
        Case(arguments: ["check", "--sender", " ", "x.txt"],
             da: "--sender skal være en parts id eller navn, fx »rm« eller »Region Midtjylland«.",
             en: "--sender must be a party's id or name, e.g. 'rm' or 'Region Midtjylland'."),
        // FixCommand
        Case(arguments: ["check", "--dry-run", "x.txt"],
             da: "--dry-run hører til --fix: omtale check --fix --dry-run <fil>",
             en: "--dry-run belongs to --fix: omtale check --fix --dry-run <file>"),
        Case(arguments: ["check", "--fix", "-"],
             da: "--fix kan ikke rette standard input; angiv en fil.",
             en: "--fix cannot fix standard input; give a file."),
        // OutputDestinations
        Case(arguments: ["check", "--format", "pdf", "x.txt"],
             da: "Ukendt outputformat »pdf«. Kendte: \(formats).",
             en: "Unknown output format 'pdf'. Known: \(formats)."),
        Case(arguments: ["check", "--format", "json", "--format", "sarif", "x.txt"],
             da: "Kun ét format kan skrives til standard output, men json og sarif skal alle derhen. Giv de andre et --output <fil>.",
             en: "Only one format can be written to standard output, but json and sarif would all go there. Give the others an --output <file>."),
        Case(arguments: ["check", "--format", "json", "--output", "a.json", "--output", "b.json", "x.txt"],
             da: "--format json har allerede --output »a.json«. Skriv et nyt --format før --output »b.json«.",
             en: "--format json already has --output 'a.json'. Write a new --format before --output 'b.json'."),
        // ServeCommand (validate fails before any server starts)
        Case(arguments: ["serve", "--port", "70000"],
             da: "--port skal være et tal fra 0 til 65535 (fik 70000).",
             en: "--port must be a number from 0 to 65535 (got 70000)."),
        Case(arguments: ["serve", "--upload-memory", "0"],
             da: "--upload-memory skal være et antal MB, mindst 1 (fik 0).",
             en: "--upload-memory must be a number of MB, at least 1 (got 0)."),
        // HookCommand (validate fails before anything is installed)
        Case(arguments: ["hook", "install", "--binary", "/findes/ikke/omtale"],
             da: "--binary /findes/ikke/omtale: filen findes ikke. Angiv stien til et installeret omtale, fx --binary \"$(command -v omtale)\", "
                + "eller udelad --binary for at bruge det omtale, der kører nu.",
             en: "--binary /findes/ikke/omtale: the file does not exist. Give the path of an installed omtale, e.g. --binary \"$(command -v omtale)\", "
                + "or leave out --binary to use the omtale that is running now."),
    ]

    /// The first line of standard error, and that the usage line follows it.
    static func message(_ result: CLI.Result, usage: String) -> String? {
        let lines = result.stderr.components(separatedBy: "\n")
        #expect(lines.count > 1 && lines[1].hasPrefix(usage), "stderr: \(result.stderr)")
        return lines.first
    }

    @Test(arguments: cases)
    func danishByDefault(_ c: Case) throws {
        let result = try CLI.run(c.arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(Self.message(result, usage: "Brug:  omtale ") == "Fejl: " + c.da)
    }

    @Test(arguments: cases)
    func englishWithLang(_ c: Case) throws {
        let result = try CLI.run(c.arguments + ["--lang", "en"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(Self.message(result, usage: "Usage: omtale ") == "Error: " + c.en)
    }

    @Test func englishFromLANG() throws {
        let c = Self.cases[1]
        let result = try CLI.run(c.arguments, environment: ["LANG": "en_GB.UTF-8"])
        #expect(result.status == 2)
        #expect(Self.message(result, usage: "Usage: omtale ") == "Error: " + c.en)
    }
}

/// ArgumentParser's own `help` subcommand knows no `--lang`: main reads it and leaves it out for the parser.
@Suite("omtale help <command> in the user's language")
struct HelpSubcommandLanguageTests {
    @Test func helpSubcommandTakesLang() throws {
        let english = try CLI.run(["help", "check", "--lang", "en"])
        #expect(english.status == 0, "stderr: \(english.stderr)")
        #expect(english.stderr.isEmpty)
        #expect(english.stdout.hasPrefix("OVERVIEW: Check files and folders (the default)."))
        #expect(english.stdout == (try CLI.run(["check", "--help", "--lang", "en"])).stdout)
        let danish = try CLI.run(["help", "check"])
        #expect(danish.status == 0)
        #expect(danish.stdout.hasPrefix("OVERSIGT: Tjek filer og mapper (standard)."))
        #expect(danish.stdout == (try CLI.run(["check", "--help"])).stdout)
        let nested = try CLI.run(["help", "--lang=en", "rules", "explain"])
        #expect(nested.status == 0, "stderr: \(nested.stderr)")
        #expect(nested.stdout == (try CLI.run(["rules", "explain", "--help", "--lang", "en"])).stdout)
    }

    @Test func onlyTheHelpSubcommandLosesLang() {
        #expect(ParserWords.forParser(["help", "check", "--lang", "en"]) == ["help", "check"])
        #expect(ParserWords.forParser(["help", "--lang=en", "rules", "list"]) == ["help", "rules", "list"])
        #expect(ParserWords.forParser(["check", "--lang", "en", "help"]) == ["check", "--lang", "en", "help"])
        #expect(ParserWords.forParser([]) == [])
    }
}
