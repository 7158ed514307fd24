import DenoiserKit
import Foundation
import Layers
import Random
import Tensors
import Testing

/// Trains a model for a few hundred steps on a handful of fixed noisy segments and expects
/// the loss to fall by a large factor — the "can it learn at all" check of every model.
public enum OverfitCheck {
    /// ECG-like synthetic segments (narrow Gaussian "beats" on a slow wave) with noise,
    /// scaled by their peak as the training pipeline does. Returns `(noisy, clean)`.
    public static func segments(count: Int, length: Int, seed: UInt64) -> (Tensor, Tensor) {
        var rng = SeededGenerator(seed: seed)
        var noisy: [Float] = [], clean: [Float] = []
        for _ in 0..<count {
            let period = Float(rng.uniform(180, 300)), offset = rng.uniform(0, period)
            var segment = (0..<length).map { t -> Float in
                let phase = (Float(t) + offset).truncatingRemainder(dividingBy: period) - period / 2
                return exp(-phase * phase / 18) + 0.15 * sin(Float(t) / 40)
            }
            let mean = segment.reduce(0, +) / Float(length)
            segment = segment.map { $0 - mean }
            let corrupted = segment.map { $0 + 0.3 * Float(rng.normal()) + 0.2 * sin(Float(rng.uniform(0, 1))) }
            let scale = (corrupted.map(abs).max() ?? 1) + 1e-8
            noisy += corrupted.map { $0 / scale }
            clean += segment.map { $0 / scale }
        }
        return (Tensor(shape: [count, 1, length], scalars: noisy), Tensor(shape: [count, 1, length], scalars: clean))
    }

    /// Runs `steps` Adam steps (lr 1e-3) and expects the final loss below `initial / factor`.
    public static func expectLossFalls(
        _ model: any Layer, steps: Int = 200, factor: Float = 10, count: Int = 4, length: Int = 256,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (noisy, clean) = segments(count: count, length: length, seed: 5)
        model.setTraining(true)
        let adam = Adam(model.namedParameters, learningRate: 1e-3)
        var first: Float = 0, last: Float = 0
        for step in 0..<steps {
            let loss = DenoisingLoss.compute(prediction: model(noisy), target: clean)
            if step == 0 { first = loss.item }
            last = loss.item
            model.zeroGradients()
            loss.backward()
            adam.step()
        }
        #expect(last < first / factor, "loss fell from \(first) to \(last) in \(steps) steps (wanted ÷\(factor))",
                sourceLocation: sourceLocation)
    }
}
