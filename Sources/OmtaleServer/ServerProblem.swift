import Foundation
import Omtale

/// Why a request gets no report: its HTTP status and the message, in Danish and English.
/// A file the library cannot read carries the library's own message, as `omtale check` prints it.
enum ServerProblem: Error, Sendable {
    case tooLarge(limit: Int)
    case unsupportedMediaType(String)
    case badForm
    case nothingToCheck
    case bodyTimeout
    case busy
    case checkTimeout
    /// The library could not read the file (`omtale check` exits 2 with the same message).
    case unreadable(filename: String, InputError)
    /// Checked, but the fixer cannot write this format or the fixed file did not read back.
    case notFixable(filename: String, InputError)

    var status: Int {
        switch self {
        case .tooLarge: 413
        case .unsupportedMediaType: 415
        case .badForm, .nothingToCheck: 400
        case .bodyTimeout: 408
        case .busy, .checkTimeout: 503
        case .unreadable(_, let error): error.kind == .tooLarge ? 413 : 422
        case .notFixable: 422
        }
    }

    /// Sent with every 503.
    var retryAfter: Bool { status == 503 }

    /// The library's error kind, for clients that branch on it.
    var kind: String {
        switch self {
        case .tooLarge: "tooLarge"
        case .unsupportedMediaType: "unsupportedMediaType"
        case .badForm: "badForm"
        case .nothingToCheck: "nothingToCheck"
        case .bodyTimeout: "bodyTimeout"
        case .busy: "busy"
        case .checkTimeout: "checkTimeout"
        case .unreadable(_, let error), .notFixable(_, let error): error.kind.rawValue
        }
    }

    var message: Localized {
        switch self {
        case .tooLarge(let limit):
            let mb = limit / (1024 * 1024)
            let size = mb > 0 ? Localized(verbatim: "\(mb) MB") : Localized(da: "\(limit) bytes", en: "\(limit) bytes")
            return Localized(da: "filen er for stor; Omtale læser højst ", en: "the file is too large; Omtale reads at most ") + size
        case .unsupportedMediaType(let type):
            return Localized(
                da: "indholdstypen \(type) kan ikke tjekkes; send en formular (multipart/form-data, fx curl -F file=@udkast.docx) "
                    + "eller filens bytes med Content-Type application/octet-stream, text/plain eller Word-typen og ?filename=",
                en: "the content type \(type) cannot be checked; send a form (multipart/form-data, e.g. curl -F file=@draft.docx) "
                    + "or the file's bytes with Content-Type application/octet-stream, text/plain or the Word type and ?filename=")
        case .badForm:
            return Localized(da: "formularen kan ikke læses (multipart/form-data uden gyldig boundary eller dele)",
                             en: "the form cannot be read (multipart/form-data without a valid boundary or parts)")
        case .nothingToCheck:
            return Localized(da: "vælg en fil eller indsæt en tekst", en: "choose a file or paste a text")
        case .bodyTimeout:
            return Localized(da: "filen kom ikke frem i tide; prøv igen", en: "the file did not arrive in time; try again")
        case .busy:
            return Localized(da: "Omtale er optaget af andre tjek lige nu – prøv igen om lidt",
                             en: "Omtale is busy with other checks right now – try again in a moment")
        case .checkTimeout:
            return Localized(da: "tjekket tog for lang tid – prøv igen om lidt", en: "the check took too long – try again in a moment")
        case .unreadable(let filename, let error), .notFixable(let filename, let error):
            return Localized(da: "\(filename): " + error.sentence(.da), en: "\(filename): " + error.sentence(.en))
        }
    }
}
