import FFTFilter
import Foundation
import Random
import Testing

/// The reference: `X[k] = Σ x[t]·e^{−2πikt/n}` summed directly, O(n²), with the angle reduced
/// modulo n in integers so it stays exact for long inputs.
func naiveDFT(_ x: SplitComplex) -> SplitComplex {
    let n = x.count
    var result = SplitComplex(zeros: n)
    for k in 0..<n {
        var sr = 0.0, si = 0.0
        for t in 0..<n {
            let angle = -2 * Double.pi * Double(k * t % n) / Double(n)
            let c = cos(angle), s = sin(angle)
            sr += x.real[t] * c - x.imaginary[t] * s
            si += x.real[t] * s + x.imaginary[t] * c
        }
        result.real[k] = sr
        result.imaginary[k] = si
    }
    return result
}

/// Gaussian test values.
func randomValues(_ count: Int, seed: UInt64) -> [Double] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in rng.normal() }
}

/// Largest absolute difference over both parts.
func maxDifference(_ a: SplitComplex, _ b: SplitComplex) -> Double {
    precondition(a.count == b.count)
    var worst = 0.0
    for i in 0..<a.count {
        worst = max(worst, abs(a.real[i] - b.real[i]), abs(a.imaginary[i] - b.imaginary[i]))
    }
    return worst
}

@Suite("FFT against the naive DFT")
struct FFTTests {
    static let lengths = [1, 2, 3, 8, 31, 360, 512, 1000, 1024]

    @Test("complex forward transform matches the DFT", arguments: lengths)
    func forwardMatchesDFT(count: Int) {
        let x = SplitComplex(real: randomValues(count, seed: 1), imaginary: randomValues(count, seed: 2))
        let fft = FFT(count: count)
        #expect(fft.isPowerOfTwo == (count & (count - 1) == 0))
        let error = maxDifference(fft.forward(x), naiveDFT(x))
        // The DFT's own rounding grows like √n·ε·‖x‖; 1e-9 leaves ample room and catches any bug.
        #expect(error < 1e-9 * Double(count), "n = \(count): max error \(error)")
    }

    @Test("inverse(forward(x)) returns x", arguments: lengths + [650_000 / 25])
    func roundTrip(count: Int) {
        let x = SplitComplex(real: randomValues(count, seed: 3), imaginary: randomValues(count, seed: 4))
        let fft = FFT(count: count)
        let error = maxDifference(fft.inverse(fft.forward(x)), x)
        #expect(error < 1e-10, "n = \(count): round-trip error \(error)")
    }

    @Test("real-input transform matches the DFT's first n/2 + 1 bins", arguments: lengths + [7, 720])
    func realMatchesDFT(count: Int) {
        let x = randomValues(count, seed: 5)
        let rfft = RealFFT(count: count)
        let half = rfft.forward(x)
        #expect(half.count == count / 2 + 1)
        let full = naiveDFT(SplitComplex(real: x))
        let reference = SplitComplex(real: Array(full.real.prefix(half.count)),
                                     imaginary: Array(full.imaginary.prefix(half.count)))
        let error = maxDifference(half, reference)
        #expect(error < 1e-9 * Double(count), "n = \(count): max error \(error)")
        let back = rfft.inverse(half)
        let roundTrip = zip(back, x).map { abs($0 - $1) }.max() ?? 0
        #expect(roundTrip < 1e-10, "n = \(count): real round-trip error \(roundTrip)")
    }

    @Test("an impulse has a flat spectrum and a pure tone a single bin")
    func knownSpectra() {
        var impulse = SplitComplex(zeros: 360)
        impulse.real[0] = 1
        let flat = FFT(count: 360).forward(impulse)
        #expect(flat.real.allSatisfy { abs($0 - 1) < 1e-12 } && flat.imaginary.allSatisfy { abs($0) < 1e-12 })

        let n = 1000, bin = 37
        let tone = (0..<n).map { cos(2 * Double.pi * Double(bin * $0) / Double(n)) }
        let spectrum = RealFFT(count: n).forward(tone)
        for k in 0..<spectrum.count {
            let magnitude = hypot(spectrum.real[k], spectrum.imaginary[k])
            #expect(abs(magnitude - (k == bin ? Double(n) / 2 : 0)) < 1e-8, "bin \(k): \(magnitude)")
        }
    }
}
