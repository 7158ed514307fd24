import DWTFilter
import Foundation
import Testing

@Suite("Stationary wavelet transform")
struct StationaryTransformTests {
    @Test("decompose + reconstruct returns the period, also when a level's tap spacing exceeds it",
          arguments: [512, 1000, 31, 1, 2, 17])
    func perfectReconstruction(count: Int) {
        let x = gaussian(count, seed: UInt64(100 + count))
        for wavelet in Wavelet.allCases {
            let transform = StationaryWaveletTransform(wavelet: wavelet)
            for levels in [1, 3, 9] {
                let bands = transform.decompose(x, levels: levels)
                #expect(bands.levels == levels && bands.details.allSatisfy { $0.count == count })
                let y = transform.reconstruct(bands)
                let error = zip(x, y).map { abs($0 - $1) }.max() ?? 0
                #expect(y.count == count && error < 1e-9, "\(wavelet) n=\(count) L=\(levels): error \(error)")
            }
        }
    }

    @Test("white noise keeps its deviation in every band (orthonormal filters), so the DWT's thresholds apply")
    func noiseLevelPerBand() {
        let bands = StationaryWaveletTransform(wavelet: .sym8).decompose(gaussian(40_000, seed: 7, sigma: 0.5), levels: 4)
        for (level, detail) in bands.details.enumerated() {
            let deviation = (detail.reduce(0) { $0 + $1 * $1 } / Double(detail.count)).squareRoot()
            #expect(abs(deviation - 0.5) < 0.02, "level \(level + 1): σ = \(deviation)")
        }
    }

    /// Coifman & Donoho's identity: with a period divisible by 2^J, thresholding the stationary
    /// transform is the mean over all 2^J circular shifts of thresholding the periodic decimated one.
    @Test("soft-thresholded stationary transform = mean over every shift of the thresholded periodic DWT",
          arguments: Wavelet.allCases)
    func averageOverShifts(wavelet: Wavelet) {
        let count = 64, levels = 3, lambda = 0.8
        let noise = gaussian(count, seed: 9)
        let x = (0..<count).map { 2 * sin(Double($0) / 3) + noise[$0] }
        var stationary = StationaryWaveletTransform(wavelet: wavelet).decompose(x, levels: levels)
        for level in 0..<levels { WaveletShrinkage.softThreshold(&stationary.details[level], by: lambda) }
        let invariant = StationaryWaveletTransform(wavelet: wavelet).reconstruct(stationary)

        let decimated = WaveletTransform(wavelet: wavelet, boundary: .periodic)
        var mean = [Double](repeating: 0, count: count)
        let shifts = 1 << levels
        for shift in 0..<shifts {
            let moved = (0..<count).map { x[($0 + shift) % count] }
            var bands = decimated.decompose(moved, levels: levels)
            for level in 0..<levels { WaveletShrinkage.softThreshold(&bands.details[level], by: lambda) }
            for (t, value) in decimated.reconstruct(bands).enumerated() { mean[(t + shift) % count] += value / Double(shifts) }
        }
        let difference = zip(invariant, mean).map { abs($0 - $1) }.max() ?? 1
        #expect(difference < 1e-9, "largest difference \(difference)")
        // And thresholding did change the signal: the identity is not the trivial one.
        #expect((zip(invariant, x).map { abs($0 - $1) }.max() ?? 0) > 0.1)
    }
}
