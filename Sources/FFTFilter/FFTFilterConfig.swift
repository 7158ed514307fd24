import DenoiserKit
import Layers

/// The settings of ``FFTFilter``: a zero-phase band-pass with raised-cosine edges.
///
/// Defaults and why:
/// - **0.67 Hz low cut-off.** Baseline wander (respiration ≈ 0.15–0.3 Hz, electrode and body
///   motion) lies mostly below it, while the heart-rate fundamental stays above 0.67 Hz
///   (40 bpm). The AHA/ACCF/HRS recommendations (Kligfield et al., Circulation 115:1306,
///   2007) ask for 0.05 Hz in diagnostic recording but accept up to 0.67 Hz for filters with
///   zero phase, which this one is. On the validation records 0.67 Hz removes 0.45 dB more
///   noise on emb than 0.5 Hz (docs/protocol.md, "The classical filters"); higher corners
///   score better still but cut into the heart rate.
/// - **40 Hz high cut-off.** Most QRS energy is in 5–25 Hz, P and T waves below 10 Hz;
///   above 40 Hz is mostly muscle (EMG) noise and 50/60 Hz mains. 40 Hz is the common
///   monitoring corner; it trims a little QRS peak amplitude, the price of the noise cut.
/// - **Raised-cosine edges** of 0.5 Hz (0.42–0.92 Hz) and 10 Hz (35–45 Hz), gain ½ at each
///   cut-off. A brick wall's impulse response is a slowly decaying sinc (Gibbs ringing around
///   every QRS); a cosine taper of width `w` makes it decay like `1/t³` beyond ≈ `1/w` seconds.
///   The low edge stays narrow so that heart rates from 55 bpm (0.92 Hz) pass untouched; the
///   high edge can be wide.
///
/// ```swift
/// let config = FFTFilterConfig(lowCutoff: 0.67, highCutoff: 40)
/// ```
public struct FFTFilterConfig: ModelConfiguration {
    /// Frequencies below this are removed (Hz; gain ½ exactly here). 0 keeps DC and drift.
    public var lowCutoff: Double
    /// Frequencies above this are removed (Hz; gain ½ exactly here).
    public var highCutoff: Double
    /// Width of the raised-cosine band centred on ``lowCutoff`` (Hz; 0 = brick wall).
    public var lowTransitionWidth: Double
    /// Width of the raised-cosine band centred on ``highCutoff`` (Hz; 0 = brick wall).
    public var highTransitionWidth: Double

    /// The documented defaults: 0.67–40 Hz, edges 0.5 Hz and 10 Hz wide.
    ///
    /// ```swift
    /// let config = FFTFilterConfig()
    /// ```
    public init() { self.init(lowCutoff: 0.67) }

    /// Creates a configuration; omitted values take the defaults.
    ///
    /// ```swift
    /// let wide = FFTFilterConfig(highCutoff: 100, highTransitionWidth: 20)
    /// ```
    public init(lowCutoff: Double = 0.67, highCutoff: Double = 40,
                lowTransitionWidth: Double = 0.5, highTransitionWidth: Double = 10) {
        self.lowCutoff = lowCutoff
        self.highCutoff = highCutoff
        self.lowTransitionWidth = lowTransitionWidth
        self.highTransitionWidth = highTransitionWidth
    }

    /// Decodes from JSON; missing keys take the defaults (`{"highCutoff": 45}` is enough).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = FFTFilterConfig()
        lowCutoff = try container.decodeIfPresent(Double.self, forKey: .lowCutoff) ?? defaults.lowCutoff
        highCutoff = try container.decodeIfPresent(Double.self, forKey: .highCutoff) ?? defaults.highCutoff
        lowTransitionWidth = try container.decodeIfPresent(Double.self, forKey: .lowTransitionWidth)
            ?? defaults.lowTransitionWidth
        highTransitionWidth = try container.decodeIfPresent(Double.self, forKey: .highTransitionWidth)
            ?? defaults.highTransitionWidth
    }

    /// Throws `ZooError.invalidConfiguration` unless the values are finite, non-negative, and
    /// the pass band is not empty (`lowCutoff < highCutoff`).
    ///
    /// ```swift
    /// try FFTFilterConfig(lowCutoff: 50, highCutoff: 40).validate()   // throws
    /// ```
    public func validate() throws {
        let values = [lowCutoff, highCutoff, lowTransitionWidth, highTransitionWidth]
        guard values.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw ZooError.invalidConfiguration(model: "fft", reason: "cut-offs and widths must be finite and ≥ 0, got \(self)")
        }
        guard lowCutoff < highCutoff else {
            throw ZooError.invalidConfiguration(
                model: "fft", reason: "the pass band is empty: low cut-off \(lowCutoff) Hz ≥ high cut-off \(highCutoff) Hz")
        }
    }
}
