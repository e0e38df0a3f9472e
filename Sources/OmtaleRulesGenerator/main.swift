import Foundation
import Yams

// Build-time generator for the BundleRules plugin: reads a rules folder and writes a Swift
// source with each YAML file's text and, for the fast path at start-up, the same document as
// JSON (decoded by `JSONDecoder` instead of composing and resolving YAML at run time).
//
// Usage: OmtaleRulesGenerator <rules folder> <output .swift>

/// A YAML node as a JSON value. Plain scalars that YAML resolves to booleans, integers, floats or
/// null become JSON ones; everything else (quoted scalars, dates, words) stays a string.
func json(_ node: Node) throws -> Any {
    switch node {
    case .scalar(let scalar):
        guard scalar.style == .plain else { return scalar.string }
        if let bool = Bool.construct(from: scalar) { return bool }
        if let int = Int.construct(from: scalar) { return int }
        if scalar.string.contains(where: \.isNumber), let double = Double.construct(from: scalar), double.isFinite { return double }
        if NSNull.construct(from: scalar) != nil { return NSNull() }
        return scalar.string
    case .sequence(let sequence):
        return try sequence.map(json)
    case .mapping(let mapping):
        var object: [String: Any] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw Failure("a mapping key is not a string at line \(key.mark?.line ?? 0)") }
            object[name] = try json(value)
        }
        return object
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

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: OmtaleRulesGenerator <rules folder> <output .swift>\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])

do {
    var entries: [(String, String, String?)] = []
    let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    while let url = walker?.nextObject() as? URL {
        guard ["yml", "yaml"].contains(url.pathExtension) else { continue }
        let relative = String(url.standardizedFileURL.path.dropFirst(folder.path.count))
            .trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var decoded: String?
        if let node = try Yams.compose(yaml: text) {
            let data = try JSONSerialization.data(withJSONObject: try json(node), options: [.sortedKeys])
            decoded = String(decoding: data, as: UTF8.self)
        }
        entries.append((relative, text, decoded))
    }
    entries.sort { $0.0 < $1.0 }
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

        /// Each file's document as JSON, by the same paths, decoded at start-up instead of the YAML.
        static let json: [String: String] = [

    """
    for (name, _, json) in entries {
        if let json { source += "        #\"\(name)\"#: \(literal(json)),\n" }
    }
    source += "    ]\n}\n"
    try source.write(to: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("OmtaleRulesGenerator: \(folder.path): \(error)\n".utf8))
    exit(1)
}
