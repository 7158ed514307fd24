import Foundation
import Random

/// A batch of `[count, 1, segmentLength]` segments as flat Float arrays, ready for a model.
///
/// Both `clean` and `noisy` of segment `i` are divided by `scales[i] = max|noisy| + 1e-8`
/// (PROTOCOL.md "Model input scaling"; ``rescale(to:)`` changes the scaling); multiply by
/// `scales[i]` to get mV back.
///
/// ```swift
/// let batch = try stream.nextBatch(size: 64)
/// let input = batch.noisy   // shape batch.shape == [64, 1, 512]
/// ```
public struct SegmentBatch: Sendable {
    /// Scaled clean references (centred), `count × segmentLength`.
    public var clean: [Float]
    /// Scaled noisy inputs, `count × segmentLength`.
    public var noisy: [Float]
    /// Per-segment scale `s`; `clean[i]·s` and `noisy[i]·s` are in mV.
    public var scales: [Float]
    /// Per-segment input SNR in dB (the target of the mixing).
    public var snrs: [Float]
    /// Where each segment comes from in the corpus.
    public var origins: [SegmentOrigin]
    /// Number of segments.
    public var count: Int
    /// Samples per segment.
    public var segmentLength: Int

    /// The model tensor shape `[count, 1, segmentLength]`.
    public var shape: [Int] { [count, 1, segmentLength] }

    /// Creates an empty batch with room for `capacity` segments.
    init(capacity: Int, segmentLength: Int) {
        clean = [Float](repeating: 0, count: capacity * segmentLength)
        noisy = clean
        scales = [Float](repeating: 1, count: capacity)
        snrs = [Float](repeating: 0, count: capacity)
        origins = []
        origins.reserveCapacity(capacity)
        count = capacity
        self.segmentLength = segmentLength
    }

    /// Segment `i` of `values` (e.g. `clean`, `noisy` or a model output) restored to mV.
    ///
    /// ```swift
    /// let mV = batch.restored(batch.clean, segment: 0)
    /// ```
    public func restored(_ values: [Float], segment i: Int) -> [Float] {
        let s = scales[i]
        return values[(i * segmentLength)..<((i + 1) * segmentLength)].map { $0 * s }
    }

    /// Rescales every segment from the peak scaling it was filled with to `scaling`: segment `i`
    /// becomes `x·s/s'` with `s' = scaling.scale(of: noisy·s)`, and `scales[i]` becomes `s'`.
    /// The protocol's `.peak` leaves the batch untouched (bit for bit).
    ///
    /// ```swift
    /// var batch = try stream.nextBatch(size: 64)
    /// batch.rescale(to: .standardDeviation)   // every noisy segment now has unit standard deviation
    /// ```
    public mutating func rescale(to scaling: InputScaling) {
        guard scaling != .peak else { return }
        let n = segmentLength
        for i in 0..<count {
            let range = (i * n)..<((i + 1) * n)
            let old = scales[i]
            let new = scaling.scale(of: noisy[range].lazy.map { $0 * old })
            let factor = old / new
            for t in range { noisy[t] *= factor; clean[t] *= factor }
            scales[i] = new
        }
    }

    /// Fills slot `slot` with the segment at `origin`: copies clean, draws noise with `rng`, mixes at
    /// `snr`, scales both by `max|noisy| + 1e-8`.
    mutating func fill(slot: Int, origin: SegmentOrigin, snr: Float, corpus: CleanCorpus, noise: NoiseBank,
                       type: NoiseType, portion: NoisePortion, rng: inout SeededGenerator,
                       scratch: UnsafeMutableBufferPointer<Float>) throws {
        let n = segmentLength, base = slot * n
        let scale: Float = try clean.withUnsafeMutableBufferPointer { cb in
            try noisy.withUnsafeMutableBufferPointer { nb in
                let x = UnsafeMutableBufferPointer(rebasing: cb[base..<(base + n)])
                let y = UnsafeMutableBufferPointer(rebasing: nb[base..<(base + n)])
                corpus.copy(origin, into: x)
                try noise.draw(type, portion: portion, into: scratch, using: &rng)
                _ = try NoiseMixer.mix(clean: x, noise: scratch, snr: Double(snr), into: y)
                var peak: Float = 0
                for v in y { peak = max(peak, abs(v)) }
                let s = peak + 1e-8, inverse = 1 / s
                for i in 0..<n { x[i] *= inverse; y[i] *= inverse }
                return s
            }
        }
        scales[slot] = scale
        snrs[slot] = snr
        origins.append(origin)
    }
}

/// A stable 64-bit FNV-1a hash of a string, used to name RNG streams.
func stableHash(_ text: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return h
}
