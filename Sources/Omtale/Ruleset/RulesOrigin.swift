import Foundation

/// Where a ruleset was read from: the copy compiled into the binary, or a rules folder.
public enum RulesOrigin: Sendable, Equatable, CustomStringConvertible {
    /// `rules/klimaalliancen/`, compiled in at build time.
    case bundled
    /// A rules folder on disk.
    case folder(URL)

    /// The path of one of the ruleset's files, for messages ("rules/klimaalliancen/parties.yml").
    public func path(_ relative: String) -> String {
        switch self {
        case .bundled: return "rules/klimaalliancen/" + relative
        case .folder(let url): return (url.path as NSString).appendingPathComponent(relative)
        }
    }

    /// As `omtale rules explain` shows it.
    public var description: String {
        switch self {
        case .bundled: return "(indbygget: rules/klimaalliancen)"
        case .folder(let url): return url.path
        }
    }
}
