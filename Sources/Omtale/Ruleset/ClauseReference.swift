import Foundation

/// A reference to a clause of the agreement. The rules write it in Danish ("pkt. 9.1", "pkt. 1 og 9.1");
/// every message, report and help text shows it through here, so Danish output says "pkt. 9.1" and
/// English output "section 9.1" ("sections 1 and 9.1"). A reference in any other form ("§ 4") is
/// shown as written in both languages.
public enum ClauseReference {
    public static func localized(_ clause: String) -> Localized {
        Localized(da: clause, en: english(clause))
    }

    public static func text(_ clause: String, _ language: Language) -> String {
        localized(clause)(language)
    }

    /// Several rules' clauses as one reference, each clause once: ["pkt. 1", "pkt. 1 og 9.1"] → "pkt. 1 og 9.1".
    /// Clauses in another form are listed as written.
    public static func merged(_ clauses: [String]) -> String {
        var numbers: [String] = [], others: [String] = []
        for clause in clauses {
            if let parsed = Self.numbers(clause) {
                for number in parsed where !numbers.contains(number) { numbers.append(number) }
            } else if !others.contains(clause) {
                others.append(clause)
            }
        }
        let pkt = numbers.isEmpty ? [] : ["pkt. " + ListFormatter.danish(numbers)]
        return (pkt + others).joined(separator: ", ")
    }

    /// "pkt. 1 og 9.1" → ["1", "9.1"]; nil for a reference in another form.
    static func numbers(_ clause: String) -> [String]? {
        let trimmed = clause.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("pkt.") else { return nil }
        let body = trimmed.dropFirst(4).trimmingCharacters(in: .whitespaces)
        let numbers = body.replacingOccurrences(of: " og ", with: ", ")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !numbers.isEmpty, numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isNumber || $0 == "." } }) else {
            return nil
        }
        return numbers
    }

    static func english(_ clause: String) -> String {
        guard let numbers = numbers(clause) else { return clause }
        return (numbers.count == 1 ? "section " : "sections ") + ListFormatter.english(numbers)
    }
}
