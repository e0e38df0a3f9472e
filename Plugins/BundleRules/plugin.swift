import Foundation
import PackagePlugin

/// Turns `rules/klimaalliancen/` into `BundledRules.swift` at build time, so the folder is the
/// only copy of the default rules and a copied `omtale` binary still carries them.
@main
struct BundleRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "rules/klimaalliancen")
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledRules.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) {
            while let url = walker.nextObject() as? URL {
                if ["yml", "yaml"].contains(url.pathExtension) { inputs.append(url) }
            }
        }
        return [.buildCommand(
            displayName: "Bundling rules/klimaalliancen",
            executable: try context.tool(named: "OmtaleRulesGenerator").url,
            arguments: [folder.path, output.path],
            inputFiles: inputs.sorted { $0.path < $1.path },
            outputFiles: [output])]
    }
}
