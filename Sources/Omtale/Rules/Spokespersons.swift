/// The talsmandsstruktur (pkt. 9.1) as data: `spokespersons.yml` in the rules folder.
/// Which roles may speak for the partnership, from which organisations, and optionally who holds them.
struct Spokespersons: Sendable, Codable, Equatable {
    /// The clause the structure comes from ("pkt. 9.1").
    var clause: String
    /// Words that mean the partnership in a title ("alliancens"), besides its names.
    var partnershipReferences: [String]
    var roles: [Role]

    private enum CodingKeys: String, CodingKey, CaseIterable { case clause, partnershipReferences, roles }

    struct Role: Sendable, Codable, Equatable {
        var id: String
        var name: Localized
        var clause: String
        /// Words in a title that denote the role; several words must stand in this order.
        var titles: [String]
        /// The role counts only when the title also names the partnership.
        var partnershipReference: Bool
        /// Where the holder must come from: a party's or knowledge partner's name, or a pattern
        /// with `*` ("* Kommune": any organisation whose name ends with " Kommune").
        var organisations: [String]
        var speaksForPartnership: Bool
        /// The people the structure names for this role (empty in the default ruleset).
        var names: [Person]

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case id, name, clause, titles, partnershipReference, organisations, speaksForPartnership, names
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            name = try c.decode(Localized.self, forKey: .name)
            clause = try c.decode(String.self, forKey: .clause)
            titles = try c.decode([String].self, forKey: .titles)
            partnershipReference = try c.decodeIfPresent(Bool.self, forKey: .partnershipReference) ?? true
            organisations = try c.decode([String].self, forKey: .organisations)
            speaksForPartnership = try c.decodeIfPresent(Bool.self, forKey: .speaksForPartnership) ?? true
            names = try c.decodeIfPresent([Person].self, forKey: .names) ?? []
        }
    }

    struct Person: Sendable, Codable, Equatable {
        var name: String
        /// The organisation the person comes from (as in `organisations`).
        var organisation: String

        private enum CodingKeys: String, CodingKey, CaseIterable { case name, organisation }
    }

    static let file = "spokespersons.yml"

    /// Reads `spokespersons.yml` of a ruleset, with the loader's strict key checks.
    static func load(_ ruleset: Ruleset) throws -> Spokespersons {
        let path = ruleset.origin.path(file)
        guard let text = ruleset.files[file] else {
            throw RulesError(file: path, message: Localized(da: "filen mangler (reglen spokesperson læser talsmandsstrukturen herfra)",
                                                            en: "the file is missing (the spokesperson rule reads the structure from it)"))
        }
        let structure = try YAMLFile.decode(Spokespersons.self, from: text, file: path)
        var seen: Set<String> = []
        for role in structure.roles {
            if !seen.insert(role.id).inserted {
                throw RulesError(file: path, message: Localized(da: "rollen »\(role.id)« står to gange", en: "role '\(role.id)' is defined twice"))
            }
            if role.titles.isEmpty {
                throw RulesError(file: path, message: Localized(da: "rollen »\(role.id)« har ingen titler", en: "role '\(role.id)' has no titles"))
            }
        }
        return structure
    }

    /// Whether an organisation (as the quote finder read it) is one of `patterns`.
    static func organisation(_ organisation: String, matches patterns: [String]) -> Bool {
        let folded = NameMatcher.words(of: organisation, caseSensitive: false)
        for pattern in patterns {
            let words = NameMatcher.words(of: pattern, caseSensitive: false)
            if words.first == "*" {
                let rest = Array(words.dropFirst())
                if folded.count > rest.count, Array(folded.suffix(rest.count)) == rest { return true }
            } else if words.last == "*" {
                let rest = Array(words.dropLast())
                if folded.count > rest.count, Array(folded.prefix(rest.count)) == rest { return true }
            } else if folded == words {
                return true
            }
        }
        return false
    }
}
