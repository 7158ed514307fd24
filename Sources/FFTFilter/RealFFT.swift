import Foundation

/// The DFT of a real signal, returned as its non-redundant half: bins `0…n/2`
/// (the rest is the complex conjugate mirror, `X[n−k] = conj(X[k])`).
///
/// For even `n` the `n` real samples are packed into `n/2` complex ones
/// (`z[t] = x[2t] + i·x[2t+1]`), transformed at half length and untangled, which halves the work;
/// odd lengths go through the full complex ``FFT``.
///
/// ```swift
/// let rfft = RealFFT(count: 1024)
/// var spectrum = rfft.forward(samples)            // 513 bins
/// let back = rfft.inverse(spectrum)               // ≈ samples
/// ```
public struct RealFFT: Sendable {
    /// Real samples per transform.
    public let count: Int
    /// The transform the work is done with: length `n/2` for even `n`, `n` for odd `n`.
    private let inner: FFT
    /// `e^{−2πik/n}` for `k ≤ n/2` (even `n` only).
    private let twiddleReal: [Double]
    private let twiddleImaginary: [Double]

    /// Plans a transform of `count` (≥ 1) real samples.
    ///
    /// ```swift
    /// let rfft = RealFFT(count: 720)
    /// ```
    public init(count: Int) {
        precondition(count > 0, "RealFFT needs a positive length, got \(count)")
        self.count = count
        let packed = count % 2 == 0
        inner = FFT(count: packed ? count / 2 : count)
        let bins = packed ? count / 2 + 1 : 0
        twiddleReal = (0..<bins).map { cos(2 * Double.pi * Double($0) / Double(count)) }
        twiddleImaginary = (0..<bins).map { -sin(2 * Double.pi * Double($0) / Double(count)) }
    }

    /// Number of spectrum bins, `n/2 + 1` (rounded down).
    public var binCount: Int { count / 2 + 1 }

    /// Bins `0…n/2` of the spectrum of `signal` (``count`` samples).
    ///
    /// ```swift
    /// let X = RealFFT(count: 8).forward(x)
    /// ```
    public func forward(_ signal: [Double]) -> SplitComplex {
        precondition(signal.count == count, "RealFFT: expected \(count) samples, got \(signal.count)")
        var spectrum = SplitComplex(zeros: binCount)
        signal.withUnsafeBufferPointer { x in
            spectrum.withUnsafeMutableParts { re, im in forward(x, real: re, imaginary: im) }
        }
        return spectrum
    }

    /// The real signal whose half spectrum is `spectrum` (``binCount`` bins). As for any real
    /// signal, bin 0 (and bin `n/2` for even `n`) should have a zero imaginary part.
    ///
    /// ```swift
    /// let x = RealFFT(count: 8).inverse(X)
    /// ```
    public func inverse(_ spectrum: SplitComplex) -> [Double] {
        precondition(spectrum.count == binCount, "RealFFT: expected \(binCount) bins, got \(spectrum.count)")
        var signal = [Double](repeating: 0, count: count)
        spectrum.real.withUnsafeBufferPointer { re in
            spectrum.imaginary.withUnsafeBufferPointer { im in
                signal.withUnsafeMutableBufferPointer { inverse(real: re, imaginary: im, into: $0) }
            }
        }
        return signal
    }

    /// ``forward(_:)`` on raw buffers: `x` holds ``count`` samples, `re` and `im` ``binCount``.
    public func forward(_ x: UnsafeBufferPointer<Double>, real re: UnsafeMutableBufferPointer<Double>,
                        imaginary im: UnsafeMutableBufferPointer<Double>) {
        let m = inner.count
        let zr = UnsafeMutableBufferPointer<Double>.allocate(capacity: m)
        let zi = UnsafeMutableBufferPointer<Double>.allocate(capacity: m)
        defer { zr.deallocate(); zi.deallocate() }
        guard count % 2 == 0 else {
            for t in 0..<m { zr[t] = x[t]; zi[t] = 0 }
            inner.transform(zr, zi)
            for k in 0..<binCount { re[k] = zr[k]; im[k] = zi[k] }
            return
        }
        for t in 0..<m { zr[t] = x[2 * t]; zi[t] = x[2 * t + 1] }
        inner.transform(zr, zi)
        for k in 0...m {
            let a = k % m, b = (m - k) % m
            // Even-sample spectrum E = (Z[k] + conj Z[m−k]) / 2, odd-sample O = (Z[k] − conj Z[m−k]) / 2i.
            let er = (zr[a] + zr[b]) / 2, ei = (zi[a] - zi[b]) / 2
            let or = (zi[a] + zi[b]) / 2, oi = -(zr[a] - zr[b]) / 2
            let wr = twiddleReal[k], wi = twiddleImaginary[k]
            re[k] = er + wr * or - wi * oi
            im[k] = ei + wr * oi + wi * or
        }
    }

    /// ``inverse(_:)`` on raw buffers: `re`, `im` hold ``binCount`` bins, `x` receives ``count`` samples.
    public func inverse(real re: UnsafeBufferPointer<Double>, imaginary im: UnsafeBufferPointer<Double>,
                        into x: UnsafeMutableBufferPointer<Double>) {
        let m = inner.count
        let zr = UnsafeMutableBufferPointer<Double>.allocate(capacity: m)
        let zi = UnsafeMutableBufferPointer<Double>.allocate(capacity: m)
        defer { zr.deallocate(); zi.deallocate() }
        guard count % 2 == 0 else {
            // Rebuild the full Hermitian spectrum and transform back.
            zr[0] = re[0]; zi[0] = 0
            for k in 1..<binCount {
                zr[k] = re[k]; zi[k] = im[k]
                zr[m - k] = re[k]; zi[m - k] = -im[k]
            }
            inner.inverseTransform(zr, zi)
            for t in 0..<count { x[t] = zr[t] }
            return
        }
        twiddleReal.withUnsafeBufferPointer { twr in
            twiddleImaginary.withUnsafeBufferPointer { twi in
                for k in 0..<m {
                    // E = (X[k] + conj X[m−k]) / 2, O = (X[k] − conj X[m−k]) · conj(W^k) / 2, Z = E + iO.
                    let cr = re[m - k], ci = -im[m - k]
                    let er = (re[k] + cr) / 2, ei = (im[k] + ci) / 2
                    let dr = (re[k] - cr) / 2, di = (im[k] - ci) / 2
                    let wr = twr[k], wi = -twi[k]
                    let or = dr * wr - di * wi, oi = dr * wi + di * wr
                    zr[k] = er - oi
                    zi[k] = ei + or
                }
            }
        }
        inner.inverseTransform(zr, zi)
        for t in 0..<m { x[2 * t] = zr[t]; x[2 * t + 1] = zi[t] }
    }
}
