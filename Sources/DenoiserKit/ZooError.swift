import Foundation

/// Errors of the zoo: unknown models, bad registries and checkpoints. Each message says
/// which file or name is wrong and what was expected.
public enum ZooError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case unknownModel(id: String, available: [String], suggestion: String?)
    case unknownCheckpoint(model: String, name: String, available: [String])
    case invalidRegistry(file: String, reason: String)
    case invalidConfiguration(model: String, reason: String)
    case checkpointMissing(path: String)
    case checksumMismatch(path: String, expected: String, found: String)
    case notACheckpoint(path: String, reason: String)
    case checkpointOfAnotherModel(path: String, expected: String, found: String)
    case newerCheckpointFormat(path: String, version: Int, supported: Int)
    case noCheckpoint(model: String)
    case modelsDirectoryNotFound(searched: [String])

    public var description: String {
        switch self {
        case .unknownModel(let id, let available, let suggestion):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            return "unknown model '\(id)'.\(hint) Available: \(available.joined(separator: ", "))"
        case .unknownCheckpoint(let model, let name, let available):
            let list = available.isEmpty ? "none is registered" : "registered: \(available.joined(separator: ", "))"
            return "model '\(model)' has no checkpoint '\(name)' (\(list)); pass a path to a .zip to use your own"
        case .invalidRegistry(let file, let reason):
            return "\(file): \(reason)"
        case .invalidConfiguration(let model, let reason):
            return "configuration of '\(model)' is invalid: \(reason)"
        case .checkpointMissing(let path):
            return "checkpoint \(path) does not exist"
        case .checksumMismatch(let path, let expected, let found):
            return "checkpoint \(path) has sha256 \(found), but the registry expects \(expected): the file is corrupt or not the registered one (refused; to load it anyway pass --allow-checksum-mismatch, or ChecksumPolicy.skip in code)"
        case .notACheckpoint(let path, let reason):
            return "\(path) is not a DANCER Zoo checkpoint: \(reason)"
        case .checkpointOfAnotherModel(let path, let expected, let found):
            return "checkpoint \(path) holds weights of '\(found)', not of '\(expected)'"
        case .newerCheckpointFormat(let path, let version, let supported):
            return "checkpoint \(path) has format version \(version); this DANCER Zoo reads up to \(supported) — update it"
        case .noCheckpoint(let model):
            return "model '\(model)' has no registered checkpoint; train one with `dancer train` or pass --checkpoint PATH.zip"
        case .modelsDirectoryNotFound(let searched):
            return "cannot find the Models/ directory with the shipped checkpoints (looked in: \(searched.joined(separator: ", "))); set DANCER_MODELS_DIR or pass --models-dir"
        }
    }

    public var errorDescription: String? { description }
}
