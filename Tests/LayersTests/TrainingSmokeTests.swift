import Foundation
import Random
import TensorTestSupport
import Testing
@testable import Layers
@testable import Tensors

/// A tiny convolutional denoiser.
final class TinyDenoiser: Layer {
    let conv1: Conv1d, bn: BatchNorm1d, conv2: Conv1d
    init(generator: inout SeededGenerator) {
        conv1 = Conv1d(1, 8, kernelSize: 5, padding: 2, bias: false, generator: &generator)
        bn = BatchNorm1d(8)
        conv2 = Conv1d(8, 1, kernelSize: 5, padding: 2, generator: &generator)
    }
    func callAsFunction(_ x: Tensor) -> Tensor { conv2(bn(conv1(x)).relu()) }
}

@Suite("End-to-end training")
struct TrainingSmokeTests {
    /// Clean sines of random frequency/phase plus white noise, `[B, 1, L]`.
    func batch(_ rng: inout SeededGenerator, size: Int = 16, length: Int = 64) -> (noisy: Tensor, clean: Tensor) {
        var clean: [Float] = [], noisy: [Float] = []
        for _ in 0..<size {
            let f = rng.uniform(1, 4), phase = rng.uniform(0, 6.28)
            for t in 0..<length {
                let value = Float(sin(Double(2 * .pi * f * Float(t) / Float(length) + phase)))
                clean.append(value)
                noisy.append(value + 0.4 * Float(rng.normal()))
            }
        }
        return (Tensor(shape: [size, 1, length], scalars: noisy), Tensor(shape: [size, 1, length], scalars: clean))
    }

    @Test func tinyConvNetLearnsToDenoise() {
        var rng = SeededGenerator(seed: 11)
        let model = TinyDenoiser(generator: &rng)
        let adam = Adam(model.namedParameters, learningRate: 1e-2)
        var losses: [Float] = []
        for _ in 0..<300 {
            let (noisy, clean) = batch(&rng)
            let prediction = model(noisy)
            let loss = Tensor.meanSquaredError(prediction, clean)
                + 0.1 * (1 - Tensor.cosineSimilarity(prediction, clean)).mean()
            losses.append(loss.item)
            model.zeroGradients()
            loss.backward()
            adam.step()
        }
        let start = losses.prefix(10).reduce(0, +) / 10, end = losses.suffix(10).reduce(0, +) / 10
        #expect(end < start / 5, "loss went from \(start) to \(end)")
        // Evaluation mode with the learned running statistics still denoises.
        model.setTraining(false)
        let (noisy, clean) = batch(&rng)
        let residual = withoutGradients { Tensor.meanSquaredError(model(noisy), clean).item }
        let input = Tensor.meanSquaredError(noisy, clean).item
        #expect(residual < input / 3, "eval MSE \(residual) vs input MSE \(input)")
    }
}
