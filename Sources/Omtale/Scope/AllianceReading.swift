/// Which alliance a mention of "Klimaalliancen" means. Only the partnership's proper name means
/// the partnership: capitalised and definite ("Klimaalliancen", "Klimaalliancens", also in
/// "Klimaalliancen-godkendt"). An indefinite form is a common noun or the first part of a compound
/// ("klimaalliance-kommuner"), or another alliance's name after a genitive or an adjective
/// ("Fjordlandets Klimaalliance"); "Klimaalliancen Aarhus" is another alliance's name too. A capital at the start of a
/// sentence proves nothing: after "en (ny) klimaalliance", a sentence opening with "Klimaalliancen"
/// refers back to the alliance the text introduced.
struct AllianceReading {
    var proper: [NameMatcher.Match] = []
    var commonNoun: [NameMatcher.Match] = []
    var other: [NameMatcher.Match] = []

    /// Words before an indefinite "klimaalliance" that introduce a new alliance.
    static let introducers: Set<String> = ["en", "et", "ny", "nye", "egen", "lokal", "regional", "fælles", "sin", "vores", "deres"]

    init(document: Document, mentions: [NameMatcher.Match], otherNames: Set<Int> = []) {
        var introduced: Int?
        // "Klimaalliancen Aarhus": the definite name followed by another capitalised name is that
        // alliance's name, and a sentence opening with "Klimaalliancen" anywhere may mean it.
        let namedOther = mentions.filter { Self.isFollowedByName($0, in: document, otherNames: otherNames) }
        for match in mentions {
            guard PartyScan.names(match.kind) else { proper.append(match); continue }
            let text = match.text
            let first = text.unicodeScalars.first.map { Character($0) }
            var stem = text
            if let genitive = NameMatcher.genitiveStems(text.lowercased()).first(where: { $0.stem.hasSuffix("en") }) {
                stem = String(text.dropLast(genitive.suffix.count))
            }
            let definite = stem.lowercased().hasSuffix("en")
            // "Klimaalliance-pakken": the capitalised name as the first part of a compound still names the
            // partnership (a product named after it); "klimaalliance-kommuner" in lower case does not.
            let capitalised = first.map { $0.isUppercase } ?? false
            if !definite, capitalised, Self.isCompoundHead(match, in: document) { proper.append(match); continue }
            if !definite {
                if !definite, introduced == nil, Self.introducers.contains(Self.wordBefore(match, in: document) ?? "") {
                    introduced = match.range.lowerBound
                }
                other.append(match)
                continue
            }
            guard let first, first.isUppercase else { commonNoun.append(match); continue }
            if namedOther.contains(match) { other.append(match); continue }
            if !namedOther.isEmpty, Self.startsSentence(match, in: document) { other.append(match); continue }
            if let introduced, introduced < match.range.lowerBound, Self.startsSentence(match, in: document) {
                other.append(match)
                continue
            }
            proper.append(match)
        }
    }

    /// "Klimaalliancen Aarhus": a capitalised word (not a party's name, not a new sentence) right after the name.
    static func isFollowedByName(_ match: NameMatcher.Match, in document: Document, otherNames: Set<Int>) -> Bool {
        var i = match.range.upperBound
        var spaces = 0
        while i < document.utf16.count, document.utf16[i] == 0x20 { i += 1; spaces += 1 }
        guard spaces >= 1, spaces <= 2, i < document.utf16.count, !otherNames.contains(i),
              let scalar = Unicode.Scalar(document.utf16[i]), Character(scalar).isUppercase else { return false }
        // The next word must be a word (not "KL" or "C40") and in the same sentence.
        guard let token = document.tokens.first(where: { $0.range.lowerBound == i }), token.kind == .word,
              document.sentenceIndex(containing: i) == document.sentenceIndex(containing: match.range.lowerBound) else { return false }
        let word = document.string(token.range)
        return word.count >= 3 && word.dropFirst().contains { $0.isLowercase }
    }

    /// A hyphen glued to the name with a word right after it.
    static func isCompoundHead(_ match: NameMatcher.Match, in document: Document) -> Bool {
        let end = match.range.upperBound
        guard end + 1 < document.utf16.count, document.utf16[end] == 0x2D, let next = Unicode.Scalar(document.utf16[end + 1]) else { return false }
        return Character(next).isLetter
    }

    /// The folded word right before the match in the same sentence, if only white space separates them.
    static func wordBefore(_ match: NameMatcher.Match, in document: Document) -> String? {
        guard let index = document.tokens.firstIndex(where: { $0.range.lowerBound == match.range.lowerBound }) else { return nil }
        var t = index - 1
        while t >= 0, document.tokens[t].kind == .space { t -= 1 }
        guard t >= 0, t < index - 1 || t == index - 1, document.tokens[t].isWordLike else { return nil }
        return document.foldedTokens[t]
    }

    /// The match is the first word of its sentence (or of its paragraph).
    static func startsSentence(_ match: NameMatcher.Match, in document: Document) -> Bool {
        let start = match.range.lowerBound
        let sentenceStart = document.sentenceIndex(containing: start).map { document.sentences[$0].lowerBound } ?? 0
        let paragraphStart = document.paragraphIndex(containing: start).map { document.paragraphs[$0].lowerBound } ?? 0
        let from = max(sentenceStart, paragraphStart)
        guard from <= start else { return false }
        return document.utf16[from..<start].allSatisfy { unit in
            !(Character(Unicode.Scalar(unit) ?? " ").isLetter || Character(Unicode.Scalar(unit) ?? " ").isNumber)
        }
    }
}
