import Foundation
import Random

/// Where a training stream stands: enough to resume it exactly (save it with a checkpoint).
///
/// ```swift
/// let saved = try JSONEncoder().encode(stream.state)
/// ```
public struct TrainingStreamState: Codable, Equatable, Sendable {
    /// The run's seed.
    public var seed: UInt64
    /// Completed passes over the training segments.
    public var epoch: Int
    /// Index of the next segment within the current epoch's shuffled order.
    public var position: Int
}

/// The endless training stream: stride-256 segments of 512 samples from the training records,
/// shuffled each epoch, each mixed with fresh noise (first 70 % of the noise records) at an SNR
/// drawn uniformly in [−6, 6] dB. Every example depends only on (seed, epoch, position), so a
/// restored `state` continues exactly.
///
/// ```swift
/// var stream = try TrainingStream(corpus: train, noise: bank, noiseType: .emb, seed: 1)
/// let batch = try stream.nextBatch(size: 64)
/// ```
public struct TrainingStream {
    /// The corpus segments are cut from.
    public let corpus: CleanCorpus
    /// The noise records.
    public let noise: NoiseBank
    /// The noise type mixed in.
    public let noiseType: NoiseType
    /// Samples per segment (512).
    public let segmentLength: Int
    /// SNR range in dB, drawn uniformly per example.
    public let snrRange: ClosedRange<Float>
    /// Current position; assign a saved state to resume.
    public var state: TrainingStreamState {
        didSet { if state.epoch != orderEpoch || state.seed != oldValue.seed { order = [] } }
    }
    private let origins: [SegmentOrigin]
    private var order: [Int32] = []
    private var orderEpoch = -1

    /// Creates a stream at epoch 0, position 0 (or at `state` when given).
    ///
    /// ```swift
    /// var stream = try TrainingStream(corpus: train, noise: bank, noiseType: .bw, seed: 7)
    /// ```
    public init(corpus: CleanCorpus, noise: NoiseBank, noiseType: NoiseType, seed: UInt64,
                segmentLength: Int = 512, stride: Int = 256, snrRange: ClosedRange<Float> = TestSet.trainingSNRRange,
                state: TrainingStreamState? = nil) throws {
        guard segmentLength > 0, stride > 0 else { throw ECGError.invalidArgument("segment length and stride must be positive") }
        self.corpus = corpus
        self.noise = noise
        self.noiseType = noiseType
        self.segmentLength = segmentLength
        self.snrRange = snrRange
        self.origins = corpus.segments(length: segmentLength, stride: stride)
        guard !origins.isEmpty else { throw ECGError.emptySignal(context: "training corpus (no \(segmentLength)-sample segment)") }
        self.state = state ?? TrainingStreamState(seed: seed, epoch: 0, position: 0)
        guard self.state.position >= 0, self.state.position < origins.count, self.state.epoch >= 0 else {
            throw ECGError.invalidArgument("stream state \(self.state) is outside this corpus (\(origins.count) segments/epoch)")
        }
    }

    /// Segments in one pass.
    public var segmentsPerEpoch: Int { origins.count }

    /// The next `size` examples (crossing into the next epoch when needed).
    ///
    /// ```swift
    /// let batch = try stream.nextBatch(size: 64)   // batch.shape == [64, 1, 512]
    /// ```
    public mutating func nextBatch(size: Int) throws -> SegmentBatch {
        guard size > 0 else { throw ECGError.invalidArgument("batch size \(size) must be positive") }
        guard state.position >= 0, state.position < origins.count, state.epoch >= 0 else {
            throw ECGError.invalidArgument("stream state \(state) is outside this corpus (\(origins.count) segments/epoch)")
        }
        var batch = SegmentBatch(capacity: size, segmentLength: segmentLength)
        let scratch = UnsafeMutableBufferPointer<Float>.allocate(capacity: segmentLength)
        defer { scratch.deallocate() }
        let base = SeededGenerator(seed: state.seed)
        for slot in 0..<size {
            if orderEpoch != state.epoch || order.isEmpty { shuffle(epoch: state.epoch, base: base) }
            var rng = base.derived(UInt64(2 * state.epoch + 1)).derived(UInt64(state.position))
            let snr = rng.uniform(snrRange.lowerBound, snrRange.upperBound)
            try batch.fill(slot: slot, origin: origins[Int(order[state.position])], snr: snr, corpus: corpus,
                           noise: noise, type: noiseType, portion: .trainValidation, rng: &rng, scratch: scratch)
            advance()
        }
        return batch
    }

    private mutating func advance() {
        state.position += 1
        if state.position == origins.count {
            state.position = 0
            state.epoch += 1
        }
    }

    private mutating func shuffle(epoch: Int, base: SeededGenerator) {
        var rng = base.derived(UInt64(2 * epoch))
        var o = (0..<Int32(origins.count)).map { $0 }
        o.withUnsafeMutableBufferPointer { buf in
            var i = buf.count - 1
            while i > 0 {
                let j = rng.index(below: i + 1)
                buf.swapAt(i, j)
                i -= 1
            }
        }
        order = o
        orderEpoch = epoch
    }
}
