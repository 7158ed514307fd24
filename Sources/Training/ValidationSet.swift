import DenoiserKit
import ECG
import Layers
import Tensors

/// The fixed validation examples of a run: validation records, noise from the
/// train/validation portion, SNR uniform in the run's range ([−6, 6] dB by default),
/// generated once from a fixed seed (evenly spaced segments of
/// ``TestSet/validation(corpus:noise:noiseType:seed:snrRange:segmentLength:)``).
///
/// ```swift
/// let validation = try ValidationSet(corpus: corpus, noise: bank, noiseType: .emb, seed: 0, limit: 2_048)
/// let (loss, snr) = try validation.evaluate(network)
/// ```
public struct ValidationSet: Sendable {
    /// The examples, in batches.
    public let batches: [SegmentBatch]
    /// Total examples.
    public var count: Int { batches.reduce(0) { $0 + $1.count } }

    /// Generates the examples; `limit` evenly spaced segments of the full set (0 = all of them),
    /// each scaled as `scaling` says (the run's input scaling).
    public init(corpus: CleanCorpus, noise: NoiseBank, noiseType: NoiseType, seed: UInt64,
                snrRange: ClosedRange<Float> = TestSet.trainingSNRRange, limit: Int, batchSize: Int = 128,
                scaling: InputScaling = .peak) throws {
        let set = try TestSet.validation(corpus: corpus, noise: noise, noiseType: noiseType, seed: seed, snrRange: snrRange)
        batches = try SegmentSelection(set: set, limit: limit).mapBatches(size: batchSize, concurrently: false) { batch in
            var scaled = batch
            scaled.rescale(to: scaling)
            return scaled
        }
    }

    /// The mean loss (as in training, with cosine weight `similarityWeight`) and mean SNR_out
    /// in dB of `network` in evaluation mode; the network is back in training mode afterwards.
    public func evaluate(_ network: any Layer, similarityWeight: Float = DenoisingLoss.similarityWeight) throws -> (loss: Double, snr: Double) {
        network.setTraining(false)
        defer { network.setTraining(true) }
        var lossSum = 0.0, snrSum = 0.0, total = 0
        for batch in batches {
            let (loss, output): (Float, [Float]) = withoutGradients {
                let prediction = network(Tensor(shape: batch.shape, scalars: batch.noisy))
                let target = Tensor(shape: batch.shape, scalars: batch.clean)
                return (DenoisingLoss.compute(prediction: prediction, target: target, similarityWeight: similarityWeight).item, prediction.scalars)
            }
            lossSum += Double(loss) * Double(batch.count)
            snrSum += try Metrics.evaluate(batch: batch, output: output).reduce(0) { $0 + $1.snrOut }
            total += batch.count
        }
        return (lossSum / Double(max(total, 1)), snrSum / Double(max(total, 1)))
    }
}
