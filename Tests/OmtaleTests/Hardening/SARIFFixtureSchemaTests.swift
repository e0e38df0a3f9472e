import Foundation
import Testing
@testable import Omtale

/// The SARIF of every fixture of every rule (all of fixtures/, but the hostile and fuzz files,
/// which are refused) is valid against the official SARIF 2.1.0 schema, not only a sample.
@Suite("SARIF of every fixture")
struct SARIFFixtureSchemaTests {
    @Test(ExternalTools.jsonSchemaTrait)
    func everyFixtureGivesSchemaValidSARIF() throws {
        guard ExternalTools.hasJSONSchema else {
            Issue.record("CI is set but python3 cannot import jsonschema: run `pip install jsonschema` (.ci/run does)")
            return
        }
        let root = TestPaths.root.appendingPathComponent("fixtures")
        var paths: [String] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            let relative = String(url.path.dropFirst(root.path.count + 1))
            guard !relative.hasPrefix("fuzz/"), !relative.contains("hostile/"),
                  InputRegistry.standard.knownExtensions.contains(url.pathExtension.lowercased()) else { continue }
            paths.append(url.path)
        }
        #expect(paths.count > 50, "found \(paths.count) fixtures")
        let checker = Fixtures.checker()
        let reports = paths.sorted().map { checker.check(fileAt: $0) }
        #expect(reports.contains { $0.diagnostics.contains { $0.fix != nil && $0.fix?.replacements.isEmpty == true } },
                "the fixtures should include advice without an edit (non-commercial)")
        for language in [Language.da, .en] {
            let sarif = SARIFReporter().render(reports, options: ReportOptions(language: language, toolVersion: "test", ruleset: Fixtures.ruleset,
                                                                               workingDirectory: TestPaths.root.path))
            #expect(try SARIFReporterTests.schemaErrors(sarif) == "", "\(language)")
        }
    }
}
