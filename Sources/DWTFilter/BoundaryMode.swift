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
    /// Whole-sample point reflection about each end (`… 2x₀−x₂ 2x₀−x₁ | x₀ x₁ … xₙ₋₁ |
    /// 2xₙ₋₁−xₙ₋₂ …`, PyWavelets' "antireflect"): the extension continues the signal's level
    /// *and* slope at each end, so a drifting baseline runs on instead of folding back into a
    /// cusp. Band lengths as in ``symmetric``.
    case antireflect

    /// Coefficients per band when a level transforms `count` samples with a `filterLength`-tap filter.
    ///
    /// ```swift
    /// BoundaryMode.symmetric.coefficientCount(forLength: 512, filterLength: 16)   // 263
    /// ```
    public func coefficientCount(forLength count: Int, filterLength: Int) -> Int {
        switch self {
        case .symmetric, .antireflect: return (count + filterLength - 1) / 2
        case .periodic: return (count + 1) / 2
        }
    }

    /// The value the extended input has at (possibly out-of-range) index `t` of `x`.
    func value(at t: Int, in x: UnsafeBufferPointer<Double>) -> Double {
        let count = x.count
        switch self {
        case .symmetric:
            // Half-sample symmetry has period 2n: fold into 0..<2n, then mirror the upper half.
            let period = 2 * count
            let u = ((t % period) + period) % period
            return x[u < count ? u : period - 1 - u]
        case .periodic:
            let period = count + count % 2
            let u = ((t % period) + period) % period
            return x[min(u, count - 1)]   // index n of an odd input is the repeated last sample
        case .antireflect:
            let last = count - 1
            guard last > 0 else { return x[0] }
            // Reflect about the nearer end until inside; each reflection adds twice that end's value.
            var index = t, sign = 1.0, offset = 0.0
            while index < 0 || index > last {
                let end = index < 0 ? 0 : last
                offset += sign * 2 * x[end]
                sign = -sign
                index = 2 * end - index
            }
            return offset + sign * x[index]
        }
    }
}
