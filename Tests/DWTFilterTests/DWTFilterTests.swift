import DenoiserKit
import DWTFilter
import ECG
import Foundation
import Testing

/// A noise-free ECG-like trace: P, Q, R, S, T as Gaussians (mV, widths in seconds), 72 bpm.
func syntheticECG(seconds: Double, rate: Double = 360) -> [Float] {
    let waves: [(centre: Double, amplitude: Double, width: Double)] = [
        (0.20, 0.15, 0.025), (0.36, -0.10, 0.010), (0.38, 1.0, 0.012), (0.40, -0.25, 0.010), (0.62, 0.30, 0.040),
    ]
    let period = 60.0 / 72
    return (0..<Int(seconds * rate)).map { i in
        let phase = (Double(i) / rate).truncatingRemainder(dividingBy: period)
        return Float(waves.reduce(0) { $0 + $1.amplitude * exp(-pow((phase - $1.centre) / $1.width, 2) / 2) })
    }
}

/// `x` minus its mean.
func centred(_ x: [Float]) -> [Float] {
    let mean = x.reduce(0, +) / Float(x.count)
    return x.map { $0 - mean }
}

/// `‖a − b‖ / ‖b‖`.
func relativeError(_ a: [Float], _ b: [Float]) -> Double {
    var difference = 0.0, norm = 0.0
    for (x, y) in zip(a, b) { difference += Double(x - y) * Double(x - y); norm += Double(y) * Double(y) }
    return (difference / norm).squareRoot()
}

@Suite("DWT filter")
struct DWTFilterTests {
    @Test("card: id dwt, classical, 360 Hz, 512 samples, no parameters")
    func card() {
        let filter = DWTFilter(configuration: DWTFilterConfig())
        #expect(DWTFilter.id == "dwt" && filter.card.id == "dwt" && filter.card.family == .classical)
        #expect(filter.card.sampleRate == 360 && filter.card.segmentLength == 512 && filter.card.parameterCount == 0)
    }

    @Test("baseline level: the approximation band whose edge is nearest the cut-off")
    func baselineLevel() {
        // The band edge rate/2^(J+1) nearest the cut-off on a log scale.
        #expect(DWTFilterConfig().baselineLevel(sampleRate: 360) == 8)     // 0–0.70 Hz for 0.67
        #expect(DWTFilterConfig().baselineLevel(sampleRate: 250) == 8)     // 0–0.49 Hz (0.98 is farther)
        #expect(DWTFilterConfig(baselineCutoff: 0.4).baselineLevel(sampleRate: 360) == 9)   // 0–0.35 Hz
        #expect(DWTFilterConfig(baselineCutoff: 1).baselineLevel(sampleRate: 360) == 7)     // 1.41 Hz: 1.41× above, 0.70 is 1.42× below
        #expect(DWTFilterConfig(baselineCutoff: 1e-9).baselineLevel(sampleRate: 360) == 30)  // capped
        #expect(DWTFilterConfig(baselineCutoff: 1000).baselineLevel(sampleRate: 360) == 1)   // at least one level
    }

    @Test("the universal threshold removes most of pure white noise")
    func whiteNoise() throws {
        let noise = gaussian(8 * 512, seed: 9, sigma: 0.2).map(Float.init)
        func keptPower(_ output: [Float]) -> Double {
            output.reduce(0) { $0 + Double($1 * $1) } / noise.reduce(0) { $0 + Double($1 * $1) }
        }
        // Thresholding alone: what is left is the (unthresholded) level-9 approximation.
        // Measured: 2.2 % of the power per 512-sample segment, 0.46 % over the whole 4096 samples.
        let thresholdOnly = DWTFilter(configuration: DWTFilterConfig(removesBaseline: false))
        let segments = keptPower(try thresholdOnly.denoise(segments: noise, length: 512))
        let whole = keptPower(try thresholdOnly.denoise(Signal(leads: [noise], sampleRate: 360)).leads[0])
        #expect(segments < 0.05 && whole < 0.02, "kept \(segments) (segments), \(whole) (whole) of the noise power")
        // With the baseline band zeroed too, essentially nothing is left (measured 8.6e-5).
        let full = keptPower(try DWTFilter(configuration: DWTFilterConfig()).denoise(segments: noise, length: 512))
        #expect(full < 1e-3, "kept \(full) of the noise power")
        // Nearly every detail coefficient of pure noise is below λ = σ√(2 ln N).
        var bands = WaveletTransform(wavelet: .sym8).decompose(noise.map(Double.init), levels: 5)
        let lambda = WaveletShrinkage.universalThreshold(noiseLevel: WaveletShrinkage.noiseLevel(bands.details[0]),
                                                         count: noise.count)
        for level in 0..<bands.levels { WaveletShrinkage.softThreshold(&bands.details[level], by: lambda) }
        let survivors = bands.details.joined().filter { $0 != 0 }.count
        #expect(survivors <= bands.details.joined().count / 100, "\(survivors) detail coefficients survive")
    }

    @Test("a clean ECG-like signal passes mostly unchanged")
    func cleanPasses() throws {
        let clean = centred(syntheticECG(seconds: 20))
        let filter = DWTFilter(configuration: DWTFilterConfig())
        let whole = relativeError(try filter.denoise(Signal(leads: [clean], sampleRate: 360)).leads[0], clean)
        #expect(whole < 0.045, "whole signal: relative change \(whole)")   // measured 0.031 (30.2 dB)
        let segments = Array(clean.prefix(4 * 512))
        let thresholdOnly = DWTFilter(configuration: DWTFilterConfig(removesBaseline: false))
        let unthresholded = relativeError(try thresholdOnly.denoise(segments: segments, length: 512), segments)
        #expect(unthresholded < 0.02, "segments without baseline step: relative change \(unthresholded)")
        // On a 1.4 s segment the 0–0.7 Hz band is hardly resolvable: zeroing it removes the
        // segment's mean and trend, which beat placement gives even a clean trace (measured 0.17).
        let detrended = relativeError(try filter.denoise(segments: segments, length: 512), segments)
        #expect(detrended < 0.2, "segments with baseline step: relative change \(detrended)")
    }

    @Test("white noise on the ECG-like signal: SNR rises", arguments: Wavelet.allCases)
    func syntheticDenoising(wavelet: Wavelet) throws {
        let filter = DWTFilter(configuration: DWTFilterConfig(wavelet: wavelet))
        let clean = centred(syntheticECG(seconds: 20))
        let noisy = zip(clean, gaussian(clean.count, seed: 11, sigma: 0.1)).map { $0 + Float($1) }
        let output = try filter.denoise(Signal(leads: [noisy], sampleRate: 360)).leads[0]
        let metrics = try Metrics.evaluate(clean: clean, denoised: output, noisy: noisy)
        // Measured at 3.8 dB input: +1.5 dB (sym8), +1.2 dB (db4). VisuShrink is conservative at
        // low SNR: λ = 4.2σ here also shrinks every ECG coefficient by λ.
        #expect(metrics.snrImprovement > 1, "\(wavelet): \(metrics.snrIn) → \(metrics.snrOut) dB")
    }

    /// Not `levelDependent`: on white noise its per-level σ at the coarse levels is mostly ECG,
    /// which it then shrinks (measured: 3.9 → 1.7 dB); it is meant for coloured noise.
    @Test("the universal and BayesShrink rules raise the SNR of white noise on the ECG-like signal; BayesShrink by far more")
    func thresholdRules() throws {
        let clean = centred(syntheticECG(seconds: 20))
        let noisy = zip(clean, gaussian(clean.count, seed: 12, sigma: 0.1)).map { $0 + Float($1) }
        func snrOut(_ rule: ThresholdRule) throws -> Double {
            let output = try DWTFilter(configuration: DWTFilterConfig(threshold: rule))
                .denoise(Signal(leads: [noisy], sampleRate: 360)).leads[0]
            let metrics = try Metrics.evaluate(clean: clean, denoised: output, noisy: noisy)
            #expect(metrics.snrImprovement > 1, "\(rule): \(metrics.snrIn) → \(metrics.snrOut) dB")
            return metrics.snrOut
        }
        // Measured from 3.9 dB: 5.2 dB (universal), 12.4 dB (BayesShrink). The universal λ ≈ 4.2σ
        // shrinks every ECG coefficient too; σ²/σₓ is far smaller at the levels the ECG fills.
        let universal = try snrOut(.universal), bayes = try snrOut(.bayes)
        #expect(bayes > universal + 3, "BayesShrink \(bayes) dB, universal \(universal) dB")
    }

    @Test("the stationary transform raises the SNR of white noise on the ECG-like signal above the decimated one's",
          arguments: Wavelet.allCases)
    func stationaryTransform(wavelet: Wavelet) throws {
        let clean = centred(syntheticECG(seconds: 20))
        let noisy = zip(clean, gaussian(clean.count, seed: 13, sigma: 0.1)).map { $0 + Float($1) }
        func snrOut(_ transform: TransformKind) throws -> Double {
            let output = try DWTFilter(configuration: DWTFilterConfig(wavelet: wavelet, transform: transform))
                .denoise(Signal(leads: [noisy], sampleRate: 360)).leads[0]
            return try Metrics.evaluate(clean: clean, denoised: output, noisy: noisy).snrOut
        }
        // Measured from 3.9 dB input: 5.35 → 5.85 dB (sym8), 4.89 → 5.60 dB (db4).
        let decimated = try snrOut(.decimated), stationary = try snrOut(.stationary)
        #expect(stationary > decimated + 0.3, "\(wavelet): stationary \(stationary) dB, decimated \(decimated) dB")
    }
}
