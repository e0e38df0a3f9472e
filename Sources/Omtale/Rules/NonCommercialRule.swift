/// Section 9.1: the parties may use information about the partnership and its results, images
/// included, only "på en ikke-kommerciel basis".
///
/// Evidence (terms in `commercial.yml`: buying and ordering, prices, offers and discounts,
/// advertising, product promotion, companies, paid courses and merchandise, endorsement claims)
/// is weighed per paragraph: the strongest evidence of each category counts once, neutralizers
/// ("gratis", "udbud", "pulje") cancel categories in their sentence, and a paragraph is reported
/// when its score reaches the threshold near a mention of the alliance. Images whose alt text or
/// title names the alliance or a party are reported too when the document uses it commercially.
public struct NonCommercialRule: Rule, RuleKind {
    public static let kind = "non-commercial"
    public let definition: RuleDefinition
    let terms: CommercialTerms
    let evidence: CommercialEvidence
    let matcher: NameMatcher

    public static func make(_ definition: RuleDefinition, ruleset: Ruleset) throws -> any Rule {
        let terms = try CommercialTerms.load(from: ruleset)
        return NonCommercialRule(definition: definition, terms: terms, evidence: CommercialEvidence(terms),
                                 matcher: NameMatcher(ruleset: ruleset))
    }

    enum Messages {
        static func commercial(_ partnership: String, evidence: [String], clause: String) -> Localized {
            let list = evidence.map { "«\($0)»" }.joined(separator: " + ")
            let listEN = evidence.map { "'\($0)'" }.joined(separator: " + ")
            let together = evidence.count > 1 ? " i samme afsnit" : ""
            let togetherEN = evidence.count > 1 ? " in the same paragraph" : ""
            return Localized(
                da: "Teksten bruger \(partnership) kommercielt: \(list)\(together) (\(clause): kun ikke-kommerciel brug).",
                en: "The text uses \(partnership) commercially: \(listEN)\(togetherEN) (\(clause): non-commercial use only).")
        }

        static func image(_ described: String, named: String, evidence: [String], clause: String) -> Localized {
            let list = evidence.map { "«\($0)»" }.joined(separator: " + ")
            let listEN = evidence.map { "'\($0)'" }.joined(separator: " + ")
            return Localized(
                da: "Billedet «\(described)» viser \(named) i en tekst med kommerciel brug (\(list)); partnerskabets billedmateriale må kun bruges ikke-kommercielt (\(clause)).",
                en: "The image '\(described)' shows \(named) in a text with commercial use (\(listEN)); the partnership's images may only be used non-commercially (\(clause)).")
        }

        static let imageFix = Localized(
            da: "Fjern billedet fra den kommercielle tekst, eller fjern salgs- og reklameindholdet fra teksten.",
            en: "Remove the image from the commercial text, or remove the sales and advertising content from the text.")
    }

    /// A reported paragraph.
    struct Finding {
        var paragraph: Int
        var strongest: CommercialEvidence.Item
        var shown: [String]
    }

    public func check(_ context: CheckContext) -> [Diagnostic] {
        let document = context.document
        let mentions = context.scan.partnershipMentions.filter { PartyScan.names($0.kind) }
        let images = partnershipImages(context)
        // An image of the alliance (its logo) makes a text about it; an image naming a party alone does not.
        guard context.scan.applies || images.contains(where: \.namesPartnership) else { return [] }

        var anchors = Set(mentions.compactMap { document.paragraphIndex(containing: $0.range.lowerBound) })
        for image in images where image.namesPartnership {
            if let paragraph = image.paragraph { anchors.insert(paragraph) }
        }
        let items = evidence.evidence(in: document, partnershipMentions: mentions)
        var byParagraph: [Int: [CommercialEvidence.Item]] = [:]
        for item in items {
            guard let paragraph = document.paragraphIndex(containing: item.range.lowerBound) else { continue }
            byParagraph[paragraph, default: []].append(item)
        }

        var findings: [Finding] = []
        for (paragraph, found) in byParagraph.sorted(by: { $0.key < $1.key }) {
            guard anchors.contains(where: { abs($0 - paragraph) <= terms.proximity }) else { continue }
            var best: [Int: Int] = [:]
            for item in found { best[item.category] = max(best[item.category] ?? 0, item.weight) }
            guard best.values.reduce(0, +) >= terms.threshold else { continue }
            let strongest = found.max { $0.weight < $1.weight || ($0.weight == $1.weight && $0.range.lowerBound > $1.range.lowerBound) }!
            findings.append(Finding(paragraph: paragraph, strongest: strongest, shown: shown(found, document)))
        }

        let partnership = context.ruleset.partnership.name
        let clause = context.clause(definition)
        var diagnostics = findings.map { finding in
            let category = terms.categories[finding.strongest.category]
            return context.diagnostic(
                definition, Messages.commercial(partnership, evidence: finding.shown, clause: clause),
                at: finding.strongest.range, fix: Fix(message: category.fix, replacements: []))
        }
        if let first = findings.first {
            for image in images {
                let message = Messages.image(image.described, named: image.named, evidence: first.shown, clause: clause)
                diagnostics.append(context.diagnostic(definition, message, at: image.offset..<image.offset,
                                                      fix: Fix(message: Messages.imageFix, replacements: [])))
            }
        }
        return diagnostics.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The evidence a message shows: the strongest first when there is too much, then in text order,
    /// each distinct text once.
    func shown(_ items: [CommercialEvidence.Item], _ document: Document) -> [String] {
        var seen = Set<String>()
        var distinct: [(item: CommercialEvidence.Item, text: String)] = []
        for item in items {
            let text = document.string(item.range)
            if seen.insert(Document.fold(ArraySlice(Array(text.utf16)))).inserted { distinct.append((item, text)) }
        }
        let kept = distinct.enumerated().sorted { ($0.element.item.weight, -$0.offset) > ($1.element.item.weight, -$1.offset) }
            .prefix(terms.maxEvidenceShown).sorted { $0.offset < $1.offset }
        return kept.map(\.element.text)
    }

    /// An image whose alt text or title names the partnership or a party.
    struct PartnershipImage {
        var described: String
        var named: String
        /// The image names the partnership itself, not only a party.
        var namesPartnership: Bool
        /// UTF-16 offset in the normalized text where the image is anchored.
        var offset: Int
        var paragraph: Int?
    }

    func partnershipImages(_ context: CheckContext) -> [PartnershipImage] {
        let document = context.document
        guard !document.source.images.isEmpty else { return [] }
        let tokenizer = Tokenizer()
        var result: [PartnershipImage] = []
        for image in document.source.images {
            let texts = [image.altText, image.title].compactMap { $0 }.filter { !$0.isEmpty }
            var named: String? = nil
            var namesPartnership = false
            for text in texts {
                let described = Document(path: "", inputID: "image", source: SourceText(text: text), tokenizer: tokenizer)
                for match in matcher.matches(in: described) where PartyScan.names(match.kind) {
                    switch match.target {
                    case .partnership:
                        named = named ?? context.ruleset.partnership.name
                        namesPartnership = true
                    case .party(let index): named = named ?? context.ruleset.parties[index].name
                    default: break
                    }
                }
            }
            guard let named, let described = texts.first else { continue }
            let offset = utf16Offset(ofSource: image.anchor, in: document)
            let paragraph = document.paragraphIndex(containing: offset)
                ?? document.paragraphs.lastIndex { $0.lowerBound <= offset }
            result.append(PartnershipImage(described: described, named: named, namesPartnership: namesPartnership,
                                           offset: offset, paragraph: paragraph))
        }
        return result
    }

    /// The UTF-16 offset of the normalized text that a scalar offset of the input plugin's text maps to
    /// (the first offset at or after it; the maps are monotone).
    func utf16Offset(ofSource anchor: Int, in document: Document) -> Int {
        let target = document.source.toSource.map(anchor)
        var low = 0
        var high = document.utf16.count
        while low < high {
            let mid = (low + high) / 2
            if document.sourceOffset(ofUTF16: mid) < target { low = mid + 1 } else { high = mid }
        }
        if low < document.utf16.count, UTF16.isTrailSurrogate(document.utf16[low]) { low -= 1 }
        return low
    }
}
