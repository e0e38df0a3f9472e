import Foundation
import Testing
import Omtale
@testable import OmtaleCLI

@Suite("omtale check (the binary)")
struct CheckCommandTests {
    @Test func cleanFileExitsZero() throws {
        let result = try CLI.run(["check", "fixtures/press/01-alle-parter.txt"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Tjekkede 1 fil: 0 fejl, 0 advarsler, 0 bemærkninger."))
    }

    @Test func missingPartyExitsOneWithCompilerStyleOutput() throws {
        let result = try CLI.run(["fixtures/press/03-mangler-kl.txt"])
        #expect(result.status == 1)
        let first = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("fixtures/press/03-mangler-kl.txt:3:1: fejl: KL er ikke nævnt."))
        #expect(first.hasSuffix("[partner-mention]"))
        #expect(result.stdout.contains("    ^~~~~~~~~~~~~~\n"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test func colourOnlyWhenAskedAndNeverWithNoColor() throws {
        let coloured = try CLI.run(["check", "--color", "always", "fixtures/press/03-mangler-kl.txt"])
        #expect(coloured.stdout.contains("\u{1B}[1;31mfejl\u{1B}[0m"))
        let auto = try CLI.run(["check", "fixtures/press/03-mangler-kl.txt"], environment: ["NO_COLOR": "1"])
        #expect(!auto.stdout.contains("\u{1B}["))
    }

    @Test func jsonContract() throws {
        let result = try CLI.run(["check", "--format", "json", "fixtures/press/14-forkortelser.txt"])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        let file = try #require(files.first)
        #expect(file["path"] as? String == "fixtures/press/14-forkortelser.txt")
        #expect(file["input"] as? String == "text")
        #expect(file["error"] is NSNull)
        #expect(file["applies"] as? Bool == true)
        let diagnostics = try #require(file["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first)
        for key in ["rule", "severity", "message", "line", "column", "endLine", "endColumn", "fix"] {
            #expect(first[key] != nil, "diagnostic key \(key)")
        }
        #expect(first["rule"] as? String == "partner-mention")
        #expect(first["severity"] as? String == "error")
        #expect((first["endColumn"] as? Int ?? 0) > (first["column"] as? Int ?? 0))
        let parties = try #require(file["parties"] as? [[String: Any]])
        #expect(parties.map { $0["name"] as? String } == ["KL", "Region Nordjylland", "Region Midtjylland", "Region Syddanmark",
                                                          "Region Sjælland", "Region Hovedstaden", "Realdania"])
        let midt = try #require(parties.first { $0["name"] as? String == "Region Midtjylland" })
        #expect(midt["mentioned"] as? Bool == false)
        let nord = try #require(parties.first { $0["name"] as? String == "Region Nordjylland" })
        let occurrence = try #require((nord["occurrences"] as? [[String: Any]])?.first)
        #expect(occurrence["text"] as? String == "Region Nordjylland")
        #expect(occurrence["line"] as? Int != nil && occurrence["column"] as? Int != nil)
        let quotes = try #require(file["quotes"] as? [[String: Any]])
        #expect(quotes.count == 2)
        let quote = try #require(quotes.first)
        for key in ["text", "line", "column", "speaker", "role", "organisation", "party"] {
            #expect(quote[key] != nil, "quote key \(key)")
        }
        #expect(quote["speaker"] as? String == "Birthe Fiktivsen")
        #expect(quote["organisation"] is NSNull)
        #expect(quote["line"] as? Int == 9 && quote["column"] as? Int == 1)
        let summary = try #require(json["summary"] as? [String: Int])
        // The infos: two speakers whose organisation the text never gives (spokesperson).
        // One error lists the three missing regions (issue 14).
        #expect(summary["files"] == 1 && summary["errors"] == 1 && summary["warnings"] == 3 && summary["infos"] == 2)
        // Sender, date and sections are always there (sender null when the text does not show it).
        #expect(file["sender"] is NSNull)
        let date = try #require(file["date"] as? [String: Any])
        #expect(date["source"] as? String != nil && date["value"] as? String != nil && date["inPeriod"] as? Bool != nil)
        let sections = try #require(file["sections"] as? [[String: Any]])
        #expect(sections.first?["kind"] as? String == "headline")
    }

    @Test func standardInput() throws {
        let result = try CLI.run(["check", "--format", "json", "-"], stdin: Data("Klimaalliancen og KL.".utf8))
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"path\" : \"-\""))
        #expect(result.stdout.contains("6 parter er ikke nævnt: Region Nordjylland"))
    }

    @Test func directoryIsWalkedRecursivelyInOrder() throws {
        let result = try CLI.run(["check", "--format", "json", "fixtures/press"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let paths = try #require((json["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String })
        #expect(paths.contains("fixtures/press/01-alle-parter.txt"))
        #expect(paths.contains("fixtures/press/src/06-mangler-region-syddanmark.txt"))
        #expect(paths == paths.sorted())
        // Files Omtale cannot read are listed as not checked, never passed over in silence (issue 18).
        let files = try #require(json["files"] as? [[String: Any]])
        let others = files.filter { ($0["path"] as? String).map { $0.hasSuffix(".yml") || $0.hasSuffix(".py") } == true }
        #expect(!others.isEmpty)
        for file in others {
            #expect(file["skipped"] as? Bool == true)
            #expect(file["input"] is NSNull)
            let rules = (file["diagnostics"] as? [[String: Any]])?.compactMap { $0["rule"] as? String }
            #expect(rules == ["skipped-file"])
        }
        #expect(files.filter { $0["skipped"] == nil }.allSatisfy { $0["input"] is String })
        // Markdown is an input format: the folder's README.md is checked too (exclude it in .omtale.yml if unwanted).
        let inputs = (json["files"] as? [[String: Any]])?.reduce(into: [String: String]()) { $0[$1["path"] as? String ?? ""] = $1["input"] as? String }
        #expect(inputs?["fixtures/press/README.md"] == "markdown")
        #expect(result.status == 1)
    }

    @Test func directoryWithAHostileFileChecksTheOthers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-mixed-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, source) in [("a-god.docx", "docx/01-all-parties-body.docx"), ("b-bombe.docx", "docx/hostile/zip-bomb.docx"),
                               ("c-mangler.docx", "docx/10-comment-names-absent-party.docx"), ("d-entitet.docx", "docx/hostile/billion-laughs.docx")] {
            try FileManager.default.copyItem(at: TestPaths.fixture(source), to: folder.appendingPathComponent(name))
        }
        try Texts.good.write(to: folder.appendingPathComponent("e-tekst.txt"), atomically: true, encoding: .utf8)
        try "# Klimaalliancen\n\nKL og Realdania.\n".write(to: folder.appendingPathComponent("f-udkast.md"), atomically: true, encoding: .utf8)
        let start = ContinuousClock.now
        let result = try CLI.run(["check", folder.path])
        // Wall time of a child process: a bound against hangs, generous for a busy machine.
        #expect(ContinuousClock.now - start < .seconds(10) * CPUBudget.slowdown)
        #expect(result.status == 2)
        #expect(result.stdout.contains("b-bombe.docx: fejl: kan ikke læses: filen ligner en ZIP-bombe"))
        #expect(result.stdout.contains("d-entitet.docx: fejl: kan ikke læses: delen word/document.xml indeholder en DTD"))
        #expect(result.stdout.contains("c-mangler.docx[body]:1:1: fejl: Realdania er ikke nævnt"))
        #expect(result.stdout.contains("f-udkast.md:1:3: fejl: 5 parter er ikke nævnt: Region Nordjylland"))
        // Six files, two unreadable: four were checked.
        #expect(result.stdout.contains("\nTjekkede 4 filer: "))
        #expect(result.stdout.hasSuffix(" 2 filer kunne ikke læses: \(folder.path)/b-bombe.docx og \(folder.path)/d-entitet.docx.\n"))
    }

    @Test func forcedInputAndSniffing() throws {
        // A .docx under another name is still read as a .docx; --input forces a reader.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-forced-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let renamed = folder.appendingPathComponent("udkast.txt")
        try FileManager.default.copyItem(at: TestPaths.fixture("docx/06-realdania-only-in-footer.docx"), to: renamed)
        let sniffed = try CLI.run(["check", "--format", "json", renamed.path])
        #expect(sniffed.status == 0)
        #expect(sniffed.stdout.contains("\"input\" : \"docx\""))
        #expect(sniffed.stdout.contains("\"part\" : \"footer-default\""))
        let extracted = try CLI.run(["check", "--input", "docx-text", "--format", "json", "fixtures/docx-text/15-soft-hyphen.docx2txt.txt"])
        #expect(extracted.status == 0)
        #expect(extracted.stdout.contains("\"input\" : \"docx-text\""))
        let plain = try CLI.run(["check", "--input", "text", "fixtures/docx-text/15-soft-hyphen.docx2txt.txt"])
        #expect(plain.status == 1)
    }

    @Test func missingFileExitsTwoAndSaysWhich() throws {
        let result = try CLI.run(["check", "findes-ikke.txt", "fixtures/press/01-alle-parter.txt"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("findes-ikke.txt: fejl: kan ikke læses: filen findes ikke. Tjek navnet og stien.\n"))
        // Only the file that was read counts as checked (issue 18: the summary must not contradict itself).
        #expect(result.stdout.hasSuffix("\nTjekkede 1 fil: 0 fejl, 0 advarsler, 0 bemærkninger. 1 fil kunne ikke læses: findes-ikke.txt.\n"))
        let english = try CLI.run(["check", "--lang", "en", "findes-ikke.txt", "fixtures/press/01-alle-parter.txt"])
        #expect(english.stdout.hasSuffix("\nChecked 1 file: 0 errors, 0 warnings, 0 info. 1 file could not be read: findes-ikke.txt.\n"))
    }

    @Test func binaryFileExitsTwoWithAReason() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-binary-\(UUID()).txt")
        try Data([0, 1, 2, 3, 0, 0, 7, 8, 0, 255, 0, 12]).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try CLI.run(["check", url.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("binære data"))
    }

    @Test func malformedRulesExitTwoWithFileAndLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-rules-\(UUID())")
        try FileManager.default.copyItem(at: TestPaths.rulesFolder, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("parties.yml")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "  - name: Realdania\n", with: "  - name: Realdania\n    form: [Realdania]\n")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let line = text.components(separatedBy: "\n").firstIndex { $0 == "    form: [Realdania]" }! + 1
        let result = try CLI.run(["check", "--rules", folder.path, "fixtures/press/01-alle-parter.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file.path):\(line):5: ukendt nøgle »form«"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["check"]).status == 2)
        #expect(try CLI.run(["check", "--format", "xml", "x.txt"]).status == 2)
        #expect(try CLI.run(["check", "--lang", "sv", "x.txt"]).status == 2)
    }

    @Test func englishOnRequestAndFromLANG() throws {
        let flag = try CLI.run(["check", "--lang", "en", "fixtures/press/03-mangler-kl.txt"])
        #expect(flag.stdout.contains("error: KL is not named."))
        let env = try CLI.run(["check", "fixtures/press/03-mangler-kl.txt"], environment: ["LANG": "en_GB.UTF-8"])
        #expect(env.stdout.contains("Checked 1 file: 1 error"))
    }

    @Test func rulesListAndExplain() throws {
        let list = try CLI.run(["rules", "list"])
        #expect(list.status == 0)
        // Severities in Danish (danish-style.md): fejl / advarsel / bemærkning, in a column as wide as
        // »bemærkning« (it was cut to »bemærknin«). The whole listing, word for word.
        #expect(list.stdout == """
            non-commercial      advarsel    Partnerskabet og dets resultater, også billedmateriale, må kun bruges ikke-kommercielt.
            partner-mention     fejl        Alle parter skal nævnes, når en tekst omtaler Klimaalliancen.
            partnership-claim   fejl        Teksten må ikke påstå, at Klimaalliancen godkender noget, eller at nogen er alliancens partner eller sponsor, og alliancens navn og billeder må ikke bruges i produkter og annoncer.
            party-abbreviation  advarsel    Aftalens interne forkortelser (RN, RM, RSD, RS, RH) tæller ikke som at nævne parten.
            party-spelling      advarsel    Parternes og alliancens navne skal staves som i aftalen.
            regions-collective  bemærkning  »De fem regioner« nævner alle fem regioner samlet.
            spokesperson        advarsel    Citater skal have en taler, der passer til talsmandsstrukturen.

            """)
        let explain = try CLI.run(["rules", "explain", "partner-mention"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("\nAftalen: Partnerskabsaftale om Klimaalliancen, pkt. 9.1\n"))
        let english = try CLI.run(["rules", "explain", "party-abbreviation", "--lang", "en"])
        #expect(english.stdout.contains("\nAgreement: Partnerskabsaftale om Klimaalliancen, sections 1 and 9.1\n"))
        #expect(explain.stdout.contains("enhver part forpligter sig"))
        #expect(try CLI.run(["rules", "explain", "findes-ikke"]).status == 2)
    }

    @Test func listInputs() throws {
        let result = try CLI.run(["check", "--list-inputs"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("text") && result.stdout.contains(".txt"))
        for line in ["docx       .docx .docm .dotx .dotm", "docx-text  (.txt)", "markdown   .md .markdown", "html       .html .htm"] {
            #expect(result.stdout.contains(line), "\(line)")
        }
    }

    @Test func closedPipeDoesNotCrash() throws {
        let result = try CLI.execute(URL(fileURLWithPath: "/bin/bash"),
                                     ["-c", "\"$0\" check fixtures/press | head -1 >/dev/null; echo ${PIPESTATUS[0]}", try #require(CLI.binary).path],
                                     directory: TestPaths.root)
        let status = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(status == "0", "omtale exited with \(status) when the pipe closed")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
    }

    @Test func helpTextIsPinned() throws {
        // As a Danish user sees it: the parser's own words in Danish too.
        let help = try Self.pinnedHelp(.da, "check-help.txt")
        #expect(Self.withoutFormatList(help) != help, "the --format paragraph was not found")
    }

    @Test func englishHelpTextIsPinned() throws {
        // As an English user sees it: the value names in English too ("<path>", not "<sti>").
        let help = try Self.pinnedHelp(.en, "check-help-en.txt")
        for danish in ["<sti>", "<sprog>", "<farve>", "<mappe>", "<fil>", "<part>", "<dato>", "<antal>"] {
            #expect(!help.contains(danish), "\(danish)")
        }
    }

    /// `check --help` in `language`, compared with (or, with OMTALE_RECORD_GOLDEN=1, recorded to) `Expected/<file>`.
    static func pinnedHelp(_ language: Language, _ file: String) throws -> String {
        let help = ParserWords.$helpLanguage.withValue(language) {
            ParserWords.localize(OmtaleCommand.helpMessage(for: CheckCommand.self, columns: 100), language)
        }
        let url = TestPaths.root.appendingPathComponent("Tests/OmtaleTests/CLI/Expected/" + file)
        if ProcessInfo.processInfo.environment["OMTALE_RECORD_GOLDEN"] == "1" {
            try (help + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let pinned = try String(contentsOf: url, encoding: .utf8)
        #expect(withoutFormatList(help + "\n") == withoutFormatList(pinned))
        return help
    }

    /// The help with the reporters listed in the `--format` paragraph taken out (that paragraph on one
    /// line): the list comes from `ReporterRegistry` (theFormatsAndTheirHelpComeFromTheRegistry checks it),
    /// so a new reporter re-records no help; everything else stays pinned as laid out.
    static func withoutFormatList(_ help: String) -> String {
        var lines = help.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("  --format <format>") }) else { return help }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("  -") } ?? lines.endIndex
        var paragraph = lines[start..<end].joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        paragraph = paragraph.replacingOccurrences(of: #"(Outputformat|Output format): .*? \((standard|default)"#, with: "$1: … ($2",
                                                   options: .regularExpression)
        // The help is Danish (ParserWords): "(værdier: …)"; English help says "(values: …)".
        paragraph = paragraph.replacingOccurrences(of: #"\((values|værdier): [^)]*\)"#, with: "(values: …)", options: .regularExpression)
        lines.replaceSubrange(start..<end, with: ["  " + paragraph])
        return lines.joined(separator: "\n")
    }
}

@Suite("Batch runs")
struct BatchTests {
    @Test func parallelRunsGiveTheSameOutputInTheSameOrder() throws {
        for format in ["human", "json"] {
            let serial = try CLI.run(["check", "-j", "1", "--format", format, "fixtures"])
            let parallel = try CLI.run(["check", "-j", "4", "--format", format, "fixtures"])
            #expect(serial.status == parallel.status)
            #expect(serial.stdout == parallel.stdout, "\(format) output differs between -j 1 and -j 4")
            #expect(serial.stdout.count > 1000)
        }
    }

    @Test func oneUnreadableFileDoesNotStopTheOthers() throws {
        let result = try CLI.run(["check", "-j", "2", "fixtures/press/01-alle-parter.txt", "findes-ikke.txt", "fixtures/press/03-mangler-kl.txt"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("findes-ikke.txt: fejl: kan ikke læses"))
        #expect(result.stdout.contains("fixtures/press/03-mangler-kl.txt:3:1: fejl: KL er ikke nævnt."))
        #expect(result.stdout.hasSuffix("\nTjekkede 2 filer: 1 fejl, 0 advarsler, 0 bemærkninger. 1 fil kunne ikke læses: findes-ikke.txt.\n"))
    }
}

@Suite("Rules command words")
struct RulesCommandWordsTests {
    @Test func explainUsesDanishSeverityAndSingleBrackets() throws {
        let result = try CLI.run(["rules", "explain", "partner-mention"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\nAlvorlighed: fejl\n"))
        #expect(result.stdout.contains("\nRegelsæt: Klimaalliancen (indbygget: rules/klimaalliancen)\n"))
        #expect(!result.stdout.contains("(("))
    }

    /// The bundled rules folder's origin is worded in the output language, like the label before it.
    @Test func explainWordsTheOriginInTheOutputLanguage() throws {
        let danish = try CLI.run(["rules", "explain", "partner-mention"])
        let danishLines = danish.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(danishLines.contains("Regelsæt: Klimaalliancen (indbygget: rules/klimaalliancen)"))
        let english = try CLI.run(["rules", "explain", "--lang", "en", "partner-mention"])
        #expect(english.status == 0)
        let englishLines = english.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(englishLines.contains("Ruleset: Klimaalliancen (built in: rules/klimaalliancen)"))
        #expect(!english.stdout.contains("indbygget"))
    }
}
