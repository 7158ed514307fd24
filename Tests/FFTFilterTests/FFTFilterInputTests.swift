import DenoiserKit
import ECG
import FFTFilter
import Foundation
import Testing

@Suite("FFT filter input checks and configuration")
struct FFTFilterInputTests {
    let filter = FFTFilter(configuration: FFTFilterConfig())

    @Test("empty segments, a length that does not divide the count, bad lengths and NaN are refused")
    func badSegments() {
        #expect(throws: DenoiserError.self) { try filter.denoise(segments: [], length: 512) }
        #expect(throws: DenoiserError.self) { try filter.denoise(segments: [Float](repeating: 0, count: 1_000), length: 512) }
        #expect(throws: DenoiserError.self) { try filter.denoise(segments: [1, 2], length: 0) }
        var samples = [Float](repeating: 0, count: 1_024)
        samples[700] = .nan
        #expect(throws: DenoiserError.badSegments(reason: "sample 188 of segment 1 is nan, not a finite number")) {
            try filter.denoise(segments: samples, length: 512)
        }
        samples[700] = .infinity
        #expect(throws: DenoiserError.self) { try filter.denoise(segments: samples, length: 512) }
    }

    @Test("a signal with NaN or no samples is refused")
    func badSignal() {
        #expect(throws: (any Error).self) { try filter.denoise(Signal(leads: [[1, .nan, 3]], sampleRate: 360)) }
        #expect(throws: (any Error).self) { try filter.denoise(Signal(leads: [[]], sampleRate: 360)) }
    }

    @Test("odd and tiny segment lengths work")
    func oddLengths() throws {
        for length in [1, 2, 31, 1_000] {
            let y = try filter.denoise(segments: tone(frequency: 10, count: 3 * length), length: length)
            #expect(y.count == 3 * length && y.allSatisfy(\.isFinite))
        }
    }

    @Test("configuration: JSON round trip, missing keys take defaults, nonsense is refused")
    func configuration() throws {
        let config = FFTFilterConfig(lowCutoff: 0.67, highCutoff: 30, lowTransitionWidth: 0.3, highTransitionWidth: 5)
        let data = try JSONEncoder().encode(config)
        #expect(try JSONDecoder().decode(FFTFilterConfig.self, from: data) == config)
        let partial = try JSONDecoder().decode(FFTFilterConfig.self, from: Data(#"{"highCutoff": 45}"#.utf8))
        #expect(partial == FFTFilterConfig(highCutoff: 45))
        #expect(FFTFilterConfig() == FFTFilterConfig(lowCutoff: 0.67, highCutoff: 40, lowTransitionWidth: 0.5, highTransitionWidth: 10))
        let inverted = FFTFilter(configuration: FFTFilterConfig(lowCutoff: 50, highCutoff: 40))
        #expect(throws: ZooError.self) { try inverted.denoise(segments: [1, 2, 3, 4], length: 4) }
        #expect(throws: ZooError.self) { try FFTFilterConfig(lowTransitionWidth: -1).validate() }
    }
}
