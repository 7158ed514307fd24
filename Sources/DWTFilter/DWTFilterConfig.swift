import DenoiserKit
import Foundation
import Layers

/// The settings of ``DWTFilter``.
///
/// Defaults and why (each checked on the validation records over the four noise types;
/// docs/protocol.md, "The classical filters"):
/// - **The stationary transform** (translation-invariant denoising, Coifman & Donoho 1995): the
///   decimated pyramid's result depends on where each beat falls on its dyadic grid, and
///   averaging over every grid position removes that. It scores 0.3–0.5 dB above the decimated
///   transform on every noise type, for about `levels` times the arithmetic (the 3-run emb test
///   evaluation takes 58 s instead of 14 s; far below a network's).
/// - **db4.** Daubechies 4 (8 taps): on the stationary transform it scores above sym8 on every
///   noise type (0.05–0.25 dB). Its asymmetry matters less there than in the decimated pyramid,
///   where sym8 (the least-asymmetric wavelet with 8 vanishing moments, so thresholding skews
///   QRS complexes least) scores higher: each band's synthesis is the time-reversed analysis,
///   and every shift of the grid is averaged.
/// - **Symmetric boundaries.** Mirroring avoids the jump a periodic wrap puts at the ends of
///   every segment, which thresholding would turn into edge artefacts. `antireflect` (point
///   reflection about the end sample) scores far lower on noisy segments: it doubles that one
///   sample's noise across the extension.
/// - **Universal soft threshold** (Donoho–Johnstone), the textbook rule: no tuning, noise
///   level estimated from the data. `levelDependent` and `bayes` (BayesShrink) score lower, and
///   so do the `hard` and `garrote` shrinkage functions: the stress-test noise is coloured, so
///   the coarse levels hold more noise than the finest one shows, and shrinking less leaves it.
/// - **Baseline removal at 0.67 Hz** — the same corner as the FFT filter's low cut-off (the
///   highest the AHA recommendations accept for zero-phase filtering; wander lies below, the
///   heart rate of 40 bpm and more above). At 360 Hz the nearest dyadic band edge is 0.70 Hz
///   (level 8). On the validation records this removes 1.2 dB more noise on emb than the band
///   edge below 0.5 Hz (0.35 Hz, level 9) did (docs/protocol.md, "The classical filters").
///
/// ```swift
/// let config = DWTFilterConfig(wavelet: .sym8, transform: .decimated)
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
    /// How a detail coefficient is shrunk at that threshold.
    public var shrinkage: ShrinkageFunction
    /// The decimated pyramid or the stationary (translation-invariant) transform.
    public var transform: TransformKind
    /// Whether the approximation band below ``baselineCutoff`` (baseline wander) is zeroed.
    public var removesBaseline: Bool
    /// The baseline band's upper edge (Hz): the approximation of the level `J` whose band edge
    /// `rate / 2^(J+1)` is nearest to it on a log scale is zeroed (see ``baselineLevel(sampleRate:)``).
    public var baselineCutoff: Double

    /// The documented defaults: db4, symmetric, automatic depth, universal soft threshold,
    /// stationary transform, baseline removal below 0.67 Hz.
    ///
    /// ```swift
    /// let config = DWTFilterConfig()
    /// ```
    public init() { self.init(wavelet: .db4) }

    /// Creates a configuration; omitted values take the defaults.
    ///
    /// ```swift
    /// let shallow = DWTFilterConfig(levels: 5, removesBaseline: false)
    /// ```
    public init(wavelet: Wavelet = .db4, boundary: BoundaryMode = .symmetric, levels: Int? = nil,
                threshold: ThresholdRule = .universal, shrinkage: ShrinkageFunction = .soft,
                transform: TransformKind = .stationary,
                removesBaseline: Bool = true, baselineCutoff: Double = 0.67) {
        self.wavelet = wavelet
        self.boundary = boundary
        self.levels = levels
        self.threshold = threshold
        self.shrinkage = shrinkage
        self.transform = transform
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
        shrinkage = try container.decodeIfPresent(ShrinkageFunction.self, forKey: .shrinkage) ?? defaults.shrinkage
        transform = try container.decodeIfPresent(TransformKind.self, forKey: .transform) ?? defaults.transform
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
        if transform == .stationary, boundary == .antireflect {
            throw ZooError.invalidConfiguration(
                model: "dwt", reason: "the stationary transform takes a symmetric or periodic boundary, not antireflect")
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
