import ArgumentParser
import Foundation
import Omtale

/// The words swift-argument-parser prints itself ("Error:", "Usage:", "Unknown option", "Show help
/// information", "OVERVIEW:"), in Danish unless English was asked for (`--lang en` or LANG).
///
/// The parser has no localization hook, so its messages are matched by their fixed English shapes;
/// the column widths of the prefixes are kept so that hanging indents still line up.
enum ParserWords {
    /// Whole-line and in-line patterns, tried in order on every line.
    static let danish: [(pattern: String, template: String)] = [
        // Prefixes: "Usage: " and "Help:  " are seven columns wide, as are their Danish forms.
        (#"^Error: "#, "Fejl: "),
        (#"^Usage: "#, "Brug:  "),
        (#"^Help:  "#, "Hjælp: "),
        (#"^OVERVIEW: "#, "OVERSIGT: "),
        (#"^USAGE: "#, "BRUG:  "),
        (#"^ARGUMENTS:$"#, "ARGUMENTER:"),
        (#"^OPTIONS:$"#, "TILVALG:"),
        (#"^SUBCOMMANDS:$"#, "UNDERKOMMANDOER:"),
        (#"^  See '(.+) --help' for more information\.$"#, "  Se '$1 --help' for mere hjælp."),
        (#"^  See '(.+) <subcommand>' for detailed help\.$"#, "  Se '$1 <underkommando>' for hjælp til en underkommando."),
        (#"Show help information\.$"#, "Vis denne hjælp."),
        (#"Show the version\.$"#, "Vis versionen."),
        (#"Show subcommand help information\.$"#, "Vis hjælp til en underkommando."),
        // Value lists may wrap over lines: only their fixed words are replaced.
        (#"\(values: "#, "(værdier: "),
        (#"; default as flag: "#, "; standard som flag: "),
        (#"; default: "#, "; standard: "),
        (#"\(default: "#, "(standard: "),
        (#"^(\s+)default: "#, "$1standard: "),
        // The default subcommand in the list: "check (default)         Tjek …", one space less to keep the column.
        (#" \(default\) "#, " (standard)"),
        (#" \(default\)$"#, " (standard)"),
        (#"\[<options>\]"#, "[<tilvalg>]"),
        (#"<subcommand>"#, "<underkommando>"),
        // Messages after "Fejl: ".
        (#"Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#, "Ukendt tilvalg '$1'. Mente du '$2'?"),
        (#"Unknown option '([^']*)'"#, "Ukendt tilvalg '$1'"),
        (#"Missing value for '([^']*)'"#, "Mangler en værdi til '$1'"),
        (#"Missing expected argument '([^']*)'"#, "Mangler argumentet '$1'"),
        (#"Missing one of: (.*)$"#, "Mangler et af: $1"),
        (#"(\d+) unexpected arguments: (.*)$"#, "$1 uventede argumenter: $2"),
        (#"Unexpected argument '([^']*)'"#, "Uventet argument '$1'"),
        (#"The option '([^']*)' does not take any value, but '([^']*)' was specified\."#, "Tilvalget '$1' tager ingen værdi, men fik '$2'."),
        (#"The value '([^']*)' is invalid for '([^']*)'\. Please provide one of (.*)\.$"#, "Værdien '$1' kan ikke bruges til '$2'. Brug en af $3."),
        (#"The value '([^']*)' is invalid for '([^']*)'"#, "Værdien '$1' kan ikke bruges til '$2'"),
        (#"The value '([^']*)' is invalid\."#, "Værdien '$1' kan ikke bruges."),
        (#"Missing required subcommand\."#, "Angiv en underkommando."),
        (#"Invalid option: (.*)$"#, "Ugyldigt tilvalg: $1"),
        (#"' and '"#, "' og '"),
    ]

    static let compiled: [(NSRegularExpression, String)] = danish.map { (try! NSRegularExpression(pattern: $0.pattern), $0.template) }

    /// The value names the options declare in Danish ("<sti>"), in English. Names that are the same
    /// in both languages ("<format>", "<id>", "<port>") are not listed.
    static let englishValueNames: [(da: String, en: String)] = [
        ("sti", "path"), ("sprog", "language"), ("farve", "color"), ("mappe", "folder"), ("fil", "file"),
        ("part", "party"), ("dato", "date"), ("antal", "count"), ("adresse", "address"),
    ]

    static let compiledValueNames: [(NSRegularExpression, String)] = englishValueNames.map {
        (try! NSRegularExpression(pattern: "<" + NSRegularExpression.escapedPattern(for: $0.da) + ">( *)"), "<" + $0.en + ">")
    }

    /// `line` with the Danish value names in English. In the help's option list the description
    /// keeps its column: the padding after a longer name shrinks, and when fewer than two spaces
    /// would be left the description moves to the next line at its column, as the parser does it.
    static func englishValueNames(_ line: String) -> String {
        var line = line
        for (regex, english) in compiledValueNames {
            while let match = regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
                  let whole = Range(match.range, in: line), let padding = Range(match.range(at: 1), in: line) {
                let spaces = line[padding].count
                let danishName = line[whole.lowerBound..<padding.lowerBound]
                let rest = line[padding.upperBound...]
                let isColumn = spaces >= 2 && !rest.isEmpty
                var replacement = english
                if isColumn {
                    let column = line.distance(from: line.startIndex, to: padding.upperBound)
                    let left = spaces - (english.count - danishName.count)
                    replacement += left >= 2 ? String(repeating: " ", count: left)
                        : "\n" + String(repeating: " ", count: column)
                } else {
                    replacement += String(repeating: " ", count: spaces)
                }
                line.replaceSubrange(whole, with: replacement)
            }
        }
        return line
    }

    /// `text` with the parser's English words in `language`, and the options' Danish value names
    /// in English when English was asked for.
    static func localize(_ text: String, _ language: Language) -> String {
        guard language == .da else {
            return text.split(separator: "\n", omittingEmptySubsequences: false).map { englishValueNames(String($0)) }.joined(separator: "\n")
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = String(line)
            for (regex, template) in compiled {
                let range = NSRange(line.startIndex..., in: line)
                line = regex.stringByReplacingMatches(in: line, range: range, withTemplate: template)
            }
            return line
        }.joined(separator: "\n")
    }

    // MARK: The commands' own help

    /// The language the help is written in while the parser builds it: set by `main` from `--lang`/LANG
    /// before parsing, and by tests around `helpMessage`.
    @TaskLocal static var helpLanguage: Language = .da

    /// Every help text the commands declare (abstracts, discussions, option, flag and argument help), keyed by
    /// its Danish text as declared, in English. `{name}` marks a part filled in per language (see `help`).
    /// A Danish text missing here is shown in Danish (HelpLanguageTests fails on it).
    static let englishHelp: [String: String] = [
        // omtale
        "Tjekker danske pressemeddelelser og tekster om Klimaalliancen mod partnerskabsaftalen.":
            "Checks Danish press releases and texts about Klimaalliancen against the partnership agreement.",
        "Uden underkommando køres 'check'. Eksempler:\n  omtale fixtures/press/01-alle-parter.txt\n  omtale check --format json udkast/\n"
            + "  omtale rules explain partner-mention\nExit-koder: 0 ingen fejl, 1 mindst én fejl i teksterne, 2 forkert brug, ulæselig fil eller fejl i reglerne.":
            "Without a subcommand, 'check' runs. Examples:\n  omtale fixtures/press/01-alle-parter.txt\n  omtale check --format json drafts/\n"
            + "  omtale rules explain partner-mention\nExit codes: 0 no errors, 1 at least one error in the texts, 2 wrong usage, an unreadable file or an error in the rules.",
        "Mappe med regler (standard: de indbyggede regler for Klimaalliancen).": "Rules folder (default: the built-in rules for Klimaalliancen).",
        "Sprog for meddelelser: da eller en (standard: fra LANG, ellers dansk).": "Language of the messages: da or en (default: from LANG, otherwise Danish).",
        // check
        "Tjek filer og mapper (standard). '-' læser fra standard input.": "Check files and folders (the default). '-' reads from standard input.",
        "Indstillinger læses fra den nærmeste .omtale.yml over hver fil (se 'omtale init').":
            "Settings are read from the nearest .omtale.yml above each file (see 'omtale init').",
        "Filer eller mapper. Mapper gennemgås rekursivt efter kendte filtyper.": "Files or folders. Folders are searched recursively for known file types.",
        "Outputformat: {formater} (standard: {standard}). Kan gentages; hvert format skrives til standard output, medmindre et --output følger det.":
            "Output format: {formater} (default: {standard}). Can be repeated; each format goes to standard output unless an --output follows it.",
        "Skriv det foregående --format til denne fil i stedet for standard output ('-' er standard output).":
            "Write the preceding --format to this file instead of standard output ('-' is standard output).",
        "Tving et inputformat (se --list-inputs), fx til standard input.": "Force an input format (see --list-inputs), e.g. for standard input.",
        "Hvem teksterne er fra: en parts id eller navn (fx rm eller \"Region Midtjylland\") eller en anden organisation. "
            + "Afsenderen behøver ikke nævne sig selv (pkt. 9.1). Vinder over sender: i .omtale.yml.":
            "Who the texts are from: a party's id or name (e.g. rm or \"Region Midtjylland\") or another organisation. "
            + "The sender need not mention itself (clause 9.1). Overrides sender: in .omtale.yml.",
        "Udgivelsesdato ÅÅÅÅ-MM-DD for teksterne. Vinder over datoen i teksten; uden for aftalens periode (pkt. 7.1) gælder reglerne ikke.":
            "Publication date YYYY-MM-DD of the texts. Overrides the date in the text; outside the agreement's period (clause 7.1) the rules do not apply.",
        "Vis de kendte inputformater og stop.": "Show the known input formats and stop.",
        "Tjek filerne, som de er lagt klar til commit (git add), ikke som de ligger i mappen.":
            "Check the files as staged for commit (git add), not as they are in the folder.",
        "Vis kun nye fund: skjul dem, der står i denne fil med kendte fund.": "Show only new findings: hide those in this file of known findings.",
        "Gem dagens fund som kendte fund i denne fil (exit 0).": "Save today's findings as known findings in this file (exit 0).",
        "Advarsler tæller som fejl (exit 1), fx en fil i et format, Omtale ikke kan læse.":
            "Warnings count as errors (exit 1), e.g. a file in a format Omtale cannot read.",
        "Antal filer, der tjekkes samtidig (standard: antal kerner).": "Number of files checked at once (default: number of cores).",
        "Farver: auto (kun på en terminal og uden NO_COLOR), always eller never.": "Colors: auto (only on a terminal and without NO_COLOR), always or never.",
        "Ret de sikre fund: .txt og .md rettes i filen; en .docx får en kopi (navn.omtale.docx) med sporede ændringer og kommentarer. "
            + "Rapporten viser, hvad der er tilbage.":
            "Fix the safe findings: .txt and .md are fixed in the file; a .docx gets a copy (name.omtale.docx) with tracked changes and comments. "
            + "The report shows what is left.",
        "Sammen med --fix: vis ændringerne (unified diff) uden at skrive noget.": "With --fix: show the changes (unified diff) without writing anything.",
        "Sammen med --fix: ret selve .docx-filen i stedet for at skrive en kopi.": "With --fix: fix the .docx file itself instead of writing a copy.",
        // rules
        "Vis reglerne og forklar dem.": "Show the rules and explain them.",
        "Vis alle regler med alvorlighed og kort beskrivelse.": "Show every rule with its severity and a short description.",
        "Forklar én regel: hvad den kræver, og hvor i aftalen det står.": "Explain one rule: what it requires, and where the agreement says so.",
        "Reglens id, fx partner-mention.": "The rule's id, e.g. partner-mention.",
        // hook
        "Installér, vis eller fjern Omtale som git pre-commit-hook.": "Install, show or remove Omtale as a git pre-commit hook.",
        "Installér pre-commit-hooket. Et eksisterende hook bevares og køres efter Omtale.":
            "Install the pre-commit hook. An existing hook is kept and runs after Omtale.",
        "Det omtale-program, hooket skal bruge (standard: det, der kører nu).": "The omtale program the hook is to use (default: the one running now).",
        "Vis, om Omtale er installeret som pre-commit-hook, og hvilket program hooket bruger. Exit-kode 1, hvis hooket mangler eller ikke kan køre.":
            "Show whether Omtale is installed as a pre-commit hook, and which program the hook uses. Exit code 1 if the hook is missing or cannot run.",
        "Fjern hooket og genskab det hook, der var der før.": "Remove the hook and restore the hook that was there before.",
        // init
        "Skriv en kommenteret .omtale.yml i den aktuelle mappe.": "Write a commented .omtale.yml in the current folder.",
        "Overskriv en eksisterende .omtale.yml.": "Overwrite an existing .omtale.yml.",
        // serve
        "Start en webside, hvor man tjekker en tekst ved at vælge filen eller indsætte teksten.":
            "Start a web page where a text is checked by choosing its file or pasting the text.",
        "Siden kører kun på denne maskine, medmindre --host angiver en anden adresse. Tekster gemmes ikke: de holdes i hukommelsen, "
            + "mens de tjekkes, og loggen viser kun metode, adresse, status, størrelse og tid. Indstillinger læses fra .omtale.yml i mappen, "
            + "serveren startes i.":
            "The page runs only on this machine unless --host gives another address. Texts are not stored: they are kept in memory "
            + "while they are checked, and the log shows only method, address, status, size and time. Settings are read from .omtale.yml in the folder "
            + "the server is started in.",
        "Adressen, siden lytter på (standard: 127.0.0.1, kun denne maskine).": "The address the page listens on (default: 127.0.0.1, only this machine).",
        "Porten (standard: 8080; 0 vælger en ledig).": "The port (default: 8080; 0 picks a free one).",
        "Den afsender, siden foreslår, og som gælder, når en forespørgsel ikke nævner nogen: en parts id eller navn.":
            "The sender the page suggests, which applies when a request names none: a party's id or name.",
        ServeCommand.uploadMemoryHelp:
            "At most this many MB of uploads in memory at once, for all checks together; a file there is no room for gets "
            + "»try again in a moment« (default: 512 MB per core, here \(ServeCommand.defaultUploadMegabytes) MB).",
    ]

    /// Collects the Danish help texts asked for (tests: every one must have an English entry).
    final class Asked: @unchecked Sendable {
        private let lock = NSLock()
        private var texts: [String] = []
        func add(_ text: String) { lock.lock(); texts.append(text); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return texts }
    }

    @TaskLocal static var asked: Asked?

    /// `danish` in `helpLanguage`: as declared, or its entry in `englishHelp`. `fill` gives the text for
    /// each `{name}` in both languages (a list from a registry, say).
    static func help(_ danish: String, fill: [String: (da: String, en: String)] = [:]) -> String {
        asked?.add(danish)
        var text = helpLanguage == .da ? danish : englishHelp[danish] ?? danish
        for (name, value) in fill {
            text = text.replacingOccurrences(of: "{" + name + "}", with: helpLanguage == .da ? value.da : value.en)
        }
        return text
    }

    /// The language the command line asks for before it is parsed: `--lang X`, `--lang=X`, or LANG.
    static func language(_ arguments: [String], _ environment: [String: String]) -> Language {
        for (i, argument) in arguments.enumerated() {
            let value: String? = argument == "--lang" && i + 1 < arguments.count ? arguments[i + 1]
                : argument.hasPrefix("--lang=") ? String(argument.dropFirst(7)) : nil
            if let value, let language = Language(rawValue: value) { return language }
        }
        return Language.fromEnvironment(environment)
    }

    /// `arguments` as the parser is to see them. The parser's own `help` subcommand (`omtale help check`)
    /// knows no `--lang` and would fail on it; `language` has already read it, so it is left out there.
    static func forParser(_ arguments: [String]) -> [String] {
        guard arguments.first == "help" else { return arguments }
        var kept: [String] = []
        var skipValue = false
        for argument in arguments {
            if skipValue { skipValue = false; continue }
            if argument == "--lang" { skipValue = true; continue }
            if argument.hasPrefix("--lang=") { continue }
            kept.append(argument)
        }
        return kept
    }
}

extension ArgumentHelp {
    /// Help declared in Danish, shown in `ParserWords.helpLanguage` (see `ParserWords.englishHelp`).
    static func da(_ text: String, valueName: String? = nil, fill: [String: (da: String, en: String)] = [:]) -> ArgumentHelp {
        ArgumentHelp(ParserWords.help(text, fill: fill), valueName: valueName)
    }
}

extension ValidationError {
    /// A usage error in the language the command line asks for: `ParserWords.helpLanguage`, which `main` sets
    /// from `--lang`/LANG before parsing, the same language as the parser's own "Fejl:"/"Error:" around it.
    /// Danish quotes option values with »…«, English with '…'.
    init(da: String, en: String) {
        self.init(ParserWords.helpLanguage == .da ? da : en)
    }

    /// `--sender ""` (check and serve).
    static var emptySender: ValidationError {
        ValidationError(da: "--sender skal være en parts id eller navn, fx »rm« eller »Region Midtjylland«.",
                        en: "--sender must be a party's id or name, e.g. 'rm' or 'Region Midtjylland'.")
    }
}
