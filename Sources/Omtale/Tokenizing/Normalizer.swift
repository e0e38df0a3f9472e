/// Turns the text an input plugin extracted into the text the rules see, keeping a map back.
///
/// What changes, and why:
/// - CRLF and CR become LF, so every rule sees one kind of line end.
/// - Soft hyphens (U+00AD), zero-width spaces and stray BOMs are removed: a reader never sees them,
///   and they split names ("Real\u{AD}dania").
/// - NBSP and the other Unicode spaces become a plain space, so "Region\u{A0}Hovedstaden" matches.
/// - A word hyphenated across a line end is rejoined ("Klimaal-\nliancen" → "Klimaalliancen"),
///   while real compounds keep their hyphen ("DK2020-\npartnerskabet", "regional-\nog").
/// - In hard-wrapped text, a line break inside a paragraph becomes a space, so ICU's sentence
///   iterator (which treats every line end as a hard break) sees whole sentences.
/// - NFC, so "é" typed as e + U+0301 matches "é".
/// Typographic quotes and dashes are kept: the quote finder needs them.
struct Normalizer: Sendable {
    init() {}

    struct Result: Sendable {
        var text: String
        /// Normalized scalar offset → plugin text scalar offset, applied in order.
        var maps: [OffsetMap]
    }

    /// Lines shorter than this that lack final punctuation look like headlines, not wrapped lines.
    static let headlineLength = 40

    func normalize(_ source: SourceText) -> Result {
        let scalars = Array(source.text.unicodeScalars)
        var output = ScalarWriter(capacity: scalars.count)
        let lines = Self.splitLines(scalars)
        let hasBlankLines = lines.contains { Self.isBlank(scalars[$0.content]) }

        var index = 0
        var resumeAt: Int? = nil  // where to continue inside the next line after a hyphen join
        while index < lines.count {
            let line = lines[index]
            var content = line.content
            if let resume = resumeAt { content = resume..<content.upperBound; resumeAt = nil }
            let isLast = index == lines.count - 1
            let next = isLast ? nil : lines[index + 1]

            var joinedByHyphen = false
            if source.lineBreaksAreSoft, let next, let join = Self.hyphenJoin(scalars, line: content, next: next.content) {
                switch join {
                case .dropHyphen(let hyphen, let resume):
                    output.write(scalars, content.lowerBound..<hyphen)
                    resumeAt = resume
                case .keepHyphen(let hyphen, let resume):
                    output.write(scalars, content.lowerBound..<(hyphen + 1))
                    resumeAt = resume
                case .suspended:
                    output.write(scalars, content)
                    output.emit(" ", from: line.terminator.lowerBound)
                }
                joinedByHyphen = true
            }
            if !joinedByHyphen {
                output.write(scalars, content)
                if let next, !line.terminator.isEmpty {
                    let soft = source.lineBreaksAreSoft
                        && Self.isSoftBreak(scalars, line: content, next: next.content, hasBlankLines: hasBlankLines)
                    output.emit(soft ? " " : "\n", from: line.terminator.lowerBound)
                } else if !line.terminator.isEmpty {
                    output.emit("\n", from: line.terminator.lowerBound)
                }
            }
            index += 1
        }

        var maps = [output.map]
        var text = output.string
        // NFC last: most text already is, and ICU's quick check makes that case free.
        let units = Array(text.utf16)
        if !units.isEmpty && ICU.nfc(units) != units {
            let (normalized, map) = Self.nfcPreservingMap(text)
            text = normalized
            maps.insert(map, at: 0)
        }
        return Result(text: text, maps: maps)
    }

    // MARK: - Lines

    struct Line {
        var content: Range<Int>
        var terminator: Range<Int>
    }

    static func splitLines(_ scalars: [Unicode.Scalar]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\n" || s == "\r" {
                let end = (s == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n") ? i + 2 : i + 1
                lines.append(Line(content: start..<i, terminator: i..<end))
                start = end
                i = end
            } else {
                i += 1
            }
        }
        lines.append(Line(content: start..<scalars.count, terminator: scalars.count..<scalars.count))
        return lines
    }

    static func isBlank(_ slice: ArraySlice<Unicode.Scalar>) -> Bool {
        slice.allSatisfy { isSpace($0) || isInvisible($0) }
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        // ASCII without a property lookup: this runs on every character.
        if s.isASCII { return s == " " || s == "\t" || s.value == 0x0B || s.value == 0x0C }
        return s.properties.isWhitespace
    }

    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00AD, 0x200B, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    // MARK: - Hyphenation across line ends

    enum HyphenJoin {
        /// "Klimaal-" + "liancen": drop the hyphen and the break.
        case dropHyphen(hyphen: Int, resume: Int)
        /// "DK2020-" + "partnerskabet": a compound; keep the hyphen, drop the break.
        case keepHyphen(hyphen: Int, resume: Int)
        /// "regional-" + "og kommunalpolitisk": a suspended compound; the break is a space.
        case suspended
    }

    static let suspendingWords: Set<String> = ["og", "eller", "samt", "som", "til", "and", "or"]

    static func hyphenJoin(_ scalars: [Unicode.Scalar], line: Range<Int>, next: Range<Int>) -> HyphenJoin? {
        var end = line.upperBound
        while end > line.lowerBound, isSpace(scalars[end - 1]) { end -= 1 }
        guard end - line.lowerBound >= 2, scalars[end - 1] == "-" else { return nil }
        let hyphen = end - 1
        guard scalars[hyphen - 1].properties.isAlphabetic || isDigit(scalars[hyphen - 1]) else { return nil }
        var resume = next.lowerBound
        while resume < next.upperBound, isSpace(scalars[resume]) { resume += 1 }
        guard resume < next.upperBound else { return nil }
        let first = scalars[resume]
        guard first.properties.isLowercase else {
            // "Paris-" + "Aftalen": an uppercase continuation is a compound, not a split word.
            if first.properties.isAlphabetic || isDigit(first) { return .keepHyphen(hyphen: hyphen, resume: resume) }
            return nil
        }
        var wordEnd = resume
        while wordEnd < next.upperBound, scalars[wordEnd].properties.isAlphabetic { wordEnd += 1 }
        let nextWord = String(String.UnicodeScalarView(scalars[resume..<wordEnd]))
        if suspendingWords.contains(nextWord) { return .suspended }
        var wordStart = hyphen
        while wordStart > line.lowerBound, scalars[wordStart - 1].properties.isAlphabetic || isDigit(scalars[wordStart - 1]) {
            wordStart -= 1
        }
        let prefix = scalars[wordStart..<hyphen]
        let uppercase = prefix.filter { $0.properties.isUppercase }.count
        if prefix.contains(where: isDigit) || uppercase >= 2 {
            return .keepHyphen(hyphen: hyphen, resume: resume)
        }
        return .dropHyphen(hyphen: hyphen, resume: resume)
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.properties.numericType == .decimal }

    // MARK: - Soft wraps

    static let terminalPunctuation: Set<Unicode.Scalar> = [".", "!", "?", ":", "»", "«", "\"", "”", "“"]

    static func isListMarker(_ scalars: [Unicode.Scalar], at start: Int, end: Int) -> Bool {
        var i = start
        while i < end, isSpace(scalars[i]) { i += 1 }
        guard i < end else { return false }
        let s = scalars[i]
        if ["-", "–", "—", "•", "*", "·", "▪"].contains(s) {
            return i + 1 < end && isSpace(scalars[i + 1])
        }
        var j = i
        while j < end, isDigit(scalars[j]) { j += 1 }
        return j > i && j + 1 < end && (scalars[j] == "." || scalars[j] == ")") && isSpace(scalars[j + 1])
    }

    static func isSoftBreak(_ scalars: [Unicode.Scalar], line: Range<Int>, next: Range<Int>, hasBlankLines: Bool) -> Bool {
        if isBlank(scalars[line]) || isBlank(scalars[next]) { return false }
        if isListMarker(scalars, at: next.lowerBound, end: next.upperBound) { return false }
        var first = next.lowerBound
        while first < next.upperBound, isSpace(scalars[first]) { first += 1 }
        if scalars[first].properties.isLowercase { return true }
        var last = line.upperBound - 1
        while last > line.lowerBound, isSpace(scalars[last]) || isInvisible(scalars[last]) { last -= 1 }
        let endsTerminal = terminalPunctuation.contains(scalars[last])
        let length = line.count
        if hasBlankLines {
            // Paragraphs are separated by blank lines, so a break inside one is a wrap,
            // unless the line looks like a headline standing on its own line.
            return endsTerminal || length >= headlineLength
        }
        // One paragraph per line (Word's "save as text"): only a long unfinished line continues.
        return !endsTerminal && length >= 60
    }

    // MARK: - NFC with a map

    static func nfcPreservingMap(_ text: String) -> (String, OffsetMap) {
        var work = 0
        return nfcPreservingMap(text, work: &work)
    }

    /// `work` counts the scalars and code units the pass touched, so tests can check it stays
    /// linear on a work counter rather than a clock.
    static func nfcPreservingMap(_ text: String, work: inout Int) -> (String, OffsetMap) {
        // Normalize chunk by chunk between ASCII whitespace (which never composes with its
        // neighbours), so offsets shift only inside chunks that actually changed. The output
        // length is kept as a running count: counting the scalar view at every anchor made this
        // quadratic (459 K characters with one decomposed "å" took 132 s).
        // An array, made a String once at the end: appending to a String.UnicodeScalarView
        // chunk by chunk copied it (memmove) and was still quadratic.
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.utf8.count)
        var resultCount = 0
        var map = OffsetMap()
        var chunk: [Unicode.Scalar] = []
        var chunkUnits: [UInt16] = []
        var chunkStart = 0
        var sourceOffset = 0
        func flush() {
            guard !chunk.isEmpty else { return }
            map.anchor(resultCount, to: chunkStart)
            work += chunk.count
            chunkUnits.removeAll(keepingCapacity: true)
            if !chunk.allSatisfy({ $0.isASCII }) {
                for scalar in chunk { chunkUnits.append(contentsOf: UTF16.encode(scalar)!) }
            }
            // ASCII, or already NFC (nearly every chunk of a text with one decomposed letter):
            // copied as it is, without a round trip through ICU and a String.
            if chunkUnits.isEmpty || ICU.isNFC(chunkUnits) {
                work += chunkUnits.count
                result.append(contentsOf: chunk)
                resultCount += chunk.count
            } else {
                let normalized = ICU.nfc(chunkUnits)
                work += chunkUnits.count + normalized.count
                for scalar in String(utf16Units: normalized).unicodeScalars {
                    result.append(scalar)
                    resultCount += 1
                }
            }
            chunk.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            work += 1
            if scalar.isASCII && scalar.properties.isWhitespace {
                flush()
                map.anchor(resultCount, to: sourceOffset)
                result.append(scalar)
                resultCount += 1
                chunkStart = sourceOffset + 1
            } else {
                if chunk.isEmpty { chunkStart = sourceOffset }
                chunk.append(scalar)
            }
            sourceOffset += 1
        }
        flush()
        return (String(unicodeScalars: result), map)
    }
}

/// Appends scalars while recording where each came from.
struct ScalarWriter {
    private(set) var scalars: [Unicode.Scalar] = []
    private(set) var map = OffsetMap()
    private var shift = 0

    init(capacity: Int) { scalars.reserveCapacity(capacity) }

    var string: String { String(unicodeScalars: scalars) }

    mutating func emit(_ scalar: Unicode.Scalar, from source: Int) {
        if source - scalars.count != shift {
            shift = source - scalars.count
            map.anchor(scalars.count, to: source)
        }
        scalars.append(scalar)
    }

    /// Copies a range of source scalars, dropping invisible ones and folding spaces.
    mutating func write(_ source: [Unicode.Scalar], _ range: Range<Int>) {
        for i in range {
            let s = source[i]
            if Normalizer.isInvisible(s) { continue }
            if s != " " && Normalizer.isSpace(s) {
                emit(" ", from: i)
            } else {
                emit(s, from: i)
            }
        }
    }
}
