import Foundation
import Testing

/// Every input the fuzzers found (fixtures/fuzz/) is handled: a report or a clear refusal, never a crash.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let files: [String] = {
        let folder = TestPaths.fixture("fuzz").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasSuffix(".md") }.sorted()
    }()

    @Test(arguments: files)
    func handledWithoutACrash(_ name: String) throws {
        let result = try CLI.run(["check", TestPaths.fixture("fuzz/\(name)").path])
        #expect([0, 1, 2].contains(result.status), "\(name) exited with \(result.status)")
        #expect(!result.stderr.contains("Program crashed") && !result.stderr.contains("Fatal error"), "\(name): \(result.stderr)")
    }

    /// Read as text extracted from Word, a headline whose last party name runs on into the next
    /// line ("Region" / "Midtjylland") made the sender check cut past the headline's end.
    @Test func aNameRunningPastTheHeadlineIsChecked() throws {
        let result = try CLI.run(["check", "--input", "docx-text", TestPaths.fixture("fuzz/docx-text-name-past-the-headline.txt").path])
        #expect([0, 1].contains(result.status), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func invalidUTF8InAnElementNameIsRefusedClearly() throws {
        let result = try CLI.run(["check", TestPaths.fixture("fuzz/docx-invalid-utf8-element-name.docx").path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("delen word/document.xml er ikke gyldig UTF-8-tekst"))
    }

    @Test func aDamagedPackageThatHungZIPFoundationIsRefusedAtOnce() throws {
        let result = try CLI.run(["check", TestPaths.fixture("fuzz/docx-zipfoundation-extract-hang.docx").path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("kan ikke læses"))
    }
}
