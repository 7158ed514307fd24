import DWTFilter
import Foundation
import Testing

@Suite("Wavelet shrinkage")
struct ShrinkageTests {
    @Test("noise level: MAD/0.6745 recovers σ of Gaussian noise")
    func noiseLevel() {
        let sigma = WaveletShrinkage.noiseLevel(gaussian(20_000, seed: 4, sigma: 0.3))
        #expect(abs(sigma - 0.3) < 0.01, "σ̂ = \(sigma)")
        #expect(WaveletShrinkage.noiseLevel([]) == 0)
        #expect(abs(WaveletShrinkage.noiseLevel([-3, 1, 2]) - 2 / 0.6745) < 1e-12)
    }

    @Test("universal threshold σ√(2 ln N) and soft thresholding")
    func thresholds() {
        #expect(abs(WaveletShrinkage.universalThreshold(noiseLevel: 2, count: 512) - 2 * (2 * log(512.0)).squareRoot()) < 1e-12)
        var c = [-3.0, -0.5, 0, 0.5, 1, 2.5]
        WaveletShrinkage.softThreshold(&c, by: 1)
        #expect(c == [-2, 0, 0, 0, 0, 1.5])
    }
}
