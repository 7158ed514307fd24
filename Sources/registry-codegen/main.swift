import Foundation
import RegistryCodegenCore

// registry-codegen <Registry.json> <output.swift> <known target>…
// Run by the RegistryCodegenPlugin build-tool plugin; exits non-zero naming the bad entry.
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: registry-codegen <Registry.json> <output.swift> <target>...\n".utf8))
    exit(2)
}
let input = URL(fileURLWithPath: arguments[arguments.startIndex])
let output = URL(fileURLWithPath: arguments[arguments.startIndex + 1])
let targets = Set(arguments.dropFirst(2))
do {
    let source = try RegistryCodegen.generate(registryJSON: try Data(contentsOf: input), knownTargets: targets)
    try Data(source.utf8).write(to: output, options: .atomic)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
