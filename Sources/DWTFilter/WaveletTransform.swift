/// The multi-level discrete wavelet transform (Mallat's pyramid) with an orthonormal filter
/// bank and a boundary rule; ``reconstruct(_:)`` inverts ``decompose(_:levels:)`` exactly.
///
/// One level maps `x` to `a[i] = Σⱼ h[j]·x[2i+1−j]` and `d[i] = Σⱼ g[j]·x[2i+1−j]` (indices
/// outside the input follow ``BoundaryMode``) and inverts with `x[t] = Σᵢ a[i]·h[2i+1−t] + d[i]·g[2i+1−t]`:
/// the shifted filters form an orthonormal basis, and every coefficient that touches
/// `x[0..<n]` is kept, so the inverse is exact.
///
/// ```swift
/// let transform = WaveletTransform(wavelet: .sym8)
/// let bands = transform.decompose(samples, levels: 9)
/// let same = transform.reconstruct(bands)            // == samples up to rounding
/// ```
public struct WaveletTransform: Sendable {
    /// The analysis filters.
    public let filterBank: FilterBank
    /// The boundary rule of every level.
    public let boundary: BoundaryMode

    /// Creates a transform with `wavelet`'s filters.
    ///
    /// ```swift
    /// let transform = WaveletTransform(wavelet: .db4, boundary: .periodic)
    /// ```
    public init(wavelet: Wavelet, boundary: BoundaryMode = .symmetric) {
        self.init(filterBank: wavelet.filterBank, boundary: boundary)
    }

    /// Creates a transform with any orthonormal filter pair.
    public init(filterBank: FilterBank, boundary: BoundaryMode = .symmetric) {
        self.filterBank = filterBank
        self.boundary = boundary
    }

    /// Decomposes `signal` (≥ 1 sample) over up to `levels` levels. It stops early once a level
    /// would no longer shrink the approximation (about `L − 1` coefficients in symmetric mode,
    /// 1 in periodic mode), so ``WaveletDecomposition/levels`` may be smaller than asked.
    ///
    /// ```swift
    /// let bands = WaveletTransform(wavelet: .sym8).decompose(x, levels: 4)
    /// ```
    public func decompose(_ signal: [Double], levels: Int) -> WaveletDecomposition {
        precondition(!signal.isEmpty, "cannot decompose an empty signal")
        var approximation = signal, details: [[Double]] = [], lengths: [Int] = []
        for _ in 0..<max(0, levels) {
            let n = approximation.count
            let half = boundary.coefficientCount(forLength: n, filterLength: filterBank.length)
            guard half < n else { break }
            var low = [Double](repeating: 0, count: half), high = low
            approximation.withUnsafeBufferPointer { x in
                low.withUnsafeMutableBufferPointer { a in
                    high.withUnsafeMutableBufferPointer { d in analyze(x, approximation: a, detail: d) }
                }
            }
            lengths.append(n)
            details.append(high)
            approximation = low
        }
        return WaveletDecomposition(details: details, approximation: approximation, inputLengths: lengths)
    }

    /// The signal whose decomposition is `bands` (after any change to the coefficients, the
    /// signal they describe).
    ///
    /// ```swift
    /// let x = transform.reconstruct(bands)
    /// ```
    public func reconstruct(_ bands: WaveletDecomposition) -> [Double] {
        var approximation = bands.approximation
        for level in stride(from: bands.levels - 1, through: 0, by: -1) {
            let detail = bands.details[level]
            precondition(detail.count == approximation.count, "level \(level + 1): band lengths differ")
            var output = [Double](repeating: 0, count: bands.inputLengths[level])
            approximation.withUnsafeBufferPointer { a in
                detail.withUnsafeBufferPointer { d in
                    output.withUnsafeMutableBufferPointer { synthesize(approximation: a, detail: d, into: $0) }
                }
            }
            approximation = output
        }
        return approximation
    }
}
