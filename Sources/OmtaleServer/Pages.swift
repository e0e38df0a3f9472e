import Foundation
import Omtale

/// The HTML of `omtale serve`: the form (`GET /`), the bar over a report, and an error page.
/// Everything from outside (party names, file names, messages) is escaped by the library's escaper.
enum Pages {
    /// Styles of the server's own pages: dark text on white (contrast above 7:1), a focus ring
    /// that shows on every control, no layout that needs JavaScript.
    static let css = """
        :root { --text:#1d2330; --muted:#4a5263; --line:#c9ced8; --bg:#f6f7f9; --accent:#1a4fa0; --error:#a11d12; --error-bg:#fde4e1; }
        * { box-sizing: border-box; }
        body { margin:0; background:var(--bg); color:var(--text); line-height:1.55;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
        main { max-width: 760px; margin: 0 auto; padding: 32px 24px 48px; }
        h1 { font-size: 1.9rem; margin: 0 0 8px; }
        h2 { font-size: 1.15rem; margin: 28px 0 8px; }
        p.lead { color: var(--muted); margin-top: 0; }
        fieldset { border: 1px solid var(--line); border-radius: 10px; background: #fff; padding: 16px 20px 20px; margin: 0 0 20px; }
        legend { font-weight: 600; padding: 0 6px; }
        label { display:block; font-weight:600; margin: 12px 0 4px; }
        .hint { display:block; font-weight: normal; color: var(--muted); font-size: .92rem; }
        input[type=file], select, textarea { font: inherit; color: inherit; width: 100%; border: 1px solid #6b7385; border-radius: 6px;
          padding: 8px; background: #fff; }
        textarea { min-height: 12rem; }
        .buttons { display:flex; flex-wrap: wrap; gap: 12px; }
        button { font: inherit; font-weight: 600; border-radius: 8px; padding: 10px 18px; cursor: pointer;
          border: 2px solid var(--accent); background: var(--accent); color: #fff; }
        button.second { background: #fff; color: var(--accent); }
        a { color: var(--accent); }
        :focus-visible { outline: 3px solid #e8a200; outline-offset: 2px; }
        .problem { background: var(--error-bg); color: var(--error); border-radius: 8px; padding: 12px 16px; font-weight: 600; }
        """

    static func page(title: String, language: Language, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Escaping.html(title))</title>
        <style>\(css)</style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// `GET /`: choose or drop a file, or paste a text; choose the sender; check, or download the reviewed copy.
    static func form(ruleset: Ruleset, sender: String?, language: Language) -> String {
        let da = language == .da
        let choose = da ? "Find afsenderen i teksten" : "Find the sender in the text"
        var options = "<option value=\"\">\(Escaping.html(choose))</option>\n"
        for party in ruleset.parties {
            let value = party.id ?? party.name
            let selected = sender.map { $0.caseInsensitiveCompare(value) == .orderedSame || $0.caseInsensitiveCompare(party.name) == .orderedSame } ?? false
            options += "<option value=\"\(Escaping.html(value))\"\(selected ? " selected" : "")>\(Escaping.html(party.name))</option>\n"
        }
        let title = da ? "Tjek en tekst om \(ruleset.name)" : "Check a text about \(ruleset.name)"
        let other = da ? "<a href=\"/?lang=en\" lang=\"en\" hreflang=\"en\">English</a>" : "<a href=\"/?lang=da\" lang=\"da\" hreflang=\"da\">Dansk</a>"
        let body = """
            <p style="text-align:right;margin:0">\(other)</p>
            <h1>\(Escaping.html(title))</h1>
            <p class="lead">\(da
                ? "Omtale tjekker pressemeddelelser og andre tekster mod dele af partnerskabsaftalen: om alle parter er nævnt og stavet rigtigt, om citaterne har en taler, der passer til talsmandsstrukturen, og om noget ligner kommerciel brug. Det, der kan rettes sikkert, kan du hente rettet."
                : "Omtale checks press releases and other texts against parts of the partnership agreement: whether every party is named and spelled correctly, whether the quotes have a speaker who fits the spokesperson structure, and whether anything looks like commercial use. What can be fixed safely, you can download fixed.")</p>
            <form method="post" action="/check?lang=\(language.rawValue)" enctype="multipart/form-data">
            <input type="hidden" name="lang" value="\(language.rawValue)">
            <fieldset>
            <legend>\(da ? "Teksten" : "The text")</legend>
            <label for="file">\(da ? "Vælg en fil" : "Choose a file")
            <span class="hint" id="file-hint">\(da ? "Word (.docx), tekst (.txt), Markdown (.md) eller HTML. Du kan også trække filen hertil." : "Word (.docx), text (.txt), Markdown (.md) or HTML. You can also drop the file here.")</span></label>
            <input type="file" id="file" name="file" accept=".docx,.docm,.dotx,.txt,.md,.markdown,.html,.htm" aria-describedby="file-hint">
            <label for="text">\(da ? "… eller indsæt teksten" : "… or paste the text")
            <span class="hint" id="text-hint">\(da ? "Bruges, når der ikke er valgt en fil." : "Used when no file is chosen.")</span></label>
            <textarea id="text" name="text" aria-describedby="text-hint"></textarea>
            </fieldset>
            <fieldset>
            <legend>\(da ? "Afsender" : "Sender")</legend>
            <label for="sender">\(da ? "Hvem er teksten fra?" : "Who is the text from?")
            <span class="hint" id="sender-hint">\(da ? "Afsenderen behøver ikke nævne sig selv (pkt. 9.1)." : "The sender need not mention itself (section 9.1).")</span></label>
            <select id="sender" name="sender" aria-describedby="sender-hint">
            \(options)</select>
            </fieldset>
            <div class="buttons">
            <button type="submit">\(da ? "Tjek teksten" : "Check the text")</button>
            <button type="submit" class="second" formaction="/fix?lang=\(language.rawValue)">\(da ? "Hent rettet kopi" : "Download fixed copy")</button>
            </div>
            </form>
            <h2>\(da ? "Fortroligt" : "Confidential")</h2>
            <p>\(da
                ? "Teksten gemmes ikke. Den holdes kun i hukommelsen, mens den tjekkes, og hverken indhold eller filnavn skrives i serverens log."
                : "The text is not stored. It is held in memory only while it is checked, and neither its content nor its file name goes into the server's log.")</p>
            <p>\(da
                ? "En Word-fil får en rettet kopi med sporede ændringer og kommentarer; en tekstfil får de sikre rettelser."
                : "A Word file gets a reviewed copy with tracked changes and comments; a text file gets the safe fixes.")</p>
            """
        return page(title: title, language: language, body: body)
    }

    /// The library's HTML report with a bar on top: back to the form, and the reviewed copy.
    static func report(_ html: String, download: Download?, language: Language) -> String {
        let da = language == .da
        var bar = "<nav class=\"serve\" aria-label=\"\(da ? "Omtale" : "Omtale")\">\n<a href=\"/?lang=\(language.rawValue)\">\(da ? "← Tjek en anden tekst" : "← Check another text")</a>\n"
        switch download {
        case .inline(let data, let filename, let mediaType, let changes):
            let label = da ? "Hent rettet kopi (\(filename), \(changes) \(changes == 1 ? "rettelse" : "rettelser"))"
                           : "Download fixed copy (\(filename), \(changes) \(changes == 1 ? "fix" : "fixes"))"
            bar += "<a class=\"download\" download=\"\(Escaping.html(filename))\" href=\"data:\(mediaType);base64,\(data.base64EncodedString())\">\(Escaping.html(label))</a>\n"
        case .tooLargeForPage:
            bar += "<span>\(da ? "Den rettede kopi er for stor til siden; hent den med knappen »Hent rettet kopi« på forsiden." : "The fixed copy is too large for the page; get it with the button “Download fixed copy” on the front page.")</span>\n"
        case .nothing:
            bar += "<span>\(da ? "Der er ingen sikre rettelser at lave." : "There are no safe fixes to make.")</span>\n"
        case nil:
            break
        }
        bar += "</nav>\n<style>\(navCSS)</style>\n"
        guard let body = html.range(of: "<body>\n") else { return bar + html }
        var out = html
        out.insert(contentsOf: bar, at: body.upperBound)
        return out
    }

    static let navCSS = """
        nav.serve { max-width: 1200px; margin: 0 auto; padding: 16px 24px 0; display:flex; flex-wrap: wrap; gap: 16px; align-items: center; }
        nav.serve a { color:#1a4fa0; font-weight: 600; }
        nav.serve a.download { border: 2px solid #1a4fa0; border-radius: 8px; padding: 6px 14px; text-decoration: none; }
        :focus-visible { outline: 3px solid #e8a200; outline-offset: 2px; }
        """

    enum Download {
        case inline(Data, filename: String, mediaType: String, changes: Int)
        case tooLargeForPage
        case nothing
    }

    /// A request that got no report: the message, and the way back.
    static func problem(_ message: String, language: Language) -> String {
        let da = language == .da
        let title = da ? "Teksten kunne ikke tjekkes" : "The text could not be checked"
        return page(title: title, language: language, body: """
            <h1>\(Escaping.html(title))</h1>
            <p class="problem" role="alert">\(Escaping.html(message))</p>
            <p><a href="/?lang=\(language.rawValue)">\(da ? "← Tilbage til formularen" : "← Back to the form")</a></p>
            """)
    }
}
