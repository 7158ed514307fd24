import DenoiserKit
import ECG

/// The wavelet baseline (zoo id `dwt`): a multi-level wavelet transform (by default the
/// stationary, translation-invariant one with db4), Donoho–Johnstone universal soft
/// thresholding of the details, and the approximation band below 0.67 Hz zeroed to remove
/// baseline wander (see ``DWTFilterConfig``). No parameters are learnt; it works at any
/// sampling rate.
///
/// ```swift
/// let filter = DWTFilter(configuration: DWTFilterConfig())
/// let clean = try filter.denoise(recording)    // whole leads, at the recording's own rate
/// ```
public final class DWTFilter: ClassicalModel {
    /// The zoo id.
    public static let id = "dwt"

    /// Wavelet, transform, depth, threshold rule, shrinkage and baseline step.
    public let configuration: DWTFilterConfig

    /// What the zoo shows: id `dwt`, family classical, 360 Hz and 512 samples for the segment
    /// path, no parameters.
    public let card: ModelCard

    /// Creates the filter.
    ///
    /// ```swift
    /// let filter = DWTFilter(configuration: DWTFilterConfig(wavelet: .db4))
    /// ```
    public init(configuration: DWTFilterConfig = DWTFilterConfig()) {
        self.configuration = configuration
        let baseline = configuration.removesBaseline ? ", baseline below \(configuration.baselineCutoff) Hz removed" : ""
        card = ModelCard(
            id: Self.id, family: .classical,
            summary: "\(configuration.wavelet.rawValue) \(configuration.transform.rawValue) DWT, "
                + "\(configuration.threshold.rawValue) \(configuration.shrinkage.rawValue) threshold\(baseline)",
            reference: "Donoho & Johnstone, Biometrika 81(3), 1994; Donoho, IEEE Trans. Inf. Theory 41(3), 1995; "
                + "Coifman & Donoho, Translation-invariant de-noising, 1995",
            sampleRate: 360, segmentLength: 512, parameterCount: 0)
    }

    /// Denoises each `length`-sample segment on its own, at ``ModelCard/sampleRate`` (360 Hz).
    /// The threshold is estimated per segment. A 512-sample segment (1.4 s) hardly resolves the
    /// band below 0.7 Hz, so the baseline step removes the segment's mean and slow trend (also
    /// some of a clean trace's power); whole leads (``denoise(_:)``) do better.
    ///
    /// ```swift
    /// let out = try filter.denoise(segments: noisy, length: 512)
    /// ```
    public func denoise(segments: [Float], length: Int) throws -> [Float] {
        try configuration.validate()
        let count = try validateSegments(segments, length: length)
        let lead = LeadDenoiser(configuration: configuration, sampleRate: card.sampleRate)
        var output: [Float] = []
        output.reserveCapacity(segments.count)
        for s in 0..<count {
            let segment = segments[(s * length)..<((s + 1) * length)].map(Double.init)
            output += lead.denoise(segment).map(Float.init)
        }
        return output
    }

    /// Denoises every lead whole, at the signal's own rate (no resampling, no segmenting), with
    /// one threshold per lead. With baseline removal on, the output leads are centred on zero.
    /// Memory: a few `Double` copies of the longest lead. The stationary transform works on
    /// twice the lead (the mirrored period); a lead longer than 2¹⁷ samples goes through it in
    /// blocks, so its bands never exist whole (the finest level's details, every level's with
    /// ``ThresholdRule/levelDependent``, are kept as `Float` for the noise estimate). A 24-hour two-lead record at 360 Hz peaks at about 1.5 GB either way
    /// (docs/performance.md, "Classical filters").
    /// An invalid signal (no samples, unequal leads, NaN) throws `ECGError`, as the default path does.
    ///
    /// ```swift
    /// let filtered = try DWTFilter().denoise(Signal(leads: [lead], sampleRate: 500))
    /// ```
    public func denoise(_ signal: Signal) throws -> Signal {
        try configuration.validate()
        try signal.validate(context: "input signal")
        let lead = LeadDenoiser(configuration: configuration, sampleRate: signal.sampleRate)
        var output = signal
        output.leads = signal.leads.map { samples in lead.denoise(samples.map(Double.init)).map(Float.init) }
        return output
    }
}
