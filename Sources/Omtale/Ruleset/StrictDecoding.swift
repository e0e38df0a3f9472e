import Foundation
import Yams

/// A key in a mapping that the type decoded there does not read (a typo such as "severty", or
/// `options:` for a rule kind without options). Raised while decoding, turned into a `RulesError`
/// at the key's line and column by `YAMLFile`.
struct UnknownKeyError: Error {
    /// Where the mapping holding the key is.
    var codingPath: [any CodingKey]
    var key: String
    /// The keys the type reads there, sorted (from its `CodingKeys` when they are `CaseIterable`).
    var known: [String]?
    /// A message that replaces the generic "unknown key" one.
    var message: Localized?
}

/// A coding key for any string, used to see every key a mapping has.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Decodes `Value` so that every keyed container it asks for rejects keys its coding keys do
/// not name. The key schema of a file is thereby the `CodingKeys` of the types decoded from it,
/// written once per type.
struct StrictlyDecoded<Value: Decodable>: Decodable {
    var value: Value

    init(from decoder: any Decoder) throws {
        value = try Value(from: StrictDecoder(inner: decoder))
    }

    /// Decodes a value of `type` strictly, except for scalars, which have no keys.
    static func decode<T: Decodable>(_ type: T.Type, leaf: () throws -> T, strict: () throws -> StrictlyDecoded<T>) throws -> T {
        if type is any ScalarConstructible.Type || type == Node.self { return try leaf() }
        return try strict().value
    }
}

/// Checks the keys of a mapping against `Key`, in document order.
private func checkKeys<Key: CodingKey>(_ keys: [AnyCodingKey], of type: Key.Type, at codingPath: [any CodingKey]) throws {
    for key in keys where Key(stringValue: key.stringValue) == nil {
        throw UnknownKeyError(codingPath: codingPath, key: key.stringValue, known: knownKeys(Key.self))
    }
}

private func knownKeys<Key: CodingKey>(_ type: Key.Type) -> [String]? {
    func names<C: CaseIterable>(_ cases: C.Type) -> [String] {
        C.allCases.compactMap { ($0 as? any CodingKey)?.stringValue }.sorted()
    }
    guard let cases = type as? any CaseIterable.Type else { return nil }
    return names(cases)
}

struct StrictDecoder: Decoder {
    let inner: any Decoder
    var codingPath: [any CodingKey] { inner.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { inner.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try checkKeys(inner.container(keyedBy: AnyCodingKey.self).allKeys, of: Key.self, at: codingPath)
        return KeyedDecodingContainer(StrictKeyedContainer(inner: try inner.container(keyedBy: Key.self)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        StrictUnkeyedContainer(inner: try inner.unkeyedContainer())
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        StrictSingleValueContainer(inner: try inner.singleValueContainer())
    }
}

private struct StrictKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let inner: KeyedDecodingContainer<Key>
    var codingPath: [any CodingKey] { inner.codingPath }
    var allKeys: [Key] { inner.allKeys }

    func contains(_ key: Key) -> Bool { inner.contains(key) }
    func decodeNil(forKey key: Key) throws -> Bool { try inner.decodeNil(forKey: key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try StrictlyDecoded<T>.decode(type, leaf: { try inner.decode(type, forKey: key) },
                                      strict: { try inner.decode(StrictlyDecoded<T>.self, forKey: key) })
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try checkKeys(inner.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key).allKeys, of: NestedKey.self,
                      at: codingPath + [key])
        return KeyedDecodingContainer(StrictKeyedContainer<NestedKey>(inner: try inner.nestedContainer(keyedBy: type, forKey: key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        StrictUnkeyedContainer(inner: try inner.nestedUnkeyedContainer(forKey: key))
    }

    func superDecoder() throws -> any Decoder { StrictDecoder(inner: try inner.superDecoder()) }
    func superDecoder(forKey key: Key) throws -> any Decoder { StrictDecoder(inner: try inner.superDecoder(forKey: key)) }
}

private struct StrictUnkeyedContainer: UnkeyedDecodingContainer {
    var inner: any UnkeyedDecodingContainer
    var codingPath: [any CodingKey] { inner.codingPath }
    var count: Int? { inner.count }
    var isAtEnd: Bool { inner.isAtEnd }
    var currentIndex: Int { inner.currentIndex }

    mutating func decodeNil() throws -> Bool { try inner.decodeNil() }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if type is any ScalarConstructible.Type || type == Node.self { return try inner.decode(type) }
        return try inner.decode(StrictlyDecoded<T>.self).value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try StrictDecoder(inner: try inner.superDecoder()).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        StrictUnkeyedContainer(inner: try inner.nestedUnkeyedContainer())
    }

    mutating func superDecoder() throws -> any Decoder { StrictDecoder(inner: try inner.superDecoder()) }
}

private struct StrictSingleValueContainer: SingleValueDecodingContainer {
    let inner: any SingleValueDecodingContainer
    var codingPath: [any CodingKey] { inner.codingPath }

    func decodeNil() -> Bool { inner.decodeNil() }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try StrictlyDecoded<T>.decode(type, leaf: { try inner.decode(type) }, strict: { try inner.decode(StrictlyDecoded<T>.self) })
    }
}
