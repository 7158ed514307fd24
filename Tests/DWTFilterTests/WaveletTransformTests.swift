import DWTFilter
import Foundation
import Random
import Testing

/// Gaussian samples.
func gaussian(_ count: Int, seed: UInt64, sigma: Double = 1) -> [Double] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in sigma * rng.normal() }
}

@Suite("Wavelet transform")
struct WaveletTransformTests {
    /// The published sym8 values satisfy the conditions to about 2e-12 (Σg), db4 to 1e-16.
    @Test("filters are orthonormal: Σh = √2, Σh² = 1, even shifts orthogonal, g ⟂ h", arguments: Wavelet.allCases)
    func orthonormalFilters(wavelet: Wavelet) {
        let bank = wavelet.filterBank
        let h = bank.lowPass, g = bank.highPass
        #expect(abs(h.reduce(0, +) - 2.0.squareRoot()) < 1e-10 && abs(g.reduce(0, +)) < 1e-10)
        for shift in stride(from: 0, to: h.count, by: 2) {
            var hh = 0.0, gg = 0.0, hg = 0.0
            for k in 0..<(h.count - shift) {
                hh += h[k] * h[k + shift]; gg += g[k] * g[k + shift]; hg += h[k] * g[k + shift]
            }
            #expect(abs(hh - (shift == 0 ? 1 : 0)) < 1e-10 && abs(gg - (shift == 0 ? 1 : 0)) < 1e-10)
            #expect(abs(hg) < 1e-10)
        }
    }

    @Test("decompose + reconstruct returns the input (perfect reconstruction)",
          arguments: [512, 1000, 31, 1, 2, 17], BoundaryMode.allCases)
    func perfectReconstruction(count: Int, boundary: BoundaryMode) {
        let x = gaussian(count, seed: UInt64(count))
        for wavelet in Wavelet.allCases {
            let transform = WaveletTransform(wavelet: wavelet, boundary: boundary)
            for levels in [1, 3, 9] {
                let bands = transform.decompose(x, levels: levels)
                let y = transform.reconstruct(bands)
                let error = zip(x, y).map { abs($0 - $1) }.max() ?? 0
                #expect(y.count == count && error < 1e-5, "\(wavelet) \(boundary) n=\(count) L=\(levels): error \(error)")
            }
        }
    }

    @Test("antireflect continues a straight line past both ends: no detail at any level, edges included (symmetric folds it into a cusp)",
          arguments: [512, 40])
    func antireflectContinuesLines(count: Int) {
        let line = (0..<count).map { 0.7 - 0.01 * Double($0) }
        let largestDetail = { (boundary: BoundaryMode) -> Double in
            let bands = WaveletTransform(wavelet: .sym8, boundary: boundary).decompose(line, levels: 9)
            return bands.details.flatMap { $0 }.map(abs).max() ?? 0
        }
        #expect(largestDetail(.antireflect) < 1e-7)   // the published sym8 taps hold their moments to ~1e-12
        #expect(largestDetail(.symmetric) > 1e-3)
    }

    @Test("band sizes: ⌊(n+L−1)/2⌋ symmetric, ⌈n/2⌉ periodic; depth stops when a level no longer shrinks")
    func bandSizes() {
        let symmetric = WaveletTransform(wavelet: .sym8).decompose(gaussian(512, seed: 1), levels: 12)
        #expect(symmetric.details.map(\.count) == [263, 139, 77, 46, 30, 22, 18, 16, 15])
        #expect(symmetric.approximation.count == 15 && symmetric.levels == 9)
        let periodic = WaveletTransform(wavelet: .sym8, boundary: .periodic).decompose(gaussian(1000, seed: 2), levels: 20)
        #expect(periodic.details.map(\.count) == [500, 250, 125, 63, 32, 16, 8, 4, 2, 1])
    }

    @Test("the periodic transform is orthogonal: energy is preserved")
    func parseval() {
        let x = gaussian(1024, seed: 3)
        let bands = WaveletTransform(wavelet: .db4, boundary: .periodic).decompose(x, levels: 6)
        let energy = bands.details.joined().reduce(0) { $0 + $1 * $1 } + bands.approximation.reduce(0) { $0 + $1 * $1 }
        let input = x.reduce(0) { $0 + $1 * $1 }
        #expect(abs(energy - input) < 1e-9 * input)
    }

    @Test("a polynomial of degree < 8 leaves (interior) sym8 details at zero")
    func vanishingMoments() {
        let x = (0..<512).map { t -> Double in let u = Double(t) / 512; return 1 + 2 * u - 3 * u * u + u * u * u }
        let details = WaveletTransform(wavelet: .sym8).decompose(x, levels: 1).details[0]
        let interior = details[20..<(details.count - 20)].map(abs).max() ?? 1
        #expect(interior < 1e-9, "largest interior detail \(interior)")
    }
}
