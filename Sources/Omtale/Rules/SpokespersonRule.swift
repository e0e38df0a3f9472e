/// Section 9.1's talsmandsstruktur: every quote has a speaker, and whoever speaks in a role of the
/// partnership holds that role as the structure (`spokespersons.yml`) says, from the right organisation.
///
/// 1. A quote without attribution (the rule's severity, warning by default); a quote whose speaker the
///    quote finder only infers (`established` false in the JSON report) is an info, never more.
/// 2. A title that contradicts the structure: the chair (KL) presented as from a region, the vice-chair
///    (the regions) presented as from KL (error).
/// 3. A knowledge partner (CONCITO, C40) presented as speaking on behalf of the partnership (error, pkt. 8.7).
/// 4. When the structure names people: someone speaking for the partnership who is not in it, or in it
///    with another role or organisation (error).
/// 5. A named speaker whose organisation the text never gives (info, with a suggestion).
/// 2–4 apply to texts about the partnership; quotes are found in every text.
struct SpokespersonRule: Rule, RuleKind {
    static let kind = "spokesperson"
    let definition: RuleDefinition
    let structure: Spokespersons
    /// Folded words that mean the partnership in a title.
    let references: Set<String>
    /// Per role (parallel to `structure.roles`), its titles as folded words, each word with its
    /// definite and genitive forms: folded once per ruleset, not at every quote of every document.
    let roleTitles: [[[[String]]]]

    /// Endings a title word may carry in a text ("formand" → "formanden", "formandens").
    static let titleEndings = ["en", "et", "n", "s", "ens", "ets", "ns"]

    static func make(_ definition: RuleDefinition, ruleset: Ruleset) throws -> any Rule {
        let structure = try Spokespersons.load(ruleset)
        let references = Set(structure.partnershipReferences.map(NameMatcher.foldWord))
        let roleTitles = structure.roles.map { role in
            role.titles.map { title in
                NameMatcher.words(of: title, caseSensitive: false).map { word in [word] + titleEndings.map { word + $0 } }
            }
        }
        return SpokespersonRule(definition: definition, structure: structure, references: references, roleTitles: roleTitles)
    }

    enum Messages {
        static func unattributed(clause: Localized) -> Localized {
            Localized(
                da: "Det fremgår ikke, hvem der siger citatet. Skriv navn, titel og organisation (\(clause.da)).",
                en: "The text does not say who says the quote. Give the name, title and organisation (\(clause.en)).")
        }

        static func unsure(_ speaker: String, clause: Localized) -> Localized {
            Localized(
                da: "Det er ikke sikkert, hvem der siger citatet; det ligner \(speaker). Skriv navn, titel og organisation ved citatet (\(clause.da)).",
                en: "It is not certain who says the quote; it looks like \(speaker). Give the name, title and organisation at the quote (\(clause.en)).")
        }

        static func wrongOrganisation(_ speaker: String, role: Localized, organisation: String, allowed: Localized, partnership: String,
                                      clause: Localized) -> Localized {
            Localized(
                da: "\(speaker) står som \(role.da) i \(partnership), men kommer fra \(organisation). Ifølge \(clause.da) er rollen forbeholdt \(allowed.da). Ret titlen, eller lad en anden udtale sig.",
                en: "\(speaker) appears as \(role.en) of \(partnership) but comes from \(organisation). Under \(clause.en) the role is reserved for \(allowed.en). Correct the title, or let someone else speak.")
        }

        static func knowledgePartner(_ speaker: String, partner: String, role: Localized, partnership: String, clause: Localized) -> Localized {
            Localized(
                da: "\(speaker) fra \(partner) står som \(role.da) og taler dermed på vegne af \(partnership). \(partner) er uafhængig videnspartner og taler ikke på alliancens vegne (pkt. 8.7). Fjern titlen.",
                en: "\(speaker) of \(partner) appears as \(role.en) and so speaks on behalf of \(partnership). \(partner) is an independent knowledge partner and does not speak for the alliance (section 8.7). Remove the title.")
        }

        static func notInStructure(_ speaker: String, role: Localized, partnership: String, clause: Localized) -> Localized {
            Localized(
                da: "\(speaker) udtaler sig som \(role.da) i \(partnership), men står ikke i talsmandsstrukturen (\(clause.da)). Ret titlen, eller lad en fra talsmandsstrukturen udtale sig.",
                en: "\(speaker) speaks as \(role.en) of \(partnership) but is not in the spokesperson structure (\(clause.en)). Correct the title, or let someone from the structure speak.")
        }

        static func otherRole(_ speaker: String, role: Localized, listed: Localized, clause: Localized) -> Localized {
            Localized(
                da: "\(speaker) står i talsmandsstrukturen som \(listed.da), ikke som \(role.da) (\(clause.da)). Ret titlen til »\(listed.da)«.",
                en: "\(speaker) is in the spokesperson structure as \(listed.en), not as \(role.en) (\(clause.en)). Change the title to '\(listed.da)'.")
        }

        static func otherOrganisation(_ speaker: String, listed: String, organisation: String, clause: Localized) -> Localized {
            Localized(
                da: "\(speaker) står i talsmandsstrukturen fra \(listed), men teksten siger \(organisation) (\(clause.da)). Ret organisationen til »\(listed)«.",
                en: "\(speaker) is in the spokesperson structure from \(listed), but the text says \(organisation) (\(clause.en)). Change the organisation to '\(listed)'.")
        }

        static func noOrganisation(_ speaker: String) -> Localized {
            Localized(da: "Det fremgår ikke, hvilken organisation \(speaker) kommer fra.",
                      en: "The text does not say which organisation \(speaker) comes from.")
        }

        static func noOrganisationFix(_ speaker: String, role: String?) -> Localized {
            Localized(da: "Skriv, hvilken organisation \(speaker) kommer fra, fx »\(speaker), \(role ?? "projektchef") i Realdania«.",
                      en: "Say which organisation \(speaker) comes from, e.g. '\(speaker), \(role ?? "projektchef") i Realdania'.")
        }

        /// The speaker comes from an organisation the text names that is not a party: no example
        /// glues »i <part>« onto it; the writer decides whom the speaker speaks for.
        static func notAParty(_ speaker: String, organisation: String, partnership: String) -> Localized {
            Localized(da: "\(speaker) kommer fra »\(organisation)«, som ikke er part i \(partnership).",
                      en: "\(speaker) comes from '\(organisation)', which is not a party to \(partnership).")
        }

        static func notAPartyFix(_ speaker: String, organisation: String, partnership: String) -> Localized {
            Localized(da: "Afgør, hvem \(speaker) taler for: taler personen for en part, så skriv partens navn ved citatet; taler personen kun for »\(organisation)«, så fjern titler, der knytter personen til \(partnership).",
                      en: "Decide whom \(speaker) speaks for: if for a party, name the party at the quote; if only for '\(organisation)', remove any title that ties the person to \(partnership).")
        }

        /// The pieces of a role as written that name an organisation ("direktør, GrønStrøm ApS" →
        /// "GrønStrøm ApS"): Danish titles are written in lower case, names of organisations are not.
        static func writtenOrganisation(in role: String?) -> String? {
            guard let role else { return nil }
            let named = role.components(separatedBy: ", ").filter { $0.first?.isUppercase ?? false }
            return named.isEmpty ? nil : named.joined(separator: ", ")
        }

        static func or(_ items: [String]) -> Localized {
            let shown = items.map(organisation)
            guard shown.count > 1 else { return shown.first ?? Localized(verbatim: "") }
            let head = shown.dropLast()
            return Localized(da: head.map(\.da).joined(separator: ", ") + " eller " + shown.last!.da,
                             en: head.map(\.en).joined(separator: ", ") + " or " + shown.last!.en)
        }

        /// An organisation of the structure as a sentence says it: a pattern (`* Kommune`, `KKR *`)
        /// as what it stands for (»en kommune«, »et KKR«), never with its `*` or an ellipsis.
        static func organisation(_ item: String) -> Localized {
            guard item.contains("*") else { return Localized(verbatim: item) }
            let fixed = item.split(separator: " ").filter { $0 != "*" }.joined(separator: " ")
            switch fixed {
            case "Kommune": return Localized(da: "en kommune", en: "a municipality")
            case "Region": return Localized(da: "en region", en: "a region")
            case "KKR": return Localized(da: "et KKR", en: "a KKR")
            default:
                return item.hasPrefix("*")
                    ? Localized(da: "en organisation, hvis navn ender på »\(fixed)«", en: "an organisation whose name ends in '\(fixed)'")
                    : Localized(da: "en organisation, hvis navn begynder med »\(fixed)«", en: "an organisation whose name begins with '\(fixed)'")
            }
        }

    }

    func check(_ context: CheckContext) -> [Diagnostic] {
        let clause = context.clause(definition)
        var diagnostics: [Diagnostic] = []

        // Quotes are found in every text (they are in the JSON report), but the talsmandsstruktur
        // governs only communication about the partnership: no findings on other texts.
        guard context.scan.applies else { return [] }

        // 1. Quotes nobody said; quotes whose speaker the grammar only infers are a note, never more.
        for quote in context.quotes {
            guard let attribution = quote.attribution else {
                diagnostics.append(context.diagnostic(definition, Messages.unattributed(clause: clause), at: quote.range))
                continue
            }
            if !attribution.isEstablished {
                let speaker = attribution.speaker.displayName ?? "?"
                diagnostics.append(context.diagnostic(definition, Messages.unsure(speaker, clause: clause), at: quote.range, severity: .info))
            }
        }

        // The explicit, established attributions, once each (a pronoun or continuation repeats one).
        var attributions: [Attribution] = []
        var seen: Set<Int> = []
        for quote in context.quotes {
            guard let attribution = quote.attribution, attribution.isExplicit, attribution.isEstablished,
                  seen.insert(attribution.range.lowerBound).inserted else { continue }
            attributions.append(attribution)
        }
        // A person's organisation may be given at one quote and not at the next.
        var organisations: [String: Speaker] = [:]
        for attribution in attributions {
            if let name = attribution.speaker.name, attribution.speaker.organisation != nil, organisations[key(name)] == nil {
                organisations[key(name)] = attribution.speaker
            }
        }

        // 5. A named speaker whose organisation is never given: once, where the person is first named.
        var reported: Set<String> = []
        for attribution in attributions {
            let speaker = attribution.speaker
            guard let name = speaker.name, let nameRange = speaker.nameRange, organisations[key(name)] == nil,
                  reported.insert(key(name)).inserted else { continue }
            if let written = Messages.writtenOrganisation(in: speaker.role) {
                let partnership = context.ruleset.partnership.name
                let fix = Fix(message: Messages.notAPartyFix(name, organisation: written, partnership: partnership), replacements: [])
                diagnostics.append(context.diagnostic(definition, Messages.notAParty(name, organisation: written, partnership: partnership),
                                                      at: nameRange, severity: .info, fix: fix))
                continue
            }
            let fix = Fix(message: Messages.noOrganisationFix(name, role: speaker.role), replacements: [])
            diagnostics.append(context.diagnostic(definition, Messages.noOrganisation(name), at: nameRange, severity: .info, fix: fix))
        }

        // 2–4.
        let partnership = context.ruleset.partnership.name
        let listed = structure.roles.flatMap { role in role.names.map { (role: role, person: $0) } }
        for attribution in attributions {
            let speaker = attribution.speaker
            guard let displayName = speaker.displayName else { continue }
            let known = speaker.name.flatMap { organisations[key($0)] } ?? speaker
            let organisation = speaker.organisation ?? known.organisation
            let affiliation = speaker.affiliation ?? known.affiliation
            let claims = self.claims(speaker, context)
            let entries = speaker.name.map { name in listed.filter { key($0.person.name) == key(name) } } ?? []
            for (role, title) in claims {
                if affiliation == .knowledgePartner, role.speaksForPartnership, let organisation {
                    // 3. A knowledge partner speaking for the partnership.
                    let message = Messages.knowledgePartner(displayName, partner: organisation, role: role.name, partnership: partnership,
                                                            clause: clause)
                    diagnostics.append(context.diagnostic(definition, message, at: title, severity: .error))
                } else if let organisation, !Spokespersons.organisation(organisation, matches: role.organisations) {
                    // 2. The title contradicts the structure.
                    let message = Messages.wrongOrganisation(displayName, role: role.name, organisation: organisation,
                                                             allowed: Messages.or(role.organisations), partnership: partnership,
                                                             clause: ClauseReference.localized(role.clause))
                    diagnostics.append(context.diagnostic(definition, message, at: title, severity: .error))
                }
                // 4. The structure names people: the speaker must be among them, in this role.
                guard !listed.isEmpty, role.speaksForPartnership, let name = speaker.name, let nameRange = speaker.nameRange,
                      affiliation != .knowledgePartner else { continue }
                if entries.isEmpty {
                    let message = Messages.notInStructure(name, role: role.name, partnership: partnership, clause: clause)
                    diagnostics.append(context.diagnostic(definition, message, at: nameRange, severity: .error))
                } else if let entry = entries.first(where: { $0.role.id == role.id }) {
                    // The right role, from another organisation than the structure says.
                    if let organisation = speaker.organisation, let range = speaker.organisationRange,
                       !Spokespersons.organisation(organisation, matches: [entry.person.organisation]) {
                        let message = Messages.otherOrganisation(entry.person.name, listed: entry.person.organisation,
                                                                 organisation: organisation, clause: clause)
                        diagnostics.append(context.diagnostic(definition, message, at: range, severity: .error))
                    }
                } else {
                    let message = Messages.otherRole(name, role: role.name, listed: entries[0].role.name, clause: clause)
                    diagnostics.append(context.diagnostic(definition, message, at: title, severity: .error))
                }
            }
        }
        return diagnostics
    }

    func key(_ name: String) -> String { NameMatcher.words(of: name, caseSensitive: false).joined(separator: " ") }

    /// The roles of the structure a speaker's title claims, with the title part that claims each.
    func claims(_ speaker: Speaker, _ context: CheckContext) -> [(Spokespersons.Role, Range<Int>)] {
        let document = context.document
        var result: [(Spokespersons.Role, Range<Int>)] = []
        for title in speaker.titleRanges {
            let words = words(in: title, document)
            let namesPartnership = context.scan.partnershipMentions.contains { title.contains($0.range.lowerBound) && PartyScan.names($0.kind) }
                || words.contains { word in references.contains(word) }
            for (index, role) in structure.roles.enumerated() where !role.partnershipReference || namesPartnership {
                if roleTitles[index].contains(where: { Self.contains(words, $0) }) {
                    result.append((role, title))
                    break
                }
            }
        }
        return result
    }

    /// Folded words of a range of the document.
    func words(in range: Range<Int>, _ document: Document) -> [String] {
        var low = 0
        var high = document.tokens.count
        while low < high {
            let mid = (low + high) / 2
            if document.tokens[mid].range.upperBound <= range.lowerBound { low = mid + 1 } else { high = mid }
        }
        var words: [String] = []
        var t = low
        while t < document.tokens.count, document.tokens[t].range.lowerBound < range.upperBound {
            if document.tokens[t].isWordLike { words.append(document.foldedTokens[t]) }
            t += 1
        }
        return words
    }

    /// The title words in order (not necessarily adjacent), each also in its definite or genitive form
    /// (`title` holds each word's forms, as in `roleTitles`).
    static func contains(_ words: [String], _ title: [[String]]) -> Bool {
        guard !title.isEmpty else { return false }
        var i = 0
        for word in words where i < title.count {
            if title[i].contains(word) { i += 1 }
        }
        return i == title.count
    }
}
