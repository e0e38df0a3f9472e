import Foundation
import Testing
@testable import Omtale

/// Every reader either reads or throws an InputError on damaged input: bytes flipped, cut short,
/// or shuffled. A crash here takes the whole test run down, which is the point.
@Suite("Input robustness")
struct InputRobustnessTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func mutations(of data: Data, count: Int, seed: UInt64) -> [Data] {
        var random = SplitMix(state: seed)
        var result: [Data] = []
        let bytes = [UInt8](data)
        for n in 0..<count {
            var copy = bytes
            switch n % 3 {
            case 0:  // flip some bytes
                for _ in 0..<max(1, copy.count / 500) { copy[Int.random(in: 0..<copy.count, using: &random)] = UInt8.random(in: 0...255, using: &random) }
            case 1:  // cut short
                copy = Array(copy.prefix(Int.random(in: 0..<copy.count, using: &random)))
            default:  // insert markup characters
                for _ in 0..<8 {
                    let at = Int.random(in: 0...copy.count, using: &random)
                    copy.insert(contentsOf: Array(["<", "[", "]", "(", "|", "+", "-", "&", "`", "\n", ">", "*"].randomElement(using: &random)!.utf8), at: at)
                }
            }
            result.append(Data(copy))
        }
        return result
    }

    @Test(arguments: ["docx", "docx-text", "markdown", "html"])
    func damagedInputNeverCrashes(_ id: String) throws {
        let plugin = try #require(InputRegistry.standard.plugin(id: id))
        let seeds: [String]
        switch id {
        case "docx": seeds = ["docx/04-parties-in-table-cells.docx", "docx/17-textbox-alternatecontent.docx", "docx/10-comment-names-absent-party.docx"]
        case "docx-text": seeds = ["docx-text/04-parties-in-table-cells.pandoc.txt", "docx-text/15-soft-hyphen.docx2txt.txt"]
        default: seeds = ["docx/lo-sources/28-html-release.html", "docx/README.md"]
        }
        let checker = Fixtures.checker()
        for (index, seed) in seeds.enumerated() {
            let data = try Data(contentsOf: TestPaths.fixture(seed))
            for mutated in Self.mutations(of: data, count: 60, seed: UInt64(index + 1) * 7919) {
                do {
                    let source = try plugin.read(mutated, path: seed)
                    // What a reader returns must also survive the rest of the pipeline.
                    _ = checker.check(source, path: seed, inputID: id)
                } catch is InputError {
                    // Refused with a reason: fine.
                }
            }
        }
    }
}
