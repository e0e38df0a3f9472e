import Foundation
import Testing
@testable import Omtale

/// Omtale meets broken environments and hostile input with a clear message and exit code 2,
/// never a crash, a hang, unbounded memory, or a damaged file.
@Suite("Faults and resource bounds", .serialized)
struct FaultTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func fullDiskOnStandardOutputIsAnErrorNotACrash() throws {
        let result = try CLI.execute(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"$0\" check fixtures/press > /dev/full", try #require(CLI.binary).path],
                                     directory: TestPaths.root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("kan ikke skrive til standard output"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func outputToADeviceIsWrittenNotReplaced() throws {
        let result = try CLI.run(["check", "--format", "json", "--output", "/dev/full", "fixtures/press/01-alle-parter.txt"])
        #expect(result.status == 2)
        #expect(result.stderr == "omtale: kan ikke skrive rapporten til /dev/full: der er ikke mere plads på disken. Vælg en anden fil med --output.\n")
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/full")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial, "/dev/full must still be the device")
    }

    @Test func brokenSymlinkIsReportedByName() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("udkast.txt")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: folder.appendingPathComponent("væk.txt").path)
        let result = try CLI.run(["check", link.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("udkast.txt: fejl: kan ikke læses: symbolsk link til en fil, der ikke findes. Ret linket, eller angiv filen selv.\n"))
    }

    @Test(ExternalTools.rootTrait)
    func fileWithoutReadPermissionIsReportedByName() throws {
        // Root reads everything, so the check runs as 'nobody' (runuser ships with util-linux).
        let runuser = try #require(ExternalTools.runuser, "CI is set but this is not root with runuser")
        let folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("omtale-perm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("hemmelig.txt")
        try Texts.good.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        // A copy of the binary that 'nobody' can run, wherever the build folder lives.
        let binary = folder.appendingPathComponent("omtale")
        try Executables.copy(try #require(CLI.binary), to: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
        // Whole messages: one sentence after »kan ikke læses:«, with the fix (not »kan ikke læses: filen kan ikke læses …«).
        let danish = try CLI.execute(URL(fileURLWithPath: runuser), ["-u", "nobody", "--", binary.path, "check", "hemmelig.txt"],
                                     environment: ["LANG": "da_DK.UTF-8"], directory: folder)
        #expect(danish.status == 2)
        let da = "du har ikke lov til at læse filen; giv dig selv læseadgang (fx chmod u+r, hvis filen er din), eller bed filens ejer om adgang."
        #expect(danish.stdout == "hemmelig.txt: fejl: kan ikke læses: \(da)\n1 fil kunne ikke læses: hemmelig.txt. Ingen filer blev tjekket.\n")
        #expect(danish.stderr == "omtale: hemmelig.txt: \(da)\n")
        let english = try CLI.execute(URL(fileURLWithPath: runuser), ["-u", "nobody", "--", binary.path, "check", "--lang", "en", "hemmelig.txt"],
                                      directory: folder)
        #expect(english.status == 2)
        let en = "you have no permission to read the file; give yourself read access (e.g. chmod u+r, if the file is yours), or ask its owner for access."
        #expect(english.stdout == "hemmelig.txt: error: cannot be read: \(en)\n1 file could not be read: hemmelig.txt. No files were checked.\n")
        #expect(english.stderr == "omtale: hemmelig.txt: \(en)\n")
    }

    @Test func aHugeSingleLineIsRefusedWithoutReadingIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("en-linje.txt")
        // 50 MB on one line, written sparsely-fast: a repeated chunk.
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        let chunk = Data(String(repeating: "Klimaalliancen og KL ", count: 50_000).utf8)
        for _ in 0..<(50 * 1_048_576 / chunk.count + 1) { handle.write(chunk) }
        try handle.close()
        let result = try CLI.run(["check", file.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("filen er for stor (50 MB; Omtale læser højst 2,0 MB). Del teksten op i mindre filer.\n"))
    }

    @Test func tenThousandFilesInOneFolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for index in 0..<10_000 {
            FileManager.default.createFile(atPath: folder.appendingPathComponent(String(format: "udkast-%05d.txt", index)).path,
                                           contents: Data((index == 4_321 ? Texts.missingRealdania : Texts.good).utf8))
        }
        let result = try CLI.run(["check", folder.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("udkast-04321.txt:1:1: fejl: Realdania er ikke nævnt."))
        #expect(result.stdout.hasSuffix("Tjekkede 10000 filer: 1 fejl, 0 advarsler, 0 bemærkninger.\n"))
    }

    @Test func interruptedBatchLeavesNoPartialOutputFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let drafts = folder.appendingPathComponent("udkast")
        try FileManager.default.createDirectory(at: drafts, withIntermediateDirectories: true)
        for index in 0..<3_000 {
            FileManager.default.createFile(atPath: drafts.appendingPathComponent("\(index).txt").path, contents: Data(Texts.missingRealdania.utf8))
        }
        let output = folder.appendingPathComponent("rapport.json")
        for delay in [0.2, 0.6, 1.2] {
            // SIGINT `delay` seconds in, as Ctrl-C would.
            let result = try ChildProcess.run(try #require(CLI.binary).path, ["check", "--format", "json", "--output", output.path, drafts.path],
                                              environment: .inherit(["OMTALE_CACHE_DIR": CLI.cacheDirectory.path]),
                                              stop: (after: .seconds(delay), signal: SIGINT))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty, "temporary files left after SIGINT at \(delay) s: \(leftovers)")
            if FileManager.default.fileExists(atPath: output.path) {
                // Whatever is there is a whole report, never a part of one.
                let data = try Data(contentsOf: output)
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "partial report after SIGINT at \(delay) s")
            } else {
                #expect(result.status == 130 || result.signalled)
            }
        }
    }

    @Test func rulesWithTooManyPartiesAreRefused() throws {
        var files = RulesetLoader.bundledFiles
        // One party past the limit, in a file well under the 1 MB cap on rules files, so the party
        // limit itself is what refuses it.
        files["parties.yml"] = "parties:\n" + (0..<10_001).map { "  - name: Part \($0)\n" }.joined()
        do {
            _ = try RulesetLoader.load(files: files, origin: .folder(URL(fileURLWithPath: "/tmp/mange")))
            Issue.record("10,001 parties were accepted")
        } catch let error as RulesError {
            #expect(error.message.da.contains("for mange parter"))
        }
    }

    @Test func manyQuoteMarksAreHandled() {
        // 200,000 quote marks of every kind in one text: the finder must stay linear.
        let marks = ["»", "«", "”", "\"", "„", "“", "‘", "’", "- "]
        var text = "Klimaalliancen: KL, de fem regioner og Realdania.\n\n"
        for index in 0..<200_000 { text += marks[index % marks.count] + (index % 7 == 0 ? "ord " : "") }
        let report = Fixtures.checker().check(text: text)
        #expect(report.error == nil)
        #expect(report.applies)
    }
}
