import ECG
import Foundation

/// Whole-recording denoising on top of a segment denoiser: resample every lead to the
/// model's rate, cut it into segments with 50 % overlap, denoise them in batches, blend
/// overlapping outputs with a tapered window, and resample back to the original rate.
///
/// Each segment is mean-centred before denoising, as in training, and its mean is *not* added
/// back: within a 1.4 s window the mean of a noisy recording is mostly baseline wander, which
/// the models are trained to remove (their targets are mean-centred clean segments). So the
/// output has no DC offset or baseline drift; its zero is the ECG's isoelectric level.
public struct SegmentedDenoising {
    public let denoiser: any Denoiser
    /// Segments per call to ``Denoiser/denoise(segments:length:)``.
    public var batchSize = 64

    public init(denoiser: any Denoiser) { self.denoiser = denoiser }

    public func denoise(_ signal: Signal) throws -> Signal {
        try signal.validate(context: "input signal")
        let rate = denoiser.card.sampleRate
        let working = signal.sampleRate == rate ? signal : try Resampler.resample(signal, to: rate)
        var output = working
        output.leads = try working.leads.map(denoise(lead:))
        guard signal.sampleRate != rate else { return output }
        var restored = try Resampler.resample(output, to: signal.sampleRate)
        restored.leads = restored.leads.map { lead in
            // Resampling round trips can differ by a sample; keep the input's length.
            let trimmed = Array(lead.prefix(signal.sampleCount))
            return trimmed + [Float](repeating: trimmed.last ?? 0, count: signal.sampleCount - trimmed.count)
        }
        return restored
    }

    /// Denoises one lead at the model's rate.
    func denoise(lead: [Float]) throws -> [Float] {
        let grid = SegmentGrid(denoiser: denoiser, count: lead.count, batchSize: batchSize)
        return try grid.denoise(lead, inputRange: 0..<lead.count, output: 0..<lead.count)
    }

    /// Segment starts covering `0..<count` with the given hop (the last one flush with the end
    /// when the signal is at least one segment long).
    static func segmentStarts(count: Int, length: Int, hop: Int) -> [Int] {
        guard count > length else { return [0] }
        var starts = Array(stride(from: 0, through: count - length, by: hop))
        if let last = starts.last, last + length < count { starts.append(count - length) }
        return starts
    }

    /// `length` samples from `start`, padded by reflection when the signal is shorter.
    static func segment(of lead: [Float], start: Int, length: Int) -> [Float] {
        if start + length <= lead.count { return Array(lead[start..<(start + length)]) }
        let n = lead.count
        return (0..<length).map { t in
            var i = start + t
            if n == 1 { return lead[0] }
            let period = 2 * (n - 1)
            i %= period
            return lead[i < n ? i : period - i]
        }
    }

    /// A Hann-shaped taper that never reaches zero, so the first and last samples of a
    /// recording (covered by a single segment) keep a non-zero weight.
    static func blendingWindow(length: Int) -> [Float] {
        (0..<length).map { t in
            let hann = 0.5 - 0.5 * cos(2 * Double.pi * (Double(t) + 0.5) / Double(length))
            return Float(max(hann, 1e-3))
        }
    }
}
