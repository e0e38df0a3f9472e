/// Section 9.1: a text about the partnership names every other party. One error per document,
/// naming the parties that are missing, with one fix in the right place: the missing names added
/// to an enumeration of parties the text already has, or the boilerplate sentence as a paragraph
/// at the end of the body (before a contact block, or inside an "Om Klimaalliancen" box) — never
/// in a headline, a quote or a caption. The sender need not name itself. A text dated outside the
/// agreement's period (pkt. 7.1) gets one info finding instead.
struct PartnerMentionRule: Rule, RuleKind {
    static let kind = "partner-mention"
    /// A missing party is missing from the whole text; the first mention of the alliance only shows where.
    static let isDocumentLevel = true
    let definition: RuleDefinition

    static func make(_ definition: RuleDefinition, ruleset: Ruleset) throws -> any Rule {
        PartnerMentionRule(definition: definition)
    }

    enum Messages {
        static func missing(_ parties: [String], partnership: String, clause: Localized) -> Localized {
            let da = parties.count == 1 ? "\(parties[0]) er ikke nævnt." : "\(parties.count) parter er ikke nævnt: \(ListFormatter.danish(parties))."
            let en = parties.count == 1 ? "\(parties[0]) is not named." : "\(parties.count) parties are not named: \(ListFormatter.english(parties))."
            return Localized(da: da + " En tekst om \(partnership) skal nævne alle parter (\(clause.da)).",
                             en: en + " A text about \(partnership) must name every party (\(clause.en)).")
        }

        static let senderUnknown = Localized(
            da: "Er teksten fra en af parterne, behøver afsenderen ikke nævne sig selv: angiv den med --sender eller sender: i .omtale.yml.",
            en: "If the text is from one of the parties, that party need not name itself: give the sender with --sender or sender: in .omtale.yml.")

        static func notAParty(_ sender: String) -> Localized {
            Localized(da: "Afsenderen, \(sender), er ikke en part og skal nævne alle parter.",
                      en: "The sender, \(sender), is not a party and must name every party.")
        }

        static func abbreviationOnly(_ written: String, _ party: String) -> Localized {
            Localized(da: "»\(written)« er en intern forkortelse fra aftalen, men en forkortelse tæller ikke som at nævne \(party).",
                      en: "'\(written)' is an internal abbreviation from the agreement, but an abbreviation does not count as naming \(party).")
        }

        static func notCounted(_ written: String, _ section: Section.Kind) -> Localized {
            let da: String, en: String
            switch section {
            case .caption: da = "»\(written)« står kun i en billedtekst eller fotokreditering, og det tæller ikke som at nævne parten."
                en = "'\(written)' stands only in a caption or photo credit, which does not count as naming the party."
            default: da = "»\(written)« står kun i kontaktblokken, og det tæller ikke som at nævne parten."
                en = "'\(written)' stands only in the contact block, which does not count as naming the party."
            }
            return Localized(da: da, en: en)
        }

        /// A look-alike that does not count, with the ruleset's note on why and what to write instead.
        static func lookalike(_ written: String, _ note: Localized) -> Localized {
            Localized(da: "»\(written)« tæller ikke. ", en: "'\(written)' does not count. ") + note
        }

        static func enumerationFix(_ list: String) -> Localized {
            Localized(da: "Tilføj de manglende parter i opremsningen: »\(list)«",
                      en: "Add the missing parties to the enumeration: '\(list)'")
        }

        enum Place { case endOfBody, beforeContact, factBox(String) }

        static func boilerplateFix(_ sentence: String, _ place: Place) -> Localized {
            switch place {
            case .endOfBody:
                return Localized(da: "Tilføj standardsætningen om parterne som et afsnit sidst i brødteksten: »\(sentence)«",
                                 en: "Add the sentence naming the parties as a paragraph at the end of the body: '\(sentence)'")
            case .beforeContact:
                return Localized(da: "Tilføj standardsætningen om parterne som et afsnit før kontaktoplysningerne: »\(sentence)«",
                                 en: "Add the sentence naming the parties as a paragraph before the contact details: '\(sentence)'")
            case .factBox(let title):
                return Localized(da: "Tilføj standardsætningen om parterne i boksen »\(title)«: »\(sentence)«",
                                 en: "Add the sentence naming the parties to the box '\(title)': '\(sentence)'")
            }
        }

        static func outOfPeriod(_ date: String, start: String, end: String, source: PublicationDate.Source, partnership: String) -> Localized {
            let how: (da: String, en: String)
            switch source {
            case .option: how = ("angivet med --date", "given with --date")
            case .frontMatter: how = ("fra date: i front matter", "from date: in the front matter")
            case .dateline: how = ("fra datolinjen", "from the dateline")
            case .docxProperties: how = ("fra dokumentets egenskaber", "from the document's properties")
            case .checkDate: how = ("dagens dato", "today's date")
            }
            return Localized(
                da: "Teksten er dateret \(DanishDate.long(date)) (\(how.da)), uden for \(partnership)s periode \(DanishDate.long(start))–\(DanishDate.long(end)) (pkt. 7.1). Kravene til omtale af \(partnership) gælder derfor ikke. Er datoen forkert, så angiv den rigtige med --date ÅÅÅÅ-MM-DD.",
                en: "The text is dated \(date) (\(how.en)), outside \(partnership)'s period \(start) to \(end) (section 7.1), so the rules for texts about \(partnership) do not apply. If the date is wrong, give the right one with --date YYYY-MM-DD.")
        }

        static func commonNoun(_ written: String, partnership: String, named: Int) -> Localized {
            Localized(
                da: "»\(written)« står med lille begyndelsesbogstav, men teksten nævner \(named) af parterne. Mener I partnerskabet, så skriv »\(partnership)« med stort. Så gælder kravene i pkt. 9.1, fx at alle parter skal nævnes.",
                en: "'\(written)' is written in lower case, but the text names \(named) of the parties. If you mean the partnership, write '\(partnership)' with a capital. Then the requirements of section 9.1 apply, e.g. that every party is named.")
        }

        static func commonNounFix(_ partnership: String) -> Localized {
            Localized(da: "Skriv »\(partnership)« med stort, hvis I mener partnerskabet.", en: "Write '\(partnership)' with a capital if you mean the partnership.")
        }
    }

    func check(_ context: CheckContext) -> [Diagnostic] {
        let scan = context.scan
        let ruleset = context.ruleset
        if scan.namesPartnership, !scan.inPeriod, let period = ruleset.agreement.period, let anchor = scan.firstPartnershipMention {
            let date = context.facts.date
            let message = Messages.outOfPeriod(date.value, start: period.start, end: period.end, source: date.source,
                                               partnership: ruleset.partnership.name)
            return [context.diagnostic(definition, message, at: date.range ?? anchor.range, severity: .info)]
        }
        if !scan.namesPartnership, let lower = scan.commonNounMentions.first {
            let named = ruleset.parties.indices.filter(scan.isNamed).count
            guard named >= 3 else { return [] }
            var fixed = ruleset.partnership.name
            if lower.text.lowercased().hasSuffix("s"), !fixed.hasSuffix("s") { fixed += "s" }
            return [context.diagnostic(definition, Messages.commonNoun(lower.text, partnership: ruleset.partnership.name, named: named),
                                       at: lower.range, severity: .info,
                                       fix: context.replacement(lower.range, with: fixed, message: Messages.commonNounFix(ruleset.partnership.name)))]
        }
        guard scan.applies, let anchor = scan.firstPartnershipMention else { return [] }
        let missing = Self.missingParties(context)
        guard !missing.isEmpty else { return [] }
        let names = missing.map { ruleset.parties[$0].name }
        var message = Messages.missing(names, partnership: ruleset.partnership.name, clause: context.clause(definition))
        if let sender = context.facts.sender {
            if sender.party == nil { message += " " + Messages.notAParty(sender.name) }
        } else {
            message += " " + Messages.senderUnknown
        }
        let fix = enumerationFix(context, missing: missing) ?? boilerplateFix(context)
        return [context.diagnostic(definition, message, at: anchor.range, fix: fix, subject: names.joined(separator: ", "))]
    }

    /// Parties that must be named and are not: not named where it counts, not covered by a collective form, not the sender.
    static func missingParties(_ context: CheckContext) -> [Int] {
        let scan = context.scan
        return context.ruleset.parties.indices.filter { index in
            !scan.isNamed(party: index) && scan.collective(covering: index, in: context.ruleset) == nil && context.facts.sender?.party != index
        }
    }

    /// JSON `parties`: which are missing, the sender, and why a name in the text does not count
    /// (each look-alike note on the party it could be taken for).
    static func annotate(_ coverage: [PartyCoverage], _ context: CheckContext) -> [PartyCoverage] {
        let scan = context.scan
        let ruleset = context.ruleset
        let missing = scan.applies ? Set(missingParties(context)) : []
        return coverage.enumerated().map { index, entry in
            var entry = entry
            entry.missing = missing.contains(index)
            entry.isSender = context.facts.sender?.party == index
            guard !entry.mentioned else { return entry }
            if let abbreviation = scan.partyMatches[index].first(where: { $0.kind == .abbreviation }) {
                entry.localizedNotes.append(Messages.abbreviationOnly(abbreviation.text, entry.name))
            }
            if let uncounted = scan.partyMatches[index].first(where: { PartyScan.names($0.kind) && !scan.counts($0) }) {
                entry.localizedNotes.append(Messages.notCounted(uncounted.text, scan.sections.kind(at: uncounted.range.lowerBound)))
            }
            for (i, lookalike) in ruleset.lookalikes.enumerated() where lookalike.mistakenFor.contains(entry.name) {
                for match in scan.lookalikeMatches[i] where Self.lookalike(match.text, pointsTo: entry.name, among: lookalike.mistakenFor) {
                    entry.localizedNotes.append(Messages.lookalike(match.text, lookalike.note))
                    break
                }
            }
            return entry
        }
    }

    /// A place-name look-alike ("Midtjylland") belongs to the party whose name holds it; one that
    /// names no party in particular ("Danske Regioner", "regionerne") to every party it may be taken for.
    static func lookalike(_ text: String, pointsTo party: String, among candidates: [String]) -> Bool {
        let folded = Sender.fold(text)
        let holders = candidates.filter { Sender.fold($0).contains(folded) }
        return holders.isEmpty || holders.contains(party)
    }

    // MARK: - Where the fix goes

    /// When a sentence enumerates parties ("KL, Region Nordjylland og Realdania"), the missing ones are
    /// added there, in the agreement's order, with Danish list punctuation. The list is written anew
    /// from the agreement's names: a party already in it as an abbreviation ("RM") or misspelled
    /// ("Real Dania") is written out once by its name, not added a second time, so the fix settles
    /// the spelling and abbreviation findings inside the list too (`FixPlan` counts them as applied).
    func enumerationFix(_ context: CheckContext, missing: [Int]) -> Fix? {
        let document = context.document
        let scan = context.scan
        let ruleset = context.ruleset
        typealias Item = (order: Int, match: NameMatcher.Match)
        func order(_ match: NameMatcher.Match) -> Int? {
            switch match.target {
            case .party(let i):
                let named = PartyScan.names(match.kind) || match.kind == .abbreviation
                return named && match.suggestion == ruleset.parties[i].name ? i : nil
            case .collective(let c):
                return ruleset.collectives[c].covers.compactMap { name in ruleset.parties.firstIndex { $0.name == name } }.min()
            default: return nil
            }
        }
        var best: [Item] = []
        var run: [Item] = []
        var lastSeparator = ""
        func close(_ following: String) {
            if run.count >= 2, ["og", "samt", "&"].contains(lastSeparator), following != ",", run.count > best.count { best = run }
            run = []
            lastSeparator = ""
        }
        for match in scan.matches {
            let kind = context.facts.sections.kind(at: match.range.lowerBound)
            guard let position = order(match), [.body, .lead, .factBox].contains(kind) else {
                close(""); continue
            }
            if let previous = run.last {
                let between = document.string(previous.match.range.upperBound..<match.range.lowerBound)
                let words = between.split(whereSeparator: { $0.isWhitespace }).map(String.init)
                let sameSentence = document.sentenceIndex(containing: previous.match.range.lowerBound) == document.sentenceIndex(containing: match.range.lowerBound)
                if sameSentence, words.count <= 1, words.allSatisfy({ [",", "og", "samt", "&"].contains($0) }), !between.contains("\n") {
                    lastSeparator = words.first ?? ""
                    run.append((position, match))
                    continue
                }
                let after = String(between.drop { $0.isWhitespace }.prefix(1))
                close(after)
            }
            run = [(position, match)]
        }
        if let last = run.last {
            let end = last.match.range.upperBound
            close(end < document.utf16.count ? String(document.string(end..<min(document.utf16.count, end + 1))) : "")
        }
        guard best.count >= 2 else { return nil }
        var items: [(Int, String)] = []
        var listed = Set<Int>()
        for item in best {
            guard case .party(let party) = item.match.target else {
                items.append((item.order, item.match.text))
                continue
            }
            // Each party once, by its name in the agreement.
            if listed.insert(party).inserted { items.append((party, ruleset.parties[party].name)) }
        }
        items += missing.filter { !listed.contains($0) }.map { ($0, ruleset.parties[$0].name) }
        items.sort { $0.0 < $1.0 }
        let list = ListFormatter.danish(items.map(\.1))
        let range = best.first!.match.range.lowerBound..<best.last!.match.range.upperBound
        return context.replacement(range, with: list, message: Messages.enumerationFix(list))
    }

    /// The boilerplate as its own paragraph: in an "Om Klimaalliancen" box, else before the contact
    /// block, else after the last paragraph of the body.
    func boilerplateFix(_ context: CheckContext) -> Fix {
        let document = context.document
        let sections = context.facts.sections.all.filter { $0.kind != .quote }
        let sentence = context.ruleset.boilerplate
        let name = Sender.fold(context.ruleset.partnership.name)
        if let box = sections.last(where: { $0.kind == .factBox && Sender.fold($0.title ?? "").contains(name) }) {
            let end = sections.filter { $0.kind == .factBox && $0.title == box.title }.map(\.range.upperBound).max() ?? box.range.upperBound
            return context.insertion(at: end, text: "\n" + sentence,
                                     message: Messages.boilerplateFix(sentence, .factBox(box.title ?? "")))
        }
        let contactStart = sections.first { $0.kind == .contact }?.range.lowerBound
        let bodyKinds: Set<Section.Kind> = [.body, .lead, .factBox]
        let before = sections.filter { section in bodyKinds.contains(section.kind) && (contactStart.map { section.range.upperBound <= $0 } ?? true) }
        let end = before.last?.range.upperBound
            ?? sections.last(where: { $0.kind == .headline })?.range.upperBound
            ?? document.paragraphs.last?.upperBound ?? document.utf16.count
        return context.insertion(at: end, text: "\n\n" + sentence,
                                 message: Messages.boilerplateFix(sentence, contactStart == nil ? .endOfBody : .beforeContact))
    }
}

/// "2021-06-08" → "8. juni 2021"; "2025-04" → "april 2025".
enum DanishDate {
    static let months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"]

    static func long(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count >= 2, (1...12).contains(parts[1]) else { return iso }
        if parts.count == 2 { return "\(months[parts[1] - 1]) \(parts[0])" }
        return "\(parts[2]). \(months[parts[1] - 1]) \(parts[0])"
    }
}
