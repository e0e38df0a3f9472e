import Foundation
import Testing

/// The JSON report of the whole fixture set, byte for byte, against the reference committed before
/// the one-buffer pipeline (issue 13): speed work must not change a single byte of output.
/// A change that means to change the output rewrites the reference with
/// bench/update-reference-output.sh and says so in its commit.
@Suite("Reference output of the fixture set")
struct ReferenceOutputTests {
    static let expected = TestPaths.root.appendingPathComponent("Tests/OmtaleTests/Engine/Expected")

    @Test(arguments: ["1", "2"])
    func jsonOfEveryFixtureIsByteIdenticalToTheReference(jobs: String) throws {
        let result = try CLI.run(["check", "-j", jobs, "--format", "json", "fixtures"])
        let json = try String(contentsOf: Self.expected.appendingPathComponent("fixtures.json"), encoding: .utf8)
        let stderr = try String(contentsOf: Self.expected.appendingPathComponent("fixtures.stderr"), encoding: .utf8)
        #expect(result.status == 2, "hostile fixtures are refused, so the run ends with status 2")
        #expect(result.stderr == stderr)
        #expect(result.stdout.utf8.count == json.utf8.count)
        if result.stdout != json {
            let got = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let want = json.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
            Issue.record("""
                output differs from the reference at line \(line + 1):
                  got:  \(line < got.count ? String(got[line]) : "<end>")
                  want: \(line < want.count ? String(want[line]) : "<end>")
                """)
        }
    }
}
