/// A self-contained HTML page (`--format html > rapport.html`) for the people who write the texts:
/// each document shown with its findings highlighted in place (hover for the message, click for the
/// full explanation and fix), a checklist of the parties, the quotes with their speakers, and a
/// summary. A Word document is shown as written (`DocumentMarkup`): tables, headers and footers,
/// comments and tracked changes; the report of a `--fix` run lists and marks the changes made.
/// Danish unless `--lang en`.
///
/// The page loads nothing: CSS and the small script are inline, so it can be mailed or archived
/// as one file. All text from documents and rules is escaped. Without JavaScript it still works
/// (native tooltips, links from the findings list to the text); the script adds the click popover
/// and marks the page ready (`<body data-ready="1" data-marks=… data-findings=…>`), which the tests
/// read back from headless Chromium.
public struct HTMLReporter: Reporter {
    public let id = "html"
    public var showsDocuments: Bool { true }
    public init() {}

    public func render(_ reports: [FileReport], options: ReportOptions) -> String {
        let words = Words(language: options.language)
        let summary = RunSummary(reports)
        var out = """
            <!DOCTYPE html>
            <html lang="\(options.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="omtale \(Escaping.html(options.toolVersion))">
            <title>\(Escaping.html(words.title(options.ruleset)))</title>
            <style>\(Self.css)</style>
            </head>
            <body>

            """
        out += header(reports, summary: summary, options: options, words: words)
        out += "<main>\n"
        for (index, report) in reports.enumerated() {
            out += section(report, number: index + 1, options: options, words: words)
        }
        out += "</main>\n"
        out += "<footer>\(Escaping.html(words.footer(options)))</footer>\n"
        out += "<div id=\"popover\" role=\"dialog\" aria-live=\"polite\" hidden></div>\n"
        out += "<script>\(Self.script)</script>\n</body>\n</html>\n"
        return out
    }

    // MARK: Summary

    func header(_ reports: [FileReport], summary: RunSummary, options: ReportOptions, words: Words) -> String {
        var out = "<header class=\"top\">\n<h1>\(Escaping.html(words.title(options.ruleset)))</h1>\n"
        if let ruleset = options.ruleset {
            out += "<p class=\"sub\">\(Escaping.html(words.subtitle(ruleset)))</p>\n"
        }
        out += "<div class=\"cards\">\n"
        out += card(summary.checked, words.checkedFiles(summary.checked), kind: "files")
        out += card(summary.errors, words.errorsLabel(summary.errors), kind: "error")
        out += card(summary.warnings, words.warningsLabel(summary.warnings), kind: "warning")
        out += card(summary.infos, words.infos, kind: "info")
        if summary.unreadable > 0 { out += card(summary.unreadable, words.unreadable(summary.unreadable), kind: "error") }
        if !summary.skippedPaths.isEmpty { out += card(summary.skippedPaths.count, words.skippedCard, kind: "warning") }
        out += "</div>\n"
        let clean = summary.errors == 0 && summary.unreadable == 0
        out += "<p class=\"verdict \(clean ? "ok" : "bad")\">\(Escaping.html(words.verdict(summary)))</p>\n"
        if summary.hiddenByBaseline > 0 {
            out += "<p class=\"sub\">\(Escaping.html(words.hiddenByBaseline(summary.hiddenByBaseline)))</p>\n"
        }
        if reports.count > 1 {
            out += "<table class=\"overview\">\n<thead><tr><th>\(words.file)</th><th>\(words.status)</th>"
                + "<th class=\"n\">\(words.errorsHeading)</th><th class=\"n\">\(words.warningsHeading)</th><th class=\"n\">\(words.infosHeading)</th></tr></thead>\n<tbody>\n"
            for (index, report) in reports.enumerated() {
                out += "<tr><td><a href=\"#fil-\(index + 1)\">\(Escaping.html(report.path))</a></td><td>\(badge(report, words))</td>"
                    + "<td class=\"n\">\(report.count(.error))</td><td class=\"n\">\(report.count(.warning))</td><td class=\"n\">\(report.count(.info))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</header>\n"
        return out
    }

    func card(_ number: Int, _ label: String, kind: String) -> String {
        let quiet = number == 0 && kind != "files" ? " zero" : ""
        return "<div class=\"card \(kind)\(quiet)\"><span class=\"num\">\(number)</span> <span class=\"label\">\(Escaping.html(label))</span></div>\n"
    }

    func badge(_ report: FileReport, _ words: Words) -> String {
        if report.error != nil { return "<span class=\"badge error\">\(words.unreadableBadge)</span>" }
        if report.skipped { return "<span class=\"badge warning\">\(words.skippedBadge)</span>" }
        let errors = report.count(.error), warnings = report.count(.warning)
        if errors > 0 { return "<span class=\"badge error\">\(Escaping.html(words.errors(errors)))</span>" }
        if warnings > 0 { return "<span class=\"badge warning\">\(Escaping.html(words.warnings(warnings)))</span>" }
        return "<span class=\"badge ok\">\(words.noErrors)</span>"
    }

    // MARK: One file

    func section(_ report: FileReport, number: Int, options: ReportOptions, words: Words) -> String {
        var out = "<section class=\"file\" id=\"fil-\(number)\">\n"
        out += "<h2><span class=\"path\">\(Escaping.html(report.path))</span> \(badge(report, words))</h2>\n"
        if let error = report.error {
            out += "<p class=\"problem\">\(Escaping.html(words.cannotRead(error.sentence(options.language))))</p>\n</section>\n"
            return out
        }
        if report.skipped {
            for diagnostic in report.diagnostics {
                out += "<p class=\"problem\">\(Escaping.html(diagnostic.message(options.language)))</p>\n"
            }
            return out + "</section>\n"
        }
        out += "<p class=\"applies\">\(Escaping.html(words.applies(report.applies, options.ruleset)))</p>\n"
        if let fixes = report.fixes {
            out += "<p class=\"fixed\">\(Escaping.html(words.fixedNote(fixes, isWord: report.input == DocxInput.identifier)))</p>\n"
        }
        out += "<div class=\"cols\">\n<article class=\"text\">\n<h3>\(words.textHeading)</h3>\n"
        if let document = report.document {
            out += DocumentMarkup(document: document, diagnostics: report.diagnostics, file: number, language: options.language,
                                  sections: report.sections, fixes: report.fixes).html
        } else {
            out += "<p class=\"empty\">\(words.noText)</p>\n"
        }
        out += "</article>\n<aside>\n"
        if let fixes = report.fixes { out += changes(fixes, report: report, number: number, options: options, words: words) }
        out += parties(report, words: words)
        out += findings(report, number: number, options: options, words: words)
        out += "</aside>\n</div>\n"
        out += quotes(report, words: words)
        out += "</section>\n"
        return out
    }

    func parties(_ report: FileReport, words: Words) -> String {
        var out = "<h3>\(words.partiesHeading)</h3>\n<ul class=\"parties\">\n"
        for party in report.parties {
            let state: String, icon: String, label: String
            if party.mentioned {
                (state, icon, label) = ("ok", "✔", words.named)
            } else if let collective = party.collective {
                (state, icon, label) = ("collective", "◐", words.namedCollectively(collective))
            } else {
                (state, icon, label) = (report.applies ? "missing" : "absent", "✘", words.missing(report.applies))
            }
            out += "<li class=\"\(state)\"><span class=\"icon\" aria-hidden=\"true\">\(icon)</span>"
                + "<span class=\"name\">\(Escaping.html(party.name))</span> <span class=\"state\">\(Escaping.html(label))</span>"
            out += occurrences(party, words)
            out += "</li>\n"
        }
        out += "</ul>\n"
        if !report.knowledgePartners.isEmpty {
            out += "<h4>\(words.knowledgePartnersHeading)</h4>\n<ul class=\"parties knowledge\">\n"
            for partner in report.knowledgePartners {
                out += "<li class=\"\(partner.mentioned ? "ok" : "absent")\"><span class=\"icon\" aria-hidden=\"true\">\(partner.mentioned ? "✔" : "–")</span>"
                    + "<span class=\"name\">\(Escaping.html(partner.name))</span> <span class=\"state\">\(Escaping.html(partner.mentioned ? words.named : words.notNamed))</span>"
                out += occurrences(partner, words)
                out += "</li>\n"
            }
            out += "</ul>\n"
        }
        return out
    }

    func occurrences(_ party: PartyCoverage, _ words: Words) -> String {
        guard !party.occurrences.isEmpty else { return "" }
        let items = party.occurrences.map { occurrence in
            "<li>\(Escaping.html(words.place(line: occurrence.line, column: occurrence.column, part: occurrence.part))): »\(Escaping.html(occurrence.text))«</li>"
        }
        return "<ul class=\"where\">" + items.joined() + "</ul>"
    }

    func findings(_ report: FileReport, number: Int, options: ReportOptions, words: Words) -> String {
        var out = "<h3>\(words.findingsHeading)</h3>\n"
        guard !report.diagnostics.isEmpty else { return out + "<p class=\"empty\">\(words.noFindings)</p>\n" }
        out += "<ol class=\"findings\">\n"
        for (index, diagnostic) in report.diagnostics.enumerated() {
            let id = "\(number)-\(index + 1)"
            // A .docx location as a Word user finds it; other files by line and column.
            let place = Escaping.html(diagnostic.word.map { $0.description(options.language) }
                ?? words.place(line: diagnostic.start.line, column: diagnostic.start.column, part: diagnostic.start.part))
            out += "<li id=\"fund-\(id)\" class=\"finding \(diagnostic.severity.rawValue)\">"
            out += "<div class=\"head\"><span class=\"sev\">\(ReportWords.severity(diagnostic.severity, options.language))</span> "
            out += report.document == nil ? place : "<a href=\"#tekst-\(id)\">\(place)</a>"
            out += " <code>\(Escaping.html(diagnostic.ruleID))</code></div>"
            out += "<p class=\"msg\">\(Escaping.html(diagnostic.message(options.language)))</p>"
            if let fix = diagnostic.fix {
                out += "<p class=\"fix\"><strong>\(words.fix):</strong> \(Escaping.html(fix.message(options.language)))</p>"
            }
            if let rule = options.ruleset?.rule(diagnostic.ruleID) {
                let clause = rule.clause.map { "\(ClauseReference.text($0, options.language)): " } ?? ""
                out += "<p class=\"why\">\(Escaping.html(clause + rule.summary(options.language)))</p>"
            }
            out += "</li>\n"
        }
        out += "</ol>\n"
        return out
    }

    /// What `--fix` changed: where, the old text struck through and the new, the rule's words;
    /// each links to its place in the text when it could be followed into the fixed file.
    func changes(_ fixes: FixRecord, report: FileReport, number: Int, options: ReportOptions, words: Words) -> String {
        var out = "<h3>\(words.changesHeading)</h3>\n"
        guard !fixes.changes.isEmpty else { return out + "<p class=\"empty\">\(words.noChanges)</p>\n" }
        out += "<ol class=\"changes\">\n"
        for (index, change) in fixes.changes.enumerated() {
            let id = "\(number)-\(index + 1)"
            let place: String
            if report.input == DocxInput.identifier {
                var pieces = [WordLocation.partName(change.part ?? "body", options.language)]
                // A change in a table cell says which, as a finding's location does.
                if let offset = change.ranges.first?.lowerBound,
                   let cell = report.document?.source.blocks.last(where: { $0.range.lowerBound <= offset })?.cell {
                    pieces.append(words.da ? "tabel \(cell.table), række \(cell.row), celle \(cell.cell)" : "table \(cell.table), row \(cell.row), cell \(cell.cell)")
                }
                pieces.append(words.da ? "afsnit \(change.line)" : "paragraph \(change.line)")
                place = pieces.joined(separator: ", ")
            } else {
                place = words.place(line: change.line, column: change.column, part: change.part)
            }
            let linked = report.document != nil && !change.ranges.isEmpty
            out += "<li class=\"change\" id=\"ret-\(id)\"><div class=\"head\">"
            out += linked ? "<a href=\"#rettelse-\(id)\">\(Escaping.html(place))</a>" : Escaping.html(place)
            out += " <code>\(Escaping.html(change.ruleID))</code></div><p class=\"what\">"
            let new = change.new.trimmingCharacters(in: .whitespacesAndNewlines)
            if change.old.isEmpty {
                out += "\(words.added) <ins>\(Escaping.html(new))</ins>"
            } else if new.isEmpty {
                out += "\(words.removed) <del>\(Escaping.html(change.old))</del>"
            } else {
                out += "<del>\(Escaping.html(change.old))</del> → <ins>\(Escaping.html(new))</ins>"
            }
            out += "</p><p class=\"msg\">\(Escaping.html(change.message(options.language)))</p></li>\n"
        }
        return out + "</ol>\n"
    }

    func quotes(_ report: FileReport, words: Words) -> String {
        var out = "<h3>\(words.quotesHeading)</h3>\n"
        guard !report.quotes.isEmpty else { return out + "<p class=\"empty\">\(words.noQuotes)</p>\n" }
        out += "<table class=\"quotes\">\n<thead><tr>" + words.quoteColumns.map { "<th>\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for quote in report.quotes {
            let cells = [
                "<q>\(Escaping.html(quote.text))</q>", Escaping.html(quote.speaker ?? "–"), Escaping.html(quote.role ?? "–"),
                Escaping.html(quote.organisation ?? "–"), Escaping.html(quote.party ?? "–"),
                Escaping.html(words.place(line: quote.line, column: quote.column, part: quote.part)),
            ]
            out += "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

}

extension HTMLReporter {
    /// The page's words in Danish and English.
    struct Words {
        let language: Language
        var da: Bool { language == .da }

        func title(_ ruleset: Ruleset?) -> String {
            let name = ruleset?.name
            if da { return name.map { "Omtale-rapport: \($0)" } ?? "Omtale-rapport" }
            return name.map { "Omtale report: \($0)" } ?? "Omtale report"
        }

        /// What Omtale checks, from the rules that are switched on, each topic with the clauses its rules cite.
        func subtitle(_ ruleset: Ruleset) -> String {
            let topics: [(kinds: Set<String>, da: String, en: String)] = [
                (["partner-mention", "regions-collective"], "at alle parter er nævnt", "that every party is named"),
                (["party-spelling", "party-abbreviation"], "at parternes navne er skrevet som i aftalen", "that the parties' names are written as in the agreement"),
                (["spokesperson"], "at talerne i citaterne passer til talsmandsstrukturen", "that the speakers of quotes fit the spokesperson structure"),
                (["non-commercial", "partnership-claim"], "at partnerskabet ikke bruges kommercielt", "that the partnership is not used commercially"),
            ]
            let enabled = ruleset.rules.filter(\.enabled)
            let checks: [String] = topics.compactMap { topic in
                let rules = enabled.filter { topic.kinds.contains($0.kind) }
                guard !rules.isEmpty else { return nil }
                let clause = ClauseReference.merged(rules.map { $0.clause ?? ruleset.agreement.communicationClause })
                return (da ? topic.da : topic.en) + " (\(ClauseReference.text(clause, language)))"
            }
            guard !checks.isEmpty else {
                return da ? "Tekster tjekket mod \(ruleset.agreement.title)." : "Texts checked against \(ruleset.agreement.title)."
            }
            // "at …, at … og at …" reads as one list of clauses; a comma before the last "og at" keeps them apart.
            let list = checks.count > 1 ? checks.dropLast().joined(separator: ", ") + (da ? ", og " : ", and ") + checks.last! : checks[0]
            return da ? "Omtale tjekker teksterne mod \(ruleset.agreement.title): \(list)."
                      : "Omtale checks the texts against \(ruleset.agreement.title): \(list)."
        }

        func checkedFiles(_ n: Int) -> String { da ? (n == 1 ? "fil tjekket" : "filer tjekket") : (n == 1 ? "file checked" : "files checked") }
        func errors(_ n: Int) -> String { da ? "\(n) fejl" : (n == 1 ? "\(n) error" : "\(n) errors") }
        func warnings(_ n: Int) -> String { da ? (n == 1 ? "\(n) advarsel" : "\(n) advarsler") : (n == 1 ? "\(n) warning" : "\(n) warnings") }
        func errorsLabel(_ n: Int) -> String { da ? "fejl" : (n == 1 ? "error" : "errors") }
        func warningsLabel(_ n: Int) -> String { da ? (n == 1 ? "advarsel" : "advarsler") : (n == 1 ? "warning" : "warnings") }
        func unreadable(_ n: Int) -> String { da ? "ulæselig" + (n == 1 ? "" : "e") : "unreadable" }
        var infos: String { da ? "bemærkninger" : "info" }
        var skippedCard: String { da ? "ikke tjekket" : "not checked" }
        var skippedBadge: String { da ? "Ikke tjekket" : "Not checked" }
        func hiddenByBaseline(_ n: Int) -> String {
            da ? "\(n) kendte fund er skjult (--baseline)." : "\(n) known \(n == 1 ? "finding" : "findings") hidden (--baseline)."
        }
        var errorsHeading: String { da ? "Fejl" : "Errors" }
        var warningsHeading: String { da ? "Advarsler" : "Warnings" }
        var infosHeading: String { da ? "Bemærkninger" : "Info" }
        var file: String { da ? "Fil" : "File" }
        var status: String { "Status" }
        var noErrors: String { da ? "Ingen fejl" : "No errors" }
        var unreadableBadge: String { da ? "Kan ikke læses" : "Cannot be read" }

        func verdict(_ summary: RunSummary) -> String {
            let errors = da ? "Der er fejl, som skal rettes, før teksterne udsendes." : "There are errors to fix before the texts are published."
            if summary.unreadable > 0 {
                let one = summary.unreadable == 1
                let names = ReportWords.names(summary.unreadablePaths, language)
                let unreadable = da
                    ? "\(ReportWords.count(summary.unreadable, "fil", "filer")) kunne ikke læses: \(names). "
                        + (one ? "Ved filen står, hvad du kan gøre; tjek den så igen." : "Ved hver fil står, hvad du kan gøre; tjek dem så igen.")
                    : "\(ReportWords.count(summary.unreadable, "file", "files")) could not be read: \(names). "
                        + (one ? "The file says what to do; then check it again." : "Each file says what to do; then check them again.")
                return summary.errors > 0 ? errors + " " + unreadable : unreadable
            }
            if summary.errors > 0 { return errors }
            if !summary.skippedPaths.isEmpty {
                return da ? "Nogle filer blev ikke tjekket, fordi Omtale ikke kan læse formatet. Gem dem som .docx eller .txt, og tjek igen."
                          : "Some files were not checked because Omtale cannot read the format. Save them as .docx or .txt and check again."
            }
            if summary.warnings > 0 {
                return da ? "Ingen fejl. Se advarslerne igennem før udsendelse." : "No errors. Look through the warnings before publishing."
            }
            return da ? "Omtale har ikke fundet fejl. Læs stadig teksten igennem." : "Omtale found no errors. Still read the text through."
        }

        func applies(_ applies: Bool, _ ruleset: Ruleset?) -> String {
            let name = ruleset?.partnership.name ?? (da ? "partnerskabet" : "the partnership")
            let clause = ruleset.map { " (\(ClauseReference.text($0.agreement.communicationClause, language)))" } ?? ""
            if applies {
                return da ? "Teksten omtaler \(name), så alle parter skal nævnes\(clause)."
                          : "The text is about \(name), so every party must be named\(clause)."
            }
            return da ? "Teksten omtaler ikke \(name), så kravet om at nævne parterne gælder ikke."
                      : "The text is not about \(name), so the parties need not be named."
        }

        func cannotRead(_ reason: String) -> String { da ? "Filen kan ikke læses: \(reason)" : "The file cannot be read: \(reason)" }
        var textHeading: String { da ? "Teksten" : "The text" }
        var noText: String { da ? "Teksten er ikke tilgængelig." : "The text is not available." }
        var partiesHeading: String { da ? "Parterne" : "The parties" }
        var knowledgePartnersHeading: String { da ? "Videnspartnere (frivilligt at nævne)" : "Knowledge partners (optional)" }
        var named: String { da ? "nævnt" : "named" }
        var notNamed: String { da ? "ikke nævnt" : "not named" }
        func namedCollectively(_ form: String) -> String { da ? "nævnt samlet som »\(form)«" : "named collectively as “\(form)”" }
        func missing(_ required: Bool) -> String { required ? (da ? "mangler" : "missing") : (da ? "ikke nævnt" : "not named") }
        var findingsHeading: String { da ? "Fund" : "Findings" }
        var noFindings: String { da ? "Ingen fund i denne tekst." : "Nothing found in this text." }
        var fix: String { da ? "Løsning" : "Fix" }
        var changesHeading: String { da ? "Rettelser" : "Changes made" }
        var noChanges: String { da ? "Omtale ændrede intet." : "Omtale changed nothing." }
        var added: String { da ? "Tilføjede" : "Added" }
        var removed: String { da ? "Fjernede" : "Removed" }

        /// Above the text of a fixed file: what `--fix` did, and that the findings are what is left.
        func fixedNote(_ fixes: FixRecord, isWord: Bool) -> String {
            let n = fixes.changes.count, comments = fixes.addedComments.count
            if isWord {
                let changes = da ? "\(n) \(n == 1 ? "sporet ændring" : "sporede ændringer")" : "\(n) tracked change\(n == 1 ? "" : "s")"
                let notes = da ? "\(comments) kommentar\(comments == 1 ? "" : "er")" : "\(comments) comment\(comments == 1 ? "" : "s")"
                return da ? "Omtale har skrevet en kopi af \(fixes.original) med \(changes) og \(notes) til fund uden sikker rettelse. "
                    + "Rettelserne er markeret i teksten; fundene er dem, der er tilbage."
                    : "Omtale wrote a copy of \(fixes.original) with \(changes) and \(notes) on findings without a safe fix. "
                    + "The changes are marked in the text; the findings are what is left."
            }
            return da ? "Omtale har rettet \(n) \(n == 1 ? "sted" : "steder") i filen (--fix). Rettelserne er markeret i teksten; fundene er dem, der er tilbage."
                : "Omtale fixed \(n) \(n == 1 ? "place" : "places") in the file (--fix). The changes are marked in the text; the findings are what is left."
        }
        var quotesHeading: String { da ? "Citater" : "Quotes" }
        var noQuotes: String { da ? "Ingen citater fundet." : "No quotes found." }
        var quoteColumns: [String] {
            da ? ["Citat", "Taler", "Titel", "Organisation", "Part", "Sted"] : ["Quote", "Speaker", "Title", "Organisation", "Party", "Where"]
        }

        /// A place in a text file by line and column; in a Word document (which has parts and no
        /// lines) as Word's navigation counts it: the part in words and the paragraph within it.
        func place(line: Int, column: Int, part: String?) -> String {
            if let part {
                let name = WordLocation.partName(part, da ? .da : .en)
                return da ? "\(name), afsnit \(line)" : "\(name), paragraph \(line)"
            }
            return da ? "linje \(line), kolonne \(column)" : "line \(line), column \(column)"
        }

        func footer(_ options: ReportOptions) -> String {
            let rules = options.ruleset.map { da ? " · regelsæt: \($0.name)" : " · ruleset: \($0.name)" } ?? ""
            return (da ? "Lavet med Omtale \(options.toolVersion)" : "Made with Omtale \(options.toolVersion)") + rules
        }
    }

    static let css = """

        :root { --text:#1d2330; --muted:#5b6475; --line:#e3e6ec; --bg:#f6f7f9; --card:#fff;
          --error:#b42318; --error-bg:#fde4e1; --warning:#8a5a00; --warning-bg:#fff1c7; --info:#1d5fb8; --info-bg:#e1eefe;
          --ok:#1e7a3e; --ok-bg:#def5e5; }
        * { box-sizing: border-box; }
        body { margin:0; background:var(--bg); color:var(--text); line-height:1.55;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif; }
        header.top, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
        header.top { padding-top: 32px; }
        h1 { font-size: 1.9rem; margin: 0 0 4px; letter-spacing: -0.01em; }
        .sub { color: var(--muted); margin: 0 0 20px; }
        .cards { display:flex; flex-wrap:wrap; gap:12px; margin-bottom: 12px; }
        .card { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:10px 18px; min-width:120px; }
        .card .num { font-size:1.6rem; font-weight:700; margin-right:4px; }
        .card.error .num { color:var(--error); } .card.warning .num { color:var(--warning); } .card.info .num { color:var(--info); }
        .card.zero .num { color:var(--muted); }
        .verdict { font-weight:600; padding:10px 14px; border-radius:8px; display:inline-block; margin: 4px 0 16px; }
        .verdict.ok { background:var(--ok-bg); color:var(--ok); } .verdict.bad { background:var(--error-bg); color:var(--error); }
        table { border-collapse: collapse; width:100%; background:var(--card); border:1px solid var(--line); border-radius:10px; overflow:hidden; }
        th, td { text-align:left; padding:8px 12px; border-bottom:1px solid var(--line); vertical-align: top; }
        th { font-size:.85rem; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); background:#fafbfc; }
        td.n, th.n { text-align:right; font-variant-numeric: tabular-nums; }
        tr:last-child td { border-bottom: none; }
        section.file { background:var(--card); border:1px solid var(--line); border-radius:14px; padding: 8px 28px 24px; margin: 24px 0; }
        h2 { font-size:1.25rem; display:flex; flex-wrap:wrap; align-items:center; gap:10px; margin: 18px 0 4px; }
        .path { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 1.05rem; word-break: break-all; }
        h3 { font-size: .95rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 22px 0 8px; }
        h4 { font-size: .9rem; color: var(--muted); margin: 16px 0 6px; }
        .badge { font-size:.8rem; font-weight:600; padding:2px 10px; border-radius:999px; white-space: nowrap; }
        .badge.error { background:var(--error-bg); color:var(--error); } .badge.warning { background:var(--warning-bg); color:var(--warning); }
        .badge.ok { background:var(--ok-bg); color:var(--ok); }
        .applies, .empty { color: var(--muted); margin: 0; }
        .problem { color: var(--error); font-weight: 600; }
        .cols { display:grid; grid-template-columns: minmax(0, 1.7fr) minmax(0, 1fr); gap: 36px; }
        article.text p { margin: 0 0 .9em; max-width: 72ch; font-size: 1.02rem; }
        /* A press release opens with its headline. */
        article.text > p:first-of-type { font-weight: 700; font-size: 1.15rem; }
        article.text div.part { margin: 1.2em 0 .2em; font-size: .75rem; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
        /* The document as written: Word's tables, headers, footers and notes, comments and tracked changes. */
        article.text table.doc { margin: 0 0 .9em; font-size: .95rem; border-radius: 4px; }
        article.text table.doc td { border: 1px solid var(--line); }
        article.text table.doc td p { margin: 0 0 .3em; font-size: inherit; } article.text table.doc td p:last-child { margin-bottom: 0; }
        article.text div.docpart { border: 1px dashed var(--line); border-radius: 6px; padding: 4px 12px; margin: 0 0 1em; background: #fafbfc; }
        article.text div.docpart-label { font-size: .75rem; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
        article.text div.docpart p { font-size: .9rem; margin: .2em 0; }
        span.c { background: #ece6fb; border-bottom: 2px dotted #6b4fbb; }
        span.cmt { display: inline-block; max-width: 34ch; margin: 0 4px; padding: 1px 8px; border-radius: 8px; border-left: 3px solid #6b4fbb;
          background: #f3effd; font-size: .8rem; font-weight: 400; line-height: 1.35; vertical-align: baseline; white-space: pre-wrap; }
        span.cmt-who { font-weight: 600; color: #4b348f; }
        ins.rev { color: #1d5fb8; text-decoration: underline; } del.rev { color: #b42318; text-decoration: line-through; }
        ins.fix { background: var(--ok-bg); color: var(--ok); text-decoration: underline; }
        del.fix { background: var(--error-bg); color: var(--error); text-decoration: line-through; }
        .fixed { color: var(--ok); font-weight: 600; margin: 4px 0 0; }
        ol.changes { list-style: none; padding: 0; margin: 0; }
        li.change { border-left: 4px solid var(--ok); padding: 8px 12px; margin: 0 0 10px; border-radius: 0 8px 8px 0; background: #fafbfc; }
        li.change p { margin: 4px 0 0; } li.change del { color: var(--error); } li.change ins { color: var(--ok); }
        mark.f { color: inherit; border-radius: 3px; padding: 1px 0; cursor: pointer; border-bottom: 2px solid; }
        mark.f.error { background: var(--error-bg); border-color: var(--error); }
        mark.f.warning { background: var(--warning-bg); border-color: #d69e00; }
        mark.f.info { background: var(--info-bg); border-color: var(--info); }
        mark.f.caret { border: none; background: none; }
        mark.f.caret::after { content: "‸"; color: var(--error); font-weight: 700; }
        mark.f:focus { outline: 2px solid var(--info); outline-offset: 1px; }
        mark.f.flash { animation: flash 1.2s ease-out 2; }
        @keyframes flash { 50% { box-shadow: 0 0 0 4px rgba(29,95,184,.35); } }
        .anchor { scroll-margin-top: 40vh; }
        ul.parties { list-style:none; padding:0; margin:0; }
        ul.parties > li { padding: 6px 0; border-bottom: 1px solid var(--line); }
        ul.parties > li:last-child { border-bottom: none; }
        .icon { display:inline-block; width: 1.5em; font-weight: 700; }
        li.ok .icon { color: var(--ok); } li.missing .icon { color: var(--error); } li.collective .icon { color: var(--warning); }
        li.absent .icon, li.absent .state { color: var(--muted); }
        .name { font-weight: 600; }
        .state { font-size: .85rem; color: var(--muted); margin-left: 4px; }
        li.missing .state { color: var(--error); font-weight: 600; } li.collective .state { color: var(--warning); }
        ul.where { list-style: none; margin: 2px 0 0 1.5em; padding: 0; font-size: .82rem; color: var(--muted); }
        ol.findings { list-style: none; padding: 0; margin: 0; }
        li.finding { border-left: 4px solid; padding: 8px 12px; margin: 0 0 10px; border-radius: 0 8px 8px 0; background: #fafbfc; }
        li.finding.error { border-color: var(--error); } li.finding.warning { border-color: #d69e00; } li.finding.info { border-color: var(--info); }
        li.finding p { margin: 4px 0 0; } .head { font-size: .85rem; color: var(--muted); }
        .sev { font-weight: 700; text-transform: uppercase; font-size: .75rem; letter-spacing: .05em; margin-right: 6px; }
        .error .sev { color: var(--error); } .warning .sev { color: var(--warning); } .info .sev { color: var(--info); }
        .fix { font-size: .92rem; } .why { font-size: .82rem; color: var(--muted); }
        code { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .8rem; background: #eef0f4; padding: 1px 5px; border-radius: 4px; }
        a { color: var(--info); }
        q { quotes: "»" "«" "›" "‹"; }
        #popover { position: absolute; z-index: 10; max-width: 420px; background: var(--card); border: 1px solid var(--line);
          border-radius: 10px; box-shadow: 0 10px 30px rgba(20,30,50,.18); padding: 10px; }
        #popover li.finding { margin: 0 0 6px; list-style: none; } #popover li.finding:last-child { margin-bottom: 0; }
        footer { color: var(--muted); font-size: .85rem; padding-bottom: 32px; }
        @media (max-width: 900px) { .cols { grid-template-columns: 1fr; } section.file { padding: 8px 16px 16px; } }
        @media print {
          body { background: #fff; }
          header.top, main, footer { max-width: none; padding: 0; }
          section.file { border: none; padding: 0; margin: 0 0 24px; }
          section.file + section.file { break-before: page; }
          .cols { grid-template-columns: 1fr; gap: 0; }
          #popover { display: none !important; }
          mark.f, .badge, .verdict, li.finding, ins, del, span.c, span.cmt { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          li.finding { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }

        """

    /// Click (or Enter) on a highlight opens the explanation of its findings, cloned from the list;
    /// a link from the list makes its highlight flash. Last, the page reports itself ready.
    static let script = """

        (function () {
          "use strict";
          var popover = document.getElementById("popover");
          function show(mark) {
            popover.textContent = "";
            mark.getAttribute("data-f").split(" ").forEach(function (id) {
              var item = document.getElementById("fund-" + id);
              if (!item) { return; }
              var copy = item.cloneNode(true);
              copy.removeAttribute("id");
              popover.appendChild(copy);
            });
            var box = mark.getBoundingClientRect();
            var width = Math.min(420, document.documentElement.clientWidth - 16);
            popover.style.top = (window.scrollY + box.bottom + 6) + "px";
            popover.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - width - 8)) + "px";
            popover.hidden = false;
          }
          document.addEventListener("click", function (event) {
            var mark = event.target.closest ? event.target.closest("mark.f") : null;
            if (mark) { show(mark); } else if (!popover.contains(event.target)) { popover.hidden = true; }
          });
          document.addEventListener("keydown", function (event) {
            if (event.key === "Escape") { popover.hidden = true; }
            if (event.key === "Enter" && event.target.matches && event.target.matches("mark.f")) { show(event.target); }
          });
          function flash() {
            var anchor = location.hash ? document.getElementById(location.hash.slice(1)) : null;
            var next = anchor;
            while (next && !(next.tagName === "MARK")) { next = next.nextElementSibling; }
            if (!next) { return; }
            next.classList.remove("flash");
            void next.offsetWidth;
            next.classList.add("flash");
          }
          window.addEventListener("hashchange", flash);
          var marks = document.querySelectorAll("mark.f");
          var findings = {};
          var count = 0;
          for (var i = 0; i < marks.length; i++) {
            marks[i].getAttribute("data-f").split(" ").forEach(function (id) {
              if (!findings[id]) { findings[id] = true; count++; }
            });
          }
          document.body.setAttribute("data-marks", String(marks.length));
          document.body.setAttribute("data-findings", String(count));
          document.body.setAttribute("data-ready", "1");
        })();

        """
}
