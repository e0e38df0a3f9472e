import Foundation
import Yams

// Build-time generator for the BundleRules plugin: reads a rules folder and writes a Swift
// source with each YAML file's text and, for the fast path at start-up, the same documents as a
// flat node table (Swift array literals, read by `BundledDecoder` instead of composing and
// resolving YAML at run time).
//
// Usage: OmtaleRulesGenerator <rules folder> <output .swift>

/// A YAML node resolved as the bundled form keeps it. Plain scalars that YAML resolves to booleans,
/// integers, floats or null become those; everything else (quoted scalars, dates, words) stays a string.
indirect enum Value {
    case null, bool(Bool), int(Int), double(Double), string(String)
    case sequence([Value])
    case mapping([(String, Value)])
}

func value(_ node: Node) throws -> Value {
    switch node {
    case .scalar(let scalar):
        guard scalar.style == .plain else { return .string(scalar.string) }
        if let bool = Bool.construct(from: scalar) { return .bool(bool) }
        if let int = Int.construct(from: scalar) { return .int(int) }
        if scalar.string.contains(where: \.isNumber), let double = Double.construct(from: scalar), double.isFinite { return .double(double) }
        if NSNull.construct(from: scalar) != nil { return .null }
        return .string(scalar.string)
    case .sequence(let sequence):
        return .sequence(try sequence.map(value))
    case .mapping(let mapping):
        var pairs: [(String, Value)] = []
        for (key, child) in mapping {
            guard let name = key.string else { throw Failure("a mapping key is not a string at line \(key.mark?.line ?? 0)") }
            pairs.append((name, try value(child)))
        }
        // Sorted by key's bytes, as the JSON form had them (`.sortedKeys`).
        return .mapping(pairs.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) })
    case .alias:
        throw Failure("YAML aliases are not supported in bundled rules")
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A Swift raw string literal holding `text` exactly.
func literal(_ text: String) -> String {
    var fence = "#"
    while text.contains("\"\(fence)") || text.contains("\\\(fence)") { fence += "#" }
    return "\(fence)\"\"\"\n\(text)\n\"\"\"\(fence)"
}

/// A one-line Swift string literal holding `text`'s scalars exactly.
func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// The flat node table of every document (the layout `BundledDecoder` reads): a node is a word
/// `tag | payload << 3` followed, for a sequence, by its items' offsets and, for a mapping, by
/// pairs of key string index and value offset.
struct Table {
    var nodes: [UInt32] = []
    var strings: [String] = []
    var stringIndex: [[UInt8]: Int] = [:]   // by bytes: canonically equal strings stay apart
    var integers: [Int] = []
    var doubles: [Double] = []

    mutating func string(_ text: String) -> UInt32 {
        let bytes = Array(text.utf8)
        if let index = stringIndex[bytes] { return UInt32(index) }
        strings.append(text)
        stringIndex[bytes] = strings.count - 1
        return UInt32(strings.count - 1)
    }

    mutating func add(_ value: Value) throws -> UInt32 {
        func word(_ tag: UInt32, _ payload: Int) throws -> UInt32 {
            guard payload < 1 << 29 else { throw Failure("the bundled rules are too large for the node table") }
            return tag | UInt32(payload) << 3
        }
        let offset = nodes.count
        switch value {
        case .null: nodes.append(0)
        case .bool(let flag): nodes.append(flag ? 2 : 1)
        case .int(let int):
            integers.append(int)
            nodes.append(try word(3, integers.count - 1))
        case .double(let double):
            doubles.append(double)
            nodes.append(try word(4, doubles.count - 1))
        case .string(let text):
            nodes.append(try word(5, Int(string(text))))
        case .sequence(let items):
            nodes.append(try word(6, items.count))
            nodes.append(contentsOf: repeatElement(0, count: items.count))
            for (i, item) in items.enumerated() { nodes[offset + 1 + i] = try add(item) }
        case .mapping(let pairs):
            nodes.append(try word(7, pairs.count))
            nodes.append(contentsOf: repeatElement(0, count: 2 * pairs.count))
            for (i, (key, child)) in pairs.enumerated() {
                nodes[offset + 1 + 2 * i] = string(key)
                nodes[offset + 2 + 2 * i] = try add(child)
            }
        }
        return UInt32(offset)
    }
}

func lines<T>(_ items: [T], perLine: Int, _ show: (T) -> String) -> String {
    stride(from: 0, to: items.count, by: perLine).map { start in
        "        " + items[start..<min(start + perLine, items.count)].map(show).joined(separator: ", ") + ","
    }.joined(separator: "\n")
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: OmtaleRulesGenerator <rules folder> <output .swift>\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])

do {
    var entries: [(String, String, Value?)] = []
    let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    while let url = walker?.nextObject() as? URL {
        guard ["yml", "yaml"].contains(url.pathExtension) else { continue }
        let relative = String(url.standardizedFileURL.path.dropFirst(folder.path.count))
            .trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let text = try String(contentsOf: url, encoding: .utf8)
        entries.append((relative, text, try Yams.compose(yaml: text).map(value)))
    }
    entries.sort { $0.0 < $1.0 }
    var table = Table()
    var roots: [(String, UInt32)] = []
    for (name, _, document) in entries {
        if let document { roots.append((name, try table.add(document))) }
    }
    var source = """
    // Generated at build time by the BundleRules plugin from rules/klimaalliancen/. Not committed.

    /// The default ruleset's files, compiled in so a copied binary needs no rules folder.
    enum BundledRules {
        /// Each file's text, by path relative to the rules folder.
        static let files: [String: String] = [

    """
    for (name, text, _) in entries { source += "        #\"\(name)\"#: \(literal(text)),\n" }
    source += """
        ]

        /// Each file's document as the offset of its root in `nodes`, by the same paths; decoded at
        /// start-up by `BundledDecoder` instead of the YAML.
        static let roots: [String: Int] = [

    """
    for (name, root) in roots { source += "        #\"\(name)\"#: \(root),\n" }
    source += """
        ]

        /// The documents' nodes: a word `tag | payload << 3` (tags: 0 null, 1 false, 2 true, 3 an
        /// integer, 4 a floating-point number, 5 a string, each with its index in the table of
        /// its type; 6 a sequence of payload items, followed by their offsets; 7 a mapping of
        /// payload pairs, followed by each pair's key string index and value offset).
        static let nodes: [UInt32] = [
    \(lines(table.nodes, perLine: 16) { String($0) })
        ]

        static let strings: [String] = [
    \(lines(table.strings, perLine: 1, quoted))
        ]

        static let integers: [Int] = [
    \(lines(table.integers, perLine: 16) { String($0) })
        ]

        static let doubles: [Double] = [
    \(lines(table.doubles, perLine: 8) { "\($0)" })
        ]
    }

    """
    try source.write(to: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("OmtaleRulesGenerator: \(folder.path): \(error)\n".utf8))
    exit(1)
}
