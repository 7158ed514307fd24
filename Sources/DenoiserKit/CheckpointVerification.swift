import ECG
import Foundation

/// The outcome of checking one registered checkpoint (`dancer verify`).
public struct CheckpointVerification: Codable, Equatable, Sendable {
    /// The model id and checkpoint name, e.g. `dancer` / `emb`.
    public var model: String, checkpoint: String
    /// The archive path relative to the repository root.
    public var file: String
    /// What is wrong, or `nil` when the archive is intact and loads.
    public var problem: String?
    /// Whether the checkpoint passed every check.
    public var isValid: Bool { problem == nil }
}

extension ModelZoo {
    /// Checks every registered checkpoint: the file exists, has the registered size and sha256,
    /// reads as a checkpoint of its model, and its tensors fit the model by name, shape and dtype.
    ///
    /// ```swift
    /// let failures = ModelZoo.shared.verifyCheckpoints().filter { !$0.isValid }
    /// ```
    public func verifyCheckpoints() -> [CheckpointVerification] {
        if let registryProblem {
            return [CheckpointVerification(model: "-", checkpoint: "-", file: "Registry.json", problem: registryProblem.description)]
        }
        return registry.models.flatMap { entry in entry.checkpoints.map { verify(entry, $0) } }
    }

    /// Checks one registered checkpoint of `entry` (see ``verifyCheckpoints()``).
    public func verify(_ entry: Registry.Entry, _ checkpoint: Registry.CheckpointEntry) -> CheckpointVerification {
        var result = CheckpointVerification(model: entry.id, checkpoint: checkpoint.name, file: checkpoint.file)
        do {
            let url = try resolveRepositoryRoot().appendingPathComponent(checkpoint.file)
            guard FileManager.default.fileExists(atPath: url.path) else { throw ZooError.checkpointMissing(path: url.path) }
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
            guard size == checkpoint.size else {
                throw ZooError.invalidRegistry(file: url.path, reason: "size is \(size) bytes, the registry says \(checkpoint.size)")
            }
            let archive = try Checkpoint.read(from: url, expectedSHA256: checkpoint.sha256)
            _ = try denoiser(entry, from: archive, path: url.path)
        } catch {
            result.problem = String(describing: error)
        }
        return result
    }
}
