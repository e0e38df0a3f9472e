/// Inline waivers: a writer's documented decision that a finding does not apply here.
///
/// In text, Markdown and HTML, as HTML comments (so they never show when published):
/// - `<!-- omtale-disable partner-mention: aftalt med sekretariatet -->` … `<!-- omtale-enable partner-mention -->`
/// - `<!-- omtale-disable-next-line party-abbreviation: intern note -->`
/// Several rules are separated by commas; `all` waives every rule. In a .docx, a Word comment whose
/// text starts with `omtale-disable RULE: reason` waives the commented range.
/// A waiver without a reason, and a waiver that waives nothing, are findings themselves
/// (like SwiftLint's superfluous_disable_command), so waivers cannot silently rot.
struct Waiver: Sendable, Equatable {
    enum Scope: Sendable, Equatable {
        /// From the directive to the matching enable (or the end), in UTF-16 offsets of the normalized text.
        case region(Range<Int>)
        /// Diagnostics that start on the source line after the directive.
        case nextLine(SourceLocation)
        /// A commented range in the input plugin's text (scalar offsets), from a Word comment.
        case commentRange(Range<Int>)
    }

    var rules: [String]
    var reason: String?
    var scope: Scope
    /// Where the directive itself stands (normalized UTF-16 range), for findings about it.
    var directive: Range<Int>

    func covers(_ diagnostic: Diagnostic, in document: Document, documentLevel: Set<String>) -> Bool {
        guard rules.contains("all") || rules.contains(diagnostic.ruleID) else { return false }
        switch scope {
        case .region(let range):
            return range.contains(diagnostic.range.lowerBound)
        case .nextLine(let location):
            return diagnostic.start.part == location.part && diagnostic.start.line == location.line + 1
        case .commentRange(let range):
            // A comment waives a document-level finding wherever it sits: the finding's place
            // (the first mention of the alliance) is only where it is shown.
            if documentLevel.contains(diagnostic.ruleID) { return true }
            let offset = document.textOffset(ofUTF16: diagnostic.range.lowerBound)
            return range.contains(offset) || (range.isEmpty && range.lowerBound == offset)
        }
    }
}

enum Waivers {
    static let withoutReasonRule = "waiver-without-reason"
    static let superfluousRule = "superfluous-waiver"

    enum Messages {
        static let withoutReason = Localized(
            da: "Undtagelsen mangler en begrundelse. Skriv hvorfor efter et kolon, fx »omtale-disable partner-mention: aftalt med sekretariatet«.",
            en: "The waiver has no reason. Say why after a colon, e.g. 'omtale-disable partner-mention: agreed with the secretariat'.")
        static func superfluous(_ rules: String) -> Localized {
            Localized(da: "Undtagelsen for \(rules) undtager ingenting her og kan slettes.",
                      en: "The waiver for \(rules) waives nothing here and can be removed.")
        }
        static func unknownRule(_ rule: String) -> Localized {
            Localized(da: "Undtagelsen nævner »\(rule)«, som ikke er en regel (se 'omtale rules list').",
                      en: "The waiver names '\(rule)', which is not a rule (see 'omtale rules list').")
        }
    }

    /// Finds the waivers in a document: directives in its text and Word-style comments.
    static func find(in document: Document) -> [Waiver] {
        var waivers: [Waiver] = []
        var open: [String: (start: Int, index: Int)] = [:]
        for directive in directives(in: document.text) {
            switch directive.verb {
            case "omtale-disable":
                let index = waivers.count
                waivers.append(Waiver(rules: directive.rules, reason: directive.reason, scope: .region(directive.range.upperBound..<document.utf16.count),
                                      directive: directive.range))
                for rule in directive.rules { open[rule] = (directive.range.upperBound, index) }
            case "omtale-enable":
                for rule in directive.rules {
                    guard let (start, index) = open.removeValue(forKey: rule) else { continue }
                    // A waiver for several rules ends for each rule at its own enable; keep the longest.
                    if case .region(let range) = waivers[index].scope, directive.range.lowerBound < range.upperBound {
                        waivers[index].scope = .region(start..<directive.range.lowerBound)
                    }
                }
            case "omtale-disable-next-line":
                let end = document.locations(of: directive.range).end
                waivers.append(Waiver(rules: directive.rules, reason: directive.reason,
                                      scope: .nextLine(SourceLocation(line: end.line, column: 1, part: end.part)), directive: directive.range))
            default:
                break
            }
        }
        for comment in document.source.comments {
            let text = comment.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let parsed = parse(text), parsed.verb == "omtale-disable" else { continue }
            // Findings about the waiver point at the start of the commented text.
            let anchor = document.utf16Offset(ofTextOffset: comment.range.lowerBound)
            waivers.append(Waiver(rules: parsed.rules, reason: parsed.reason, scope: .commentRange(comment.range),
                                  directive: anchor..<min(document.utf16.count, anchor + 1)))
        }
        return waivers
    }

    struct Directive {
        var verb: String
        var rules: [String]
        var reason: String?
        var range: Range<Int>
    }

    /// `<!-- omtale-… -->` comments in the text, with their UTF-16 ranges.
    static func directives(in text: String) -> [Directive] {
        var result: [Directive] = []
        let units = Array(text.utf16)
        let open = Array("<!--".utf16), close = Array("-->".utf16)
        var i = 0
        while i + open.count <= units.count {
            guard units[i] == open[0], Array(units[i..<i + open.count]) == open else { i += 1; continue }
            var j = i + open.count
            var end: Int? = nil
            while j + close.count <= units.count {
                if units[j] == close[0], Array(units[j..<j + close.count]) == close { end = j; break }
                j += 1
            }
            guard let end else { break }
            let body = String(utf16Units: units[(i + open.count)..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
            if let parsed = parse(body) {
                result.append(Directive(verb: parsed.verb, rules: parsed.rules, reason: parsed.reason, range: i..<(end + close.count)))
            }
            i = end + close.count
        }
        return result
    }

    /// "omtale-disable rule-a, rule-b: reason" → verb, rules, reason.
    static func parse(_ body: String) -> (verb: String, rules: [String], reason: String?)? {
        let verbs = ["omtale-disable-next-line", "omtale-disable", "omtale-enable"]
        guard let verb = verbs.first(where: { body.hasPrefix($0 + " ") || body == $0 }) else { return nil }
        var rest = String(body.dropFirst(verb.count))
        var reason: String? = nil
        if let colon = rest.firstIndex(of: ":") {
            let text = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            reason = text.isEmpty ? nil : text
            rest = String(rest[..<colon])
        }
        let rules = rest.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        return (verb, rules.isEmpty ? ["all"] : rules, reason)
    }

    /// Removes waived diagnostics and adds findings about the waivers themselves. Findings of
    /// `documentLevelRules` are waived by a waiver anywhere in the document.
    static func apply(_ diagnostics: [Diagnostic], waivers: [Waiver], context: CheckContext,
                             documentLevelRules documentLevel: Set<String>) -> [Diagnostic] {
        guard !waivers.isEmpty else { return diagnostics }
        var used = Array(repeating: false, count: waivers.count)
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            var waived = false
            for (index, waiver) in waivers.enumerated() where waiver.covers(diagnostic, in: context.document, documentLevel: documentLevel) {
                used[index] = true
                waived = true
            }
            if !waived { kept.append(diagnostic) }
        }
        let known = Set(context.ruleset.rules.map(\.id))
        for (index, waiver) in waivers.enumerated() {
            if waiver.reason == nil {
                kept.append(context.diagnostic(RuleDefinition.meta(id: withoutReasonRule), Messages.withoutReason,
                                               at: waiver.directive, severity: .warning))
            }
            if let unknown = waiver.rules.first(where: { $0 != "all" && !known.contains($0) }) {
                kept.append(context.diagnostic(RuleDefinition.meta(id: superfluousRule), Messages.unknownRule(unknown),
                                               at: waiver.directive, severity: .warning))
            } else if !used[index] {
                kept.append(context.diagnostic(RuleDefinition.meta(id: superfluousRule),
                                               Messages.superfluous(waiver.rules.joined(separator: ", ")),
                                               at: waiver.directive, severity: .warning))
            }
        }
        return kept
    }
}

extension RuleDefinition {
    /// A definition for the engine's own findings (about waivers), which are not configured by data.
    static func meta(id: String) -> RuleDefinition {
        RuleDefinition(id: id, kind: "waiver", severity: .warning)
    }

    init(id: String, kind: String, severity: Severity) {
        self.id = id
        self.kind = kind
        self.severity = severity
        self.enabled = true
        self.clause = nil
        self.summary = Localized(da: "", en: "")
        self.description = Localized(da: "", en: "")
        self.examples = []
        self.file = ""
        self.safeFix = false
        self.options = RuleOptions(NoOptions())
    }
}
