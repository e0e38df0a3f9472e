import Foundation
import Testing
@testable import Omtale

@Suite("Text decoding")
struct TextDecodingTests {
    let sample = "Klimaalliancen – Region Sjælland og ”Realdania” i Århus."

    @Test func utf8WithAndWithoutBOM() throws {
        #expect(try TextDecoding.decode(Data(sample.utf8)) == (sample, .utf8))
        #expect(try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array(sample.utf8))) == (sample, .utf8BOM))
    }

    @Test func utf16WithBOM() throws {
        let le = [UInt8](arrayLiteral: 0xFF, 0xFE) + sample.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be = [UInt8](arrayLiteral: 0xFE, 0xFF) + sample.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try TextDecoding.decode(Data(le)) == (sample, .utf16LE))
        #expect(try TextDecoding.decode(Data(be)) == (sample, .utf16BE))
    }

    @Test func windows1252() throws {
        // "Sjælland – ”KL”" in Windows-1252: æ = E6, – = 96, ” = 94.
        let bytes: [UInt8] = [0x53, 0x6A, 0xE6, 0x6C, 0x6C, 0x61, 0x6E, 0x64, 0x20, 0x96, 0x20, 0x94, 0x4B, 0x4C, 0x94]
        #expect(try TextDecoding.decode(Data(bytes)) == ("Sjælland – ”KL”", .windows1252))
    }

    @Test func binaryIsRefusedWithAReason() {
        #expect(throws: InputError.self) { try TextDecoding.decode(Data([0x00, 0x01, 0x02, 0x03, 0xFF, 0x00, 0x10, 0x00, 0x07])) }
        do {
            _ = try TextDecoding.decode(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]))
            Issue.record("an OLE file was decoded")
        } catch let error as InputError {
            #expect(error.kind == .encrypted)
            #expect(error.message.da.contains("gem den som .docx"))
        } catch { Issue.record("unexpected \(error)") }
        do {
            _ = try TextDecoding.decode(Data("PK\u{3}\u{4}rest".utf8))
            Issue.record("a ZIP file was decoded")
        } catch let error as InputError {
            #expect(error.message.da.contains("--input docx"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func truncatedUTF16IsRefused() {
        #expect(throws: InputError.self) { try TextDecoding.decode(Data([0xFF, 0xFE, 0x41, 0x00, 0x42])) }
        #expect(throws: InputError.self) { try TextDecoding.decode(Data([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])) }
    }

    @Test func emptyFileIsEmptyText() throws {
        #expect(try TextDecoding.decode(Data()).text == "")
    }
}
