import Foundation

/// Reads a rules folder into a `Ruleset`.
///
/// Layout of a folder (see `rules/klimaalliancen/`):
/// - `ruleset.yml`: the partnership, its agreement and the boilerplate sentence;
/// - `parties.yml`: parties, knowledge partners, collective forms and look-alikes;
/// - `rules/<id>.yml`: one file per rule, naming its `kind`;
/// - `quotes.yml`: how Danish texts attribute quotes (the bundled file when missing);
/// - further data files that particular rule kinds read (e.g. `spokespersons.yml`).
public enum RulesetLoader {
    private struct RulesetFile: Decodable {
        var id: String
        var name: String
        var agreement: Agreement
        var partnership: Partnership
        var boilerplate: String

        private enum CodingKeys: String, CodingKey, CaseIterable { case id, name, agreement, partnership, boilerplate }
    }

    private struct PartiesFile: Decodable {
        var parties: [Party]
        var knowledgePartners: [Party]?
        var collectives: [Collective]?
        var lookalikes: [Lookalike]?
        var senderCues: SenderCues?

        private enum CodingKeys: String, CodingKey, CaseIterable { case parties, knowledgePartners, collectives, lookalikes, senderCues }
    }

    /// Reads the folder at `directory`. Every problem is a `RulesError` naming the file and, where known, line and column.
    /// `kinds` are the rule kinds a rule file may name.
    public static func load(directory: URL, kinds: RuleRegistry = .standard) throws -> Ruleset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RulesError(file: directory.path, message: Localized(da: "reglerne findes ikke (forventede en mappe med ruleset.yml)",
                                                                      en: "no rules here (expected a folder with ruleset.yml)"))
        }
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard ["yml", "yaml"].contains(url.pathExtension) else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count))
                .trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw RulesError(file: url.path, message: Localized(da: "kan ikke læses: \(SystemError.describe(error, .da))",
                                                                    en: "cannot be read: \(SystemError.describe(error, .en))"))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw RulesError(file: url.path, message: Localized(da: "er ikke UTF-8", en: "is not UTF-8"))
            }
            files[relative] = text
        }
        return try load(files: files, origin: .folder(directory), kinds: kinds)
    }

    /// The files of the built-in ruleset, by relative path (for tools that derive variants of it).
    public static var bundledFiles: [String: String] { BundledRules.files }

    /// The default Klimaalliancen rules compiled into the binary, so a copied `omtale` works anywhere.
    public static func bundled() -> Ruleset {
        do {
            return try load(files: BundledRules.files, origin: .bundled)
        } catch {
            // The bundled copy is checked against rules/ by the test suite; failing here is a build defect.
            fatalError("The bundled ruleset is invalid: \(error)")
        }
    }

    public static func load(files: [String: String], origin: RulesOrigin, kinds: RuleRegistry = .standard) throws -> Ruleset {
        func path(_ relative: String) -> String { origin.path(relative) }
        guard let rulesetText = files["ruleset.yml"] else {
            throw RulesError(file: path("ruleset.yml"), message: Localized(da: "filen mangler", en: "the file is missing"))
        }
        let header = try YAMLFile.decode(RulesetFile.self, from: rulesetText, file: path("ruleset.yml"))
        guard let partiesText = files["parties.yml"] else {
            throw RulesError(file: path("parties.yml"), message: Localized(da: "filen mangler", en: "the file is missing"))
        }
        let parties = try YAMLFile.decode(PartiesFile.self, from: partiesText, file: path("parties.yml"))

        var rules: [RuleDefinition] = []
        for name in files.keys.sorted() where name.hasPrefix("rules/") {
            var definition = try YAMLFile.decode(RuleDefinition.self, from: files[name]!, file: path(name),
                                                  userInfo: [RuleDefinition.kindsKey: kinds])
            let base = ((name as NSString).lastPathComponent as NSString).deletingPathExtension
            if definition.id.isEmpty { definition.id = base }
            definition.file = name
            guard kinds.kind(definition.kind) != nil else {
                let known = kinds.names.joined(separator: ", ")
                throw RulesError(file: path(name), line: 1, column: 1,
                                 message: Localized(da: "ukendt regeltype »\(definition.kind)« (kendte: \(known))",
                                                    en: "unknown rule kind '\(definition.kind)' (known: \(known))"))
            }
            if rules.contains(where: { $0.id == definition.id }) {
                throw RulesError(file: path(name), message: Localized(da: "reglen »\(definition.id)« er defineret to gange",
                                                                     en: "rule '\(definition.id)' is defined twice"))
            }
            rules.append(definition)
        }

        let ruleset = Ruleset(
            id: header.id, name: header.name, agreement: header.agreement, partnership: header.partnership,
            boilerplate: header.boilerplate, parties: parties.parties, knowledgePartners: parties.knowledgePartners ?? [],
            collectives: parties.collectives ?? [], lookalikes: parties.lookalikes ?? [], rules: rules,
            origin: origin, files: files,
            quoteLanguage: try QuoteLanguage.load(files: files, file: path("quotes.yml")),
            senderCues: parties.senderCues ?? SenderCues())
        try validate(ruleset, file: path("parties.yml"))
        return ruleset
    }

    /// Cross-file checks that types alone cannot express.
    static func validate(_ ruleset: Ruleset, file: String) throws {
        let names = Set(ruleset.parties.map(\.name))
        for collective in ruleset.collectives {
            for covered in collective.covers where !names.contains(covered) {
                throw RulesError(file: file, message: Localized(
                    da: "»\(collective.name)« dækker »\(covered)«, som ikke er en part",
                    en: "'\(collective.name)' covers '\(covered)', which is not a party"))
            }
        }
        if ruleset.parties.isEmpty {
            throw RulesError(file: file, message: Localized(da: "der er ingen parter", en: "there are no parties"))
        }
        let limit = 10_000
        let forms = (ruleset.parties + ruleset.knowledgePartners).reduce(0) { $0 + $1.forms.count + $1.abbreviations.count + $1.misspellings.count }
        if ruleset.parties.count > limit || forms > limit * 4 {
            throw RulesError(file: file, message: Localized(
                da: "for mange parter eller navneformer (højst \(limit) parter)",
                en: "too many parties or name forms (at most \(limit) parties)"))
        }
    }
}
