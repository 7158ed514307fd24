import DenoiserKit
import Foundation
import Layers
import SafeTensors
import Testing
import ZipArchive
import Zoo

/// Weights that decode as safetensors but must not go into a model: non-finite values, the
/// wrong dtype, the wrong shape. Each is refused with the tensor's name, and the model keeps
/// the weights it had.
@Suite("Bad input: loading weights into a model")
struct BadInputWeightsLoadingTests {
    /// A float parameter of the tiny unet with at least two elements, by sorted key.
    private func floatKey(of layer: any Layer) throws -> String {
        let types = layer.stateStorageTypes, state = layer.stateDict
        return try #require(state.keys.sorted().first { types[$0] == .float32 && (state[$0]?.scalars.count ?? 0) >= 2 })
    }

    /// The tiny unet's weights with element 1 of `key` replaced by `value`.
    private func weights(_ file: SafeTensorsFile, setting key: String, element: Int, to value: Float) throws -> SafeTensorsFile {
        var file = file
        let tensor = try #require(file.tensors[key])
        var values = try tensor.floats()
        values[element] = value
        file.tensors[key] = SafeTensor(floats: values, shape: tensor.shape)
        return file
    }

    @Test(arguments: [Float.nan, -Float.nan, Float.signalingNaN, Float.infinity, -Float.infinity])
    func nonFiniteWeightsAreRefusedThroughACheckpoint(value: Float) throws {
        var (network, checkpoint) = try tinyUNetCheckpoint()
        let key = try floatKey(of: network.layer)
        checkpoint.weights = try weights(checkpoint.weights, setting: key, element: 1, to: value)
        let url = try scratchDirectory().appendingPathComponent("nonfinite.zip")
        try checkpoint.write(to: url)
        let read = try Checkpoint.read(from: url)   // the format itself carries NaN/Inf bit for bit
        let entry = try ModelZoo.shared.entry("unet")
        let expected = DenoiserError.nonFiniteTensor(key: key, index: 1, count: 1, file: url.path)
        #expect(throws: expected) { try ModelZoo.shared.denoiser(entry, from: read, path: url.path) }
        #expect(expected.description.hasPrefix("\(url.path): tensor \(key) holds 1 non-finite value(s)"))
    }

    @Test func nonFiniteWeightsLeaveTheModelUnchanged() throws {
        let (network, checkpoint) = try tinyUNetCheckpoint()
        let layer = network.layer
        let key = try floatKey(of: layer)
        let before = layer.stateDict.mapValues(\.scalars)
        var bad = try weights(checkpoint.weights, setting: key, element: 0, to: .nan)
        bad = try weights(bad, setting: key, element: 1, to: .infinity)
        #expect(throws: DenoiserError.nonFiniteTensor(key: key, index: 0, count: 2, file: "w.safetensors")) {
            try layer.load(bad, source: "w.safetensors")
        }
        #expect(layer.stateDict.mapValues(\.scalars) == before)
    }

    @Test(arguments: [DType.f64, .f16, .bf16, .i64, .i32, .u8, .bool])
    func wrongDTypeForAFloatParameter(dtype: DType) throws {
        let (network, checkpoint) = try tinyUNetCheckpoint()
        let key = try floatKey(of: network.layer)
        var file = checkpoint.weights
        let shape = try #require(file.tensors[key]).shape
        let count = shape.reduce(1, *)
        file.tensors[key] = SafeTensor(dtype: dtype, shape: shape, data: Data(count: count * dtype.elementSize))
        #expect(throws: DenoiserError.tensorDTypeMismatch(key: key, expected: "F32", found: dtype.rawValue, file: "x.zip")) {
            try network.layer.load(file, source: "x.zip")
        }
    }

    @Test func wrongDTypeForACounter() throws {
        let (network, checkpoint) = try tinyUNetCheckpoint()
        let key = try #require(network.layer.stateStorageTypes.keys.sorted().first { network.layer.stateStorageTypes[$0] == .int64 },
                               "the tiny unet has batch-norm counters (I64)")
        var file = checkpoint.weights
        let shape = try #require(file.tensors[key]).shape
        file.tensors[key] = SafeTensor(floats: Array(repeating: 0, count: shape.reduce(1, *)), shape: shape)
        #expect(throws: DenoiserError.tensorDTypeMismatch(key: key, expected: "I64", found: "F32", file: "x.zip")) {
            try network.layer.load(file, source: "x.zip")
        }
    }

    /// Same element count, different shape: refused, not silently reshaped.
    @Test func reshapedWeightsAreRefused() throws {
        let (network, checkpoint) = try tinyUNetCheckpoint()
        let key = try floatKey(of: network.layer)
        var file = checkpoint.weights
        let tensor = try #require(file.tensors[key])
        for shape in [[tensor.shape.reduce(1, *)], [1] + tensor.shape, Array(tensor.shape.reversed())] where shape != tensor.shape {
            file.tensors[key] = SafeTensor(dtype: .f32, shape: shape, data: tensor.data)
            #expect(throws: DenoiserError.tensorShapeMismatch(key: key, expected: tensor.shape, found: shape, file: "x.zip")) {
                try network.layer.load(file, source: "x.zip")
            }
        }
    }
}
