import Foundation
import Testing
@testable import Omtale

/// `--fix` for text and Markdown: only the fixed spans change, the encoding, BOM and line endings
/// stay, a second run changes nothing, and the file is never touched when it cannot be read.
@Suite struct TextFixTests {
    static var textFixtures: [URL] {
        let root = TestPaths.root.appendingPathComponent("fixtures")
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = walker?.nextObject() as? URL {
            guard ["txt", "md"].contains(url.pathExtension), !url.path.contains("/fuzz/"), url.lastPathComponent != "README.md" else { continue }
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The original text with each edit's span replaced, worked out on scalars (not bytes).
    static func expected(_ original: String, _ edits: [FixPlan.Edit]) -> String {
        var scalars = Array(original.unicodeScalars)
        let lines = LineTable(scalars: scalars)
        func offset(_ line: Int, _ column: Int) -> Int { lines.lines.first { $0.number == line }!.start + column - 1 }
        let lineEnd = TextFixer.lineEnding(scalars)
        for edit in edits.sorted(by: { ($0.start.line, $0.start.column) > ($1.start.line, $1.start.column) }) {
            let range = offset(edit.start.line, edit.start.column)..<offset(edit.end.line, edit.end.column)
            scalars.replaceSubrange(range, with: Array(edit.text.replacingOccurrences(of: "\n", with: lineEnd).unicodeScalars))
        }
        return String(String.UnicodeScalarView(scalars))
    }

    @Test func fixOnEveryTextFixtureChangesOnlyTheFixedSpansAndIsIdempotent() throws {
        let checker = Fixtures.checker()
        var fixedFiles = 0
        let fixtures = Self.textFixtures
        #expect(fixtures.count > 50)
        for url in fixtures {
            let data = try Data(contentsOf: url)
            let result = Fixer.fix(data: data, path: url.path, checker: checker)
            guard result.before.error == nil else { continue }
            guard let fixed = result.fixed else {
                #expect(result.plan.edits.isEmpty, "\(url.lastPathComponent): edits planned but nothing written")
                continue
            }
            fixedFiles += 1
            let original = try TextDecoding.decode(data)
            let after = try TextDecoding.decode(fixed)
            #expect(after.encoding == original.encoding, "\(url.lastPathComponent): encoding changed")
            #expect(after.text == Self.expected(original.text, result.plan.edits), "\(url.lastPathComponent): more than the fixed spans changed")
            // Every replaced span held the text the finding was about.
            for edit in result.plan.edits where !edit.isInsertion {
                #expect(!edit.excerpt.isEmpty)
                #expect(original.text.contains(edit.excerpt), "\(url.lastPathComponent): \(edit.excerpt)")
            }
            // No finding a safe fix settled is reported again, and a second --fix has nothing to do.
            let again = Fixer.fix(data: fixed, path: url.path, checker: checker)
            #expect(again.plan.edits.isEmpty, "\(url.lastPathComponent): second --fix would change \(again.plan.edits.map(\.excerpt))")
            #expect(again.fixed == nil)
            let settled = result.plan.edits.flatMap(\.findings).map { result.before.diagnostics[$0] }
            for finding in settled {
                #expect(!result.after.diagnostics.contains { $0.ruleID == finding.ruleID && $0.subject == finding.subject && $0.excerpt == finding.excerpt },
                        "\(url.lastPathComponent): \(finding.ruleID) \(finding.excerpt) still reported")
            }
        }
        #expect(fixedFiles >= 10, "only \(fixedFiles) fixtures had a safe fix")
    }

    @Test(arguments: [
        ("UTF-16 LE med BOM", [UInt8]([0xFF, 0xFE]), String.Encoding.utf16LittleEndian, "\r\n"),
        ("UTF-16 BE med BOM", [0xFE, 0xFF], .utf16BigEndian, "\n"),
        ("UTF-8 med BOM", [0xEF, 0xBB, 0xBF], .utf8, "\r\n"),
        ("Windows-1252", [], .windowsCP1252, "\r\n"),
        ("UTF-8, CR", [], .utf8, "\r"),
    ])
    func encodingBOMAndLineEndingsAreKept(_ label: String, bom: [UInt8], encoding: String.Encoding, lineEnd: String) throws {
        let lines = ["Real Dania og KL står bag Klimaalliancen sammen med Region Nordjylland, Region Midtjylland,",
                     "Region Syddanmark, Region Sjælland og Region Hovedstaden. Æbler, øl og ålegræs.", ""]
        let text = lines.joined(separator: lineEnd)
        let data = Data(bom) + text.data(using: encoding)!
        let result = Fixer.fix(data: data, path: "pm.txt", checker: Fixtures.checker())
        let fixed = try #require(result.fixed, "\(label)")
        #expect(fixed.starts(with: bom), "\(label): BOM lost")
        let want = text.replacingOccurrences(of: "Real Dania", with: "Realdania")
        #expect(fixed == Data(bom) + want.data(using: encoding)!, "\(label): bytes differ from the expected fix")
    }

    @Test func anInsertedLineBreakUsesTheFilesLineEnding() throws {
        let edit = FixPlan.Edit(part: nil, start: (1, 4), end: (1, 4), text: "\nny linje\n", ruleID: "x", message: Localized(verbatim: ""),
                                excerpt: "", findings: [0])
        let fixed = try TextFixer.apply([edit], to: Data("abc\r\ndef\r\n".utf8))
        #expect(String(decoding: fixed, as: UTF8.self) == "abc\r\nny linje\r\n\r\ndef\r\n")
    }

    @Test func windows1252RefusesACharacterItCannotStore() {
        let edit = FixPlan.Edit(part: nil, start: (1, 1), end: (1, 1), text: "→", ruleID: "x", message: Localized(verbatim: ""),
                                excerpt: "", findings: [0])
        #expect(throws: InputError.self) { try TextFixer.apply([edit], to: Data([0x41, 0xE6, 0x0D, 0x0A])) }
    }

    /// "klimaalliancen" in lower case beside three parties is a question (a remark): is the
    /// partnership meant? --fix leaves the answer to the writer; capitalising it would also make
    /// the text about the alliance and pull in every missing party on the next pass.
    @Test func aRemarksFixIsNeverApplied() throws {
        let text = "Nyt samarbejde\n\nI klimaalliancen arbejder KL, Region Sjælland og Realdania sammen om grøn omstilling.\n"
        let result = Fixer.fix(data: Data(text.utf8), path: "pm.txt", checker: Fixtures.checker())
        let remark = try #require(result.before.diagnostics.first { $0.ruleID == "partner-mention" })
        #expect(remark.severity == .info)
        #expect(remark.fix?.replacements.first?.text == "Klimaalliancen", "the remark still offers the capital as its fix")
        #expect(result.plan.edits.isEmpty)
        #expect(result.fixed == nil, "the file is left as written")
        #expect(result.after.diagnostics.contains { $0.ruleID == "partner-mention" && $0.severity == .info })
    }

    @Test func unifiedDiffShowsOnlyTheChangedLinesWithContext() {
        let old = (1...20).map { "linje \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "linje 5\n", with: "linje fem\n").replacingOccurrences(of: "linje 18\n", with: "linje atten\n")
        let diff = UnifiedDiff.make(old: old, new: new, oldName: "a/x", newName: "b/x")
        #expect(diff == """
            --- a/x
            +++ b/x
            @@ -2,7 +2,7 @@
             linje 2
             linje 3
             linje 4
            -linje 5
            +linje fem
             linje 6
             linje 7
             linje 8
            @@ -15,6 +15,6 @@
             linje 15
             linje 16
             linje 17
            -linje 18
            +linje atten
             linje 19
             linje 20

            """)
        #expect(UnifiedDiff.make(old: old, new: old, oldName: "a", newName: "b").isEmpty)
    }

    @Test func overlappingFixesAreNotBothPlanned() {
        let a = FixPlan.Edit(part: nil, start: (1, 1), end: (1, 10), text: "x", ruleID: "r", message: Localized(verbatim: ""), excerpt: "", findings: [0])
        var b = a
        b.start = (1, 5)
        b.end = (1, 12)
        #expect(FixPlan.overlaps(a, b))
        b.start = (1, 10)
        b.end = (1, 12)
        #expect(!FixPlan.overlaps(a, b))
    }

    // MARK: - The enumeration fix of partner-mention among the fixes inside it (issue 17)

    static let allParties = "KL, Region Nordjylland, Region Midtjylland, Region Syddanmark, Region Sjælland, Region Hovedstaden og Realdania"

    /// Every party once, by its name, "og" before the last: what a Danish reader should get.
    static func namesEveryPartyOnce(_ text: String) -> Bool {
        let names = ["KL", "Region Nordjylland", "Region Midtjylland", "Region Syddanmark", "Region Sjælland", "Region Hovedstaden", "Realdania"]
        return names.allSatisfy { text.components(separatedBy: $0).count == 2 }
    }

    static func fixText(_ text: String) throws -> (result: FixResult, text: String) {
        let result = Fixer.fix(data: Data(text.utf8), path: "pm.txt", checker: Fixtures.checker())
        let fixed = try #require(result.fixed, "nothing fixed in »\(text)«")
        return (result, String(decoding: fixed, as: UTF8.self))
    }

    @Test func anAbbreviationInsideTheEnumerationIsWrittenOutOnceNotAddedTwice() throws {
        let (result, text) = try Self.fixText("Klimaalliancen samler KL, Region Nordjylland, RM, Region Syddanmark og Realdania om planerne for Fjordby.\n")
        #expect(text == "Klimaalliancen samler \(Self.allParties) om planerne for Fjordby.\n")
        #expect(Self.namesEveryPartyOnce(text))
        // "RM" written out is the missing Region Midtjylland: the abbreviation's and the enumeration's fix are one edit.
        let rm = try #require(result.applied.first { $0.excerpt == "RM" })
        #expect(rm.text == "Region Midtjylland")
        #expect(Set(rm.findings.map { result.before.diagnostics[$0].ruleID }) == ["party-abbreviation", "partner-mention"])
        #expect(result.plan.unfixed.allSatisfy { result.before.diagnostics[$0].fix == nil || Fixtures.ruleset.rule(result.before.diagnostics[$0].ruleID)?.safeFix != true })
        #expect(!result.after.diagnostics.contains { ["partner-mention", "party-abbreviation"].contains($0.ruleID) })
    }

    @Test(arguments: [
        // The enumeration after the first mention of the alliance, and before it (the spelling findings then come first in the report).
        ("Klimaalliancen samler KL, Region Nordjylland, Region Syd Danmark og Real Dania om planerne.\n",
         "Klimaalliancen samler \(allParties) om planerne.\n"),
        ("KL, RM og Real Dania står bag Klimaalliancen i Fjordby.\n", "\(allParties) står bag Klimaalliancen i Fjordby.\n"),
    ])
    func aMisspelledPartyInsideTheEnumerationIsFixedNotLeftAsAFinding(_ input: String, _ want: String) throws {
        let (result, text) = try Self.fixText(input)
        #expect(text == want)
        #expect(Self.namesEveryPartyOnce(text))
        let spelling = result.before.diagnostics.indices.filter { result.before.diagnostics[$0].ruleID == "party-spelling" }
        #expect(!spelling.isEmpty)
        for index in spelling {
            #expect(!result.plan.unfixed.contains(index), "»\(result.before.diagnostics[index].excerpt)« left as a finding")
            #expect(result.applied.contains { $0.findings.contains(index) })
        }
        // Each misspelling is its own edit of just the name (a Word user reviews »Real Dania« → »Realdania«).
        #expect(result.applied.contains { $0.excerpt == "Real Dania" && $0.text == "Realdania" })
        #expect(!result.after.diagnostics.contains { ["partner-mention", "party-spelling", "party-abbreviation"].contains($0.ruleID) })
    }

    @Test(arguments: [
        "Klimaalliancen samler KL, Region Nordjylland, RM, Region Syddanmark og Realdania.\n",
        "Klimaalliancen samler KL, Region Nordjylland, Region Syd Danmark og Real Dania.\n",
        "Klimaalliancen: KL, RN, RM, RSD, RS, RH og Real Dania.\n",
        "Klimaalliancen samler KL og Region Nordjylland om planerne.\n",
        // Hand-wrapped, the list over two lines: the line break stays where it was.
        "Ny aftale i Fjordby\r\n\r\nKlimaalliancen samler fra i dag KL, Region Nordjylland, RM, Region Syddanmark og\r\nReal Dania om de fælles planer for klimatilpasning i hele landet og i Fjordby.\r\n",
    ])
    func fixingTwiceIsFixingOnce(_ input: String) throws {
        let checker = Fixtures.checker()
        let first = Fixer.fix(data: Data(input.utf8), path: "pm.txt", checker: checker)
        let fixed = try #require(first.fixed)
        let text = String(decoding: fixed, as: UTF8.self)
        #expect(Self.namesEveryPartyOnce(text), "\(text)")
        #expect(text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").contains(" og Realdania"), "\(text)")
        #expect(text.components(separatedBy: "\r\n").count == input.components(separatedBy: "\r\n").count, "line endings changed: \(text)")
        let second = Fixer.fix(data: fixed, path: "pm.txt", checker: checker)
        #expect(second.plan.edits.isEmpty, "second --fix would change \(second.plan.edits.map(\.excerpt))")
        #expect(second.fixed == nil)
        #expect(!second.before.diagnostics.contains { ["partner-mention", "party-spelling", "party-abbreviation"].contains($0.ruleID) })
    }

    @Test func aFixThatBringsAboutAnotherIsMadeInTheSameRun() throws {
        // Spelt right, the partnership's name makes the text one about it, and then three parties
        // are missing from the list. (A lower-case "klimaalliancen" is only a question, and its fix
        // is never applied: aRemarksFixIsNeverApplied.)
        let input = "Nyt om klimaet i Fjordby\n\nI Klimaaliancen arbejder KL, Region Sjælland, Region Hovedstaden og Realdania sammen om planerne.\n"
        let (result, text) = try Self.fixText(input)
        #expect(text == "Nyt om klimaet i Fjordby\n\nI Klimaalliancen arbejder \(Self.allParties) sammen om planerne.\n")
        #expect(text == Self.expected(input, result.plan.edits), "the edits, in the original's lines and columns, do not give the fixed text")
        #expect(result.applied.map(\.excerpt) == ["Klimaaliancen", ""])
        #expect(result.after.diagnostics.allSatisfy { $0.ruleID != "partner-mention" })
        #expect(Fixer.fix(data: Data(text.utf8), path: "pm.txt", checker: Fixtures.checker()).fixed == nil)
    }
}
