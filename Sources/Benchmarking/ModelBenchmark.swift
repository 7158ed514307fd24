import DenoiserKit
import Foundation
import Layers
import Tensors

/// Throughput, latency, training-step time and peak memory of one zoo model
/// (`dancer bench`), each the median of repeated runs after warm-up.
public struct ModelBenchmark {
    /// The figures for one model.
    public struct Result: Codable, Sendable {
        public let model: String
        public let parameters: Int
        /// Segments per second at batch 64 (inference, no gradients).
        public let inferenceBatch64: Double
        /// Segments per second at batch 1.
        public let inferenceBatch1: Double
        /// Median batch-1 latency in milliseconds.
        public let latencyBatch1Milliseconds: Double
        /// Median time of forward + backward + Adam at batch 64, in milliseconds.
        public let trainingStepMilliseconds: Double
        /// Peak resident memory of the process while measuring this model, in MiB.
        public let peakMemoryMiB: Double
    }

    public let length: Int
    public let repetitions: Int

    public init(length: Int = 512, repetitions: Int = 7) {
        (self.length, self.repetitions) = (length, repetitions)
    }

    /// Measures `network` (a freshly built model).
    public func measure(id: String, network: any Layer) -> Result {
        MemoryProbe.resetPeak()
        let batch64 = Self.input(batch: 64, length: length)
        let batch1 = Self.input(batch: 1, length: length)
        network.setTraining(false)
        let inference64 = Stopwatch.median(repetitions: repetitions) { _ = withoutGradients { network(batch64) } }
        let inference1 = Stopwatch.median(repetitions: repetitions * 30) { _ = withoutGradients { network(batch1) } }
        network.setTraining(true)
        let target = Self.input(batch: 64, length: length, scale: 0.8)
        let adam = Adam(network.namedParameters)
        let step = Stopwatch.median(repetitions: repetitions) {
            let loss = DenoisingLoss.compute(prediction: network(batch64), target: target)
            network.zeroGradients()
            loss.backward()
            adam.step()
        }
        return Result(
            model: id, parameters: network.parameterCount,
            inferenceBatch64: 64 / inference64, inferenceBatch1: 1 / inference1,
            latencyBatch1Milliseconds: inference1 * 1e3, trainingStepMilliseconds: step * 1e3,
            peakMemoryMiB: MemoryProbe.peakMiB())
    }
}

extension ModelBenchmark {
    /// The benchmark input: a deterministic ECG-scale mixture of three sinusoids whose phases
    /// differ per segment (scripts/reference/bench_torch.py builds the same numbers). A constant
    /// input would give BatchNorm zero batch variance in training and degenerate activations.
    public static func input(batch: Int, length: Int, scale: Float = 1) -> Tensor {
        var values = [Float](repeating: 0, count: batch * length)
        for b in 0..<batch {
            for t in 0..<length {
                let phase = Double(b)
                let v = 0.6 * sin(2 * .pi * Double(t) / 180 + 0.7 * phase) + 0.25 * sin(2 * .pi * Double(t) / 23 + 1.3 * phase)
                    + 0.05 * cos(2 * .pi * Double(t) / 7)
                values[b * length + t] = scale * Float(v)
            }
        }
        return Tensor(shape: [batch, 1, length], scalars: values)
    }

    /// Runs one kind of measurement `repetitions` times and nothing else, for profilers:
    /// `infer64`, `infer1` or `train` (forward + backward + Adam at batch 64).
    public func loop(_ kind: String, network: any Layer) {
        let batch = kind == "infer1" ? 1 : 64
        let x = Self.input(batch: batch, length: length)
        if kind == "train" {
            network.setTraining(true)
            let target = Self.input(batch: batch, length: length, scale: 0.8)
            let adam = Adam(network.namedParameters)
            for _ in 0..<repetitions {
                let loss = DenoisingLoss.compute(prediction: network(x), target: target)
                network.zeroGradients()
                loss.backward()
                adam.step()
            }
        } else {
            network.setTraining(false)
            for _ in 0..<repetitions { _ = withoutGradients { network(x) } }
        }
    }
}

/// Peak resident memory from `/proc/self/status` (Linux), resettable per measurement.
public enum MemoryProbe {
    /// Resets the kernel's peak-RSS counter for this process (`clear_refs` value 5).
    public static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// `VmHWM`: the peak resident set size since start or the last reset, in MiB.
    public static func peakMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
        return kilobytes / 1024
    }
}
