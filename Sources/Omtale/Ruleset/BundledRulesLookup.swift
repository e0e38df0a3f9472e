import Foundation

extension BundledRules {
    /// Bundled texts to their JSON form, so a file of the built-in rules is decoded without YAML.
    private static let jsonByText: [String: String] = {
        var table: [String: String] = [:]
        for (name, text) in files { table[text] = json[name] }
        return table
    }()

    /// The build-time JSON form of `text` when it is exactly one of the bundled files (the same
    /// text always decodes to the same value, whatever folder it was read from).
    static func json(for text: String) -> String? { jsonByText[text] }
}
