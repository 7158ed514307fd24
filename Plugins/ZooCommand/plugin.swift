import Foundation
import PackagePlugin

/// `swift package zoo verify` — checks every checkpoint under `Models/` against
/// `Registry.json` (exists, sha256, size) — and `swift package zoo pack MODEL CHECKPOINT.zip
/// [--name NAME]`, which copies an archive into `Models/<id>/<id>-<name>.zip` and prints the
/// registry entry (sha256, size) to paste into `Registry.json`.
///
/// Only Foundation is used, so the plugin needs none of the package's modules; loading
/// and checking the tensors themselves is `dancer verify`.
@main
struct ZooCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let root = context.package.directoryURL
        guard let verb = arguments.first else { throw ZooCommandError.usage }
        switch verb {
        case "verify":
            try verify(root: root)
        case "pack":
            try pack(root: root, arguments: Array(arguments.dropFirst()))
        default:
            throw ZooCommandError.usage
        }
    }

    private func verify(root: URL) throws {
        let registry = try RegistryFile(root: root)
        var failures: [String] = []
        var count = 0
        for model in registry.models {
            for checkpoint in model.checkpoints {
                count += 1
                let url = root.appending(path: checkpoint.file)
                guard let data = FileManager.default.contents(atPath: url.path()) else {
                    failures.append("\(model.id)/\(checkpoint.name): \(checkpoint.file) is missing")
                    continue
                }
                if data.count != checkpoint.size {
                    failures.append("\(model.id)/\(checkpoint.name): size \(data.count), registry says \(checkpoint.size)")
                }
                let digest = try Digest.sha256(of: url)
                if digest != checkpoint.sha256 {
                    failures.append("\(model.id)/\(checkpoint.name): sha256 \(digest), registry says \(checkpoint.sha256)")
                }
            }
        }
        if failures.isEmpty {
            print("verified \(count) checkpoint(s) against Registry.json")
        } else {
            throw ZooCommandError.verification(failures)
        }
    }

    private func pack(root: URL, arguments: [String]) throws {
        guard arguments.count >= 2 else { throw ZooCommandError.usage }
        let (model, source) = (arguments[0], URL(fileURLWithPath: arguments[1]))
        let name = arguments.firstIndex(of: "--name").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil } ?? "emb"
        let registry = try RegistryFile(root: root)
        guard registry.models.contains(where: { $0.id == model }) else {
            throw ZooCommandError.unknownModel(model, registry.models.map(\.id))
        }
        let relative = "Models/\(model)/\(model)-\(name).zip"
        let target = root.appending(path: relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = try Data(contentsOf: source)
        try data.write(to: target, options: .atomic)
        let digest = try Digest.sha256(of: target)
        print("""
        packed \(source.path()) → \(relative)
        add to the "checkpoints" of "\(model)" in Registry.json:
          {"name": "\(name)", "file": "\(relative)", "sha256": "\(digest)", "size": \(data.count)}
        """)
    }
}

enum ZooCommandError: Error, CustomStringConvertible {
    case usage
    case verification([String])
    case unknownModel(String, [String])
    case badRegistry(String)

    var description: String {
        switch self {
        case .usage: return "usage: swift package zoo verify | swift package zoo pack MODEL CHECKPOINT.zip [--name NAME]"
        case .verification(let failures): return "checkpoint verification failed:\n" + failures.joined(separator: "\n")
        case .unknownModel(let id, let known): return "unknown model '\(id)'; registered: \(known.joined(separator: ", "))"
        case .badRegistry(let reason): return "Registry.json: \(reason)"
        }
    }
}

/// The parts of Registry.json the plugin needs.
struct RegistryFile: Decodable {
    struct Model: Decodable { let id: String; let checkpoints: [Checkpoint] }
    struct Checkpoint: Decodable { let name: String; let file: String; let sha256: String; let size: Int }
    let models: [Model]

    init(root: URL) throws {
        let url = root.appending(path: "Registry.json")
        do {
            self = try JSONDecoder().decode(RegistryFile.self, from: Data(contentsOf: url))
        } catch {
            throw ZooCommandError.badRegistry("\(error)")
        }
    }
}

/// SHA-256 through the system's `sha256sum` (coreutils), so the plugin stays dependency-free.
enum Digest {
    static func sha256(of url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", url.path()]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0, let digest = output.split(separator: " ").first else {
            throw ZooCommandError.badRegistry("sha256sum failed for \(url.path())")
        }
        return String(digest)
    }
}
