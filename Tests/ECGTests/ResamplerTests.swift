import Foundation
import Testing
@testable import ECG

@Suite("Resampling")
struct ResamplerTests {
    private func sine(_ f: Double, rate: Double, count: Int, amplitude: Double = 1) -> [Float] {
        (0..<count).map { Float(amplitude * sin(2 * .pi * f * Double($0) / rate)) }
    }

    @Test("ratios of the usual ECG rates")
    func ratios() throws {
        #expect(try Resampler(from: 250, to: 360).up == 36)
        #expect(try Resampler(from: 250, to: 360).down == 25)
        let r = try Resampler(from: 500, to: 360)
        #expect(r.up == 18 && r.down == 25 && r.outputCount(for: 5000) == 3600)
        #expect(try Resampler(from: 360, to: 360).resample([1, 2, 3]) == [1, 2, 3])
    }

    @Test("a sine keeps its amplitude and frequency", arguments: [(250.0, 360.0), (500.0, 360.0), (360.0, 250.0)])
    func sineKept(from: Double, to: Double) throws {
        let f = 10.0
        let y = try Resampler(from: from, to: to).resample(sine(f, rate: from, count: Int(from) * 4, amplitude: 1.5))
        let expected = sine(f, rate: to, count: y.count, amplitude: 1.5)
        let interior = Int(to * 0.5)..<(y.count - Int(to * 0.5))   // away from the reflected edges
        let maxError = interior.map { abs(y[$0] - expected[$0]) }.max() ?? 1
        #expect(maxError < 1e-3, "max error \(maxError)")
        // Peak amplitude matches the ideal sampled sine's (sampling need not hit the crest).
        let peak = interior.map { abs(y[$0]) }.max() ?? 0, idealPeak = interior.map { abs(expected[$0]) }.max() ?? 0
        #expect(abs(peak - idealPeak) < 1e-3 && idealPeak > 1.49)
    }

    /// Stated error bound: a band-limited ECG-like signal (content well below 125 Hz) survives
    /// 250 → 360 → 250 Hz with RMS error < 1 % of its RMS over the whole record, edges included.
    @Test("250 → 360 → 250 Hz round trip stays within 1 % RMS")
    func roundTrip() throws {
        let x = (0..<2500).map { i -> Float in
            let t = Double(i) / 250
            return Float(sin(2 * .pi * 1.1 * t) + 0.5 * sin(2 * .pi * 17 * t + 1) + 0.2 * sin(2 * .pi * 40 * t + 2))
        }
        let s = Signal(leads: [x], sampleRate: 250)
        let back = try Resampler.resample(Resampler.resample(s, to: 360), to: 250)
        #expect(back.sampleCount == x.count && back.sampleRate == 250)
        let err = zip(x, back.leads[0]).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +)
        let power = x.map { Double($0) * Double($0) }.reduce(0, +)
        #expect((err / power).squareRoot() < 0.01, "relative RMS error \((err / power).squareRoot())")
    }

    @Test("content above the new Nyquist frequency is removed when downsampling")
    func antiAliasing() throws {
        let y = try Resampler(from: 500, to: 250).resample(sine(200, rate: 500, count: 5000))
        #expect((y[250..<2250].map { abs($0) }.max() ?? 1) < 1e-3)
    }

    @Test("absurd rates and bad signals are rejected")
    func errors() {
        #expect(throws: ECGError.invalidSampleRate(context: "resampling source", rate: 0)) { try Resampler(from: 0, to: 360) }
        #expect(throws: ECGError.self) { try Resampler(from: 360, to: .infinity) }
        #expect(throws: ECGError.self) { try Resampler(from: 360, to: 5e6) }
        #expect(throws: ECGError.self) { try Resampler(from: 360, to: 360 * .pi) }
        #expect(throws: ECGError.emptySignal(context: "resampling input")) { try Resampler.resample(Signal(leads: [[]], sampleRate: 360), to: 250) }
    }
}
