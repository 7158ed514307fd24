import DenoiserKit
import ECG
import Foundation

/// The frequency-domain baseline (zoo id `fft`): a zero-phase band-pass, by default
/// 0.67–40 Hz with raised-cosine edges (see ``FFTFilterConfig``), applied with an FFT of the
/// mirrored signal. No parameters are learnt; it works at any sampling rate.
///
/// ```swift
/// let filter = FFTFilter(configuration: FFTFilterConfig())
/// let clean = try filter.denoise(recording)    // whole leads, at the recording's own rate
/// ```
public final class FFTFilter: ClassicalModel {
    /// The zoo id.
    public static let id = "fft"

    /// The band and its edges.
    public let configuration: FFTFilterConfig

    /// What the zoo shows: id `fft`, family classical, 360 Hz and 512 samples for the segment
    /// path, no parameters.
    public let card: ModelCard

    /// Leads longer than this (samples) are filtered in overlapping blocks, which bounds memory
    /// and keeps the transforms radix-2; the result matches one whole-lead transform to ~1e-4
    /// of the signal's scale. Blocks are at least 32 s at the default edges (8/w margins).
    public var maximumBlockLength = 1 << 17

    /// Creates the filter.
    ///
    /// ```swift
    /// let filter = FFTFilter(configuration: FFTFilterConfig(highCutoff: 45))
    /// ```
    public init(configuration: FFTFilterConfig = FFTFilterConfig()) {
        self.configuration = configuration
        card = ModelCard(
            id: Self.id, family: .classical,
            summary: String(format: "Zero-phase FFT band-pass %g–%g Hz with raised-cosine edges",
                            configuration.lowCutoff, configuration.highCutoff),
            reference: "Classical FFT band-pass; monitoring band per Kligfield et al., Circulation 115:1306, 2007",
            sampleRate: 360, segmentLength: 512, parameterCount: 0)
    }

    /// Filters each `length`-sample segment on its own, at ``ModelCard/sampleRate`` (360 Hz).
    /// The output has no DC (the band starts above 0 Hz), so it stays mean-centred. A 512-sample
    /// segment (1.4 s) resolves 0.35 Hz steps, so the low edge acts on the segment's slowest
    /// trend; whole leads (``denoise(_:)``) separate wander from the ECG much better.
    ///
    /// ```swift
    /// let out = try filter.denoise(segments: noisy, length: 512)
    /// ```
    public func denoise(segments: [Float], length: Int) throws -> [Float] {
        try configuration.validate()
        let count = try validateSegments(segments, length: length)
        let filter = SpectralFilter(count: length, sampleRate: card.sampleRate, configuration: configuration)
        var output = [Float](repeating: 0, count: segments.count)
        segments.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { result in
                for s in 0..<count {
                    let range = (s * length)..<((s + 1) * length)
                    filter.apply(UnsafeBufferPointer(rebasing: input[range]),
                                 into: UnsafeMutableBufferPointer(rebasing: result[range]))
                }
            }
        }
        return output
    }

    /// Filters every lead whole, at the signal's own rate (no resampling, no segmenting, so
    /// drift slower than a segment is removed too; very long leads go in overlapping blocks, see
    /// ``maximumBlockLength``). Baseline and DC are removed: the output leads are centred on zero.
    /// An invalid signal (no samples, unequal leads, NaN) throws `ECGError`, as the default path does.
    ///
    /// ```swift
    /// let filtered = try FFTFilter().denoise(Signal(leads: [lead], sampleRate: 250))
    /// ```
    public func denoise(_ signal: Signal) throws -> Signal {
        try configuration.validate()
        try signal.validate(context: "input signal")
        let filter = BlockedFiltering(configuration: configuration, sampleRate: signal.sampleRate,
                                      maximumBlockLength: maximumBlockLength)
        var output = signal
        output.leads = signal.leads.map(filter.apply)
        return output
    }
}
