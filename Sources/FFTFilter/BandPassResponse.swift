import Foundation

extension FFTFilterConfig {
    /// The filter's real, non-negative gain at `frequency` (Hz): 0 in the stop bands, 1 in the
    /// pass band, and a raised cosine `½ − ½·cos(π·(f − start)/width)` across each transition
    /// band (centred on its cut-off; a low band reaching below 0 Hz starts part-way up).
    /// A real gain means zero phase.
    ///
    /// ```swift
    /// FFTFilterConfig().gain(at: 10)    // 1
    /// FFTFilterConfig().gain(at: 0.67)  // 0.5
    /// ```
    public func gain(at frequency: Double) -> Double {
        let f = abs(frequency)
        let highPass = lowCutoff > 0 ? Self.rise(f, centre: lowCutoff, width: lowTransitionWidth) : 1
        let lowPass = 1 - Self.rise(f, centre: highCutoff, width: highTransitionWidth)
        return highPass * lowPass
    }

    /// A raised-cosine step from 0 (below `centre − width/2`) to 1 (above `centre + width/2`).
    static func rise(_ f: Double, centre: Double, width: Double) -> Double {
        guard width > 0 else { return f < centre ? 0 : (f == centre ? 0.5 : 1) }
        let start = centre - width / 2
        if f <= start { return 0 }
        if f >= centre + width / 2 { return 1 }
        return 0.5 - 0.5 * cos(Double.pi * (f - start) / width)
    }
}
