import Foundation

/// Bluestein's chirp-z algorithm: a DFT of any length `n` as a circular convolution of
/// length `m = 2^⌈log₂(2n − 1)⌉`, computed with ``Radix2FFT``.
///
/// With `nk = (n² + k² − (k − n)²) / 2`, `X[k] = w[k] · Σ (x[t]·w[t]) · conj(w[k − t])` where
/// `w[t] = e^{−iπt²/n}` (L. Bluestein, "A linear filtering approach to the computation of the
/// discrete Fourier transform", IEEE Trans. Audio Electroacoust. 18(4), 1970).
struct BluesteinFFT: Sendable {
    let count: Int
    private let inner: Radix2FFT
    /// The chirp `w[t] = e^{−iπt²/n}`.
    private let chirpReal: [Double]
    private let chirpImaginary: [Double]
    /// The transform of the convolution kernel `conj(w)`, wrapped to length `m`, pre-scaled by `1/m`.
    private let kernelReal: [Double]
    private let kernelImaginary: [Double]

    init(count: Int) {
        precondition(count > 0, "BluesteinFFT needs a positive length")
        self.count = count
        var m = 1
        while m < 2 * count - 1 { m *= 2 }
        inner = Radix2FFT(count: m)
        // t² mod 2n keeps the phase argument small (exact in integers) for long transforms.
        let period = 2 * count
        let angles = (0..<count).map { t -> Double in
            let square = t * t % period
            return Double.pi * Double(square) / Double(count)
        }
        chirpReal = angles.map { cos($0) }
        chirpImaginary = angles.map { -sin($0) }
        var kernel = SplitComplex(zeros: m)
        for t in 0..<count {
            kernel.real[t] = chirpReal[t]
            kernel.imaginary[t] = -chirpImaginary[t]
            if t > 0 {
                kernel.real[m - t] = chirpReal[t]
                kernel.imaginary[m - t] = -chirpImaginary[t]
            }
        }
        let inner = self.inner
        kernel.withUnsafeMutableParts { re, im in
            inner.transform(re, im)
            let scale = 1 / Double(m)
            for i in 0..<m { re[i] *= scale; im[i] *= scale }
        }
        kernelReal = kernel.real
        kernelImaginary = kernel.imaginary
    }

    /// The forward transform in place (`re`, `im` hold `count` values).
    func transform(_ re: UnsafeMutableBufferPointer<Double>, _ im: UnsafeMutableBufferPointer<Double>) {
        precondition(re.count == count && im.count == count, "BluesteinFFT: buffers must hold \(count) values")
        let m = inner.count
        let ar = UnsafeMutableBufferPointer<Double>.allocate(capacity: m)
        let ai = UnsafeMutableBufferPointer<Double>.allocate(capacity: m)
        defer { ar.deallocate(); ai.deallocate() }
        ar.initialize(repeating: 0)
        ai.initialize(repeating: 0)
        chirpReal.withUnsafeBufferPointer { wr in
            chirpImaginary.withUnsafeBufferPointer { wi in
                for t in 0..<count {
                    ar[t] = re[t] * wr[t] - im[t] * wi[t]
                    ai[t] = re[t] * wi[t] + im[t] * wr[t]
                }
                inner.transform(ar, ai)
                kernelReal.withUnsafeBufferPointer { kr in
                    kernelImaginary.withUnsafeBufferPointer { ki in
                        for i in 0..<m {
                            let r = ar[i] * kr[i] - ai[i] * ki[i]
                            ai[i] = ar[i] * ki[i] + ai[i] * kr[i]
                            ar[i] = r
                        }
                    }
                }
                // Inverse transform by swapping the parts; the 1/m is folded into the kernel.
                inner.transform(ai, ar)
                for k in 0..<count {
                    re[k] = ar[k] * wr[k] - ai[k] * wi[k]
                    im[k] = ar[k] * wi[k] + ai[k] * wr[k]
                }
            }
        }
    }
}
