import Foundation

/// An input format: which files it claims and how it turns their bytes into text with a way back.
///
/// Adding a format is one new type conforming to this protocol, registered in `InputRegistry.standard`.
public protocol InputPlugin: Sendable {
    /// Short identifier for `--input` ("text", "docx", "docx-text", "markdown", "html").
    var id: String { get }
    /// File name extensions it claims, lower case, without the dot.
    var extensions: [String] { get }
    var summary: Localized { get }
    /// Whether the bytes look like this format (magic bytes). Used when the extension is unknown
    /// or contradicts the content.
    func sniff(_ data: Data) -> Bool
    /// Reads the file. Throws `InputError` for anything it cannot read, never crashes.
    func read(_ data: Data, path: String) throws -> SourceText
    /// A plugin that reads a kind of plain text (text extracted from a .docx) and takes a text file
    /// away from the plain-text reader only when its `sniff` is confident.
    var refinesPlainText: Bool { get }
    /// A container format (a .docx): its size says little about its text, which the plugin bounds
    /// itself. Other formats are text, and their size is checked against `Checker.Limits.maxTextBytes`.
    var isContainer: Bool { get }
}

extension InputPlugin {
    public var refinesPlainText: Bool { false }
    public var isContainer: Bool { false }
}

/// Why a file could not be read. Reported with the file's name, exit code 2.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case notFound, unreadable, binary, undecodable, tooLarge, notZip, truncated, missingPart, encrypted, bomb, unsafeXML,
             malformed, unknownFormat, directory, notRegularFile
    }

    public var kind: Kind
    public var message: Localized

    public init(_ kind: Kind, _ message: Localized) {
        self.kind = kind
        self.message = message
    }

    public init(_ kind: Kind, da: String, en: String) {
        self.init(kind, Localized(da: da, en: en))
    }

    public var description: String { message.da }

    /// The message as a sentence of its own, ending with a full stop, as every output prints it
    /// (»… eller ret filendelsen.«). The messages are written without one, so that they can also
    /// stand inside another sentence (»den rettede fil kan ikke læses igen (…)«).
    public func sentence(_ language: Language) -> String {
        let text = message(language)
        guard let last = text.last, !".!?…".contains(last) else { return text }
        return text + "."
    }
}

/// The input plugins Omtale knows, and how one is chosen for a file.
public struct InputRegistry: Sendable {
    public var plugins: [any InputPlugin]

    public init(plugins: [any InputPlugin]) {
        self.plugins = plugins
    }

    /// Every plugin that ships with Omtale.
    public static let standard = InputRegistry(plugins: [
        PlainTextInput(), DocxInput(), DocxTextInput(), MarkdownInput(), HTMLInput(),
    ])

    public func plugin(id: String) -> (any InputPlugin)? {
        plugins.first { $0.id == id }
    }

    /// Extensions of files a directory walk picks up.
    public var knownExtensions: Set<String> {
        Set(plugins.flatMap(\.extensions))
    }

    /// Chooses the plugin for a file: content sniffing first where a format has unmistakable
    /// magic bytes (a .docx saved as .txt is still a .docx), then the extension, then plain text.
    /// Text that a refining plugin clearly recognises (a pandoc grid table, docx2txt's glue) goes to it.
    public func plugin(forPath path: String, data: Data) -> any InputPlugin {
        let ext = (path as NSString).pathExtension.lowercased()
        let byExtension = plugins.first { $0.extensions.contains(ext) }
        if let byExtension, byExtension.sniff(data) {
            if byExtension.id == PlainTextInput.identifier, let refined = plugins.first(where: { $0.refinesPlainText && $0.sniff(data) }) {
                return refined
            }
            return byExtension
        }
        if let sniffed = plugins.first(where: { $0.id != PlainTextInput.identifier && !$0.refinesPlainText && $0.sniff(data) }) {
            return sniffed
        }
        if byExtension == nil || byExtension?.id == PlainTextInput.identifier,
           let refined = plugins.first(where: { $0.refinesPlainText && $0.sniff(data) }) {
            return refined
        }
        return byExtension ?? plugins.first { $0.id == PlainTextInput.identifier } ?? plugins[0]
    }
}

/// Only regular files are opened: opening a FIFO blocks until a writer comes (forever, in a hook),
/// and a device (/dev/zero) never ends.
public enum FileKind {
    public static func requireRegularFile(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }  // the caller reports a missing or unreadable file
        if (info.st_mode & S_IFMT) != S_IFREG {
            throw InputError(.notRegularFile, da: "er ikke en almindelig fil (men en FIFO, en enhed eller en sokkel) og læses ikke",
                             en: "is not a regular file (but a FIFO, a device or a socket) and is not read")
        }
    }
}

/// Reads a stream up to one byte past a limit (so that "too large" can still be told).
public enum BoundedRead {
    public static func read(_ descriptor: Int32, limit: Int) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return data }
            data.append(contentsOf: buffer[0..<n])
            if data.count > limit { return data.prefix(limit + 1) }
        }
    }
}
