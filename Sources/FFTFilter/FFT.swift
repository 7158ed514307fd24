/// A discrete Fourier transform of a fixed length: radix-2 Cooley–Tukey when the length is a
/// power of two, Bluestein's chirp-z algorithm otherwise, so every length costs O(n log n).
///
/// Conventions: `forward` computes `X[k] = Σ x[t]·e^{−2πikt/n}` (no scaling) and `inverse`
/// computes `x[t] = (1/n) Σ X[k]·e^{+2πikt/n}`, so `inverse(forward(x)) == x`.
///
/// ```swift
/// let fft = FFT(count: 1000)
/// let spectrum = fft.forward(SplitComplex(real: samples))
/// let back = fft.inverse(spectrum)            // ≈ samples
/// ```
public struct FFT: Sendable {
    private enum Algorithm: Sendable {
        case radix2(Radix2FFT)
        case bluestein(BluesteinFFT)
    }

    /// The transform length.
    public let count: Int
    private let algorithm: Algorithm

    /// Plans a transform of `count` (≥ 1) points; reuse the plan for many transforms.
    ///
    /// ```swift
    /// let fft = FFT(count: 512)
    /// ```
    public init(count: Int) {
        precondition(count > 0, "FFT needs a positive length, got \(count)")
        self.count = count
        algorithm = count & (count - 1) == 0 ? .radix2(Radix2FFT(count: count)) : .bluestein(BluesteinFFT(count: count))
    }

    /// Whether the radix-2 path is used (the length is a power of two).
    public var isPowerOfTwo: Bool {
        if case .radix2 = algorithm { return true }
        return false
    }

    /// The spectrum of `signal` (which must hold ``count`` samples).
    ///
    /// ```swift
    /// let X = FFT(count: 8).forward(SplitComplex(real: x))
    /// ```
    public func forward(_ signal: SplitComplex) -> SplitComplex {
        var result = signal
        result.withUnsafeMutableParts { re, im in transform(re, im) }
        return result
    }

    /// The signal whose spectrum is `spectrum` (scaled by `1/n`).
    ///
    /// ```swift
    /// let x = FFT(count: 8).inverse(X)
    /// ```
    public func inverse(_ spectrum: SplitComplex) -> SplitComplex {
        var result = spectrum
        result.withUnsafeMutableParts { re, im in inverseTransform(re, im) }
        return result
    }

    /// The forward transform in place on raw buffers of ``count`` values each.
    ///
    /// ```swift
    /// fft.transform(realBuffer, imaginaryBuffer)
    /// ```
    public func transform(_ re: UnsafeMutableBufferPointer<Double>, _ im: UnsafeMutableBufferPointer<Double>) {
        precondition(re.count == count && im.count == count, "FFT: buffers must hold \(count) values")
        switch algorithm {
        case .radix2(let plan): plan.transform(re, im)
        case .bluestein(let plan): plan.transform(re, im)
        }
    }

    /// The inverse transform (including the `1/n`) in place on raw buffers.
    ///
    /// ```swift
    /// fft.inverseTransform(realBuffer, imaginaryBuffer)
    /// ```
    public func inverseTransform(_ re: UnsafeMutableBufferPointer<Double>, _ im: UnsafeMutableBufferPointer<Double>) {
        // swap(FFT(swap(X))) = n · IFFT(X): run the forward transform with the parts exchanged.
        transform(im, re)
        let scale = 1 / Double(count)
        for i in 0..<count {
            re[i] *= scale
            im[i] *= scale
        }
    }
}
