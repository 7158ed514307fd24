/// The band-pass applied to one block of `count` samples at one rate, planned once and reused.
///
/// The block is extended to its half-sample-symmetric mirror (`x₀ … xₙ₋₁ xₙ₋₁ … x₀`, period 2n),
/// which is continuous at both ends, so the circular FFT sees no jump there and the edges do not
/// ring; the spectrum is multiplied by the real gain (zero phase) and the first half kept.
struct SpectralFilter {
    let count: Int
    private let transform: RealFFT
    /// Gain of each bin `k` of the 2n-point transform, at `k · rate / 2n` Hz.
    private let gains: [Double]

    init(count: Int, sampleRate: Double, configuration: FFTFilterConfig) {
        self.count = count
        transform = RealFFT(count: 2 * count)
        let resolution = sampleRate / Double(2 * count)
        gains = (0..<transform.binCount).map { configuration.gain(at: Double($0) * resolution) }
    }

    /// Filters `x` (``count`` samples) into `y`.
    func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        let n = count, bins = transform.binCount
        let extended = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * n)
        let re = UnsafeMutableBufferPointer<Double>.allocate(capacity: bins)
        let im = UnsafeMutableBufferPointer<Double>.allocate(capacity: bins)
        defer { extended.deallocate(); re.deallocate(); im.deallocate() }
        for t in 0..<n {
            let value = Double(x[t])
            extended[t] = value
            extended[2 * n - 1 - t] = value
        }
        transform.forward(UnsafeBufferPointer(extended), real: re, imaginary: im)
        gains.withUnsafeBufferPointer { g in
            for k in 0..<bins {
                re[k] *= g[k]
                im[k] *= g[k]
            }
        }
        transform.inverse(real: UnsafeBufferPointer(re), imaginary: UnsafeBufferPointer(im), into: extended)
        for t in 0..<n { y[t] = Float(extended[t]) }
    }
}
