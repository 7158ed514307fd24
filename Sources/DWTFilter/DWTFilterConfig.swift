import DenoiserKit
import Foundation
import Layers

/// The settings of ``DWTFilter``.
///
/// Defaults and why:
/// - **sym8.** The least-asymmetric Daubechies wavelet with 8 vanishing moments: nearly linear
///   phase, so thresholding does not shift or skew QRS complexes, and the smooth P and T waves
///   and isoelectric stretches (locally polynomial) give near-zero details, so the threshold
///   mostly hits noise. `db4` is available for comparison (shorter, asymmetric).
/// - **Symmetric boundaries.** Mirroring avoids the jump a periodic wrap puts at the ends of
///   every segment, which thresholding would turn into edge artefacts. `antireflect` (point
///   reflection about the end sample) scores far lower on noisy segments: it doubles that one
///   sample's noise across the extension (docs/protocol.md, "The classical filters").
/// - **Universal soft threshold** (Donoho–Johnstone), the textbook rule: no tuning, noise
///   level estimated from the data. `levelDependent` and `bayes` (BayesShrink) score lower on
///   the validation records over the four noise types (docs/protocol.md, "The classical filters").
/// - **Baseline removal at 0.67 Hz** — the same corner as the FFT filter's low cut-off (the
///   highest the AHA recommendations accept for zero-phase filtering; wander lies below, the
///   heart rate of 40 bpm and more above). At 360 Hz the nearest dyadic band edge is 0.70 Hz
///   (level 8). On the validation records this removes 1.2 dB more noise on emb than the band
///   edge below 0.5 Hz (0.35 Hz, level 9) did (docs/protocol.md, "The classical filters").
///
/// ```swift
/// let config = DWTFilterConfig(wavelet: .db4, threshold: .levelDependent)
/// ```
public struct DWTFilterConfig: ModelConfiguration {
    /// The wavelet.
    public var wavelet: Wavelet
    /// How each level extends its input at the ends.
    public var boundary: BoundaryMode
    /// Decomposition depth. `nil`: just deep enough that the approximation is the baseline band
    /// of ``baselineCutoff`` at the signal's rate (8 levels at 360 Hz). All detail levels are
    /// thresholded. With baseline removal on, the depth is at least that baseline level.
    public var levels: Int?
    /// How the detail threshold is chosen.
    public var threshold: ThresholdRule
    /// Whether the approximation band below ``baselineCutoff`` (baseline wander) is zeroed.
    public var removesBaseline: Bool
    /// The baseline band's upper edge (Hz): the approximation of the level `J` whose band edge
    /// `rate / 2^(J+1)` is nearest to it on a log scale is zeroed (see ``baselineLevel(sampleRate:)``).
    public var baselineCutoff: Double

    /// The documented defaults: sym8, symmetric, automatic depth, universal threshold,
    /// baseline removal below 0.67 Hz.
    ///
    /// ```swift
    /// let config = DWTFilterConfig()
    /// ```
    public init() { self.init(wavelet: .sym8) }

    /// Creates a configuration; omitted values take the defaults.
    ///
    /// ```swift
    /// let shallow = DWTFilterConfig(levels: 5, removesBaseline: false)
    /// ```
    public init(wavelet: Wavelet = .sym8, boundary: BoundaryMode = .symmetric, levels: Int? = nil,
                threshold: ThresholdRule = .universal, removesBaseline: Bool = true, baselineCutoff: Double = 0.67) {
        self.wavelet = wavelet
        self.boundary = boundary
        self.levels = levels
        self.threshold = threshold
        self.removesBaseline = removesBaseline
        self.baselineCutoff = baselineCutoff
    }

    /// Decodes from JSON; missing keys take the defaults (`{"wavelet": "db4"}` is enough).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = DWTFilterConfig()
        wavelet = try container.decodeIfPresent(Wavelet.self, forKey: .wavelet) ?? defaults.wavelet
        boundary = try container.decodeIfPresent(BoundaryMode.self, forKey: .boundary) ?? defaults.boundary
        levels = try container.decodeIfPresent(Int.self, forKey: .levels)
        threshold = try container.decodeIfPresent(ThresholdRule.self, forKey: .threshold) ?? defaults.threshold
        removesBaseline = try container.decodeIfPresent(Bool.self, forKey: .removesBaseline) ?? defaults.removesBaseline
        baselineCutoff = try container.decodeIfPresent(Double.self, forKey: .baselineCutoff) ?? defaults.baselineCutoff
    }

    /// Throws `ZooError.invalidConfiguration` for a depth below 1 or a cut-off that is not a
    /// positive finite frequency.
    ///
    /// ```swift
    /// try DWTFilterConfig(levels: 0).validate()   // throws
    /// ```
    public func validate() throws {
        if let levels, levels < 1 {
            throw ZooError.invalidConfiguration(model: "dwt", reason: "levels must be at least 1, got \(levels)")
        }
        guard baselineCutoff.isFinite, baselineCutoff > 0 else {
            throw ZooError.invalidConfiguration(
                model: "dwt", reason: "baselineCutoff must be a positive frequency, got \(baselineCutoff)")
        }
    }

    /// The level whose approximation band `0 … rate/2^(J+1)` ends nearest to ``baselineCutoff``
    /// (on a log scale: the band edges are an octave apart, so the chosen edge lies within a
    /// factor √2 of the cut-off).
    ///
    /// ```swift
    /// DWTFilterConfig().baselineLevel(sampleRate: 360)   // 8 (0–0.70 Hz)
    /// ```
    public func baselineLevel(sampleRate: Double) -> Int {
        let exact = log2(sampleRate / baselineCutoff) - 1   // the (fractional) level whose edge is the cut-off
        return min(max(Int(exact.rounded()), 1), 30)
    }
}
