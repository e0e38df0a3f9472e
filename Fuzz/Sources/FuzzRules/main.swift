import Foundation
import FuzzSupport
import Omtale

/// The YAML loaders (rule files and .omtale.yml) on arbitrary text: errors are fine, crashes are not.
let files = RulesetLoader.bundledFiles
let names = files.keys.sorted()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = buffer(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? Configuration.parse(text, file: "fuzz.yml")
    // Replace one file of the real ruleset, chosen by the first byte.
    let name = names[Int(bytes.first ?? 0) % names.count]
    var changed = files
    changed[name] = text
    if let ruleset = try? RulesetLoader.load(files: changed, origin: .folder(URL(fileURLWithPath: "/fuzz"))), let checker = try? Checker(ruleset: ruleset) {
        _ = checker.check(text: "Klimaalliancen: KL, RN, de fem regioner og Real Dania.")
    }
    return 0
}

exit(runFuzzer(fuzzRules))
