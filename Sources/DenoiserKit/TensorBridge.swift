import Foundation
import Layers
import SafeTensors
import Tensors

extension Tensor {
    /// A tensor from a safetensors entry (any float or integer dtype, converted to Float32).
    public init(_ entry: SafeTensor) throws {
        self.init(shape: entry.shape, scalars: try entry.floats())
    }

    /// A safetensors entry: `F32`, or `I64` when `storageType` says so.
    public func safeTensor(as storageType: Buffer.StorageType = .float32) -> SafeTensor {
        switch storageType {
        case .float32: return SafeTensor(floats: scalars, shape: shape)
        case .int64: return SafeTensor(int64s: scalars.map { Int64($0) }, shape: shape)
        }
    }
}

extension Layer {
    /// The state dict as a safetensors file (PyTorch names; counters as `I64`).
    public func safeTensorsFile(metadata: [String: String] = [:]) -> SafeTensorsFile {
        let types = stateStorageTypes
        var tensors: [String: SafeTensor] = [:]
        for (key, value) in stateDict { tensors[key] = value.safeTensor(as: types[key] ?? .float32) }
        return SafeTensorsFile(tensors: tensors, metadata: metadata)
    }

    /// Loads weights from a safetensors file, strictly: every tensor of the model must be
    /// there with its shape and dtype (`F32`; `I64` for counters), finite (no NaN or
    /// infinity), and nothing else. Nothing is changed unless everything passes.
    /// `source` names the file in errors.
    public func load(_ file: SafeTensorsFile, source: String) throws {
        let types = stateStorageTypes
        let expected = Set(types.keys)
        let missing = expected.subtracting(file.tensors.keys).sorted()
        if !missing.isEmpty { throw DenoiserError.missingTensors(keys: missing, file: source) }
        let unexpected = Set(file.tensors.keys).subtracting(expected).sorted()
        if !unexpected.isEmpty { throw DenoiserError.unexpectedTensors(keys: unexpected, file: source) }
        let current = stateDict
        var state: [String: Tensor] = [:]
        for (key, entry) in file.tensors {
            let wanted: DType = types[key] == .int64 ? .i64 : .f32
            guard entry.dtype == wanted else {
                throw DenoiserError.tensorDTypeMismatch(
                    key: key, expected: wanted.rawValue, found: entry.dtype.rawValue, file: source)
            }
            if let shape = current[key]?.shape, shape != entry.shape {
                throw DenoiserError.tensorShapeMismatch(key: key, expected: shape, found: entry.shape, file: source)
            }
            let scalars = try entry.floats()
            try Self.checkFinite(scalars, key: key, source: source)
            state[key] = Tensor(shape: entry.shape, scalars: scalars)
        }
        try loadStateDict(state)
    }

    /// Throws `DenoiserError.nonFiniteTensor` if `scalars` hold a NaN or an infinity.
    private static func checkFinite(_ scalars: [Float], key: String, source: String) throws {
        guard let first = scalars.firstIndex(where: { !$0.isFinite }) else { return }
        let count = scalars[first...].lazy.filter { !$0.isFinite }.count
        throw DenoiserError.nonFiniteTensor(key: key, index: first, count: count, file: source)
    }
}
