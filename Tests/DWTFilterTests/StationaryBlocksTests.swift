@testable import DWTFilter
import Foundation
import Testing

/// The stationary transform of a long lead, block by block: the same output as the whole
/// period at once, for every threshold rule and boundary.
@Suite("Stationary transform in blocks")
struct StationaryBlocksTests {
    /// An ECG-like lead with baseline wander and white noise, 25 s at 360 Hz.
    static let lead: [Double] = {
        let clean = syntheticECG(seconds: 25)
        let noise = gaussian(clean.count, seed: 21, sigma: 0.08)
        return clean.indices.map { Double(clean[$0]) + 0.3 * sin(Double($0) / 180) + noise[$0] }
    }()

    @Test("blocks give the whole-period result",
          arguments: ThresholdRule.allCases, [BoundaryMode.symmetric, .periodic])
    func sameAsWholePeriod(threshold: ThresholdRule, boundary: BoundaryMode) {
        for configuration in [DWTFilterConfig(boundary: boundary, threshold: threshold),
                              DWTFilterConfig(wavelet: .sym8, boundary: boundary, levels: 5, threshold: threshold,
                                              shrinkage: .garrote, removesBaseline: false)] {
            let blockwise = LeadDenoiser(configuration: configuration, sampleRate: 360, blockLength: 1_000)
            let whole = LeadDenoiser(configuration: configuration, sampleRate: 360, blockLength: Self.lead.count)
            #expect(blockwise.usesBlocks(sampleCount: Self.lead.count) && !whole.usesBlocks(sampleCount: Self.lead.count))
            let a = blockwise.denoise(Self.lead), b = whole.denoise(Self.lead)
            let difference = zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
            let label = "\(configuration.wavelet) \(boundary) \(threshold) levels \(blockwise.depth)"
            // The gathered details are rounded to Float for the thresholds: agreement to ~1e-7 of the signal.
            #expect(a.count == b.count && difference < 1e-5, "\(label): largest difference \(difference)")
            // And the filter did something (unless it has nothing to do), so the agreement is not the trivial one.
            let change = zip(a, Self.lead).map { abs($0 - $1) }.max() ?? 0
            let isIdentity = threshold == .none && !configuration.removesBaseline
            #expect(isIdentity ? change < 1e-9 : change > 0.05, "\(label): largest change \(change)")
        }
    }

    @Test("short leads, deep decompositions and the decimated transform stay whole")
    func whenBlocksAreUsed() {
        let stationary = LeadDenoiser(configuration: DWTFilterConfig(), sampleRate: 360, blockLength: 1_000)
        #expect(!stationary.usesBlocks(sampleCount: 1_000))        // not longer than a block
        #expect(!stationary.usesBlocks(sampleCount: 3_000))        // margins (7 · 255) too long next to the period
        #expect(stationary.usesBlocks(sampleCount: 4_000))
        let deep = LeadDenoiser(configuration: DWTFilterConfig(levels: 40), sampleRate: 360, blockLength: 1_000)
        #expect(!deep.usesBlocks(sampleCount: 1_000_000))
        let decimated = LeadDenoiser(configuration: DWTFilterConfig(transform: .decimated), sampleRate: 360, blockLength: 1_000)
        #expect(!decimated.usesBlocks(sampleCount: 1_000_000))
    }

    @Test("the blockwise threshold statistics match the whole-level ones")
    func statistics() {
        let level = gaussian(10_001, seed: 5, sigma: 0.7)
        #expect(abs(WaveletShrinkage.noiseLevel(level.map(Float.init)) - WaveletShrinkage.noiseLevel(level)) < 1e-6)
        let meanSquare = level.reduce(0) { $0 + $1 * $1 } / Double(level.count)
        let largest = level.map(abs).max() ?? 0
        for sigma in [0.1, 0.7, 5] {
            #expect(WaveletShrinkage.bayesThreshold(meanSquare: meanSquare, largestMagnitude: largest, noiseLevel: sigma)
                    == WaveletShrinkage.bayesThreshold(level, noiseLevel: sigma))
        }
    }
}
