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

    /// The language the command line asks for before it is parsed: `--lang X`, `--lang=X`, or LANG.
    static func language(_ arguments: [String], _ environment: [String: String]) -> Language {
        for (i, argument) in arguments.enumerated() {
            let value: String? = argument == "--lang" && i + 1 < arguments.count ? arguments[i + 1]
                : argument.hasPrefix("--lang=") ? String(argument.dropFirst(7)) : nil
            if let value, let language = Language(rawValue: value) { return language }
        }
        return Language.fromEnvironment(environment)
    }
}
