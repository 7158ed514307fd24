import Foundation

/// Errors of the zoo core: models, checkpoints, registry. Each message says what to fix.
public enum DenoiserError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case badSegments(reason: String)
    case tensorDTypeMismatch(key: String, expected: String, found: String, file: String)
    case tensorShapeMismatch(key: String, expected: [Int], found: [Int], file: String)
    case missingTensors(keys: [String], file: String)
    case unexpectedTensors(keys: [String], file: String)
    /// A weight tensor holds NaN or an infinity (`count` of them, the first at element `index`).
    case nonFiniteTensor(key: String, index: Int, count: Int, file: String)

    public var description: String {
        switch self {
        case .badSegments(let reason):
            return "cannot denoise these segments: \(reason)"
        case .tensorDTypeMismatch(let key, let expected, let found, let file):
            return "\(file): tensor \(key) has dtype \(found), expected \(expected)"
        case .tensorShapeMismatch(let key, let expected, let found, let file):
            return "\(file): tensor \(key) has shape \(found), expected \(expected)"
        case .missingTensors(let keys, let file):
            return "\(file): missing tensors \(keys.joined(separator: ", "))"
        case .unexpectedTensors(let keys, let file):
            return "\(file): tensors not in this model: \(keys.joined(separator: ", "))"
        case .nonFiniteTensor(let key, let index, let count, let file):
            return "\(file): tensor \(key) holds \(count) non-finite value(s) (NaN or infinity), the first at element \(index); refusing to load it"
        }
    }

    public var errorDescription: String? { description }
}
