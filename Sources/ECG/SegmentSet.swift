import Foundation
import Random

/// A fixed, seeded evaluation set: non-overlapping segments of some records, each with its own
/// noise draw and SNR, generated on the fly (nothing noisy is stored). Segment `i` is the same
/// whatever batches it is asked in, and the same for every model given the seed.
///
/// ```swift
/// let set = try TestSet.make(corpus: test, noise: bank, noiseType: .emb, snr: -4, seed: run)
/// for range in set.batchRanges(size: 256) { let batch = try set.batch(range) }
/// ```
public struct SegmentSet: Sendable {
    /// How each segment's input SNR is chosen.
    public enum SNRPolicy: Equatable, Sendable {
        /// Exactly this SNR in dB.
        case fixed(Double)
        /// Drawn uniformly in this range per segment (seeded).
        case uniform(ClosedRange<Float>)
    }

    /// The clean corpus.
    public let corpus: CleanCorpus
    /// The noise records.
    public let noise: NoiseBank
    /// Noise type mixed in.
    public let noiseType: NoiseType
    /// SNR choice.
    public let snrPolicy: SNRPolicy
    /// Part of the noise records drawn from.
    public let portion: NoisePortion
    /// Samples per segment.
    public let segmentLength: Int
    /// Segment origins in order.
    public let origins: [SegmentOrigin]
    private let rng: SeededGenerator

    /// Creates a set of non-overlapping segments; `purpose` names the RNG stream (e.g. "test").
    /// The noise of segment `i` depends on (seed, purpose, noise type, i), not on the SNR, so the
    /// SNR levels of a test set share their noise and differ only in its gain.
    ///
    /// ```swift
    /// let set = try SegmentSet(corpus: c, noise: b, noiseType: .ma, snrPolicy: .fixed(0), portion: .test, seed: 1, purpose: "test")
    /// ```
    public init(corpus: CleanCorpus, noise: NoiseBank, noiseType: NoiseType, snrPolicy: SNRPolicy,
                portion: NoisePortion, seed: UInt64, purpose: String, segmentLength: Int = 512) throws {
        guard segmentLength > 0 else { throw ECGError.invalidArgument("segment length must be positive") }
        if case .fixed(let snr) = snrPolicy, !snr.isFinite { throw ECGError.invalidArgument("SNR \(snr) is not finite") }
        self.corpus = corpus
        self.noise = noise
        self.noiseType = noiseType
        self.snrPolicy = snrPolicy
        self.portion = portion
        self.segmentLength = segmentLength
        self.origins = corpus.segments(length: segmentLength, stride: segmentLength)
        guard !origins.isEmpty else { throw ECGError.emptySignal(context: "\(purpose) set (no \(segmentLength)-sample segment)") }
        self.rng = SeededGenerator(seed: seed).derived(stableHash("\(purpose)/\(noiseType.rawValue)"))
    }

    /// Number of segments.
    public var count: Int { origins.count }

    /// Consecutive index ranges of at most `size` segments covering the set.
    ///
    /// ```swift
    /// for r in set.batchRanges(size: 128) { … }
    /// ```
    public func batchRanges(size: Int) -> [Range<Int>] {
        let size = max(1, size)
        return Swift.stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// Generates the segments in `range` (clean reference, noisy input, scales), as the model sees them.
    ///
    /// ```swift
    /// let batch = try set.batch(0..<64)
    /// ```
    public func batch(_ range: Range<Int>) throws -> SegmentBatch {
        guard range.lowerBound >= 0, range.upperBound <= count, !range.isEmpty else {
            throw ECGError.invalidArgument("segment range \(range) is outside 0..<\(count)")
        }
        var batch = SegmentBatch(capacity: range.count, segmentLength: segmentLength)
        let scratch = UnsafeMutableBufferPointer<Float>.allocate(capacity: segmentLength)
        defer { scratch.deallocate() }
        for (slot, i) in range.enumerated() {
            var segmentRNG = rng.derived(UInt64(i))
            var snrRNG = segmentRNG.derived(0x5EED)
            let snr: Float
            switch snrPolicy {
            case .fixed(let value): snr = Float(value)
            case .uniform(let r): snr = snrRNG.uniform(r.lowerBound, r.upperBound)
            }
            try batch.fill(slot: slot, origin: origins[i], snr: snr, corpus: corpus, noise: noise,
                           type: noiseType, portion: portion, rng: &segmentRNG, scratch: scratch)
        }
        return batch
    }
}

/// The fixed test sets: test records, last 30 % of the noise, SNR exactly −4, −2, 0, 2, 4 dB.
///
/// ```swift
/// for snr in TestSet.snrLevels { let set = try TestSet.make(corpus: c, noise: b, noiseType: .emb, snr: snr, seed: 1) }
/// ```
public enum TestSet {
    /// The protocol's input SNR levels in dB.
    public static let snrLevels: [Double] = [-4, -2, 0, 2, 4]

    /// The test set of one noise type at one SNR for a run's seed. `portion` is the protocol's
    /// `.test` except in diagnostics that measure what a test on the training noise would report.
    ///
    /// ```swift
    /// let set = try TestSet.make(corpus: c, noise: b, noiseType: .bw, snr: 0, seed: 3)
    /// ```
    public static func make(corpus: CleanCorpus, noise: NoiseBank, noiseType: NoiseType, snr: Double,
                            seed: UInt64, portion: NoisePortion = .test, segmentLength: Int = 512) throws -> SegmentSet {
        try SegmentSet(corpus: corpus, noise: noise, noiseType: noiseType, snrPolicy: .fixed(snr),
                       portion: portion, seed: seed, purpose: "test", segmentLength: segmentLength)
    }

    /// The protocol's input SNRs for training and validation, dB (drawn uniformly per example).
    public static let trainingSNRRange: ClosedRange<Float> = -6...6

    /// The validation set: validation records, first 70 % of the noise, SNR uniform in
    /// `snrRange` (the protocol's [−6, 6] dB unless a run trains on another range), seeded.
    ///
    /// ```swift
    /// let val = try TestSet.validation(corpus: v, noise: b, noiseType: .emb, seed: 1)
    /// ```
    public static func validation(corpus: CleanCorpus, noise: NoiseBank, noiseType: NoiseType, seed: UInt64,
                                  snrRange: ClosedRange<Float> = trainingSNRRange, segmentLength: Int = 512) throws -> SegmentSet {
        try SegmentSet(corpus: corpus, noise: noise, noiseType: noiseType, snrPolicy: .uniform(snrRange),
                       portion: .trainValidation, seed: seed, purpose: "validation", segmentLength: segmentLength)
    }
}
