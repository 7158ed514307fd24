import Foundation

/// The iterative radix-2 Cooley–Tukey transform for a power-of-two length: a bit-reversal
/// permutation followed by log₂ n butterfly passes, in place, with a precomputed twiddle table.
struct Radix2FFT: Sendable {
    /// The transform length (a power of two).
    let count: Int
    /// `cos(2πk/n)` and `−sin(2πk/n)` for `k < n/2`: the forward twiddles `e^{−2πik/n}`.
    private let twiddleReal: [Double]
    private let twiddleImaginary: [Double]
    /// Index pairs `(i, j)`, `i < j`, swapped by the bit-reversal permutation.
    private let swaps: [(Int, Int)]

    init(count: Int) {
        precondition(count > 0 && count & (count - 1) == 0, "Radix2FFT needs a power-of-two length, got \(count)")
        self.count = count
        let half = count / 2
        twiddleReal = (0..<half).map { cos(2 * Double.pi * Double($0) / Double(count)) }
        twiddleImaginary = (0..<half).map { -sin(2 * Double.pi * Double($0) / Double(count)) }
        var swaps: [(Int, Int)] = []
        let bits = count.trailingZeroBitCount
        for i in 0..<count {
            var j = 0
            for b in 0..<bits where i & (1 << b) != 0 { j |= 1 << (bits - 1 - b) }
            if i < j { swaps.append((i, j)) }
        }
        self.swaps = swaps
    }

    /// The forward transform `X[k] = Σ x[t]·e^{−2πikt/n}` in place.
    ///
    /// The inverse (unnormalised) is the same call with the two parts swapped, since
    /// `swap(FFT(swap(x))) = n · IFFT(x)`.
    func transform(_ re: UnsafeMutableBufferPointer<Double>, _ im: UnsafeMutableBufferPointer<Double>) {
        precondition(re.count == count && im.count == count, "Radix2FFT: buffers must hold \(count) values")
        for (i, j) in swaps {
            re.swapAt(i, j)
            im.swapAt(i, j)
        }
        twiddleReal.withUnsafeBufferPointer { wr in
            twiddleImaginary.withUnsafeBufferPointer { wi in
                var size = 2
                while size <= count {
                    let half = size / 2, step = count / size
                    var start = 0
                    while start < count {
                        for k in 0..<half {
                            let a = start + k, b = a + half
                            let cr = wr[k * step], ci = wi[k * step]
                            let tr = re[b] * cr - im[b] * ci
                            let ti = re[b] * ci + im[b] * cr
                            re[b] = re[a] - tr
                            im[b] = im[a] - ti
                            re[a] += tr
                            im[a] += ti
                        }
                        start += size
                    }
                    size *= 2
                }
            }
        }
    }
}
