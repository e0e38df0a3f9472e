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

    /// As `omtale rules explain` shows it, in Danish.
    public var description: String { text(.da) }

    /// As `omtale rules explain` shows it, in the reader's language.
    public func text(_ language: Language) -> String {
        switch self {
        case .bundled: return language == .da ? "(indbygget: rules/klimaalliancen)" : "(built in: rules/klimaalliancen)"
        case .folder(let url): return url.path
        }
    }
}
