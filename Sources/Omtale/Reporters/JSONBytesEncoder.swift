import Foundation

/// Writes a value as JSON straight into a byte buffer, with exactly the bytes Foundation's
/// JSONEncoder writes with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`: two spaces a
/// level, `" : "` between key and value, keys sorted by their UTF-8 bytes, an empty array or object
/// as `[`, a blank line and `]` at its own indentation, strings with `"`, `\` and the controls
/// U+0000–U+001F escaped (`\b \t \n \f \r`, the rest as lowercase `\u00xx`) and everything else,
/// `/` and DEL included, as UTF-8. JSONEncoderParityTests compares the two.
///
/// It writes each value as it is encoded (no tree of values, unlike JSONEncoder), and sorts an
/// object's members afterwards only when they were not encoded in order. What it does not cover
/// it refuses (throws `Unsupported`) rather than guess, and `Escaping.json` then falls back to
/// JSONEncoder: floating-point numbers (JSONEncoder writes 1e-07), Data, Date, URL and Decimal
/// (which JSONEncoder special-cases), nested containers and `superEncoder`, a second container from
/// one encoder, a value that encodes nothing, a key encoded twice and non-ASCII keys (where
/// JSONEncoder's dictionary of keys could merge canonically equivalent ones). `codingPath` is
/// always empty: no type Omtale encodes reads it.
package enum JSONBytesEncoder {
    package struct Unsupported: Error {}

    /// The value's JSON. `level` is the nesting depth the value starts at (0 at the top): its first
    /// line is not indented (the caller has written what comes before it), its members are indented
    /// by 2 × (level + 1) spaces and its closing bracket by 2 × level.
    package static func encode<T: Encodable>(_ value: T, level: Int = 0, capacity: Int = 4096) throws -> [UInt8] {
        let writer = JSONByteWriter(capacity: capacity)
        try writer.encode(value, depth: level)
        if writer.unsupported { throw Unsupported() }
        return writer.bytes
    }
}

final class JSONByteWriter {
    // Unchecked: the writer is one thread's, and a dynamic exclusivity check on every append cost
    // as much as the appending.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    /// The members of the keyed containers being written, innermost last (containers nest strictly).
    @exclusivity(unchecked) var members: [(key: String, start: Int, end: Int)] = []
    /// Set when a value needs what this writer does not do; the output is then thrown away.
    @exclusivity(unchecked) var unsupported = false

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        members.reserveCapacity(64)
    }

    func refuse() throws -> Never {
        unsupported = true
        throw JSONBytesEncoder.Unsupported()
    }

    // MARK: Values

    func encode<T: Encodable>(_ value: T, depth: Int) throws {
        if unsupported { throw JSONBytesEncoder.Unsupported() }
        // Type comparisons, not casts: a dynamic cast on every value would cost more than writing it.
        if T.self == String.self {
            write(unsafeBitCast(value, to: String.self))
        } else if T.self == Int.self {
            write(unsafeBitCast(value, to: Int.self))
        } else if T.self == Bool.self {
            write(unsafeBitCast(value, to: Bool.self))
        } else if T.self == String?.self {
            // Optionals would otherwise take an encoder and a single-value container each.
            if let string = unsafeBitCast(value, to: String?.self) { write(string) } else { writeNull() }
        } else if T.self == Int?.self {
            if let int = unsafeBitCast(value, to: Int?.self) { write(int) } else { writeNull() }
        } else if T.self == Double.self || T.self == Float.self || T.self == Data.self || T.self == Date.self
            || T.self == URL.self || T.self == Decimal.self {
            try refuse()
        } else {
            let encoder = JSONBytesValueEncoder(writer: self, depth: depth)
            try value.encode(to: encoder)
            try encoder.finish()
        }
    }

    func indent(_ depth: Int) {
        bytes.append(0x0A)
        for _ in 0..<(2 * depth) { bytes.append(0x20) }
    }

    func write(_ bool: Bool) {
        bytes.append(contentsOf: bool ? "true".utf8 : "false".utf8)
    }

    func writeNull() { bytes.append(contentsOf: "null".utf8) }

    func write(_ int: Int) { write(Int64(int)) }

    func write(_ int: Int64) {
        if int < 0 {
            bytes.append(UInt8(ascii: "-"))
            write(UInt64(int.magnitude))
        } else {
            write(UInt64(int))
        }
    }

    func write(_ int: UInt64) {
        if int < 10 {
            bytes.append(0x30 + UInt8(int))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = 20
            var rest = int
            while rest > 0 {
                first -= 1
                digits[first] = 0x30 + UInt8(rest % 10)
                rest /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
        }
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    func write(_ string: String) {
        bytes.append(0x22)
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                bytes.append(0x5C)
                switch byte {
                case 0x22, 0x5C: bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                default:
                    bytes.append(contentsOf: "u00".utf8)
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0x0F)])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(0x22)
    }
}

/// The encoder for one value; it knows which container the value asked for and closes it.
final class JSONBytesValueEncoder: Encoder {
    enum State { case none, keyed, unkeyed, single, done }

    let writer: JSONByteWriter
    let depth: Int
    @exclusivity(unchecked) var state = State.none
    /// Keyed: where the `{` is and where this container's members start in `writer.members`.
    var start = 0
    var firstMember = 0
    /// Unkeyed: elements written.
    @exclusivity(unchecked) var count = 0

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(writer: JSONByteWriter, depth: Int) {
        self.writer = writer
        self.depth = depth
    }

    /// Only one container per value, as JSONEncoder wants it too (it would merge a second keyed one).
    private func begin(_ new: State) {
        guard state == .none else {
            writer.unsupported = true
            return
        }
        state = new
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        begin(.keyed)
        start = writer.bytes.count
        firstMember = writer.members.count
        writer.bytes.append(UInt8(ascii: "{"))
        return KeyedEncodingContainer(JSONBytesKeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        begin(.unkeyed)
        writer.bytes.append(UInt8(ascii: "["))
        return JSONBytesUnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        begin(.single)
        return JSONBytesSingleValueContainer(encoder: self)
    }

    /// Closes the container once `encode(to:)` has returned.
    func finish() throws {
        if writer.unsupported { throw JSONBytesEncoder.Unsupported() }
        switch state {
        case .none, .done: try writer.refuse()
        case .single:
            if count != 1 { try writer.refuse() }
        case .unkeyed:
            close(UInt8(ascii: "]"), empty: count == 0)
        case .keyed:
            try sortMembers()
            close(UInt8(ascii: "}"), empty: writer.members.count == firstMember)
            writer.members.removeSubrange(firstMember...)
        }
        state = .done
    }

    private func close(_ bracket: UInt8, empty: Bool) {
        if empty {
            writer.bytes.append(0x0A)
        } else {
            writer.bytes.removeLast() // the comma after the last member
        }
        writer.indent(depth)
        writer.bytes.append(bracket)
    }

    /// Puts the members in JSONEncoder's order (by the keys' UTF-8 bytes) if they are not already.
    /// Each member is `\n`, indentation, key, ` : ` and value, and one comma follows every member.
    private func sortMembers() throws {
        let members = writer.members[firstMember...]
        var sorted = true
        var previous: String?
        for member in members {
            // For ASCII keys, String's < and == are the byte order and byte equality.
            if !member.key.utf8.allSatisfy({ $0 < 0x80 }) { try writer.refuse() }
            if let previous, !(previous < member.key) {
                if previous == member.key { try writer.refuse() }
                sorted = false
            }
            previous = member.key
        }
        guard !sorted else { return }
        let order = members.sorted { $0.key < $1.key }
        let first = start + 1
        let region = Array(writer.bytes[first...])
        region.withUnsafeBufferPointer { from in
            writer.bytes.withUnsafeMutableBufferPointer { to in
                var at = first
                for member in order {
                    let length = member.end - member.start
                    UnsafeMutableRawPointer(to.baseAddress! + at)
                        .copyMemory(from: from.baseAddress! + (member.start - first), byteCount: length)
                    at += length
                    to[at] = UInt8(ascii: ",")
                    at += 1
                }
            }
        }
    }

    /// What a container returns for a nested container or a super encoder, which it does not do:
    /// the writer is marked, and whatever is then encoded into these is refused.
    func refusedKeyed<NestedKey: CodingKey>(_ keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        writer.unsupported = true
        return JSONBytesValueEncoder(writer: writer, depth: 0).container(keyedBy: keyType)
    }

    func refusedUnkeyed() -> any UnkeyedEncodingContainer {
        writer.unsupported = true
        return JSONBytesValueEncoder(writer: writer, depth: 0).unkeyedContainer()
    }

    func refusedEncoder() -> any Encoder {
        writer.unsupported = true
        return JSONBytesValueEncoder(writer: writer, depth: 0)
    }

    /// One member of a keyed container: `\n`, indentation, the key, ` : `, what `value` writes, and
    /// a comma (`finish` takes the last one off).
    func member(_ key: some CodingKey, _ value: (JSONByteWriter) throws -> Void) throws {
        if writer.unsupported { throw JSONBytesEncoder.Unsupported() }
        let string = key.stringValue
        let memberStart = writer.bytes.count
        writer.indent(depth + 1)
        writer.write(string)
        writer.bytes.append(contentsOf: " : ".utf8)
        try value(writer)
        writer.members.append((string, memberStart, writer.bytes.count))
        writer.bytes.append(UInt8(ascii: ","))
    }

    /// One element of an unkeyed container, the same way.
    func element(_ value: (JSONByteWriter) throws -> Void) throws {
        if writer.unsupported { throw JSONBytesEncoder.Unsupported() }
        writer.indent(depth + 1)
        try value(writer)
        count += 1
        writer.bytes.append(UInt8(ascii: ","))
    }
}

struct JSONBytesKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONBytesValueEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        try encoder.member(key) { $0.writeNull() }
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try encoder.member(key) { $0.write(value) }
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        try encoder.member(key) { $0.write(value) }
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        try encoder.member(key) { $0.write(value) }
    }

    mutating func encode(_ value: Int8, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encode(Int(value), forKey: key) }

    mutating func encode(_ value: UInt, forKey key: Key) throws { try encode(UInt64(value), forKey: key) }

    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        try encoder.member(key) { $0.write(value) }
    }

    mutating func encode(_ value: Double, forKey key: Key) throws { try encoder.writer.refuse() }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encoder.writer.refuse() }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder.member(key) { try $0.encode(value, depth: encoder.depth + 1) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        encoder.refusedKeyed(keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { encoder.refusedUnkeyed() }
    mutating func superEncoder() -> any Encoder { encoder.refusedEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.refusedEncoder() }
}

struct JSONBytesUnkeyedContainer: UnkeyedEncodingContainer, JSONBytesIntegerWidths {
    let encoder: JSONBytesValueEncoder
    var codingPath: [any CodingKey] { [] }
    var count: Int { encoder.count }

    mutating func encodeNil() throws {
        try encoder.element { $0.writeNull() }
    }

    mutating func encode(_ value: Bool) throws {
        try encoder.element { $0.write(value) }
    }

    mutating func encode(_ value: String) throws {
        try encoder.element { $0.write(value) }
    }

    mutating func encode(_ value: Int) throws {
        try encoder.element { $0.write(value) }
    }

    mutating func encode(_ value: UInt64) throws {
        try encoder.element { $0.write(value) }
    }

    mutating func encode(_ value: Double) throws { try encoder.writer.refuse() }
    mutating func encode(_ value: Float) throws { try encoder.writer.refuse() }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.element { try $0.encode(value, depth: encoder.depth + 1) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        encoder.refusedKeyed(keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { encoder.refusedUnkeyed() }
    mutating func superEncoder() -> any Encoder { encoder.refusedEncoder() }
}

struct JSONBytesSingleValueContainer: SingleValueEncodingContainer, JSONBytesIntegerWidths {
    let encoder: JSONBytesValueEncoder
    var codingPath: [any CodingKey] { [] }

    /// One value only; a second one is refused (JSONEncoder stops on it).
    private func value() throws {
        if encoder.writer.unsupported || encoder.count > 0 { try encoder.writer.refuse() }
        encoder.count = 1
    }

    mutating func encodeNil() throws { try value(); encoder.writer.writeNull() }
    mutating func encode(_ value: Bool) throws { try self.value(); encoder.writer.write(value) }
    mutating func encode(_ value: String) throws { try self.value(); encoder.writer.write(value) }
    mutating func encode(_ value: Int) throws { try self.value(); encoder.writer.write(value) }
    mutating func encode(_ value: UInt64) throws { try self.value(); encoder.writer.write(value) }
    mutating func encode(_ value: Double) throws { try encoder.writer.refuse() }
    mutating func encode(_ value: Float) throws { try encoder.writer.refuse() }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try self.value()
        try encoder.writer.encode(value, depth: encoder.depth)
    }
}

/// The unkeyed and single-value containers write every integer width as Int or UInt64 does.
protocol JSONBytesIntegerWidths {
    mutating func encode(_ value: Int) throws
    mutating func encode(_ value: UInt64) throws
}

extension JSONBytesIntegerWidths {
    mutating func encode(_ value: Int8) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int16) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int32) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int64) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt8) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt16) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt32) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt) throws { try encode(UInt64(value)) }
}
