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

    init(configuration: DWTFilterConfig, sampleRate: Double) {
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
    private func denoiseStationary(_ samples: [Double]) -> [Double] {
        let period = configuration.boundary == .periodic ? samples : samples + samples.reversed()
        var bands = stationaryTransform.decompose(period, levels: depth)
        shrinkDetails(&bands, signalLength: samples.count)
        if configuration.removesBaseline { zeroBaselineBand(&bands) }
        return Array(stationaryTransform.reconstruct(bands).prefix(samples.count))
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
        guard bands.levels > 0, configuration.threshold != .none else { return }
        let finestNoise = WaveletShrinkage.noiseLevel(bands.details[0])
        for level in 0..<bands.levels {
            let lambda: Double
            switch configuration.threshold {
            case .universal:
                lambda = WaveletShrinkage.universalThreshold(noiseLevel: finestNoise, count: signalLength)
            case .levelDependent:
                let sigma = WaveletShrinkage.noiseLevel(bands.details[level])
                lambda = WaveletShrinkage.universalThreshold(noiseLevel: sigma, count: signalLength)
            case .bayes:
                lambda = WaveletShrinkage.bayesThreshold(bands.details[level], noiseLevel: finestNoise)
            case .none:
                return
            }
            configuration.shrinkage.apply(to: &bands.details[level], threshold: lambda)
        }
    }
}
