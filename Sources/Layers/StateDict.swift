import Tensors

/// Why a state dict could not be loaded into a layer. Each case names the key.
public enum StateDictError: Error, Equatable, CustomStringConvertible {
    case missing(keys: [String])
    case unexpected(keys: [String])
    case shapeMismatch(key: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .missing(let keys):
            return "missing tensors: \(keys.joined(separator: ", "))"
        case .unexpected(let keys):
            return "unexpected tensors (not in this model): \(keys.joined(separator: ", "))"
        case .shapeMismatch(let key, let expected, let found):
            return "shape mismatch for \(key): expected \(expected), found \(found)"
        }
    }
}

extension Layer {
    /// Every parameter and buffer by PyTorch key.
    public var stateDict: [String: Tensor] {
        var state: [String: Tensor] = [:]
        for (key, parameter) in namedParameters { state[key] = parameter.value }
        for (key, buffer) in namedBuffers { state[key] = buffer.value }
        return state
    }

    /// The storage type of every state entry (`int64` for counters), by key.
    public var stateStorageTypes: [String: Buffer.StorageType] {
        var types: [String: Buffer.StorageType] = [:]
        for (key, _) in namedParameters { types[key] = .float32 }
        for (key, buffer) in namedBuffers { types[key] = buffer.storageType }
        return types
    }

    /// Loads parameters and buffers by key. Strict: every key of the model must be present
    /// with the right shape, and no other key may appear (except `ignoring` ones).
    /// Nothing is changed unless everything matches.
    public func loadStateDict(_ state: [String: Tensor], ignoring ignored: Set<String> = []) throws {
        let parameters = namedParameters, buffers = namedBuffers
        let expected = Set(parameters.map(\.0) + buffers.map(\.0))
        let missing = expected.subtracting(state.keys).subtracting(ignored).sorted()
        if !missing.isEmpty { throw StateDictError.missing(keys: missing) }
        let unexpected = Set(state.keys).subtracting(expected).subtracting(ignored).sorted()
        if !unexpected.isEmpty { throw StateDictError.unexpected(keys: unexpected) }
        for (key, parameter) in parameters {
            if let value = state[key], value.shape != parameter.shape {
                throw StateDictError.shapeMismatch(key: key, expected: parameter.shape, found: value.shape)
            }
        }
        for (key, buffer) in buffers {
            if let value = state[key], value.shape != buffer.value.shape {
                throw StateDictError.shapeMismatch(key: key, expected: buffer.value.shape, found: value.shape)
            }
        }
        for (key, parameter) in parameters { if let value = state[key] { parameter.value = value } }
        for (key, buffer) in buffers { if let value = state[key] { buffer.value = value.detached } }
    }
}
