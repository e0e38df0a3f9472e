import Foundation
import Omtale

/// A draft sent to the server: its bytes and name, held in memory only, and the form's choices.
struct Upload: Sendable {
    var data: Data
    /// The file's own name (no folders), for the report and the input format: never logged.
    var filename: String
    var sender: String?
    var language: Language?
}

/// Reads an upload out of a request body: a multipart form (field `file`, or pasted `text`), or
/// the raw bytes of a file with `?filename=`.
enum UploadReader {
    /// Media types taken as a raw file body.
    static let rawTypes: [String: String] = [
        "application/octet-stream": "",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
        "application/vnd.ms-word.document.macroenabled.12": "docm",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template": "dotx",
        "text/plain": "txt",
        "text/markdown": "md",
        "text/html": "html",
    ]

    /// The name a pasted text is checked under.
    static let pastedName = "tekst.txt"

    static func read(_ body: Data, contentType: String?, query: [String: String]) throws(ServerProblem) -> Upload {
        let (type, parameters) = parse(contentType ?? "application/octet-stream")
        let queryLanguage = query["lang"].flatMap(Language.init(rawValue:))
        if type == "multipart/form-data" {
            guard let boundary = parameters["boundary"], !boundary.isEmpty else { throw .badForm }
            return try form(MultipartForm.parse(body, boundary: boundary), query: query)
        }
        guard let ext = rawTypes[type] else { throw .unsupportedMediaType(type) }
        let name = query["filename"].map(cleanName) ?? ""
        let filename = name.isEmpty ? (ext.isEmpty ? "dokument" : "dokument." + ext) : name
        return Upload(data: body, filename: filename, sender: query["sender"].flatMap(nonEmpty), language: queryLanguage)
    }

    static func form(_ parts: [MultipartForm.Part], query: [String: String]) throws(ServerProblem) -> Upload {
        func field(_ name: String) -> String? {
            parts.first { $0.name == name && $0.filename == nil }.map { String(decoding: $0.data, as: UTF8.self) }
        }
        let sender = field("sender").flatMap(nonEmpty) ?? query["sender"].flatMap(nonEmpty)
        let language = (query["lang"] ?? field("lang")).flatMap(Language.init(rawValue:))
        // A form without a chosen file still sends an empty `file` part; then the pasted text counts.
        if let file = parts.first(where: { $0.name == "file" && $0.filename != nil }), !(file.filename ?? "").isEmpty || !file.data.isEmpty {
            let name = cleanName(file.filename ?? "")
            return Upload(data: file.data, filename: name.isEmpty ? "dokument" : name, sender: sender, language: language)
        }
        if let text = parts.first(where: { $0.name == "text" }), !text.data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            // Browsers send a textarea's line breaks as CR LF.
            let normalized = String(decoding: text.data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            return Upload(data: Data(normalized.utf8), filename: pastedName, sender: sender, language: language)
        }
        throw .nothingToCheck
    }

    /// A browser may send a whole path ("C:\\Users\\…\\udkast.docx"): only the last component is kept,
    /// without control characters.
    static func cleanName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return String(last.unicodeScalars.filter { !$0.properties.generalCategory.isControl }.map(Character.init))
    }

    static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// `text/plain; charset=utf-8` → ("text/plain", ["charset": "utf-8"]).
    static func parse(_ header: String) -> (type: String, parameters: [String: String]) {
        let pieces = header.split(separator: ";")
        let type = pieces.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let key = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            parameters[key] = value
        }
        return (type, parameters)
    }
}

extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format || self == .lineSeparator || self == .paragraphSeparator }
}

/// multipart/form-data (RFC 7578), as browsers and curl -F send it. The body is in memory already
/// (bounded by the request size); parts are slices of it, nothing is copied to disk.
enum MultipartForm {
    struct Part: Sendable {
        var name: String
        var filename: String?
        var data: Data
    }

    static func parse(_ body: Data, boundary: String) throws(ServerProblem) -> [Part] {
        let delimiter = Data("--\(boundary)".utf8)
        let crlf = Data("\r\n".utf8)
        guard var cursor = body.range(of: delimiter)?.upperBound else { throw .badForm }
        var parts: [Part] = []
        let separator = Data("\r\n".utf8) + delimiter
        while true {
            // After a delimiter: "--" ends the form, otherwise CRLF and the part's headers.
            if body[cursor...].starts(with: Data("--".utf8)) { return parts }
            guard body[cursor...].starts(with: crlf) else { throw .badForm }
            cursor += 2
            guard let headerEnd = body.range(of: Data("\r\n\r\n".utf8), in: cursor..<body.endIndex) else { throw .badForm }
            let headers = String(decoding: body[cursor..<headerEnd.lowerBound], as: UTF8.self)
            guard let next = body.range(of: separator, in: headerEnd.upperBound..<body.endIndex) else { throw .badForm }
            var name: String?
            var filename: String?
            for line in headers.components(separatedBy: "\r\n") {
                guard let colon = line.firstIndex(of: ":"),
                      line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
                let (_, parameters) = UploadReader.parse(String(line[line.index(after: colon)...]))
                name = parameters["name"]
                filename = parameters["filename"]
            }
            guard let name else { throw .badForm }
            parts.append(Part(name: name, filename: filename, data: Data(body[headerEnd.upperBound..<next.lowerBound])))
            cursor = next.upperBound
            if parts.count > 16 { throw .badForm }
        }
    }
}
