import Foundation
import Testing
@testable import Omtale

/// Checks marked source text with a forced input plugin and compares where each party is first
/// named with the markers: `["1️⃣": "KL"]` means KL's first occurrence starts at 1️⃣ in the file.
func assertPartiesAtMarkers(
    _ marked: String, input: String, _ expected: [String: String], absent: [String] = [],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let markedText = MarkedText(marked)
    let report = Fixtures.checker().check(data: Data(markedText.text.utf8), path: "test", inputID: input)
    #expect(report.error == nil, "\(report.error?.description ?? "")", sourceLocation: sourceLocation)
    for (marker, party) in expected {
        let occurrence = report.parties.first { $0.name == party }?.occurrences.first
        let found = occurrence.map { Location(line: $0.line, column: $0.column) }
        #expect(found == markedText.locations[marker], "\(party): at \(String(describing: found)), expected \(marker) at \(String(describing: markedText.locations[marker]))",
                sourceLocation: sourceLocation)
    }
    for party in absent {
        #expect(report.parties.first { $0.name == party }?.mentioned == false, "\(party) should not be found", sourceLocation: sourceLocation)
    }
}

func readSource(_ text: String, input: String) throws -> SourceText {
    let plugin = try #require(InputRegistry.standard.plugin(id: input))
    return try plugin.read(Data(text.utf8), path: "test")
}
