/// The stationary (undecimated, "à trous") wavelet transform of one period of a periodic
/// signal: every level keeps all `P` samples, and level `j` uses the filters with `2^(j−1) − 1`
/// zeros between taps. Thresholding it is translation-invariant denoising (R. R. Coifman &
/// D. L. Donoho, "Translation-invariant de-noising", Wavelets and Statistics, Springer 1995;
/// G. P. Nason & B. W. Silverman, "The stationary wavelet transform and some statistical
/// applications", same volume): the average of decimated-transform denoising over every shift
/// of the dyadic grid, without the block artefacts of any one grid.
///
/// Level `j` maps `a` to `a′[t] = Σₖ h[k]·a[t − k·s]` and `d[t] = Σₖ g[k]·a[t − k·s]`
/// (`s = 2^(j−1)`, indices modulo `P`). For an orthonormal pair `HᵀH + GᵀG = 2I`, so
/// ``reconstruct(_:)`` inverts exactly with `a[t] = ½ Σₖ (h[k]·a′[t + k·s] + g[k]·d[t + k·s])`.
/// With orthonormal filters white noise of deviation `σ` has deviation `σ` in every band, as in
/// the decimated transform, so the same thresholds apply.
///
/// ```swift
/// let transform = StationaryWaveletTransform(wavelet: .sym8)
/// let bands = transform.decompose(period, levels: 8)
/// let same = transform.reconstruct(bands)            // == period up to rounding
/// ```
public struct StationaryWaveletTransform: Sendable {
    /// The analysis filters.
    public let filterBank: FilterBank

    /// Creates a transform with `wavelet`'s filters.
    public init(wavelet: Wavelet) {
        filterBank = wavelet.filterBank
    }

    /// Decomposes one period (≥ 1 sample) over `levels` levels; every band is as long as the
    /// period (``WaveletDecomposition/inputLengths`` repeats it).
    ///
    /// ```swift
    /// let bands = StationaryWaveletTransform(wavelet: .sym8).decompose(x, levels: 4)
    /// ```
    public func decompose(_ period: [Double], levels: Int) -> WaveletDecomposition {
        precondition(!period.isEmpty, "cannot decompose an empty signal")
        let count = period.count, taps = filterBank.length
        var approximation = period, details: [[Double]] = []
        for level in 0..<max(0, levels) {
            let step = Self.step(level: level, period: count)
            var low = [Double](repeating: 0, count: count), high = low
            for t in 0..<count {
                var a = 0.0, d = 0.0
                var index = t
                for k in 0..<taps {
                    let value = approximation[index]
                    a += filterBank.lowPass[k] * value
                    d += filterBank.highPass[k] * value
                    index -= step
                    if index < 0 { index += count }
                }
                low[t] = a
                high[t] = d
            }
            details.append(high)
            approximation = low
        }
        return WaveletDecomposition(details: details, approximation: approximation,
                                    inputLengths: [Int](repeating: count, count: details.count))
    }

    /// The period whose decomposition is `bands` (after any change to the coefficients, the
    /// signal they describe best in the least-squares sense).
    ///
    /// ```swift
    /// let x = transform.reconstruct(bands)
    /// ```
    public func reconstruct(_ bands: WaveletDecomposition) -> [Double] {
        let count = bands.approximation.count, taps = filterBank.length
        var approximation = bands.approximation
        for level in stride(from: bands.levels - 1, through: 0, by: -1) {
            let detail = bands.details[level]
            precondition(detail.count == count, "level \(level + 1): band lengths differ")
            let step = Self.step(level: level, period: count)
            var output = [Double](repeating: 0, count: count)
            for t in 0..<count {
                var sum = 0.0
                var index = t
                for k in 0..<taps {
                    sum += filterBank.lowPass[k] * approximation[index] + filterBank.highPass[k] * detail[index]
                    index += step
                    if index >= count { index -= count }
                }
                output[t] = 0.5 * sum
            }
            approximation = output
        }
        return approximation
    }

    /// The tap spacing `2^level` of 0-based `level`, reduced modulo the period.
    private static func step(level: Int, period: Int) -> Int {
        var step = 1 % period
        for _ in 0..<level { step = (2 * step) % period }
        return step
    }
}
