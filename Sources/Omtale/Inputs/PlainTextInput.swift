import Foundation

/// Plain text in any of the encodings `TextDecoding` detects. The text is its own source.
public struct PlainTextInput: InputPlugin {
    public static let identifier = "text"
    public var id: String { Self.identifier }
    public var extensions: [String] { ["txt", "text"] }
    public var summary: Localized {
        Localized(da: "Ren tekst (UTF-8, UTF-16 med BOM, Windows-1252/ISO-8859-1; LF, CRLF eller CR)",
                  en: "Plain text (UTF-8, UTF-16 with BOM, Windows-1252/ISO-8859-1; LF, CRLF or CR)")
    }

    public init() {}

    public func sniff(_ data: Data) -> Bool {
        (try? TextDecoding.decode(data.prefix(8192))) != nil
    }

    public func read(_ data: Data, path: String) throws -> SourceText {
        let (text, _) = try TextDecoding.decode(data)
        return SourceText(text: text)
    }
}
