import Foundation
import Testing
@testable import Omtale

@Suite("Baseline")
struct BaselineTests {
    let checker = Fixtures.checker()

    @Test func editingAboveAFindingDoesNotResurrectIt() {
        let before = checker.check(text: "Klimaalliancen: KL og de fem regioner.", path: "arkiv/a.txt")
        let baseline = Baseline(reports: [before])
        #expect(baseline.entries.count == 2)
        let after = checker.check(text: "Ny overskrift\n\nEt nyt afsnit øverst.\n\nKlimaalliancen: KL og de fem regioner.", path: "arkiv/a.txt")
        #expect(after.diagnostics.count == 2)
        #expect(baseline.filter([after])[0].diagnostics.isEmpty)
    }

    @Test func newFindingsAreStillReported() {
        let baseline = Baseline(reports: [checker.check(text: "Klimaalliancen: KL og de fem regioner.", path: "a.txt")])
        let after = checker.check(text: "Klimaalliancen: KL og de fem regioner. RN deltager også.", path: "a.txt")
        let remaining = baseline.filter([after])[0].diagnostics
        #expect(remaining.map(\.ruleID) == ["party-abbreviation"])
    }

    @Test func sameFindingInAnotherFileIsNew() {
        let baseline = Baseline(reports: [checker.check(text: "Klimaalliancen: KL.", path: "a.txt")])
        let other = checker.check(text: "Klimaalliancen: KL.", path: "b.txt")
        #expect(baseline.filter([other])[0].diagnostics.count == other.diagnostics.count)
    }

    @Test func roundTripsThroughItsFile() throws {
        let baseline = Baseline(reports: [checker.check(text: "Klimaalliancen: KL.", path: "a.txt")])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try AtomicFile.write(baseline.encoded(), to: path)
        #expect(try Baseline.load(path) == baseline)
    }

    @Test func fingerprintIsStableAndIgnoresWrapping() throws {
        let a = checker.check(text: "Klimaalliancen samler i år kommunerne og regionerne, og det sker med\nstøtte fra KL og Realdania.\n\nSlut.", path: "a.txt")
        let b = checker.check(text: "Klimaalliancen samler i år kommunerne og regionerne, og det sker\nmed støtte fra KL og Realdania.\n\nSlut.", path: "a.txt")
        // One finding names all five missing regions (issue 14); "regionerne" here is not beside another party in its sentence.
        #expect(a.diagnostics.count == 1)
        let fa = a.diagnostics.map { Fingerprint.of($0, path: "a.txt") }
        let fb = b.diagnostics.map { Fingerprint.of($0, path: "a.txt") }
        #expect(Set(fa).count == 1)
        #expect(fa == fb)
        #expect(Fingerprint.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(Fingerprint.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
    }
}
