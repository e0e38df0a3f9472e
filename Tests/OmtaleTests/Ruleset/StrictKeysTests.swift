import Foundation
import Testing
import Yams
@testable import Omtale

/// The key schema of every rules and configuration file is the `CodingKeys` of the types decoded
/// there. Proven on the real files: in every kind of mapping they hold (one per path, list
/// positions alike), a key no type reads is an error at that key's line and column, and the
/// message lists the keys allowed there, which include every key the real file uses there.
@Suite("Rules: every mapping's keys are checked")
struct StrictKeysTests {
    static let unknown = "zzUkendtNøgle"

    /// Mappings whose keys are free (names of features, notes of the fitting script).
    static let freeKeys: Set<String> = ["commercial.yml:model.weights", "commercial.yml:model.fitted", ".omtale.yml:ruleSettings"]

    static let configuration = """
        rules: regler
        language: da
        include: ["**/*.txt"]
        ruleSettings:
          party-abbreviation: {severity: error}
          regions-collective:
            enabled: false
        """

    struct Place: CustomStringConvertible {
        var file: String
        var path: String
        var line: Int
        var column: Int
        var keys: [String]
        var description: String { "\(file):\(path) (\(line):\(column))" }
    }

    /// The first mapping of each path in `text`, in document order.
    static func places(in text: String, file: String) throws -> [Place] {
        var places: [Place] = []
        var seen: Set<String> = []
        func walk(_ node: Node, _ path: String) {
            if let mapping = node.mapping {
                if let first = mapping.keys.first?.mark, !freeKeys.contains("\(file):\(path)"), seen.insert(path).inserted {
                    places.append(Place(file: file, path: path, line: first.line, column: first.column,
                                        keys: mapping.keys.compactMap(\.string)))
                }
                for (key, value) in mapping { walk(value, path.isEmpty ? key.string ?? "?" : "\(path).\(key.string ?? "?")") }
            } else if let sequence = node.sequence {
                for item in sequence { walk(item, path + "[]") }
            }
        }
        walk(try #require(try Yams.compose(yaml: text)), "")
        return places
    }

    /// `text` with the unknown key written in front of the place's first key (same line and column).
    static func inserting(at place: Place, into text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        let line = Array(lines[place.line - 1].unicodeScalars)
        let before = String(String.UnicodeScalarView(line[..<(place.column - 1)]))
        let after = String(String.UnicodeScalarView(line[(place.column - 1)...]))
        // In a flow mapping (`{text: KL, …}`) the key's line has a brace before it.
        let flow = before.trimmingCharacters(in: .whitespaces).hasSuffix("{")
        let key = flow ? "\(unknown): 1, " : "\(unknown): 1\n" + String(repeating: " ", count: place.column - 1)
        lines[place.line - 1] = before + key + after
        return lines.joined(separator: "\n")
    }

    /// Reads a rules folder's file the way its reader does (the loader, or the rule kind's own reader).
    static func read(_ name: String, _ text: String) throws {
        var files = RulesetLoaderTests.files
        files[name] = text
        try YAMLFile.$bundledForm.withValue(.off) {
            let ruleset = try RulesetLoader.load(files: files, origin: .folder(URL(fileURLWithPath: "/tmp/regler")))
            _ = try CommercialTerms.load(from: ruleset)
            _ = try Spokespersons.load(ruleset)
        }
    }

    /// The texts the cases come from, by name: a configuration, every file of the rules folder, and
    /// the spokesperson fixtures' structure, which names people (the default one names nobody).
    static let fixtureSpokespersons = "fixtures/spokesperson/\(Spokespersons.file)"
    static let texts: [String: String] = {
        var texts = RulesetLoaderTests.files
        texts[Configuration.fileName] = configuration
        texts[fixtureSpokespersons] = try! String(contentsOf: TestPaths.root.appendingPathComponent(fixtureSpokespersons), encoding: .utf8)
        return texts
    }()

    static let cases: [Place] = texts.keys.sorted().flatMap { try! places(in: texts[$0]!, file: $0) }

    @Test func everyFileAndItsNestedValuesAreCovered() {
        let files = Set(Self.cases.map(\.file))
        #expect(files == Set(Self.texts.keys))
        // Nested values decoded by types of their own: a party's name form, a localized text, a term, a role's people.
        let nested = [("parties.yml", "parties[].abbreviations[]"), ("rules/party-spelling.yml", "summary"),
                      ("commercial.yml", "features[].terms[]"), (Self.fixtureSpokespersons, "roles[].names[]"),
                      ("rules/non-commercial.yml", "examples[]"), (Configuration.fileName, "ruleSettings.party-abbreviation")]
        for (file, path) in nested {
            #expect(Self.cases.contains { $0.file == file && $0.path == path }, "\(file):\(path) is not among the cases")
        }
    }

    @Test(arguments: cases)
    func anUnknownKeyIsAnErrorAtItsPlaceListingTheAllowedKeys(_ place: Place) throws {
        let name = place.file == Self.fixtureSpokespersons ? Spokespersons.file : place.file
        let text = Self.inserting(at: place, into: Self.texts[place.file]!)
        let error: RulesError
        do {
            if name == Configuration.fileName {
                _ = try Configuration.parse(text, file: "/x/\(name)")
            } else {
                try Self.read(name, text)
            }
            Issue.record("\(place): the unknown key was accepted")
            return
        } catch let caught as RulesError {
            error = caught
        }
        #expect(error.file.hasSuffix(name))
        #expect(error.line == place.line && error.column == place.column, "\(place): reported at \(error.description)")
        let prefix = "ukendt nøgle »\(Self.unknown)«. Kendte nøgler her: ", fix = ". Ret eller slet nøglen."
        #expect(error.message.da.hasPrefix(prefix) && error.message.da.hasSuffix(fix), "\(place): \(error.message.da)")
        #expect(error.message.en.hasPrefix("unknown key '\(Self.unknown)'. Known keys here: ") && error.message.en.hasSuffix(". Correct or remove the key."),
                "\(place): \(error.message.en)")
        let listed = Set(error.message.da.dropFirst(prefix.count).dropLast(fix.count).components(separatedBy: ", "))
        #expect(listed.isSuperset(of: place.keys), "\(place): \(place.keys) not all among the allowed \(listed.sorted())")
        #expect(!listed.contains(Self.unknown))
    }
}
