/// The DWT filter's work on one lead at one rate: decompose, shrink the details, zero the
/// baseline band, reconstruct.
struct LeadDenoiser {
    let configuration: DWTFilterConfig
    let transform: WaveletTransform
    let stationaryTransform: StationaryWaveletTransform
    /// The level whose approximation lies below the baseline cut-off.
    let baselineLevel: Int
    /// Levels asked of the decomposition.
    let depth: Int
    /// Leads longer than this go through the stationary transform in blocks of this many
    /// samples (``StationaryBlocks``), so that memory stays bounded.
    let blockLength: Int

    init(configuration: DWTFilterConfig, sampleRate: Double, blockLength: Int = 1 << 17) {
        self.blockLength = max(1, blockLength)
        self.configuration = configuration
        transform = WaveletTransform(wavelet: configuration.wavelet, boundary: configuration.boundary)
        stationaryTransform = StationaryWaveletTransform(wavelet: configuration.wavelet)
        baselineLevel = configuration.baselineLevel(sampleRate: sampleRate)
        let asked = configuration.levels ?? baselineLevel
        depth = configuration.removesBaseline ? max(asked, baselineLevel) : asked
    }

    /// Denoises `samples` (≥ 1).
    func denoise(_ samples: [Double]) -> [Double] {
        switch configuration.transform {
        case .decimated: return denoiseDecimated(samples)
        case .stationary: return denoiseStationary(samples)
        }
    }

    private func denoiseDecimated(_ samples: [Double]) -> [Double] {
        var bands = transform.decompose(samples, levels: depth)
        shrinkDetails(&bands, signalLength: samples.count)
        guard configuration.removesBaseline else { return transform.reconstruct(bands) }
        if bands.levels >= baselineLevel {
            zeroBaselineBand(&bands)
            return transform.reconstruct(bands)
        }
        // Too short to resolve the baseline band: its only sub-cut-off content is the mean.
        let output = transform.reconstruct(bands)
        let mean = output.reduce(0, +) / Double(output.count)
        return output.map { $0 - mean }
    }

    /// The stationary transform of one period: the signal mirrored (symmetric boundary) or the
    /// signal itself (periodic). Every level exists at any length, so the baseline band always does.
    /// A lead longer than ``blockLength`` goes block by block (``denoiseInBlocks(_:)``).
    private func denoiseStationary(_ samples: [Double]) -> [Double] {
        if usesBlocks(sampleCount: samples.count) { return denoiseInBlocks(samples) }
        let period = configuration.boundary == .periodic ? samples : samples + samples.reversed()
        var bands = stationaryTransform.decompose(period, levels: depth)
        shrinkDetails(&bands, signalLength: samples.count)
        if configuration.removesBaseline { zeroBaselineBand(&bands) }
        return Array(stationaryTransform.reconstruct(bands).prefix(samples.count))
    }

    /// Whether a lead of `sampleCount` samples goes through the stationary transform in blocks:
    /// when it is longer than a block and the blocks' margins are short next to its period.
    func usesBlocks(sampleCount: Int) -> Bool {
        guard configuration.transform == .stationary, sampleCount > blockLength, depth < 32 else { return false }
        let periodLength = configuration.boundary == .periodic ? sampleCount : 2 * sampleCount
        return 4 * StationaryBlocks.margin(levels: depth, taps: stationaryTransform.filterBank.length) < periodLength
    }

    /// ``denoiseStationary(_:)`` in bounded memory: one pass over the period's blocks gathers
    /// what the threshold rule needs (the finest details' median magnitude, each level's for
    /// ``ThresholdRule/levelDependent``, each level's mean square and largest magnitude for
    /// ``ThresholdRule/bayes``), a second shrinks and reconstructs the lead block by block. The
    /// result is the whole-period one up to the rounding of the gathered details to `Float`.
    private func denoiseInBlocks(_ samples: [Double]) -> [Double] {
        let count = samples.count
        let mirrored = configuration.boundary != .periodic
        let blocks = StationaryBlocks(
            transform: stationaryTransform, periodLength: mirrored ? 2 * count : count,
            sample: { $0 < count ? samples[$0] : samples[2 * count - 1 - $0] }, blockLength: blockLength)
        let thresholds = blockThresholds(blocks, signalLength: count)
        return blocks.reconstruct(count: count, levels: depth) { bands in
            for (level, lambda) in thresholds.enumerated() {
                configuration.shrinkage.apply(to: &bands.details[level], threshold: lambda)
            }
            if configuration.removesBaseline { zeroBaselineBand(&bands) }
        }
    }

    /// Each level's threshold under the configured rule, from the details of the whole period
    /// gathered block by block (empty when nothing is thresholded).
    private func blockThresholds(_ blocks: StationaryBlocks, signalLength: Int) -> [Double] {
        guard depth > 0, configuration.threshold != .none else { return [] }
        let gathered = configuration.threshold == .levelDependent ? depth : 1
        let deepest = configuration.threshold == .universal ? 1 : depth
        var details = [[Float]](repeating: [], count: gathered)
        var sumOfSquares = [Double](repeating: 0, count: deepest), largest = sumOfSquares
        blocks.forEachBlock(covering: blocks.periodLength, levels: deepest) { bands, block in
            for level in 0..<gathered { details[level] += bands.details[level][block].map(Float.init) }
            guard configuration.threshold == .bayes else { return }
            for level in 0..<deepest {
                for value in bands.details[level][block] {
                    sumOfSquares[level] += value * value
                    largest[level] = max(largest[level], abs(value))
                }
            }
        }
        return thresholds(levels: depth, signalLength: signalLength,
                          noiseLevel: { WaveletShrinkage.noiseLevel(details[$0]) },
                          power: { (sumOfSquares[$0] / Double(blocks.periodLength), largest[$0]) })
    }

    /// Each level's threshold under the configured rule, the one place the rules are written:
    /// `noiseLevel(j)` is level `j`'s MAD/0.6745 and `power(j)` its mean square and largest
    /// magnitude, each asked only for the levels the rule reads (level 0's noise level for
    /// ``ThresholdRule/universal`` and ``ThresholdRule/bayes``).
    private func thresholds(levels: Int, signalLength: Int, noiseLevel: (Int) -> Double,
                            power: (Int) -> (meanSquare: Double, largest: Double)) -> [Double] {
        guard levels > 0 else { return [] }
        switch configuration.threshold {
        case .universal:
            let lambda = WaveletShrinkage.universalThreshold(noiseLevel: noiseLevel(0), count: signalLength)
            return [Double](repeating: lambda, count: levels)
        case .levelDependent:
            return (0..<levels).map { WaveletShrinkage.universalThreshold(noiseLevel: noiseLevel($0), count: signalLength) }
        case .bayes:
            let sigma = noiseLevel(0)
            return (0..<levels).map {
                let (meanSquare, largest) = power($0)
                return WaveletShrinkage.bayesThreshold(meanSquare: meanSquare, largestMagnitude: largest, noiseLevel: sigma)
            }
        case .none:
            return []
        }
    }

    /// Zeroes the approximation and any detail band below the cut-off (levels > baselineLevel).
    private func zeroBaselineBand(_ bands: inout WaveletDecomposition) {
        bands.approximation = [Double](repeating: 0, count: bands.approximation.count)
        for level in baselineLevel..<bands.levels {
            bands.details[level] = [Double](repeating: 0, count: bands.details[level].count)
        }
    }

    /// Shrinks every detail level with the configured function, at the configured rule's threshold.
    private func shrinkDetails(_ bands: inout WaveletDecomposition, signalLength: Int) {
        let details = bands.details
        let lambdas = thresholds(
            levels: bands.levels, signalLength: signalLength,
            noiseLevel: { WaveletShrinkage.noiseLevel(details[$0]) },
            power: { level in
                let d = details[level]
                return (d.isEmpty ? 0 : d.reduce(0) { $0 + $1 * $1 } / Double(d.count), d.reduce(0) { max($0, abs($1)) })
            })
        for (level, lambda) in lambdas.enumerated() {
            configuration.shrinkage.apply(to: &bands.details[level], threshold: lambda)
        }
    }
}
