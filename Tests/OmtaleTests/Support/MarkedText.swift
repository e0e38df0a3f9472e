import Foundation
@testable import Omtale

/// Text with position markers in the swift-format style: `1️⃣`…`9️⃣` stand where a diagnostic
/// must start. The markers are removed; their positions are kept as UTF-16 offsets and as
/// 1-based line/column (Unicode scalars) in the clean text.
struct MarkedText {
    static let markerNames = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    let text: String
    let offsets: [String: Int]
    let locations: [String: Location]

    init(_ marked: String) {
        var clean = ""
        var offsets: [String: Int] = [:]
        var locations: [String: Location] = [:]
        var line = 1
        var column = 1
        var rest = Substring(marked)
        outer: while !rest.isEmpty {
            for name in Self.markerNames where rest.hasPrefix(name) {
                offsets[name] = clean.utf16.count
                locations[name] = Location(line: line, column: column)
                rest = rest.dropFirst(name.count)
                continue outer
            }
            let character = rest.removeFirst()
            clean.append(character)
            for scalar in character.unicodeScalars {
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            }
        }
        text = clean
        self.offsets = offsets
        self.locations = locations
    }
}

/// The prefix every marker test is run again with, to catch offset bugs: it has a letter outside
/// ASCII, a multi-scalar emoji (5 scalars, 8 UTF-16 units) and a space.
let nonASCIIPrefix = "Æblegrød 👨‍👩‍👧 "

/// Omtale's location type (Swift Testing has its own `SourceLocation`).
typealias Location = Omtale.SourceLocation
