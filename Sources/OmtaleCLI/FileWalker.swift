import Foundation
import Omtale

/// Expands command-line paths into the files to check, in a stable order.
struct FileWalker {
    enum Target: Equatable {
        case standardInput
        case file(String)
        case problem(String, InputError)
        /// A file in a folder whose format Omtale cannot read: listed, not checked (`SkippedFile`).
        case skipped(String)
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
                    ? InputError(.notFound, da: "symbolsk link til en fil, der ikke findes. Ret linket, eller angiv filen selv", en: "symbolic link to a file that does not exist. Fix the link, or give the file itself")
                    : InputError(.notFound, da: "filen findes ikke. Tjek navnet og stien", en: "no such file. Check the name and the path")))
                continue
            }
            guard isDirectory.boolValue else { targets.append(.file(path)); continue }
            targets.append(contentsOf: walk(path))
        }
        return targets
    }

    /// Files under a directory, sorted: those with a known extension to check, the others to list
    /// as skipped. Hidden files and folders are left out.
    func walk(_ directory: String) -> [Target] {
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey], options: [.skipsHiddenFiles]) else {
            return [.problem(directory, InputError(.unreadable, da: "mappen kan ikke læses", en: "the folder cannot be read"))]
        }
        var files: [(path: String, known: Bool)] = []
        while let url = enumerator.nextObject() as? URL {
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey])
            if values?.isDirectory == true { continue }
            // Keep the path as the user typed its folder, so output is relative like their input.
            let relative = String(url.path.dropFirst(root.path.count))
            let path = (directory as NSString).appendingPathComponent(relative.trimmingCharacters(in: CharacterSet(charactersIn: "/")))
            files.append((path, extensions.contains(url.pathExtension.lowercased())))
        }
        return files.sorted { $0.path < $1.path }.map { $0.known ? .file($0.path) : .skipped($0.path) }
    }
}
