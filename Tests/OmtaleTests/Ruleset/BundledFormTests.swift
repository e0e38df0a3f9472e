import Foundation
import Testing
@testable import Omtale

/// The build-time form of the built-in rules (`BundledRules.nodes`, read by `BundledDecoder`): which
/// texts it stands for, and what happens when it does not decode. That it decodes to the same values
/// as the YAML is `RulesetLoaderTests.theBundledFormDecodesToTheSameValuesAsTheYAML`.
@Suite("Bundled form")
struct BundledFormTests {
    static let text = BundledRules.files["commercial.yml"]!

    @Test func aBundledTextIsFoundByItsBytesWhereverItWasRead() throws {
        #expect(BundledRules.root(for: Self.text) == BundledRules.roots["commercial.yml"])
        // The same bytes in other storage (a file read from a rules folder).
        let copy = String(decoding: Array(Self.text.utf8), as: UTF8.self)
        #expect(BundledRules.root(for: copy) == BundledRules.roots["commercial.yml"])
        #expect(BundledRules.root(for: Self.text + "\n") == nil)
    }

    /// A text that is only canonically equal (decomposed "ø", "å") is not the bundled file: it is
    /// read as YAML, so its values keep its own characters.
    @Test func aCanonicallyEqualTextInOtherBytesIsReadAsYAML() throws {
        let decomposed = Self.text.decomposedStringWithCanonicalMapping
        #expect(decomposed == Self.text)
        #expect(Array(decomposed.utf8) != Array(Self.text.utf8))
        #expect(BundledRules.root(for: decomposed) == nil)
    }

    /// A type that does not fit the bundled document: required, that is an error naming the bundled
    /// form; preferred, the YAML is read instead (and reports the mismatch at its line).
    @Test func aMismatchIsAnErrorOnlyWhenTheBundledFormIsRequired() throws {
        struct Wrong: Decodable, Sendable {
            var maxEvidenceShown: String
            private enum CodingKeys: String, CodingKey, CaseIterable { case maxEvidenceShown }
        }
        let required = try #require(throws: RulesError.self) {
            try YAMLFile.$bundledForm.withValue(.required) { try YAMLFile.decode(Wrong.self, from: Self.text, file: "commercial.yml") }
        }
        #expect(required.message.da.contains("den indbyggede form kan ikke afkodes"))
        #expect(required.line == nil)
        let preferred = try #require(throws: RulesError.self) {
            try YAMLFile.$bundledForm.withValue(.preferred) { try YAMLFile.decode(Wrong.self, from: Self.text, file: "commercial.yml") }
        }
        #expect(!preferred.message.da.contains("indbyggede"))
        #expect(preferred.line != nil)
    }

    /// The scalars as the former JSON form had them: integers also read as floating-point numbers,
    /// numbers never read as strings.
    @Test func scalarsDecodeAsTheyDidFromJSON() throws {
        let terms = try YAMLFile.$bundledForm.withValue(.required) {
            try YAMLFile.decode(CommercialTerms.self, from: Self.text, file: "commercial.yml")
        }
        let yaml = try YAMLFile.$bundledForm.withValue(.off) {
            try YAMLFile.decode(CommercialTerms.self, from: Self.text, file: "commercial.yml")
        }
        #expect(terms == yaml)
        struct Model: Decodable, Sendable {
            var bias: Double
            var weights: [String: Double]
        }
        struct Numbers: Decodable, Sendable {
            var maxEvidenceShown: Double
            var model: Model
        }
        let numbers = try BundledDecoder.value(Numbers.self, BundledRules.roots["commercial.yml"]!, [], [:])
        #expect(numbers.maxEvidenceShown == Double(terms.maxEvidenceShown))
        #expect(numbers.model.bias == terms.model.bias)
        #expect(numbers.model.weights == terms.model.weights)
        struct Texts: Decodable, Sendable { var maxEvidenceShown: String }
        #expect(throws: DecodingError.self) { try BundledDecoder.value(Texts.self, BundledRules.roots["commercial.yml"]!, [], [:]) }
    }

    /// `superDecoder()` reads the key "super" even when the coding keys have none (a missing key is
    /// an error, not a trap), and `superDecoder(forKey:)` the value at that key.
    @Test func superDecodersReadTheirKeys() throws {
        struct Model: Decodable, Sendable {
            var bias: Double
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                bias = try Double(from: c.superDecoder(forKey: .bias))
                #expect(throws: DecodingError.self) { try c.superDecoder() }
            }
            private enum CodingKeys: String, CodingKey { case bias }
        }
        struct Terms: Decodable, Sendable { var model: Model }
        let terms = try BundledDecoder.value(Terms.self, BundledRules.roots["commercial.yml"]!, [], [:])
        let expected = try CommercialTerms.load(from: RulesetLoader.bundled()).model.bias
        #expect(terms.model.bias == expected)
    }
}
