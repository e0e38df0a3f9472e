import Foundation
import Testing
@testable import Omtale

/// What `omtale check` prints for input it cannot check, word for word in Danish and English
/// (danish-style.md: every error says what to do): the report line, the line on standard error
/// and the summary that names the file.
@Suite("Bad-input messages, whole")
struct BadInputMessageTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-badinput-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data().write(to: url.appendingPathComponent("tom.txt"))
        // 3,000,000 bytes: past the 2 MB text limit.
        try Data(repeating: UInt8(ascii: "a"), count: 3_000_000).write(to: url.appendingPathComponent("stor.txt"))
        try Data("Dette er ikke et ZIP-arkiv.".utf8).write(to: url.appendingPathComponent("ikke-zip.docx"))
        return url
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var status: Int32
        var da: (stdout: String, stderr: String)
        var en: (stdout: String, stderr: String)
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "findes-ikke.txt", status: 2,
             da: ("""
                 findes-ikke.txt: fejl: kan ikke læses: filen findes ikke. Tjek navnet og stien.
                 1 fil kunne ikke læses: findes-ikke.txt. Ingen filer blev tjekket.\n
                 """, "omtale: findes-ikke.txt: filen findes ikke. Tjek navnet og stien.\n"),
             en: ("""
                 findes-ikke.txt: error: cannot be read: no such file. Check the name and the path.
                 1 file could not be read: findes-ikke.txt. No files were checked.\n
                 """, "omtale: findes-ikke.txt: no such file. Check the name and the path.\n")),
        Case(file: "tom.txt", status: 0,
             da: ("""
                 tom.txt:1:1: advarsel: filen er tom (0 bytes); der er ingen tekst at tjekke. Tjek, at det er den rigtige fil, og at teksten er gemt i den [no-text]
                 Tjekkede 1 fil: 0 fejl, 1 advarsel, 0 bemærkninger.\n
                 """, ""),
             en: ("""
                 tom.txt:1:1: warning: the file is empty (0 bytes); there is no text to check. Make sure it is the right file and that the text is saved in it [no-text]
                 Checked 1 file: 0 errors, 1 warning, 0 info.\n
                 """, "")),
        Case(file: "stor.txt", status: 2,
             da: ("""
                 stor.txt: fejl: kan ikke læses: filen er for stor (2,9 MB; Omtale læser højst 2,0 MB). Del teksten op i mindre filer.
                 1 fil kunne ikke læses: stor.txt. Ingen filer blev tjekket.\n
                 """, "omtale: stor.txt: filen er for stor (2,9 MB; Omtale læser højst 2,0 MB). Del teksten op i mindre filer.\n"),
             en: ("""
                 stor.txt: error: cannot be read: the file is too large (2.9 MB; Omtale reads at most 2.0 MB). Split the text into smaller files.
                 1 file could not be read: stor.txt. No files were checked.\n
                 """, "omtale: stor.txt: the file is too large (2.9 MB; Omtale reads at most 2.0 MB). Split the text into smaller files.\n")),
        Case(file: "ikke-zip.docx", status: 2,
             da: ("""
                 ikke-zip.docx: fejl: kan ikke læses: filen er ikke en .docx: den er ikke et ZIP-arkiv (begynder ikke med »PK«). Gem dokumentet som .docx i Word, eller ret filendelsen.
                 1 fil kunne ikke læses: ikke-zip.docx. Ingen filer blev tjekket.\n
                 """, "omtale: ikke-zip.docx: filen er ikke en .docx: den er ikke et ZIP-arkiv (begynder ikke med »PK«). Gem dokumentet som .docx i Word, eller ret filendelsen.\n"),
             en: ("""
                 ikke-zip.docx: error: cannot be read: the file is not a .docx: it is not a ZIP archive (does not start with 'PK'). Save the document as .docx in Word, or correct the extension.
                 1 file could not be read: ikke-zip.docx. No files were checked.\n
                 """, "omtale: ikke-zip.docx: the file is not a .docx: it is not a ZIP archive (does not start with 'PK'). Save the document as .docx in Word, or correct the extension.\n")),
    ]

    @Test(arguments: cases)
    func wholeMessages(_ test: Case) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (language, expected) in [("da", test.da), ("en", test.en)] {
            let result = try CLI.run(["check", "--color", "never", "--lang", language, test.file], directory: folder)
            #expect(result.status == test.status, "\(test.file), \(language)")
            #expect(result.stdout == expected.stdout, "\(test.file), \(language)")
            #expect(result.stderr == expected.stderr, "\(test.file), \(language)")
        }
    }
}
