/// The language Omtale speaks to its user. Danish first: the users are Danish communications staff.
public enum Language: String, Sendable, Codable, CaseIterable {
    case da, en

    /// Danish unless the environment asks for English (`LANG=en_GB.UTF-8`, `LC_ALL=en_US`…).
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[key], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("en") ? .en : .da
        }
        return .da
    }
}

/// A text in Danish and English. In YAML either `{da: …, en: …}` or a plain string (used for both).
public struct Localized: Sendable, Equatable, Codable {
    public var da: String
    public var en: String

    public init(da: String, en: String) {
        self.da = da
        self.en = en
    }

    /// The same text in both languages (a name, a quoted excerpt).
    public init(verbatim text: String) {
        self.init(da: text, en: text)
    }

    public func callAsFunction(_ language: Language) -> String {
        language == .da ? da : en
    }

    /// Joins two texts language by language.
    public static func + (lhs: Localized, rhs: Localized) -> Localized {
        Localized(da: lhs.da + rhs.da, en: lhs.en + rhs.en)
    }

    public static func + (lhs: Localized, rhs: String) -> Localized { lhs + Localized(verbatim: rhs) }
    public static func + (lhs: String, rhs: Localized) -> Localized { Localized(verbatim: lhs) + rhs }

    public static func += (lhs: inout Localized, rhs: Localized) { lhs = lhs + rhs }
    public static func += (lhs: inout Localized, rhs: String) { lhs = lhs + rhs }

    private enum CodingKeys: String, CodingKey, CaseIterable { case da, en }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            self.init(da: text, en: text)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let da = try container.decode(String.self, forKey: .da)
        let en = try container.decodeIfPresent(String.self, forKey: .en) ?? da
        self.init(da: da, en: en)
    }
}
