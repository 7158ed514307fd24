import DenoiserKit
import ECG
import FFTFilter
import Foundation
import Random
import Testing

/// `amplitude·sin(2πft/rate)` for `count` samples.
func tone(frequency: Double, count: Int, rate: Double = 360, amplitude: Double = 1) -> [Float] {
    (0..<count).map { Float(amplitude * sin(2 * Double.pi * frequency * Double($0) / rate)) }
}

/// RMS of `x[range]`.
func rms(_ x: [Float], _ range: Range<Int>) -> Double {
    (range.reduce(0.0) { $0 + Double(x[$1]) * Double(x[$1]) } / Double(range.count)).squareRoot()
}

@Suite("FFT band-pass filter")
struct FFTFilterTests {
    let filter = FFTFilter(configuration: FFTFilterConfig())

    @Test("card: id fft, classical, 360 Hz, 512 samples, no parameters")
    func card() {
        #expect(FFTFilter.id == "fft")
        #expect(filter.card.id == "fft" && filter.card.family == .classical)
        #expect(filter.card.sampleRate == 360 && filter.card.segmentLength == 512 && filter.card.parameterCount == 0)
    }

    @Test("gain: 0 in the stop bands, ½ at the cut-offs, 1 in the pass band, monotone edges")
    func gainShape() {
        let config = FFTFilterConfig()
        #expect(config.gain(at: 0) == 0 && config.gain(at: 0.1) == 0 && config.gain(at: 100) == 0)
        #expect(abs(config.gain(at: 0.67) - 0.5) < 1e-12 && abs(config.gain(at: 40) - 0.5) < 1e-12)
        #expect(config.gain(at: 0.42) == 0 && config.gain(at: 0.92) == 1)
        #expect(config.gain(at: 1) == 1 && config.gain(at: 10) == 1 && config.gain(at: 34.9) == 1)
        let edge = stride(from: 0.3, through: 1.0, by: 0.01).map { config.gain(at: $0) }
        #expect(zip(edge, edge.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test("a 10 Hz sine passes with its amplitude within 2 %")
    func passesTenHertz() throws {
        // Two mean-centred segments, as the protocol requires (14.2 periods leave a small mean).
        let x = (0..<2).flatMap { s -> [Float] in
            let segment = Array(tone(frequency: 10, count: 2 * 512)[(s * 512)..<((s + 1) * 512)])
            let mean = segment.reduce(0, +) / 512
            return segment.map { $0 - mean }
        }
        let y = try filter.denoise(segments: x, length: 512)
        for s in 0..<2 {
            let ratio = rms(y, (s * 512)..<((s + 1) * 512)) / rms(x, (s * 512)..<((s + 1) * 512))
            #expect(abs(ratio - 1) < 0.02, "segment \(s): RMS ratio \(ratio)")
        }
        // Zero phase: the 10 Hz component keeps its phase (no delay).
        func phase(_ v: [Float]) -> Double {
            var c = 0.0, q = 0.0
            for t in 0..<512 {
                let angle = 2 * Double.pi * 10 * Double(t) / 360
                c += Double(v[t]) * cos(angle)
                q += Double(v[t]) * sin(angle)
            }
            return atan2(c, q)
        }
        #expect(abs(phase(y) - phase(x)) < 0.01, "phase shift \(phase(y) - phase(x)) rad")
    }

    @Test("a 100 Hz tone is attenuated by more than 20 dB")
    func removesHundredHertz() throws {
        let x = tone(frequency: 100, count: 512)
        let y = try filter.denoise(segments: x, length: 512)
        let attenuation = 20 * log10(rms(x, 0..<512) / rms(y, 0..<512))
        #expect(attenuation > 20, "attenuation \(attenuation) dB")
    }

    @Test("a 0.1 Hz drift is attenuated by more than 20 dB on a whole recording")
    func removesDrift() throws {
        let rate = 360.0, count = Int(60 * rate)
        let drift = tone(frequency: 0.1, count: count, amplitude: 2)
        let output = try filter.denoise(Signal(leads: [drift], sampleRate: rate))
        let attenuation = 20 * log10(rms(drift, 0..<count) / rms(output.leads[0], 0..<count))
        #expect(attenuation > 20, "attenuation \(attenuation) dB")
    }

    @Test("the whole-signal path keeps layout and rate, and works at other rates")
    func wholeSignal() throws {
        let rate = 250.0
        let ten = tone(frequency: 10, count: 2_501, rate: rate), hum = tone(frequency: 0.05, count: 2_501, rate: rate)
        let input = Signal(leads: [zip(ten, hum).map { $0 + $1 }, ten], sampleRate: rate, leadNames: ["I", "II"])
        let output = try filter.denoise(input)
        #expect(output.leadCount == 2 && output.sampleCount == 2_501 && output.sampleRate == rate)
        #expect(output.leadNames == ["I", "II"])
        for lead in output.leads {
            let error = rms(zip(ten, lead).map { $0 - $1 }, 250..<2_250) / rms(ten, 250..<2_250)
            #expect(error < 0.02, "relative error \(error)")
        }
    }
}

@Suite("FFT filter on long leads")
struct FFTFilterBlockTests {
    @Test("filtering in overlapping blocks matches one whole-lead transform")
    func blocksMatchWholeLead() throws {
        let rate = 360.0, count = Int(3 * 60 * rate)
        var rng = SeededGenerator(seed: 12)
        let lead = (0..<count).map { t -> Float in
            let time = Double(t) / rate
            let beat = exp(-pow(time.truncatingRemainder(dividingBy: 0.8) - 0.4, 2) / 0.0002)
            return Float(beat + 0.5 * sin(2 * Double.pi * 0.2 * time) + 0.05 * rng.normal())
        }
        let signal = Signal(leads: [lead], sampleRate: rate)
        let whole = FFTFilter(configuration: FFTFilterConfig())
        whole.maximumBlockLength = .max
        let blocked = FFTFilter(configuration: FFTFilterConfig())
        blocked.maximumBlockLength = 0     // the smallest allowed: 4 margins = 23 040 samples, 6 blocks
        let a = try whole.denoise(signal).leads[0], b = try blocked.denoise(signal).leads[0]
        let scale = a.map(abs).max() ?? 1
        let difference = zip(a, b).map { abs($0 - $1) }.max() ?? 0   // measured 3.7e-5 of the scale
        #expect(difference < 1e-4 * scale, "max difference \(difference) vs scale \(scale)")
    }
}
