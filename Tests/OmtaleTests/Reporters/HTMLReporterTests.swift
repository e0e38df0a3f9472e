import Foundation
import Testing
@testable import Omtale

@Suite("HTML reporter")
struct HTMLReporterTests {
    static let page = HTMLReporter().render(ReportSamples.reports, options: ReportSamples.options())

    @Test func isSelfContained() {
        let page = Self.page
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"da\">"))
        for external in ["src=", "href=\"http", "@import", "url(", "<link"] {
            #expect(!page.contains(external), "the page must not load anything: found \(external)")
        }
        #expect(HTMLReporter().render(ReportSamples.reports, options: ReportSamples.options(.en)).contains("<html lang=\"en\">"))
    }

    /// Issue 18: the header says what Omtale checks (not only pkt. 9.1's "every party"), with the
    /// clauses in the reader's language; the verdict names both the errors and the unreadable files;
    /// the files card counts only the files that were checked. Whole lines, Danish and English.
    @Test func headerSaysWhatIsCheckedAndVerdictNamesEverything() {
        func line(_ page: String, _ start: String) -> String? {
            page.components(separatedBy: "\n").first { $0.hasPrefix(start) }
        }
        let da = Self.page
        #expect(line(da, "<p class=\"sub\">") == "<p class=\"sub\">Omtale tjekker teksterne mod Partnerskabsaftale om Klimaalliancen: "
            + "at alle parter er nævnt (pkt. 9.1), at parternes navne er skrevet som i aftalen (pkt. 1 og 9.1), "
            + "at talerne i citaterne passer til talsmandsstrukturen (pkt. 9.1), og at partnerskabet ikke bruges kommercielt (pkt. 9.1).</p>")
        #expect(line(da, "<p class=\"verdict") == "<p class=\"verdict bad\">Der er fejl, som skal rettes, før teksterne udsendes. "
            + "1 fil kunne ikke læses: udkast/gammel &lt;v2&gt; &amp; kopi, 100%: arkiv.doc. Ved filen står, hvad du kan gøre; tjek den så igen.</p>")
        #expect(line(da, "<div class=\"card files") == "<div class=\"card files\"><span class=\"num\">2</span> <span class=\"label\">filer tjekket</span></div>")
        let en = HTMLReporter().render(ReportSamples.reports, options: ReportSamples.options(.en))
        #expect(line(en, "<p class=\"sub\">") == "<p class=\"sub\">Omtale checks the texts against Partnerskabsaftale om Klimaalliancen: "
            + "that every party is named (section 9.1), that the parties&#39; names are written as in the agreement (sections 1 and 9.1), "
            + "that the speakers of quotes fit the spokesperson structure (section 9.1), and that the partnership is not used commercially (section 9.1).</p>")
        #expect(line(en, "<p class=\"verdict") == "<p class=\"verdict bad\">There are errors to fix before the texts are published. "
            + "1 file could not be read: udkast/gammel &lt;v2&gt; &amp; kopi, 100%: arkiv.doc. The file says what to do; then check it again.</p>")
        #expect(line(en, "<div class=\"card files") == "<div class=\"card files\"><span class=\"num\">2</span> <span class=\"label\">files checked</span></div>")
        #expect(!en.contains("pkt."), "\(en.components(separatedBy: "\n").filter { $0.contains("pkt.") })")

        // Only an unreadable file: nothing was checked, and the verdict says which file and what to do.
        let unreadable = ReportSamples.reports.filter { $0.error != nil }
        let alone = HTMLReporter().render(unreadable, options: ReportSamples.options())
        #expect(line(alone, "<div class=\"card files") == "<div class=\"card files\"><span class=\"num\">0</span> <span class=\"label\">filer tjekket</span></div>")
        #expect(line(alone, "<p class=\"verdict") == "<p class=\"verdict bad\">1 fil kunne ikke læses: udkast/gammel &lt;v2&gt; &amp; kopi, 100%: arkiv.doc. "
            + "Ved filen står, hvad du kan gøre; tjek den så igen.</p>")
    }

    @Test func escapesDocumentTextAndPaths() {
        let page = Self.page
        #expect(page.contains("&lt;b&gt;fejrer&lt;/b&gt; 100% &quot;grøn&quot; omstilling &amp; mere"))
        #expect(!page.contains("<b>fejrer"))
        #expect(page.contains("udkast/gammel &lt;v2&gt; &amp; kopi, 100%: arkiv.doc"))
        #expect(page.contains("<q>Vi &lt;skal&gt; nå målene &amp; mere</q>"))
        #expect(Escaping.html("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;")
    }

    @Test func partiesChecklistAndQuotes() {
        let page = Self.page
        #expect(page.contains("<li class=\"missing\"><span class=\"icon\" aria-hidden=\"true\">✘</span><span class=\"name\">Realdania</span> <span class=\"state\">mangler</span>"))
        #expect(page.contains("<li class=\"collective\"><span class=\"icon\" aria-hidden=\"true\">◐</span><span class=\"name\">Region Sjælland</span> <span class=\"state\">nævnt samlet som »de fem regioner«</span>"))
        #expect(page.contains("<span class=\"name\">KL</span> <span class=\"state\">nævnt</span><ul class=\"where\"><li>linje 3, kolonne 1: »KL«</li></ul>"))
        #expect(page.contains("<td>Anne Fiktiv</td><td>formand</td>"))
        #expect(page.contains("Ingen citater fundet."), "the draft has no quotes")
    }

    /// Coinciding, overlapping and zero-width findings: the text is cut at every boundary,
    /// each piece marked with all findings over it, and nothing of the text lost or doubled.
    /// The parts of the release are labelled in the text (issue 14), so an officer sees that a party
    /// named only in the contact details does not count; Danish, English on request.
    @Test func thePartsOfTheReleaseAreLabelled() throws {
        let text = """
            Klimaalliancen åbner nyt spor om grøn mobilitet

            KL, Region Nordjylland, Region Midtjylland, Region Syddanmark og Region Sjælland sætter gang i et nyt spor.

            Sporet skal hjælpe kommunerne med at omstille transporten i landdistrikterne.

            Yderligere oplysninger:
            Anne Fiktiv, Realdania, tlf. 12 34 56 78
            """
        let report = Fixtures.checker().check(text: text, path: "udkast.txt")
        let kinds = report.sections.map(\.kind)
        #expect(kinds.contains("headline") && kinds.contains("contact"), "\(kinds)")
        for (language, headline, contact) in [(Language.da, "Overskrift", "Kontaktoplysninger"), (.en, "Headline", "Contact details")] {
            let page = HTMLReporter().render([report], options: ReportSamples.options(language))
            let labels = page.components(separatedBy: "<div class=\"part\">").dropFirst().map { $0.components(separatedBy: "</div>")[0] }
            #expect(labels.first == headline, "\(labels)")
            #expect(labels.last == contact, "\(labels)")
            // A label stands above the first paragraph of its part, and only when the part changes.
            #expect(zip(labels, labels.dropFirst()).allSatisfy { $0 != $1 }, "\(labels)")
            #expect(page.contains("<div class=\"part\">\(contact)</div>\n<p>Yderligere oplysninger: Anne Fiktiv, Realdania, tlf. 12 34 56 78</p>"))
        }
    }

    @Test func overlappingFindingsAreMarkedPieceByPiece() throws {
        let report = Fixtures.checker().check(text: "Æblegrød 👨‍👩‍👧 abcdef\n\nanden linje", path: "x.txt")
        let document = try #require(report.document)
        let base = "Æblegrød 👨‍👩‍👧 ".utf16.count
        func finding(_ range: Range<Int>, _ severity: Severity) -> Diagnostic {
            let (start, end) = document.locations(of: range)
            return Diagnostic(ruleID: "r", severity: severity, message: Localized(verbatim: "m\(range)"), range: range, start: start, end: end)
        }
        let diagnostics = [
            finding(base..<(base + 4), .info), // abcd
            finding((base + 2)..<(base + 6), .error), // cdef
            finding((base + 2)..<(base + 6), .warning), // cdef again
            finding((base + 6)..<(base + 6), .error), // after f
        ]
        let html = DocumentMarkup(document: document, diagnostics: diagnostics, file: 1, language: .da).html
        #expect(html == """
            <p>Æblegrød 👨‍👩‍👧 <span class="anchor" id="tekst-1-1"></span><mark class="f info" data-f="1-1" tabindex="0" title="m\(base)..&lt;\(base + 4)">ab</mark>\
            <span class="anchor" id="tekst-1-2"></span><span class="anchor" id="tekst-1-3"></span><mark class="f error" data-f="1-1 1-2 1-3" tabindex="0" title="m\(base)..&lt;\(base + 4)
            m\(base + 2)..&lt;\(base + 6)
            m\(base + 2)..&lt;\(base + 6)">cd</mark>\
            <mark class="f error" data-f="1-2 1-3" tabindex="0" title="m\(base + 2)..&lt;\(base + 6)
            m\(base + 2)..&lt;\(base + 6)">ef</mark>\
            <span class="anchor" id="tekst-1-4"></span><mark class="f error caret" data-f="1-4" tabindex="0" title="m\(base + 6)..&lt;\(base + 6)"></mark></p>
            <p>anden linje</p>

            """)
    }

    /// The page's DOM after headless Chromium ran its script (`--dump-dom`); nil, with an issue, when
    /// CI is set but Chromium is missing.
    static func loadInChromium(_ page: String) throws -> ExternalTools.Result? {
        guard let chromium = ExternalTools.chromium else {
            Issue.record("CI is set but Chromium is not installed: run `apt-get install chromium` (.ci/run does)")
            return nil
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-html-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rapport.html")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let result = try ExternalTools.run([
            chromium, "--headless", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage", "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            "--enable-logging=stderr", "--v=0", "--dump-dom", file.absoluteString,
        ], directory: folder)
        #expect(result.status == 0, "chromium failed: \(result.stderr.suffix(2000))")
        return result
    }

    /// Loads the page in headless Chromium: the inline script must run to its end (it sets
    /// data-ready) and find a highlight for every finding of every readable file.
    @Test(ExternalTools.chromiumTrait)
    func rendersInHeadlessChromium() throws {
        guard let result = try Self.loadInChromium(Self.page) else { return }
        let dom = result.stdout
        let expectedFindings = ReportSamples.reports.filter { $0.document != nil }.reduce(0) { $0 + $1.diagnostics.count }
        #expect(dom.contains("data-ready=\"1\""), "the page script did not finish: \(result.stderr.suffix(2000))")
        #expect(dom.contains("data-findings=\"\(expectedFindings)\""))
        #expect(dom.contains("data-marks=\"3\""))
        #expect(!result.stderr.contains("Uncaught"), "JavaScript error: \(result.stderr.suffix(2000))")
        // The browser's DOM holds the findings, with the document's markup as text, not elements.
        #expect(dom.contains("<li id=\"fund-1-1\" class=\"finding error\">"))
        #expect(dom.contains(">Klimaalliancen</mark> &lt;b&gt;fejrer&lt;/b&gt;"))
        #expect(!dom.contains("<b>fejrer</b>"))
        #expect(dom.contains("<td>Anne Fiktiv</td>"))
    }
}
