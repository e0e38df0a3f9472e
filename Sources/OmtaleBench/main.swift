import CICUShim
import Foundation
import Omtale

// omtale-bench: baselines for bench/run.sh, measured in the same run as Omtale itself.
//
//   omtale-bench icu-floor FILE...      the floor for any ICU-based linter, in plain C (CICUShim's
//                                       omtale_icu_floor): fread, u_strFromUTF8, the da_DK word and
//                                       sentence break iterators, nothing else.
//   omtale-bench icu-floor-swift FILE... the same through Foundation and String (the old floor,
//                                       about 5 × slower than the C loop; kept for comparison).
//   omtale-bench read [--input ID] FILE...   read each file with Omtale's input plugin only (no rules).
//
//   omtale-bench commercial [--features] [--rules DIR] FILE...
//                                       the commercial-evidence model's judgement of every paragraph,
//                                       without the link to the alliance, as JSON on stdout:
//                                       {path: [{"offset": <code point>, …}]} for the paragraphs it calls
//                                       commercial; with --features every paragraph, with its end,
//                                       probability and features (for scripts/commercial/fit.py).
//
// The others print one line: files, bytes and a checksum (so the work cannot be optimized away).

func usage() -> Never {
    FileHandle.standardError.write(Data("usage: omtale-bench icu-floor FILE... | icu-floor-swift FILE... | read [--input ID] FILE... | commercial [--features] [--rules DIR] FILE...\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first else { usage() }
arguments.removeFirst()
var inputID: String?
if mode == "read", arguments.first == "--input", arguments.count >= 2 {
    inputID = arguments[1]
    arguments.removeFirst(2)
}

var files = 0
var bytes = 0
var checksum = 0

if mode == "commercial" {
    runCommercial(arguments)
    exit(0)
}

switch mode {
case "icu-floor":
    var cPaths = arguments.map { strdup($0) }
    defer { cPaths.forEach { free($0) } }
    var total: Int64 = 0, sum: Int64 = 0
    let read = cPaths.withUnsafeMutableBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
            omtale_icu_floor($0, Int32(buffer.count), &total, &sum)
        }
    }
    guard read >= 0 else {
        FileHandle.standardError.write(Data("ICU break iterators could not be opened\n".utf8))
        exit(2)
    }
    files = Int(read)
    bytes = Int(total)
    checksum = Int(sum)
case "icu-floor-swift":
    var status: Int32 = 0
    guard let words = omtale_breaker_open(OMTALE_BREAK_WORD, "da_DK", &status),
          let sentences = omtale_breaker_open(OMTALE_BREAK_SENTENCE, "da_DK", &status) else {
        FileHandle.standardError.write(Data("ICU break iterators could not be opened\n".utf8))
        exit(2)
    }
    for path in arguments {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        let units = Array(String(decoding: data, as: UTF8.self).utf16)
        units.withUnsafeBufferPointer { buffer in
            for breaker in [words, sentences] {
                _ = omtale_breaker_set_text(breaker, buffer.baseAddress, Int32(buffer.count))
                while case let boundary = omtale_breaker_next(breaker), boundary >= 0 {
                    checksum &+= Int(boundary) &+ Int(omtale_breaker_rule_status(breaker))
                }
            }
        }
        files += 1
        bytes += data.count
    }
    omtale_breaker_close(words)
    omtale_breaker_close(sentences)
case "read":
    let registry = InputRegistry.standard
    for path in arguments {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        let plugin = inputID.flatMap(registry.plugin(id:)) ?? registry.plugin(forPath: path, data: data)
        if let source = try? plugin.read(data, path: path) {
            checksum &+= source.text.utf8.count
        }
        files += 1
        bytes += data.count
    }
default:
    usage()
}
print("\(mode): \(files) files, \(bytes) bytes, checksum \(checksum)")

func runCommercial(_ arguments: [String]) -> Never {
    var arguments = arguments
    var withFeatures = false
    var ruleset = RulesetLoader.bundled()
    while let first = arguments.first, first.hasPrefix("--") {
        arguments.removeFirst()
        switch first {
        case "--features": withFeatures = true
        case "--rules":
            guard let directory = arguments.first else { usage() }
            arguments.removeFirst()
            do {
                ruleset = try RulesetLoader.load(directory: URL(fileURLWithPath: directory))
            } catch {
                FileHandle.standardError.write(Data("\(directory): \(error)\n".utf8))
                exit(2)
            }
        default: usage()
        }
    }
    if let reason = CommercialModel.lexiconUnavailableReason {
        FileHandle.standardError.write(Data("omtale-bench: Danish lexicon not in use: \(reason)\n".utf8))
    }
    let registry = InputRegistry.standard
    let tokenizer = Tokenizer()
    var result: [String: Any] = [:]
    for path in arguments {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("\(path): cannot be read\n".utf8))
            exit(2)
        }
        let plugin = registry.plugin(forPath: path, data: data)
        do {
            let source = try plugin.read(data, path: path)
            let document = Document(path: path, inputID: plugin.id, source: source, tokenizer: tokenizer)
            let paragraphs = try CommercialModel.paragraphs(in: document, ruleset: ruleset, withWords: withFeatures)
            result[path] = paragraphs.filter { withFeatures || $0.commercial }.map { paragraph -> [String: Any] in
                guard withFeatures else { return ["offset": paragraph.start] }
                return ["offset": paragraph.start, "end": paragraph.end, "probability": paragraph.probability,
                        "commercial": paragraph.commercial, "features": paragraph.features, "words": paragraph.words]
            }
        } catch {
            FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
            exit(2)
        }
    }
    let json = try! JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    FileHandle.standardOutput.write(json)
    FileHandle.standardOutput.write(Data("\n".utf8))
    exit(0)
}
