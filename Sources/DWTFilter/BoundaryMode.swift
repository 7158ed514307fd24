/// How a transform level treats the samples beyond the ends of its input.
///
/// ```swift
/// let transform = WaveletTransform(wavelet: .sym8, boundary: .periodic)
/// ```
public enum BoundaryMode: String, Codable, CaseIterable, Sendable {
    /// Half-sample symmetric extension (`… x₁ x₀ | x₀ x₁ … xₙ₋₁ | xₙ₋₁ xₙ₋₂ …`, PyWavelets'
    /// "symmetric"): no jump at the ends, so no spurious edge coefficients. Each band gets
    /// `⌊(n + L − 1)/2⌋` coefficients (slightly redundant).
    case symmetric
    /// Periodisation: the input is treated as one period (an odd input is first padded by
    /// repeating its last sample). Exactly `⌈n/2⌉` coefficients per band — an orthogonal
    /// transform — but the wrap from end to start is a jump unless the signal is periodic.
    case periodic

    /// Coefficients per band when a level transforms `count` samples with a `filterLength`-tap filter.
    ///
    /// ```swift
    /// BoundaryMode.symmetric.coefficientCount(forLength: 512, filterLength: 16)   // 263
    /// ```
    public func coefficientCount(forLength count: Int, filterLength: Int) -> Int {
        switch self {
        case .symmetric: return (count + filterLength - 1) / 2
        case .periodic: return (count + 1) / 2
        }
    }

    /// The input index that stands in for (possibly out-of-range) index `t` of an input of
    /// `count` samples (`period` = the padded even length in periodic mode).
    func sourceIndex(_ t: Int, count: Int) -> Int {
        switch self {
        case .symmetric:
            // Half-sample symmetry has period 2n: fold into 0..<2n, then mirror the upper half.
            let period = 2 * count
            let u = ((t % period) + period) % period
            return u < count ? u : period - 1 - u
        case .periodic:
            let period = count + count % 2
            let u = ((t % period) + period) % period
            return min(u, count - 1)   // index n of an odd input is the repeated last sample
        }
    }
}
