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

    @Test("hard thresholding keeps what exceeds λ; the garrote shrinks it by λ²/c, continuously at ±λ")
    func hardAndGarrote() {
        var hard = [-3.0, -1, -0.5, 0, 0.5, 1, 2.5]
        WaveletShrinkage.hardThreshold(&hard, by: 1)
        #expect(hard == [-3, 0, 0, 0, 0, 0, 2.5])
        var garrote = [-4.0, -1, 0, 0.5, 1, 2, 1.000001]
        WaveletShrinkage.garrote(&garrote, by: 1)
        #expect(garrote[0] == -3.75 && garrote[1...4] == [0, 0, 0, 0] && garrote[5] == 1.5)
        #expect(abs(garrote[6]) < 1e-5)   // just above λ: next to nothing, no jump
        // Large coefficients: the garrote's shrinkage fades, soft thresholding's stays λ.
        var large = [100.0]
        ShrinkageFunction.garrote.apply(to: &large, threshold: 1)
        #expect(large == [99.99])
        for function in ShrinkageFunction.allCases {
            var c = [-3.0, 0.5, 2.5], expected = c
            function.apply(to: &c, threshold: 1)
            switch function {
            case .soft: WaveletShrinkage.softThreshold(&expected, by: 1)
            case .hard: WaveletShrinkage.hardThreshold(&expected, by: 1)
            case .garrote: WaveletShrinkage.garrote(&expected, by: 1)
            }
            #expect(c == expected, "\(function)")
        }
    }

    @Test("BayesShrink threshold σ²/σₓ; a level of pure noise is zeroed")
    func bayesThreshold() {
        // mean(d²) = 5 and σ = 1: σₓ = 2, λ = 1/2.
        #expect(abs(WaveletShrinkage.bayesThreshold([1, -3, 1, 3], noiseLevel: 1) - 0.5) < 1e-12)
        // No variance beyond the noise: λ is the largest magnitude, so everything vanishes.
        var noiseOnly = [0.5, -1.5, 1.0]
        let lambda = WaveletShrinkage.bayesThreshold(noiseOnly, noiseLevel: 2)
        #expect(lambda == 1.5)
        WaveletShrinkage.softThreshold(&noiseOnly, by: lambda)
        #expect(noiseOnly == [0, 0, 0])
        #expect(WaveletShrinkage.bayesThreshold([], noiseLevel: 1) == 0)
        // On Gaussian data the level-wise estimate σₓ² = mean(d²) − σ² recovers the signal part.
        let signal = gaussian(20_000, seed: 5, sigma: 0.4), noise = gaussian(20_000, seed: 6, sigma: 0.3)
        let estimated = WaveletShrinkage.bayesThreshold(zip(signal, noise).map(+), noiseLevel: 0.3)
        #expect(abs(estimated - 0.09 / 0.4) < 0.01, "λ = \(estimated)")
    }
}
