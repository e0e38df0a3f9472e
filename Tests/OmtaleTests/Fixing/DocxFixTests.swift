import Foundation
import Testing
@testable import Omtale

/// The reviewed copy of a Word document (`--fix udkast.docx` → `udkast.omtale.docx`), opened with
/// python-docx and LibreOffice: the fixes are tracked changes by Omtale that, accepted, give the
/// right names; the other findings are comments on their spans; everything else is kept.
@Suite(ExternalTools.officeTrait, .serialized) struct DocxFixTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        /// Wording the text must have once every change is accepted, and wording it must not.
        var fixed: [String]
        var gone: [String]
        /// Authors whose tracked changes and comments were in the file before and must stay.
        var keeps: [String] = []
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "fix-01-split-runs.docx", fixed: ["Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania."],
             gone: ["Real Dania", "Syd Danmark", ", RM,"]),
        Case(file: "fix-02-table-header.docx", fixed: ["Klimaalliancen samler", "Region Sjælland og Region Hovedstaden"], gone: ["Klimalliancen", "Region H\n"]),
        Case(file: "fix-03-existing-review.docx", fixed: ["Klimaalliancen er et partnerskab", "Region Hovedstaden og Realdania."],
             gone: ["Real Dania", "Klimalliancen"], keeps: ["Birthe Fiktivsen", "Karen Påfund"]),
        Case(file: "fix-04-strict.docx", fixed: ["Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania."], gone: ["Real Dania", "Syd Danmark"]),
        // The text already enumerates four parties, so the three missing regions are added to that
        // enumeration (issue 14), not as the boilerplate sentence after it, which would name KL,
        // Region Nordjylland, Region Midtjylland and Realdania a second time.
        Case(file: "fix-05-missing-parties.docx",
             fixed: ["KL, Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania lægger tilsammen"],
             gone: ["Klimaalliancen er et partnerskab mellem"]),
        Case(file: "fix-06-libreoffice.docx", fixed: ["Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania."], gone: ["Real Dania", "Syd Danmark"]),
    ]

    static func parts(_ data: Data) throws -> [String: Data] {
        var zip = try SafeZip(data)
        var parts: [String: Data] = [:]
        for item in try SafeZip.scan(data, limits: SafeZip.Limits()) where !item.name.hasSuffix("/") {
            parts[item.name] = try zip.read(item.name)
        }
        return parts
    }

    @Test(arguments: cases)
    func reviewedCopyOpensInPythonDocxAndLibreOfficeWithTheFixesAccepted(_ test: Case) throws {
        let dir = try FixCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try Data(contentsOf: TestPaths.root.appendingPathComponent("fixtures/fix/\(test.file)"))
        let source = dir.appendingPathComponent(test.file)
        try original.write(to: source)
        let before = Fixtures.checker().check(data: original, path: test.file)
        let plan = FixPlan(report: before, ruleset: Fixtures.ruleset)

        let run = try CLI.run(["check", "--fix", test.file], directory: dir)
        #expect(run.status != 2, "\(run.stderr)")
        let copyURL = dir.appendingPathComponent(Fixer.reviewedCopyPath(of: test.file))
        #expect(try Data(contentsOf: source) == original, "the original was changed")
        let copy = try Data(contentsOf: copyURL)

        // python-docx opens it (whenever it opens the original: it does not read Strict packages at all).
        let open = ["python3", "-c", "import sys, docx; d = docx.Document(sys.argv[1]); print(len(d.paragraphs))"]
        if try ExternalTools.run(open + [source.path]).status == 0 {
            let python = try ExternalTools.run(open + [copyURL.path])
            #expect(python.status == 0, "python-docx: \(python.stderr)")
        } else {
            #expect(test.file.contains("strict"), "python-docx cannot open the original \(test.file)")
        }

        // LibreOffice reads it; with every change accepted the text has the fixed wording.
        let script = TestPaths.root.appendingPathComponent("Tests/OmtaleTests/Fixing/accept_changes.py").path
        let acceptedURL = dir.appendingPathComponent("accepted.txt")
        let office = try ExternalTools.run(["python3", script, copyURL.path, acceptedURL.path], timeout: 300)
        #expect(office.status == 0, "LibreOffice: \(office.stderr)")
        let accepted = try String(contentsOf: acceptedURL, encoding: .utf8)
        for wording in test.fixed { #expect(accepted.contains(wording), "accepted text lacks »\(wording)«:\n\(accepted)") }
        for wording in test.gone {
            #expect(!accepted.contains(wording), "accepted text still has »\(wording)«")
        }
        let changes = office.stderr.split(separator: "\n").filter { $0.hasPrefix("change\t") }
        let ours = changes.filter { $0.hasSuffix("\tOmtale") }
        let bodyEdits = plan.edits.filter { ($0.part ?? "body") == "body" }
        #expect(ours.count >= bodyEdits.count, "LibreOffice sees \(ours.count) changes by Omtale for \(bodyEdits.count) fixes")
        for author in test.keeps { #expect(office.stderr.contains("\t\(author)\t") || office.stderr.contains("\t\(author)\n"), "\(author)'s change or comment is gone") }

        // `omtale check` of the accepted text no longer reports the fixed findings.
        let recheck = Fixtures.checker().check(text: accepted, path: "accepted.txt")
        let settled = plan.edits.filter { ($0.part ?? "body") == "body" }.flatMap(\.findings).map { before.diagnostics[$0] }
        for finding in settled {
            #expect(!recheck.diagnostics.contains { $0.ruleID == finding.ruleID && $0.subject == finding.subject && $0.excerpt == finding.excerpt },
                    "\(finding.ruleID) »\(finding.excerpt)« is still reported after accepting")
        }

        // The findings without a safe fix are comments by Omtale, each with its range in document.xml.
        let parts = try Self.parts(copy)
        let originalParts = try Self.parts(original)
        let document = String(decoding: parts["word/document.xml"] ?? Data(), as: UTF8.self)
        let unfixed = plan.unfixed.filter { (before.diagnostics[$0].start.part ?? "body") == "body" }
        if !unfixed.isEmpty {
            let commentsData = parts["word/comments.xml"]
            let comments = String(decoding: try #require(commentsData, "no comments part"), as: UTF8.self)
            let ids = comments.components(separatedBy: "w:author=\"Omtale\"").dropFirst().count
            #expect(ids == unfixed.count, "\(ids) comments by Omtale for \(unfixed.count) findings")
            for index in unfixed {
                let message = before.diagnostics[index].message.da
                #expect(comments.contains(Escaping.xml(message, attribute: false)), "comment for »\(message)« missing")
            }
            for id in Self.omtaleCommentIDs(comments) {
                #expect(document.contains("commentRangeStart w:id=\"\(id)\""))
                #expect(document.contains("commentRangeEnd w:id=\"\(id)\""))
                #expect(document.contains("commentReference w:id=\"\(id)\""))
            }
        }
        #expect(document.contains("w:author=\"Omtale\""))

        // Every part without changes is copied byte for byte.
        let changed: Set<String> = ["word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml", "word/header1.xml", "word/header2.xml"]
        for (name, data) in originalParts where !changed.contains(name) {
            #expect(parts[name] == data, "\(name) changed")
        }
        #expect(Set(originalParts.keys).isSubset(of: Set(parts.keys)))

        // A second --fix on the reviewed copy changes nothing.
        let again = try CLI.run(["check", "--fix", copyURL.lastPathComponent], directory: dir)
        #expect(again.status != 2)
        #expect(try Data(contentsOf: copyURL) == copy, "a second --fix changed the reviewed copy")
    }

    static func omtaleCommentIDs(_ comments: String) -> [String] {
        comments.components(separatedBy: "<w:comment ").dropFirst().compactMap { element in
            guard element.contains("w:author=\"Omtale\""), let range = element.range(of: "w:id=\"") else { return nil }
            return String(element[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    @Test func aFixInTheHeaderIsATrackedChangeInTheHeaderPart() throws {
        let original = try Data(contentsOf: TestPaths.root.appendingPathComponent("fixtures/fix/fix-02-table-header.docx"))
        let result = Fixer.fix(data: original, path: "fix-02.docx", checker: Fixtures.checker())
        let copy = try #require(result.fixed)
        let source = try DocxInput().read(original, path: "x")
        let header = try #require(source.parts["header-default"])
        let headerData = try Self.parts(copy)[header]
        let xml = String(decoding: try #require(headerData), as: UTF8.self)
        #expect(xml.contains("<w:delText xml:space=\"preserve\">Real Dania</w:delText>"))
        #expect(xml.contains("<w:t xml:space=\"preserve\">Realdania</w:t></w:r></w:ins>"))
        // The re-check reads the copy as a reader who accepted the changes would.
        #expect(!result.after.diagnostics.contains { $0.ruleID == "party-spelling" })
    }

    @Test func splitRunsKeepTheirFormattingAroundTheChange() throws {
        let original = try Data(contentsOf: TestPaths.root.appendingPathComponent("fixtures/fix/fix-01-split-runs.docx"))
        let result = Fixer.fix(data: original, path: "fix-01.docx", checker: Fixtures.checker())
        let fixed = try #require(result.fixed)
        let documentData = try Self.parts(fixed)["word/document.xml"]
        let xml = String(decoding: try #require(documentData), as: UTF8.self)
        // "Region Syd" (bold) + " Dan" (italic) + "mark": each piece deleted in its own formatting.
        #expect(xml.contains("<w:r><w:rPr><w:b/></w:rPr><w:delText xml:space=\"preserve\">Region Syd</w:delText></w:r></w:del>"))
        #expect(xml.contains("<w:r><w:rPr><w:i/></w:rPr><w:delText xml:space=\"preserve\"> Dan</w:delText></w:r></w:del>"))
        #expect(xml.contains("<w:delText xml:space=\"preserve\">mark</w:delText>"))
        // "Real " + "Dania" (red) around a proofing mark: the mark stays where it was.
        #expect(xml.contains("<w:proofErr w:type=\"spellStart\"/>"))
        // RM, Region Syd Danmark and Real Dania: three changes. The missing Region Midtjylland is the
        // "RM" written out, which the enumeration fix and the abbreviation fix agree on; before
        // issue 14 a fourth change added the boilerplate sentence, naming every party twice.
        #expect(result.applied.count == 3)
        #expect(Set(result.applied.flatMap(\.findings)).count == 4)
        #expect(result.applied.allSatisfy { $0.findings.contains { result.before.diagnostics[$0].ruleID == "partner-mention" } })
        #expect(result.comments == 1)
    }

    // MARK: - The enumeration fix of partner-mention among the fixes inside it (issue 17)

    /// A Word document made by python-docx: a heading, then one paragraph per line.
    static func makeDocx(_ lines: [String], in dir: URL, name: String) throws -> URL {
        let url = dir.appendingPathComponent(name)
        let script = "import sys, docx\nd = docx.Document()\nd.add_heading(sys.argv[2], level=1)\nfor p in sys.argv[3:]: d.add_paragraph(p)\nd.save(sys.argv[1])\n"
        let made = try ExternalTools.run(["python3", "-c", script, url.path, "Ny aftale i Fjordby"] + lines)
        try #require(made.status == 0, "python-docx: \(made.stderr)")
        return url
    }

    @Test(arguments: [
        // An abbreviation inside the list: written out once, not added a second time.
        ("Klimaalliancen samler KL, Region Nordjylland, RM, Region Syddanmark og Realdania om planerne for Fjordby.",
         "Klimaalliancen samler \(TextFixTests.allParties) om planerne for Fjordby."),
        // Misspelled parties inside the list: tracked changes, not comments.
        ("Klimaalliancen samler KL, Region Nordjylland, Region Syd Danmark og Real Dania om planerne for Fjordby.",
         "Klimaalliancen samler \(TextFixTests.allParties) om planerne for Fjordby."),
    ])
    func theEnumerationAndTheFixesInsideItAreTrackedChangesThatReadRightAccepted(_ paragraph: String, _ want: String) throws {
        let dir = try FixCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try Self.makeDocx([paragraph], in: dir, name: "liste.docx")
        let checker = Fixtures.checker()
        let result = Fixer.fix(data: try Data(contentsOf: url), path: url.path, checker: checker)
        let copy = try #require(result.fixed)
        // Every finding with a safe fix is a tracked change; none is a comment.
        #expect(result.skipped.isEmpty)
        #expect(result.comments == 0, "\(result.plan.unfixed.map { result.before.diagnostics[$0].message.da })")
        #expect(result.plan.unfixed.isEmpty)
        #expect(result.applied.allSatisfy { !$0.isInsertion || !$0.text.contains("Klimaalliancen er et partnerskab") }, "the boilerplate was added beside the list")
        let copyURL = dir.appendingPathComponent("liste.omtale.docx")
        try copy.write(to: copyURL)

        let acceptedURL = dir.appendingPathComponent("accepted.txt")
        let script = TestPaths.root.appendingPathComponent("Tests/OmtaleTests/Fixing/accept_changes.py").path
        let office = try ExternalTools.run(["python3", script, copyURL.path, acceptedURL.path], timeout: 300)
        try #require(office.status == 0, "LibreOffice: \(office.stderr)")
        let accepted = try String(contentsOf: acceptedURL, encoding: .utf8)
        let lines = accepted.split(separator: "\n").map(String.init)
        #expect(lines.contains(want), "accepted text:\n\(accepted)")
        #expect(TextFixTests.namesEveryPartyOnce(accepted), "accepted text:\n\(accepted)")
        #expect(!office.stderr.contains("comment\tOmtale"))
        let recheck = checker.check(text: accepted, path: "accepted.txt")
        #expect(!recheck.diagnostics.contains { ["partner-mention", "party-spelling", "party-abbreviation"].contains($0.ruleID) },
                "\(recheck.diagnostics.map { $0.message.da })")

        // A second --fix on the reviewed copy has nothing to do.
        let again = Fixer.fix(data: copy, path: copyURL.path, checker: checker)
        #expect(again.plan.edits.isEmpty, "second --fix would change \(again.plan.edits.map(\.excerpt))")
        #expect(again.fixed == nil)
    }

    @Test(arguments: [
        ["KL, RM og Real Dania står bag Klimaalliancen i Fjordby.", "Planerne gælder fra i dag."],
        // Spelt right, the partnership's name makes the text one about it, and then three parties are missing from the list.
        ["I Klimaaliancen arbejder KL, Region Sjælland, Region Hovedstaden og Realdania sammen om planerne i Fjordby."],
    ])
    func fixingTheReviewedCopyTwiceIsFixingItOnce(_ paragraphs: [String]) throws {
        let dir = try FixCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.makeDocx(paragraphs, in: dir, name: "udkast.docx")
        let first = try CLI.run(["check", "--fix", "udkast.docx"], directory: dir)
        #expect(first.status != 2, "\(first.stderr)")
        let copyURL = dir.appendingPathComponent("udkast.omtale.docx")
        let copy = try Data(contentsOf: copyURL)
        #expect(first.stderr.contains("0 kommentarer"), "\(first.stderr)")
        let second = try CLI.run(["check", "--fix", "udkast.omtale.docx"], directory: dir)
        #expect(second.status != 2, "\(second.stderr)")
        #expect(try Data(contentsOf: copyURL) == copy, "a second --fix changed the reviewed copy")
        // The copy, as a reader who accepts the changes sees it, has nothing left to fix.
        let report = Fixtures.checker().check(data: copy, path: "udkast.omtale.docx")
        #expect(!report.diagnostics.contains { ["partner-mention", "party-spelling", "party-abbreviation"].contains($0.ruleID) },
                "\(report.diagnostics.map { $0.message.da })")
        let acceptedURL = dir.appendingPathComponent("accepted.txt")
        let script = TestPaths.root.appendingPathComponent("Tests/OmtaleTests/Fixing/accept_changes.py").path
        let office = try ExternalTools.run(["python3", script, copyURL.path, acceptedURL.path], timeout: 300)
        try #require(office.status == 0, "LibreOffice: \(office.stderr)")
        let accepted = try String(contentsOf: acceptedURL, encoding: .utf8)
        #expect(accepted.contains(TextFixTests.allParties), "accepted text:\n\(accepted)")
        #expect(TextFixTests.namesEveryPartyOnce(accepted), "accepted text:\n\(accepted)")
    }
}
