import Foundation

/// How ``DWTFilter`` picks the threshold for the detail coefficients.
///
/// ```swift
/// let config = DWTFilterConfig(threshold: .levelDependent)
/// ```
public enum ThresholdRule: String, Codable, CaseIterable, Sendable {
    /// Donoho–Johnstone's universal threshold (VisuShrink) for every level:
    /// `σ = median(|d₁|)/0.6745` from the finest details, `λ = σ·√(2 ln N)`.
    case universal
    /// The same formula with `σ` estimated per level from that level's details — for
    /// coloured noise, whose strength differs between bands.
    case levelDependent
    /// BayesShrink (Chang, Yu & Vetterli, IEEE Trans. Image Process. 9(9), 2000): `σ` from the
    /// finest details as for ``universal``, and for each level `λ = σ²/σₓ`, where
    /// `σₓ² = max(mean(d²) − σ², 0)` is that level's signal variance — a level that is mostly
    /// signal is barely shrunk, one that is all noise is zeroed.
    case bayes
    /// No thresholding (only the baseline step, if enabled).
    case none
}

/// Wavelet shrinkage (D. L. Donoho & I. M. Johnstone, "Ideal spatial adaptation by wavelet
/// shrinkage", Biometrika 81(3), 1994; Donoho, "De-noising by soft-thresholding", IEEE Trans.
/// Inf. Theory 41(3), 1995): a robust noise estimate, the universal threshold, soft thresholding.
///
/// ```swift
/// let sigma = WaveletShrinkage.noiseLevel(bands.details[0])
/// let lambda = WaveletShrinkage.universalThreshold(noiseLevel: sigma, count: samples.count)
/// WaveletShrinkage.softThreshold(&bands.details[0], by: lambda)
/// ```
public enum WaveletShrinkage {
    /// The median absolute value divided by 0.6745 — the standard deviation of Gaussian noise
    /// estimated from mostly-noise coefficients (0.6745 is the normal distribution's
    /// 75th percentile, so it is exact for pure noise and robust to a few large signal terms).
    ///
    /// ```swift
    /// let sigma = WaveletShrinkage.noiseLevel(finestDetails)
    /// ```
    public static func noiseLevel(_ coefficients: [Double]) -> Double {
        medianMagnitude(coefficients) / 0.6745
    }

    /// ``noiseLevel(_:)`` of details gathered as `Float` (a long lead's, block by block).
    static func noiseLevel(_ coefficients: [Float]) -> Double {
        medianMagnitude(coefficients) / 0.6745
    }

    /// The median of `|c|` (0 for no coefficients), sorted in the coefficients' own precision.
    private static func medianMagnitude<Coefficient: BinaryFloatingPoint>(_ coefficients: [Coefficient]) -> Double {
        guard !coefficients.isEmpty else { return 0 }
        let magnitudes = coefficients.map { abs($0) }.sorted()
        let middle = magnitudes.count / 2
        return magnitudes.count % 2 == 1
            ? Double(magnitudes[middle]) : (Double(magnitudes[middle - 1]) + Double(magnitudes[middle])) / 2
    }

    /// `σ·√(2 ln N)`: with high probability above every coefficient of `N` samples of pure noise.
    ///
    /// ```swift
    /// WaveletShrinkage.universalThreshold(noiseLevel: 1, count: 512)   // ≈ 3.53
    /// ```
    public static func universalThreshold(noiseLevel sigma: Double, count: Int) -> Double {
        sigma * (2 * log(Double(max(count, 1)))).squareRoot()
    }

    /// BayesShrink's threshold for one level, `σ²/σₓ` with `σₓ² = max(mean(d²) − σ², 0)` the
    /// variance the level holds beyond the noise; when it holds none, the largest magnitude (the
    /// whole level is taken to be noise and vanishes under soft thresholding).
    ///
    /// ```swift
    /// WaveletShrinkage.bayesThreshold(details, noiseLevel: 1)   // 0.5 when mean(d²) = 5
    /// ```
    public static func bayesThreshold(_ details: [Double], noiseLevel sigma: Double) -> Double {
        guard !details.isEmpty else { return 0 }
        return bayesThreshold(meanSquare: details.reduce(0) { $0 + $1 * $1 } / Double(details.count),
                              largestMagnitude: details.reduce(0) { max($0, abs($1)) }, noiseLevel: sigma)
    }

    /// ``bayesThreshold(_:noiseLevel:)`` from a level's mean square and largest magnitude, for
    /// a level too long to hold (they can be accumulated block by block).
    ///
    /// ```swift
    /// WaveletShrinkage.bayesThreshold(meanSquare: 5, largestMagnitude: 4, noiseLevel: 1)   // 0.5
    /// ```
    public static func bayesThreshold(meanSquare: Double, largestMagnitude: Double, noiseLevel sigma: Double) -> Double {
        let signalVariance = meanSquare - sigma * sigma
        guard signalVariance > 0 else { return largestMagnitude }
        return sigma * sigma / signalVariance.squareRoot()
    }

    /// Hard thresholding in place: `c` where `|c| > λ`, else 0 — large coefficients are kept
    /// exactly, at the price of a jump at `±λ`.
    ///
    /// ```swift
    /// WaveletShrinkage.hardThreshold(&details, by: 0.1)
    /// ```
    public static func hardThreshold(_ coefficients: inout [Double], by lambda: Double) {
        coefficients.withUnsafeMutableBufferPointer { c in
            for i in 0..<c.count where abs(c[i]) <= lambda { c[i] = 0 }
        }
    }

    /// Non-negative garrote in place (H.-Y. Gao, "Wavelet shrinkage denoising using the
    /// non-negative garrote", J. Comput. Graph. Stat. 7(4), 1998): `c − λ²/c` where `|c| > λ`,
    /// else 0 — continuous like soft thresholding, but the shrinkage `λ²/|c|` fades for large
    /// coefficients, so a QRS complex keeps its height.
    ///
    /// ```swift
    /// WaveletShrinkage.garrote(&details, by: 0.1)
    /// ```
    public static func garrote(_ coefficients: inout [Double], by lambda: Double) {
        let square = lambda * lambda
        coefficients.withUnsafeMutableBufferPointer { c in
            for i in 0..<c.count {
                c[i] = abs(c[i]) > lambda ? c[i] - square / c[i] : 0
            }
        }
    }

    /// Soft thresholding in place: `sign(c)·max(|c| − λ, 0)` — small coefficients vanish,
    /// large ones shrink by `λ`, with no jump at `±λ`.
    ///
    /// ```swift
    /// WaveletShrinkage.softThreshold(&details, by: 0.1)
    /// ```
    public static func softThreshold(_ coefficients: inout [Double], by lambda: Double) {
        coefficients.withUnsafeMutableBufferPointer { c in
            for i in 0..<c.count {
                let magnitude = abs(c[i]) - lambda
                c[i] = magnitude > 0 ? (c[i] < 0 ? -magnitude : magnitude) : 0
            }
        }
    }
}
