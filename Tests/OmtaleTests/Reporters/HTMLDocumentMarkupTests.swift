import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Omtale

/// The HTML report shows the document as written (issue 17, item 4): a .docx's tables as tables,
/// its headers, footers and notes labelled, its comments beside their text and its tracked changes
/// as `<ins>`/`<del>`, and for a `--fix` run the changes made. Each test reads the text column of
/// the page back as XML (it must be well formed) and looks at the real structure.
extension HTMLReporterTests {
    static func docx(_ name: String) throws -> FileReport {
        let data = try Data(contentsOf: TestPaths.fixture(name))
        let report = Fixtures.checker().check(data: data, path: (name as NSString).lastPathComponent)
        #expect(report.error == nil, "\(name): \(report.error?.description ?? "")")
        return report
    }

    /// The text column of each file's section, parsed.
    static func articles(_ page: String) throws -> [HTMLNode] {
        try page.components(separatedBy: "<article class=\"text\">").dropFirst().map { piece in
            try HTMLNode.parse(piece.components(separatedBy: "</article>")[0])
        }
    }

    @Test func tableCellsAreTableCellsWithTheFindingsAtTheirSpans() throws {
        // python-docx: a misspelled party in a table cell.
        let report = try Self.docx("fix/fix-02-table-header.docx")
        let article = try #require(try Self.articles(HTMLReporter().render([report], options: ReportSamples.options())).first)
        let table = try #require(article.all("table").first)
        #expect(table.attributes["class"] == "doc")
        let rows = table.all("tr")
        #expect(rows.map { $0.all("td").count } == [2, 2, 2])
        #expect(table.all("td").map(\.textContent) == ["Part", "Rolle", "Region Nordjylland, Region Midtjylland og Region Syddanmark",
                                                        "Arbejdsgrupper", "Region Sjælland og Region H", "Vært for årsmødet"])
        // Every finding inside a cell is marked there, exactly at its span, in the right row and cell.
        let document = try #require(report.document)
        let inCells = report.diagnostics.enumerated().filter { $0.element.word?.table != nil }
        #expect(!inCells.isEmpty, "fix-02 has a finding in a table cell: \(report.diagnostics.map(\.ruleID))")
        for (index, diagnostic) in inCells {
            let marks = article.all("mark").filter { ($0.attributes["data-f"] ?? "").split(separator: " ").contains("1-\(index + 1)"[...]) }
            #expect(marks.map(\.textContent).joined() == document.string(diagnostic.range), "\(diagnostic.ruleID)")
            for mark in marks {
                let cell = try #require(mark.ancestors.first { $0.name == "td" }, "a mark of \(diagnostic.ruleID) is outside the table")
                let row = try #require(cell.parent)
                #expect(rows.firstIndex { $0 === row }.map { $0 + 1 } == diagnostic.word?.row)
                #expect(row.children.filter { $0.name == "td" }.firstIndex { $0 === cell }.map { $0 + 1 } == diagnostic.word?.cell)
            }
        }
        // The paragraphs around the table are paragraphs of the text, not cells.
        #expect(article.children.filter { $0.name == "p" }.contains { $0.textContent.hasPrefix("Klimalliancen samler KL") })

        // Fixed with --fix: the change in the cell is marked in that cell, and listed with the cell's place.
        let fixed = Fixer.fix(data: try Data(contentsOf: TestPaths.fixture("fix/fix-02-table-header.docx")), path: "fix-02-table-header.docx",
                              checker: Fixtures.checker())
        try Self.expectChangesShown(fixed)
        let fixedPage = HTMLReporter().render([fixed.after], options: ReportSamples.options())
        let fixedArticle = try #require(try Self.articles(fixedPage).first)
        let inserted = try #require(fixedArticle.all("ins").first { $0.textContent == "Region Hovedstaden" })
        #expect(inserted.attributes["class"] == "fix")
        #expect(inserted.ancestors.first { $0.name == "td" }?.textContent == "Region Sjælland og Region HRegion Hovedstaden")
        #expect(fixedPage.contains(">brødtekst, tabel 1, række 3, celle 1, afsnit "))

        // LibreOffice: a cell of two paragraphs, and one spanning both columns.
        let office = try #require(try Self.articles(HTMLReporter().render([try Self.docx("docx/24-tables-libreoffice.docx")],
                                                                           options: ReportSamples.options())).first)
        let cells = office.all("td")
        let two = try #require(cells.first { $0.textContent.contains("klimatilpasning") })
        #expect(two.children.filter { $0.name == "p" }.map(\.textContent) == ["Arbejdsgruppen om klimatilpasning.", "Samarbejder med Region Sjælland."])
        let spanning = try #require(cells.first { $0.textContent == "Finansiering: Realdania" })
        #expect(spanning.attributes["colspan"] == "2")
        #expect(cells.prefix(2).map(\.textContent) == ["Part", "Rolle"])
    }

    @Test func headersFootersAndNotesAreLabelledWhereAPageHasThem() throws {
        let report = try Self.docx("docx/05-headers-footers-default-first-even.docx")
        for (language, labels) in [
            (Language.da, ["Sidehoved, første side", "Sidehoved", "Sidehoved, lige sider", "Sidefod, første side", "Sidefod", "Sidefod, lige sider"]),
            (.en, ["Header, first page", "Header", "Header, even pages", "Footer, first page", "Footer", "Footer, even pages"]),
        ] {
            let article = try #require(try Self.articles(HTMLReporter().render([report], options: ReportSamples.options(language))).first)
            let parts = article.children.filter { $0.attributes["class"] == "docpart" }
            #expect(parts.map { $0.children.first?.textContent } == labels)
            #expect(parts.first?.all("p").map(\.textContent) == ["Pressemeddelelse fra Region Nordjylland"])
            #expect(parts.last?.all("p").map(\.textContent) == ["Realdania · Jarmers Plads 2 · 1551 København V"])
            // Headers above the body, footers below it, as on the page.
            let elements = article.children.filter { !$0.name.isEmpty && $0.name != "h3" }
            let body = try #require(elements.firstIndex { $0.name == "p" && $0.textContent.hasPrefix("KL og partnerne") })
            #expect(elements[..<body].filter { $0.attributes["class"] == "docpart" }.count == 3)
            #expect(elements[body...].filter { $0.attributes["class"] == "docpart" }.count == 3)
        }
        let notes = try #require(try Self.articles(HTMLReporter().render([try Self.docx("docx/07-footnote-endnote-parts.docx")],
                                                                          options: ReportSamples.options())).first)
        let labelled = notes.children.filter { $0.attributes["class"] == "docpart" }
            .map { ($0.children.first?.textContent ?? "", $0.all("p").map(\.textContent)) }
        #expect(labelled.map(\.0) == ["Fodnoter", "Slutnoter"])
        #expect(labelled.map { $0.1.map { $0.trimmingCharacters(in: .whitespaces) } } == [["Region Hovedstaden deltager med tre medarbejdere i sekretariatet."], ["Realdania bidrager med 20 mio. kr. over tre år."]])
    }

    @Test func wordCommentsStandBesideTheirTextApartFromTheFindings() throws {
        let report = try Self.docx("docx/10-comment-names-absent-party.docx")
        let comment = "Husk at nævne Realdania som medstifter, før den sendes ud."
        for (language, who) in [(Language.da, "Kommentar fra Jens Opdigtet:"), (.en, "Comment by Jens Opdigtet:")] {
            let page = HTMLReporter().render([report], options: ReportSamples.options(language))
            #expect(page.components(separatedBy: comment).count == 2, "the comment's text appears once")
            let article = try #require(try Self.articles(page).first)
            let bubbles = article.all("span").filter { $0.attributes["class"] == "cmt" }
            #expect(bubbles.count == 1)
            let bubble = try #require(bubbles.first)
            #expect(bubble.attributes["role"] == "note")
            #expect(bubble.children.filter { !$0.name.isEmpty }.map(\.textContent) == [who, comment])
            #expect(!bubble.ancestors.contains { $0.name == "mark" }, "a comment is not a finding")
            // Beside the commented text: the highlighted stretch ends right before the note.
            let paragraph = try #require(bubble.parent)
            let position = try #require(paragraph.children.firstIndex { $0 === bubble })
            let commented = paragraph.children[..<position].filter { $0.attributes["class"] == "c" || $0.all("span").contains { $0.attributes["class"] == "c" } }
            #expect(commented.map(\.textContent).joined().hasPrefix("KL og de fem regioner – Region Nordjylland"))
            #expect(commented.map(\.textContent).joined().hasSuffix("står bag Klimaalliancen."))
            #expect(article.all("mark").allSatisfy { $0.attributes["class"]?.hasPrefix("f ") == true })
        }
    }

    @Test func trackedChangesShowAsWordShowsThem() throws {
        let report = try Self.docx("docx/09-tracked-changes-ins-del.docx")
        let article = try #require(try Self.articles(HTMLReporter().render([report], options: ReportSamples.options())).first)
        let deleted = article.all("del")
        #expect(deleted.map(\.textContent) == ["Region Nordjylland, ", "jylland"])
        #expect(article.all("ins").map(\.textContent) == [" og Realdania", "danmark"])
        for change in deleted + article.all("ins") {
            #expect(change.attributes["class"] == "rev")
            #expect(change.attributes["title"]?.contains("Birthe Fiktivsen") == true)
        }
        #expect(deleted.first?.attributes["title"] == "Slettet af Birthe Fiktivsen (sporet ændring)")
        // In place: "Region Syd" + deleted "jylland" + inserted "danmark" + ".".
        let correction = try #require(deleted.last?.parent)
        #expect(correction.textContent.hasSuffix("ledes af Region Sydjyllanddanmark."))
        let english = try #require(try Self.articles(HTMLReporter().render([report], options: ReportSamples.options(.en))).first)
        #expect(english.all("ins").first?.attributes["title"] == "Inserted by Birthe Fiktivsen (tracked change)")
        // The deleted text is shown, not checked: Region Nordjylland is still missing.
        #expect(report.parties.first { $0.name == "Region Nordjylland" }?.mentioned == false)
    }

    /// What a fixed file's report must show: every change listed (old → new) and linked to its place,
    /// where the text has the old wording struck through and the new one marked.
    static func expectChangesShown(_ result: FixResult, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let fixes = try #require(result.after.fixes, sourceLocation: sourceLocation)
        #expect(fixes.changes.count == result.applied.count, sourceLocation: sourceLocation)
        #expect(!fixes.changes.isEmpty, sourceLocation: sourceLocation)
        let page = HTMLReporter().render([result.after], options: ReportSamples.options())
        let article = try #require(try Self.articles(page).first, sourceLocation: sourceLocation)
        let items = try HTMLNode.parse(try #require(page.components(separatedBy: "<ol class=\"changes\">").dropFirst().first)
            .components(separatedBy: "</ol>")[0]).all("li")
        #expect(items.count == fixes.changes.count, sourceLocation: sourceLocation)
        for (index, (change, item)) in zip(fixes.changes, items).enumerated() {
            let id = "1-\(index + 1)"
            #expect(!change.ranges.isEmpty, "change \(id) »\(change.old)« → »\(change.new)« was not followed into the fixed file", sourceLocation: sourceLocation)
            let new = change.new.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(item.all("ins").map(\.textContent) == [new], sourceLocation: sourceLocation)
            #expect(item.all("del").map(\.textContent) == (change.old.isEmpty ? [] : [change.old]), sourceLocation: sourceLocation)
            #expect(item.all("a").first?.attributes["href"] == "#rettelse-\(id)", sourceLocation: sourceLocation)
            #expect(article.all("span").contains { $0.attributes["id"] == "rettelse-\(id)" }, sourceLocation: sourceLocation)
            let inText = article.all("ins").filter { $0.attributes["data-r"] == id }
            #expect(inText.map(\.textContent).joined() == change.new.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "\r", with: ""),
                    sourceLocation: sourceLocation)
            #expect(inText.allSatisfy { $0.attributes["class"] == "fix" }, sourceLocation: sourceLocation)
            #expect(article.all("del").filter { $0.attributes["data-r"] == id }.map(\.textContent) == (change.old.isEmpty ? [] : [change.old]),
                    sourceLocation: sourceLocation)
        }
    }

    @Test func aFixRunOfATextFileListsAndMarksItsChanges() throws {
        let text = "Klimaalliancen styrker den grønne omstilling\n\nKL, Region Nordjylland, RM, Region Syddanmark, Region Sjælland, "
            + "Region Hovedstaden og Real Dania samarbejder i Klimaalliancen om en ny pulje.\n"
        for (path, data) in [("udkast.txt", Data(text.utf8)), ("udkast-crlf.txt", Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)),
                             ("udkast.md", Data(("# " + text.replacingOccurrences(of: "\n\n", with: "\n\nSe [puljen](https://example.org/pulje) og *fristerne*.\n\n")).utf8))] {
            let result = Fixer.fix(data: data, path: path, checker: Fixtures.checker())
            #expect(result.fixed != nil, "\(path): nothing fixed")
            let pairs = result.after.fixes?.changes.map { [$0.old, $0.new] } ?? []
            #expect(pairs.contains(["RM", "Region Midtjylland"]) && pairs.contains(["Real Dania", "Realdania"]), "\(path): \(pairs)")
            try Self.expectChangesShown(result)
            let page = HTMLReporter().render([result.after], options: ReportSamples.options())
            #expect(page.contains("<p class=\"fixed\">Omtale har rettet \(pairs.count) steder i filen (--fix)."))
            #expect(HTMLReporter().render([result.after], options: ReportSamples.options(.en)).contains("<h3>Changes made</h3>"))
        }
        // A missing party added as a paragraph of its own.
        let missing = "Klimaalliancen åbner nyt spor\n\nKlimaalliancen åbner i dag et nyt spor om grøn mobilitet i landdistrikterne.\n"
        let result = Fixer.fix(data: Data(missing.utf8), path: "spor.txt", checker: Fixtures.checker())
        #expect(result.after.fixes?.changes.contains { $0.old.isEmpty } == true, "\(result.applied.map(\.text))")
        try Self.expectChangesShown(result)
    }

    @Test func aReviewedWordCopyShowsOmtalesChangesAndKeepsTheOthers() throws {
        let name = "fix-03-existing-review.docx"
        let data = try Data(contentsOf: TestPaths.fixture("fix/\(name)"))
        let result = Fixer.fix(data: data, path: name, checker: Fixtures.checker())
        #expect(result.fixed != nil && result.unsupported == nil, "\(result.unsupported?.description ?? "")")
        let pairs = result.after.fixes?.changes.map { [$0.old, $0.new] } ?? []
        #expect(pairs.contains(["Real Dania", "Realdania"]), "\(pairs)")
        try Self.expectChangesShown(result)
        let page = HTMLReporter().render([result.after], options: ReportSamples.options())
        let article = try #require(try Self.articles(page).first)
        // Birthe Fiktivsen's tracked changes and Karen Påfund's comment were there before and are shown as such.
        #expect(article.all("del").filter { $0.attributes["class"] == "rev" }.map(\.textContent) == ["Region Sjællands kommuner, "])
        #expect(article.all("ins").filter { $0.attributes["class"] == "rev" }.map(\.textContent) == ["Region Sjælland, "])
        #expect(!article.all("ins").contains { $0.attributes["class"] == "rev" && $0.attributes["title"]?.contains("Omtale") == true })
        let bubbles = article.all("span").filter { $0.attributes["class"] == "cmt" }
        #expect(bubbles.map { $0.children.first?.textContent } == ["Kommentar fra Karen Påfund:"])
        #expect(page.components(separatedBy: "Kan vi nævne et konkret projekt her?").count == 2)
        // Omtale's own comments in the copy are the findings that are left, not comments of the document.
        #expect(result.after.fixes?.addedComments.count == result.comments)
        #expect(page.contains("<p class=\"fixed\">Omtale har skrevet en kopi af \(name) med \(pairs.count) sporede ændringer og \(result.comments) kommentar"))
        #expect(page.contains("<span class=\"path\">\(Fixer.reviewedCopyPath(of: name))</span>"))
    }

    /// Every Word fixture's text column is well formed, loses no paragraph's text and doubles none.
    @Test func everyWordFixtureIsShownWhole() throws {
        let folders = ["docx", "fix", "commercial", "scope", "fuzz", "docx-text/pandoc-tables"]
        var seen = 0
        for folder in folders {
            let names = try FileManager.default.contentsOfDirectory(atPath: TestPaths.fixture(folder).path)
                .filter { ["docx", "docm", "dotx"].contains(($0 as NSString).pathExtension) }.sorted()
            for name in names {
                let report = Fixtures.checker().check(data: try Data(contentsOf: TestPaths.fixture("\(folder)/\(name)")), path: name)
                guard let document = report.document else { continue }
                let article = try #require(try Self.articles(HTMLReporter().render([report], options: ReportSamples.options())).first, "\(name)")
                let shown = article.all("p").filter { !$0.ancestors.contains { $0.name == "del" } }
                    .map { $0.children.filter { !["del", "span"].contains($0.name) || $0.attributes["class"] == "c" || $0.attributes["class"] == "anchor" }
                        .map(\.textContent).joined() }
                let paragraphs = document.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    .filter { $0.contains { !$0.isWhitespace } }
                #expect(shown.filter { $0.contains { !$0.isWhitespace } }.sorted() == paragraphs.sorted(), "\(folder)/\(name)")
                seen += 1
            }
        }
        #expect(seen > 30)
    }

    /// A page of Word documents (tables, parts, comments, tracked changes, a reviewed copy's fixes)
    /// in headless Chromium: the script runs to its end and finds a highlight for every finding.
    @Test(ExternalTools.chromiumTrait)
    func aWordPageRendersInHeadlessChromium() throws {
        let fixed = Fixer.fix(data: try Data(contentsOf: TestPaths.fixture("fix/fix-03-existing-review.docx")), path: "fix-03-existing-review.docx",
                              checker: Fixtures.checker())
        let reports = [fixed.after] + (try ["fix/fix-02-table-header.docx", "docx/05-headers-footers-default-first-even.docx",
                                            "docx/09-tracked-changes-ins-del.docx", "docx/10-comment-names-absent-party.docx"].map(Self.docx))
        guard let result = try Self.loadInChromium(HTMLReporter().render(reports, options: ReportSamples.options())) else { return }
        let dom = result.stdout
        #expect(dom.contains("data-ready=\"1\""), "the page script did not finish: \(result.stderr.suffix(2000))")
        #expect(dom.contains("data-findings=\"\(reports.reduce(0) { $0 + $1.diagnostics.count })\""))
        #expect(!result.stderr.contains("Uncaught"), "JavaScript error: \(result.stderr.suffix(2000))")
        #expect(dom.contains("<td><p>Vært for årsmødet</p></td>"))
        #expect(dom.contains(">Region Nordjylland, </del>"))
        #expect(dom.contains("<span class=\"cmt-who\">Kommentar fra Karen Påfund:</span>"))
        #expect(dom.contains("<del class=\"fix\" data-r=\"1-2\""))
    }

    @Test func commentsAndTrackedChangesAreEscaped() throws {
        var source = SourceText(text: "Klimaalliancen <i>samler</i> KL.", comments: [Comment(author: "A & <B>", text: "<script>x</script> \"ja\"", range: 0..<14)],
                                lineBreaksAreSoft: false)
        source.revisions = [Revision(kind: .deletion, author: "C'est <moi>", range: 15..<15, deleted: "<b>gammel</b> & "),
                            Revision(kind: .insertion, author: "D", range: 15..<28)]
        source.lines = LineTable(lines: [LineTable.Line(start: 0, number: 1, part: "body")])
        let document = Document(path: "x.docx", inputID: DocxInput.identifier, source: source, tokenizer: Tokenizer())
        let html = DocumentMarkup(document: document, diagnostics: [], file: 1, language: .da).html
        let paragraph = try HTMLNode.parse(html)
        #expect(paragraph.all("del").map(\.textContent) == ["<b>gammel</b> & "])
        #expect(paragraph.all("del").first?.attributes["title"] == "Slettet af C'est <moi> (sporet ændring)")
        #expect(paragraph.all("ins").map(\.textContent) == ["<i>samler</i>"])
        #expect(paragraph.all("span").filter { $0.attributes["class"] == "cmt-text" }.map(\.textContent) == ["<script>x</script> \"ja\""])
        #expect(!html.contains("<script>") && !html.contains("<b>") && !html.contains("<i>"))
        // The page still loads nothing.
        let page = HTMLReporter().render([try Self.docx("docx/10-comment-names-absent-party.docx")], options: ReportSamples.options())
        for external in ["src=", "href=\"http", "@import", "url(", "<link"] { #expect(!page.contains(external)) }
    }
}

/// A small element tree read with XMLParser from the report's markup (which is well-formed XML).
final class HTMLNode {
    let name: String
    let attributes: [String: String]
    var text = ""
    var children: [HTMLNode] = []
    weak var parent: HTMLNode?

    init(name: String, attributes: [String: String] = [:]) {
        self.name = name
        self.attributes = attributes
    }

    var textContent: String { name.isEmpty ? text : children.map(\.textContent).joined() }
    var ancestors: [HTMLNode] { parent.map { [$0] + $0.ancestors } ?? [] }

    /// Every element below this one with this name, in document order.
    func all(_ name: String) -> [HTMLNode] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
    }

    static func parse(_ fragment: String) throws -> HTMLNode {
        final class Builder: NSObject, XMLParserDelegate {
            var stack = [HTMLNode(name: "root")]
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                let node = HTMLNode(name: name, attributes: attributes)
                node.parent = stack.last
                stack.last?.children.append(node)
                stack.append(node)
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if let last = stack.last?.children.last, last.name.isEmpty { last.text += string; return }
                let node = HTMLNode(name: "")
                node.text = string
                node.parent = stack.last
                stack.last?.children.append(node)
            }
        }
        let builder = Builder()
        let parser = XMLParser(data: Data(("<root>" + fragment + "</root>").utf8))
        parser.delegate = builder
        guard parser.parse() else {
            throw InputError(.malformed, da: "ikke velformet: \(parser.parserError.map { "\($0)" } ?? "")", en: "not well formed")
        }
        return builder.stack[0].children[0]
    }
}

extension HTMLReporterTests {
    /// The party list and the quote table place a Word document's text as Word shows it (the part in
    /// words, the paragraph within it), never as "body, linje 2, kolonne 41" (issue 17, item 3).
    @Test func aWordDocumentsPartyPlacesReadAsWordCountsThem() throws {
        let report = try Self.docx("docx/06-realdania-only-in-footer.docx")
        let danish = HTMLReporter().render([report], options: ReportOptions(language: .da))
        let english = HTMLReporter().render([report], options: ReportOptions(language: .en))
        let places = { (page: String) in
            page.components(separatedBy: "<ul class=\"where\">").dropFirst().flatMap { list in
                list.components(separatedBy: "</ul>")[0].components(separatedBy: "<li>").dropFirst()
                    .map { $0.components(separatedBy: ":")[0] }
            }
        }
        let danishPlaces = places(danish), englishPlaces = places(english)
        #expect(!danishPlaces.isEmpty)
        #expect(danishPlaces.allSatisfy { $0.range(of: #"^(brødtekst|sidehoved|sidefod), afsnit \d+$"#, options: .regularExpression) != nil },
                "\(danishPlaces)")
        #expect(danishPlaces.contains { $0.hasPrefix("sidefod, afsnit ") }, "Realdania is named in the footer only")
        #expect(englishPlaces.allSatisfy { $0.range(of: #"^(body|header|footer), paragraph \d+$"#, options: .regularExpression) != nil },
                "\(englishPlaces)")
        #expect(!danish.contains("kolonne"), "a Word document has no columns to count")
    }
}
