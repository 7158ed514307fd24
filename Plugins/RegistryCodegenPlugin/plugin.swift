import Foundation
import PackagePlugin

/// Generates the zoo's model registrations from the package's `Registry.json` before the
/// `Zoo` target compiles, by running the `registry-codegen` tool. The tool receives the
/// names of the targets `Zoo` depends on, so a registry entry whose target is not wired
/// into Package.swift fails the build with a message naming it.
@main
struct RegistryCodegenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let registry = context.package.directoryURL.appending(path: "Registry.json")
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedRegistrations.swift")
        let known = target.dependencies.compactMap { dependency -> String? in
            if case .target(let dependencyTarget) = dependency { return dependencyTarget.name }
            return nil
        }
        let tool = try context.tool(named: "registry-codegen")
        return [
            .buildCommand(
                displayName: "Generating zoo registrations from Registry.json",
                executable: tool.url,
                arguments: [registry.path(), output.path()] + known,
                inputFiles: [registry, tool.url],
                outputFiles: [output])
        ]
    }
}
