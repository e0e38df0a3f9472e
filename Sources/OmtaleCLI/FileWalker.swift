import Foundation
import Omtale

/// Expands command-line paths into the files to check, in a stable order.
struct FileWalker {
    enum Target: Equatable {
        case standardInput
        case file(String)
        case problem(String, InputError)
    }

    var extensions: Set<String>

    func expand(_ paths: [String]) -> [Target] {
        var targets: [Target] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" { targets.append(.standardInput); continue }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                let broken = (try? manager.destinationOfSymbolicLink(atPath: path)) != nil
                targets.append(.problem(path, broken
                    ? InputError(.notFound, da: "symbolsk link til en fil, der ikke findes", en: "symbolic link to a file that does not exist")
                    : InputError(.notFound, da: "filen findes ikke", en: "no such file")))
                continue
            }
            guard isDirectory.boolValue else { targets.append(.file(path)); continue }
            targets.append(contentsOf: walk(path))
        }
        return targets
    }

    /// Files under a directory with a known extension, hidden files and folders skipped, sorted.
    func walk(_ directory: String) -> [Target] {
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey], options: [.skipsHiddenFiles]) else {
            return [.problem(directory, InputError(.unreadable, da: "mappen kan ikke læses", en: "the folder cannot be read"))]
        }
        var files: [String] = []
        while let url = enumerator.nextObject() as? URL {
            guard extensions.contains(url.pathExtension.lowercased()) else { continue }
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey])
            if values?.isDirectory == true { continue }
            // Keep the path as the user typed its folder, so output is relative like their input.
            let relative = String(url.path.dropFirst(root.path.count))
            files.append((directory as NSString).appendingPathComponent(relative.trimmingCharacters(in: CharacterSet(charactersIn: "/"))))
        }
        return files.sorted().map { .file($0) }
    }
}
