/// Decodes the bundled rules from their build-time node table (`BundledRules.nodes`, written by
/// OmtaleRulesGenerator), so the built-in files are read without composing YAML or parsing JSON at
/// start-up. The values are those JSONDecoder gave the former JSON form: no conversions between
/// strings and numbers, integers read as floating-point numbers, a floating-point number as an
/// integer only when exact. A mismatch is a `DecodingError`, after which `YAMLFile` reads the YAML.
struct BundledDecoder: Decoder {
    let node: Int
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    init(node: Int, codingPath: [any CodingKey] = [], userInfo: [CodingUserInfoKey: Any] = [:]) {
        self.node = node
        self.codingPath = codingPath
        self.userInfo = userInfo
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard Self.tag(node) == Self.mapping else { throw Self.mismatch([String: Any].self, node, codingPath) }
        return KeyedDecodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath, userInfo: userInfo))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard Self.tag(node) == Self.sequence else { throw Self.mismatch([Any].self, node, codingPath) }
        return UnkeyedContainer(node: node, codingPath: codingPath, userInfo: userInfo)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath, userInfo: userInfo)
    }

    // MARK: The node table

    static let null: UInt32 = 0, `false`: UInt32 = 1, `true`: UInt32 = 2, integer: UInt32 = 3, double: UInt32 = 4
    static let string: UInt32 = 5, sequence: UInt32 = 6, mapping: UInt32 = 7

    static func tag(_ node: Int) -> UInt32 { BundledRules.nodes[node] & 7 }
    static func payload(_ node: Int) -> Int { Int(BundledRules.nodes[node] >> 3) }

    static func mismatch(_ type: Any.Type, _ node: Int, _ codingPath: [any CodingKey]) -> DecodingError {
        // A fixed text: mismatches are expected (a `Localized` tries a string before a mapping).
        let found = ["Found null.", "Found a boolean.", "Found a boolean.", "Found a number.", "Found a number.", "Found a string.",
                     "Found a list.", "Found a mapping."][Int(tag(node))]
        return DecodingError.typeMismatch(type, DecodingError.Context(codingPath: codingPath, debugDescription: found))
    }

    /// A scalar of a concrete type, or a mismatch.
    static func scalar<T: Decodable>(_ type: T.Type, _ node: Int, _ codingPath: [any CodingKey]) throws -> T {
        let tag = tag(node), index = payload(node)
        switch tag {
        case string where type == String.self: return BundledRules.strings[index] as! T
        case `true` where type == Bool.self, `false` where type == Bool.self: return (tag == `true`) as! T
        case integer where type == Double.self: return Double(BundledRules.integers[index]) as! T
        case double where type == Double.self: return BundledRules.doubles[index] as! T
        case integer where type == Int.self: return BundledRules.integers[index] as! T
        case null:
            throw DecodingError.valueNotFound(type, DecodingError.Context(codingPath: codingPath, debugDescription: "Found null."))
        case integer, double:
            // The other number types (none of the bundled files' types has one today).
            if let type = type as? any BinaryFloatingPoint.Type {
                return (tag == integer ? type.init(BundledRules.integers[index]) : type.init(BundledRules.doubles[index])) as! T
            }
            if let type = type as? any FixedWidthInteger.Type,
               let exact = tag == integer ? type.init(exactly: BundledRules.integers[index]) : type.init(exactly: BundledRules.doubles[index]) {
                return exact as! T
            }
        default: break
        }
        throw mismatch(type, node, codingPath)
    }

    /// Any value: the scalars directly, everything else through its `init(from:)`.
    static func value<T: Decodable>(_ type: T.Type, _ node: Int, _ codingPath: [any CodingKey],
                                    _ userInfo: [CodingUserInfoKey: Any]) throws -> T {
        if type == String.self || type == Bool.self || type == Int.self || type == Double.self {
            return try scalar(type, node, codingPath)
        }
        return try T(from: BundledDecoder(node: node, codingPath: codingPath, userInfo: userInfo))
    }

    private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let node: Int
        let codingPath: [any CodingKey]
        let userInfo: [CodingUserInfoKey: Any]

        private var count: Int { BundledDecoder.payload(node) }
        private func key(_ i: Int) -> String { BundledRules.strings[Int(BundledRules.nodes[node + 1 + 2 * i])] }

        var allKeys: [Key] { (0..<count).compactMap { Key(stringValue: key($0)) } }

        /// The offset of the value at `key`, or nil.
        private func child(_ key: any CodingKey) -> Int? {
            let name = key.stringValue
            for i in 0..<count where self.key(i) == name { return Int(BundledRules.nodes[node + 2 + 2 * i]) }
            return nil
        }

        private func required(_ key: any CodingKey) throws -> Int {
            guard let child = child(key) else {
                throw DecodingError.keyNotFound(key, DecodingError.Context(
                    codingPath: codingPath, debugDescription: "No value associated with key \(key.stringValue)."))
            }
            return child
        }

        func contains(_ key: Key) -> Bool { child(key) != nil }

        func decodeNil(forKey key: Key) throws -> Bool { BundledDecoder.tag(try required(key)) == BundledDecoder.null }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try scalar(type, key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try scalar(type, key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try scalar(type, key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try scalar(type, key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(type, key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try scalar(type, key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try scalar(type, key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try scalar(type, key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try scalar(type, key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try scalar(type, key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try scalar(type, key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try scalar(type, key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try scalar(type, key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try scalar(type, key) }

        private func scalar<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
            try BundledDecoder.scalar(type, try required(key), codingPath + [key])
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try BundledDecoder.value(type, try required(key), codingPath + [key], userInfo)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try BundledDecoder(node: try required(key), codingPath: codingPath + [key], userInfo: userInfo).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try BundledDecoder(node: try required(key), codingPath: codingPath + [key], userInfo: userInfo).unkeyedContainer()
        }

        /// The value at the key "super", which `Key` need not have.
        func superDecoder() throws -> any Decoder { try decoder(at: AnyCodingKey(stringValue: "super")) }

        func superDecoder(forKey key: Key) throws -> any Decoder { try decoder(at: key) }

        private func decoder(at key: any CodingKey) throws -> any Decoder {
            BundledDecoder(node: try required(key), codingPath: codingPath + [key], userInfo: userInfo)
        }
    }

    private struct UnkeyedContainer: UnkeyedDecodingContainer {
        let node: Int
        let codingPath: [any CodingKey]
        let userInfo: [CodingUserInfoKey: Any]
        private(set) var currentIndex = 0

        init(node: Int, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: Any]) {
            self.node = node
            self.codingPath = codingPath
            self.userInfo = userInfo
        }

        var count: Int? { BundledDecoder.payload(node) }
        var isAtEnd: Bool { currentIndex >= BundledDecoder.payload(node) }

        /// The next item's offset and coding path, without moving on.
        private func next(_ type: Any.Type) throws -> (Int, [any CodingKey]) {
            let path = codingPath + [IndexKey(intValue: currentIndex)]
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(type, DecodingError.Context(codingPath: path, debugDescription: "Unkeyed container is at end."))
            }
            return (Int(BundledRules.nodes[node + 1 + currentIndex]), path)
        }

        mutating func decodeNil() throws -> Bool {
            let (child, _) = try next(Never.self)
            guard BundledDecoder.tag(child) == BundledDecoder.null else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try scalar(type) }
        mutating func decode(_ type: String.Type) throws -> String { try scalar(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try scalar(type) }
        mutating func decode(_ type: Float.Type) throws -> Float { try scalar(type) }
        mutating func decode(_ type: Int.Type) throws -> Int { try scalar(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try scalar(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try scalar(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try scalar(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try scalar(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try scalar(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar(type) }

        private mutating func scalar<T: Decodable>(_ type: T.Type) throws -> T {
            let (child, path) = try next(type)
            let value = try BundledDecoder.scalar(type, child, path)
            currentIndex += 1
            return value
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (child, path) = try next(type)
            let value = try BundledDecoder.value(type, child, path, userInfo)
            currentIndex += 1
            return value
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            let container = try superDecoder().container(keyedBy: type)
            return container
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try superDecoder().unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder {
            let (child, path) = try next(Never.self)
            currentIndex += 1
            return BundledDecoder(node: child, codingPath: path, userInfo: userInfo)
        }
    }

    private struct SingleValueContainer: SingleValueDecodingContainer {
        let node: Int
        let codingPath: [any CodingKey]
        let userInfo: [CodingUserInfoKey: Any]

        func decodeNil() -> Bool { BundledDecoder.tag(node) == BundledDecoder.null }

        func decode(_ type: Bool.Type) throws -> Bool { try BundledDecoder.scalar(type, node, codingPath) }
        func decode(_ type: String.Type) throws -> String { try BundledDecoder.scalar(type, node, codingPath) }
        func decode(_ type: Double.Type) throws -> Double { try BundledDecoder.scalar(type, node, codingPath) }
        func decode(_ type: Float.Type) throws -> Float { try BundledDecoder.scalar(type, node, codingPath) }
        func decode(_ type: Int.Type) throws -> Int { try BundledDecoder.scalar(type, node, codingPath) }
        func decode(_ type: Int8.Type) throws -> Int8 { try BundledDecoder.scalar(type, node, codingPath) }
        func decode(_ type: Int16.Type) throws -> Int16 { try BundledDecoder.scalar(type, node, codingPath) }
        func decode(_ type: Int32.Type) throws -> Int32 { try BundledDecoder.scalar(type, node, codingPath) }
        func decode(_ type: Int64.Type) throws -> Int64 { try BundledDecoder.scalar(type, node, codingPath) }
        func decode(_ type: UInt.Type) throws -> UInt { try BundledDecoder.scalar(type, node, codingPath) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try BundledDecoder.scalar(type, node, codingPath) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try BundledDecoder.scalar(type, node, codingPath) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try BundledDecoder.scalar(type, node, codingPath) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try BundledDecoder.scalar(type, node, codingPath) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try BundledDecoder.value(type, node, codingPath, userInfo) }
    }

    /// An item's place in a list, named only when an error is described (JSONDecoder's "Index 3").
    private struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}
