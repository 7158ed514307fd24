import ArgumentParser
import Foundation
import Layers
import Random
import Tensors

extension Dancer {
    /// `dancer demo`: a smoke run of the engine until the zoo ships pretrained models —
    /// trains a tiny convolutional denoiser on synthetic noisy sines and reports the SNR gain.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Smoke demo: train a tiny conv denoiser on synthetic signals and report the SNR gain.")

        @Option(help: "Training steps.")
        var steps = 300

        @Option(help: "Random seed.")
        var seed: UInt64 = 0

        func run() throws {
            var rng = SeededGenerator(seed: seed)
            let model = Sequential([
                Conv1d(1, 16, kernelSize: 7, padding: 3, bias: false, generator: &rng), BatchNorm1d(16), ReLU(),
                Conv1d(16, 16, kernelSize: 7, padding: 3, bias: false, generator: &rng), BatchNorm1d(16), ReLU(),
                Conv1d(16, 1, kernelSize: 7, padding: 3, generator: &rng),
            ])
            let adam = Adam(model.namedParameters, learningRate: 3e-3)
            print("training a \(model.parameterCount)-parameter conv denoiser for \(steps) steps")
            for step in 1...steps {
                let (noisy, clean) = SyntheticSignals.batch(&rng)
                let loss = Tensor.meanSquaredError(model(noisy), clean)
                model.zeroGradients()
                loss.backward()
                adam.step()
                if step % 50 == 0 { print("step \(step): loss \(String(format: "%.4f", loss.item))") }
            }
            model.setTraining(false)
            let (noisy, clean) = SyntheticSignals.batch(&rng, size: 64)
            let denoised = withoutGradients { model(noisy) }
            let inputSNR = SyntheticSignals.snr(clean: clean, estimate: noisy)
            let outputSNR = SyntheticSignals.snr(clean: clean, estimate: denoised)
            print(String(format: "SNR in %.2f dB → out %.2f dB (gain %.2f dB)", inputSNR, outputSNR, outputSNR - inputSNR))
        }
    }
}

/// Noisy sums of sines for the smoke demo.
enum SyntheticSignals {
    static func batch(_ rng: inout SeededGenerator, size: Int = 32, length: Int = 256) -> (Tensor, Tensor) {
        var clean: [Float] = [], noisy: [Float] = []
        for _ in 0..<size {
            let f1 = rng.uniform(1, 3), f2 = rng.uniform(5, 9), phase = rng.uniform(0, 6.28)
            for t in 0..<length {
                let time = Float(t) / Float(length)
                let value = sin(2 * .pi * f1 * time + phase) + 0.5 * sin(2 * .pi * f2 * time)
                clean.append(value)
                noisy.append(value + 0.5 * Float(rng.normal()))
            }
        }
        return (Tensor(shape: [size, 1, length], scalars: noisy), Tensor(shape: [size, 1, length], scalars: clean))
    }

    static func snr(clean: Tensor, estimate: Tensor) -> Double {
        let signal = clean.scalars.reduce(0.0) { $0 + Double($1 * $1) }
        let noise = zip(clean.scalars, estimate.scalars).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }
        return 10 * log10(signal / noise)
    }
}
