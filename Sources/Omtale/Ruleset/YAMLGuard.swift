import Foundation
import CYaml

/// Checks run on a rules or configuration file before Yams composes it: the file comes from a
/// repository someone cloned, and composing is where it could hang. A 510-byte file whose mapping
/// key is a chain of aliases makes Yams hash about 10⁹ nodes while looking for duplicate keys.
/// Omtale's files never need anchors or aliases, nor a key that is not a scalar, so both are
/// refused on libyaml's event stream (linear in the text), and the file's size is capped.
enum YAMLGuard {
    /// Largest configuration or rules file, in bytes (the bundled rules file is about 30 KB).
    static let maxBytes = 1024 * 1024

    static func check(_ yaml: String, file: String) throws {
        if yaml.utf8.count > maxBytes {
            throw RulesError(file: file, message: Localized(
                da: "filen fylder \(yaml.utf8.count / 1024) KB; Omtale læser regel- og indstillingsfiler op til \(maxBytes / 1024) KB",
                en: "the file is \(yaml.utf8.count / 1024) KB; Omtale reads rules and settings files up to \(maxBytes / 1024) KB"))
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(yaml.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            // For each open collection: is it a mapping, and is the next node in it a key?
            var expectingKey: [Bool?] = []
            while true {
                var event = yaml_event_t()
                // A syntax error is left to Yams, which reports it with its place.
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
                func refuse(_ da: String, _ en: String) -> RulesError {
                    RulesError(file: file, line: line, column: column, message: Localized(da: da, en: en))
                }
                let isNode = [YAML_SCALAR_EVENT, YAML_ALIAS_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT].contains(event.type)
                if event.type == YAML_ALIAS_EVENT || (event.type == YAML_SCALAR_EVENT && event.data.scalar.anchor != nil)
                    || (event.type == YAML_SEQUENCE_START_EVENT && event.data.sequence_start.anchor != nil)
                    || (event.type == YAML_MAPPING_START_EVENT && event.data.mapping_start.anchor != nil) {
                    throw refuse("YAML-ankre og -aliasser (&navn, *navn) bruges ikke i Omtales filer og afvises",
                                 "YAML anchors and aliases (&name, *name) are not used in Omtale's files and are refused")
                }
                if isNode, let key = expectingKey.last, key == true, event.type != YAML_SCALAR_EVENT {
                    throw refuse("en nøgle skal være en enkelt værdi (tekst), ikke en liste eller en tabel",
                                 "a key must be a single value (text), not a list or a mapping")
                }
                if isNode, let key = expectingKey.last, let isKey = key { expectingKey[expectingKey.count - 1] = !isKey }
                switch event.type {
                case YAML_MAPPING_START_EVENT: expectingKey.append(true)
                case YAML_SEQUENCE_START_EVENT: expectingKey.append(nil)
                case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT: _ = expectingKey.popLast()
                case YAML_STREAM_END_EVENT: return
                default: break
                }
            }
        }
    }
}
