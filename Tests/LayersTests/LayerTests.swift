import Random
import TensorTestSupport
import Testing
@testable import Layers
@testable import Tensors

/// A small composite in the style of the model targets, to test key discovery.
final class ToyBlock: Layer {
    let conv1: Conv1d
    @StateKey("bn_g") var gateNorm = BatchNorm1d(4)
    let shortcut: Conv1d?
    let absent: Conv1d? = nil
    let stages: [any Layer]
    let head: Sequential

    init(generator: inout SeededGenerator) {
        conv1 = Conv1d(1, 4, kernelSize: 3, padding: 1, bias: false, generator: &generator)
        shortcut = Conv1d(1, 4, kernelSize: 1, generator: &generator)
        stages = [PReLU(channels: 4)]
        head = Sequential([Conv1d(4, 1, kernelSize: 1, generator: &generator), Sigmoid()])
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        head(stages[0](gateNorm(conv1(x)) + shortcut!(x)))
    }
}

@Suite("Layer protocol and layers")
struct LayerTests {
    @Test func parameterKeysFollowPyTorchNames() {
        var g = SeededGenerator(seed: 1)
        let block = ToyBlock(generator: &g)
        #expect(block.namedParameters.map(\.0) == [
            "conv1.weight", "bn_g.weight", "bn_g.bias", "shortcut.weight", "shortcut.bias",
            "stages.0.weight", "head.0.weight", "head.0.bias",
        ])
        #expect(block.namedBuffers.map(\.0) == ["bn_g.running_mean", "bn_g.running_var", "bn_g.num_batches_tracked"])
        #expect(block.parameterCount == 12 + 8 + 8 + 4 + 5)
        #expect(block.stateStorageTypes["bn_g.num_batches_tracked"] == .int64)
    }

    @Test func defaultInitialisationBounds() {
        var g = SeededGenerator(seed: 2)
        let conv = Conv1d(16, 32, kernelSize: 3, generator: &g)
        let bound = 1 / Float(48).squareRoot()
        #expect(conv.weight.value.scalars.allSatisfy { Swift.abs($0) <= bound })
        #expect(conv.weight.value.scalars.map { Swift.abs($0) }.max()! > 0.9 * bound)
        let transposed = ConvTranspose1d(256, 128, kernelSize: 2, stride: 2, generator: &g)
        #expect(transposed.weight.shape == [256, 128, 2])
        let transposedBound = 1 / Float(128 * 2).squareRoot()
        #expect(transposed.weight.value.scalars.allSatisfy { Swift.abs($0) <= transposedBound })
        let prelu = PReLU(channels: 3)
        #expect(prelu.weight.value.scalars == [0.25, 0.25, 0.25])
    }

    @Test func batchNormTracksRunningStatistics() {
        let bn = BatchNorm1d(1)
        let x = Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4])
        _ = bn(x)
        expectClose(bn.runningMean.value.scalars, [0.25])
        expectClose(bn.runningVariance.value.scalars, [0.9 + 0.1 * 5 / 3])
        #expect(bn.batchesTracked.value.item == 1)
        let block = Sequential([bn])
        block.setTraining(false)
        #expect(!bn.isTraining)
        let y = bn(x)
        let s = (bn.runningVariance.value.item + 1e-5).squareRoot()
        expectClose(y.scalars, x.scalars.map { ($0 - 0.25) / s })
        #expect(bn.batchesTracked.value.item == 1)
    }

    @Test func stateDictRoundTripAndStrictErrors() throws {
        var g1 = SeededGenerator(seed: 3), g2 = SeededGenerator(seed: 4)
        let a = ToyBlock(generator: &g1), b = ToyBlock(generator: &g2)
        try b.loadStateDict(a.stateDict)
        #expect(a.stateDict.keys.sorted() == b.stateDict.keys.sorted())
        for (key, value) in a.stateDict { #expect(b.stateDict[key]?.scalars == value.scalars) }

        var missing = a.stateDict
        missing["conv1.weight"] = nil
        #expect(throws: StateDictError.missing(keys: ["conv1.weight"])) { try b.loadStateDict(missing) }
        var extra = a.stateDict
        extra["conv9.weight"] = Tensor.zeros([1])
        #expect(throws: StateDictError.unexpected(keys: ["conv9.weight"])) { try b.loadStateDict(extra) }
        var wrong = a.stateDict
        wrong["head.0.bias"] = Tensor.zeros([2])
        let before = b.stateDict["conv1.weight"]?.scalars
        #expect(throws: StateDictError.shapeMismatch(key: "head.0.bias", expected: [1], found: [2])) {
            try b.loadStateDict(wrong)
        }
        #expect(b.stateDict["conv1.weight"]?.scalars == before, "a failed load changes nothing")
        #expect(StateDictError.missing(keys: ["x"]).description == "missing tensors: x")
    }

    @Test func layersComputeTheirFunctionalOps() {
        var g = SeededGenerator(seed: 5)
        let x = randomTensor([2, 3, 8], seed: 6)
        let conv = ConvTranspose1d(3, 2, kernelSize: 4, stride: 2, padding: 1, generator: &g)
        #expect(conv(x).shape == [2, 2, 16])
        #expect(MaxPool1d(kernelSize: 2)(x).shape == [2, 3, 4])
        #expect(AvgPool1d(kernelSize: 2)(x).shape == [2, 3, 4])
        #expect(AdaptiveAvgPool1d(outputSize: 1)(x).shape == [2, 3, 1])
        #expect(Upsample(factor: 2)(x).shape == [2, 3, 16])
        let fc = Linear(8, 5, generator: &g)
        #expect(fc(x.reshaped([6, 8])).shape == [6, 5])
        #expect(LeakyReLU(slope: 0.2)(Tensor(shape: [1], scalars: [-1])).scalars == [-0.2])
        #expect(ReLU()(Tensor(shape: [1], scalars: [-1])).scalars == [0])
        expectClose(Tanh()(Tensor(shape: [1], scalars: [0.5])).scalars, [0.46211716])
    }
}
