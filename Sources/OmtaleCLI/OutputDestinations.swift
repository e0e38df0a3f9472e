import ArgumentParser
import Foundation

extension CheckCommand {
    /// Where one format goes: a file, or standard output when `path` is nil.
    struct Destination: Equatable {
        var format: Format
        var path: String?
    }

    /// The `--format`/`--output` pairs in command-line order: each `--output` belongs to the
    /// `--format` before it; a format without one goes to standard output. No `--format`: human.
    func destinations() throws -> [Destination] {
        let formats = try format.map { name in
            guard let known = Format(rawValue: name.value.text) else {
                let known = Format.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError(da: "Ukendt outputformat »\(name.value.text)«. Kendte: \(known).",
                                      en: "Unknown output format '\(name.value.text)'. Known: \(known).")
            }
            return Ordered(known, position: name.position)
        }
        return try Self.destinations(formats: formats, outputs: output)
    }

    static func destinations(formats: [Ordered<Format>], outputs: [Ordered<String>]) throws -> [Destination] {
        enum Item { case format(Format), output(String) }
        let items = (formats.map { ($0.position, Item.format($0.value)) } + outputs.map { ($0.position, Item.output($0.value)) })
            .sorted { $0.0 < $1.0 }.map(\.1)
        var destinations: [Destination] = []
        for item in items {
            switch item {
            case .format(let format):
                destinations.append(Destination(format: format, path: nil))
            case .output(let path):
                guard var last = destinations.popLast() else {
                    throw ValidationError(da: "--output »\(path)« skal stå efter det --format, den hører til, fx: --format json --output rapport.json",
                                          en: "--output '\(path)' must come after the --format it belongs to, e.g.: --format json --output report.json")
                }
                if let earlier = last.path {
                    throw ValidationError(da: "--format \(last.format.rawValue) har allerede --output »\(earlier)«. Skriv et nyt --format før --output »\(path)«.",
                                          en: "--format \(last.format.rawValue) already has --output '\(earlier)'. Write a new --format before --output '\(path)'.")
                }
                if path.isEmpty { throw ValidationError(da: "--output skal have et filnavn.", en: "--output needs a file name.") }
                last.path = path == "-" ? nil : path
                destinations.append(last)
            }
        }
        if destinations.isEmpty { destinations = [Destination(format: .human, path: nil)] }
        let onStandardOutput = destinations.filter { $0.path == nil }.map(\.format.rawValue)
        if onStandardOutput.count > 1 {
            throw ValidationError(da: "Kun ét format kan skrives til standard output, men \(onStandardOutput.joined(separator: " og ")) skal alle derhen. "
                                      + "Giv de andre et --output <fil>.",
                                  en: "Only one format can be written to standard output, but \(onStandardOutput.joined(separator: " and ")) would all go there. "
                                      + "Give the others an --output <file>.")
        }
        let files = destinations.compactMap(\.path)
        if let twice = files.first(where: { path in files.filter { $0 == path }.count > 1 }) {
            throw ValidationError(da: "Filen »\(twice)« er angivet som --output for mere end ét format.",
                                  en: "The file '\(twice)' is given as --output for more than one format.")
        }
        return destinations
    }
}

/// An option value stamped with its place on the command line.
///
/// ArgumentParser keeps each repeated option in its own array, which loses how `--format` and
/// `--output` interleave. It does build values strictly left to right, as it walks the arguments,
/// so a counter read when each value is made records that order; `CheckCommand.destinations`
/// sorts by it to pair each `--output` with the `--format` before it.
struct Ordered<Value: ExpressibleByArgument>: ExpressibleByArgument {
    var value: Value
    var position: Int

    init(_ value: Value, position: Int) {
        self.value = value
        self.position = position
    }

    init?(argument: String) {
        guard let value = Value(argument: argument) else { return nil }
        self.init(value, position: ArgumentOrder.next())
    }

    static var allValueStrings: [String] { Value.allValueStrings }
    static var defaultCompletionKind: CompletionKind { Value.defaultCompletionKind }
}

/// The counter behind `Ordered`: increasing for the life of the process, so values made by one
/// parse keep their relative order even if the command line is parsed more than once.
enum ArgumentOrder {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var counter = 0

    static func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return counter
    }
}
