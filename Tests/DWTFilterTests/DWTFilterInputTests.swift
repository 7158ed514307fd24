import DenoiserKit
import DWTFilter
import ECG
import Foundation
import Testing

@Suite("DWT filter input checks and configuration")
struct DWTFilterInputTests {
    let filter = DWTFilter(configuration: DWTFilterConfig())

    @Test("empty segments, a length that does not divide the count, bad lengths and NaN are refused")
    func badSegments() {
        #expect(throws: DenoiserError.self) { try filter.denoise(segments: [], length: 512) }
        #expect(throws: DenoiserError.self) { try filter.denoise(segments: [Float](repeating: 0, count: 1_000), length: 512) }
        #expect(throws: DenoiserError.self) { try filter.denoise(segments: [1, 2], length: -1) }
        var samples = [Float](repeating: 0, count: 1_024)
        samples[3] = .nan
        #expect(throws: DenoiserError.badSegments(reason: "sample 3 of segment 0 is nan, not a finite number")) {
            try filter.denoise(segments: samples, length: 512)
        }
    }

    @Test("a signal with NaN or no samples is refused")
    func badSignal() {
        #expect(throws: (any Error).self) { try filter.denoise(Signal(leads: [[1, .infinity]], sampleRate: 360)) }
        #expect(throws: (any Error).self) { try filter.denoise(Signal(leads: [], sampleRate: 360)) }
    }

    @Test("any segment length works, including ones too short for the baseline level",
          arguments: TransformKind.allCases, [BoundaryMode.symmetric, .periodic])
    func lengths(transform: TransformKind, boundary: BoundaryMode) throws {
        let filter = DWTFilter(configuration: DWTFilterConfig(boundary: boundary, transform: transform))
        for length in [1, 2, 31, 360, 1_000] {
            let x = (0..<(2 * length)).map { Float(sin(Double($0) / 7)) }
            let y = try filter.denoise(segments: x, length: length)
            #expect(y.count == x.count && y.allSatisfy(\.isFinite), "\(transform) \(boundary), length \(length)")
        }
    }

    @Test("configuration: JSON round trip, missing keys take defaults, nonsense is refused")
    func configuration() throws {
        let config = DWTFilterConfig(wavelet: .db4, boundary: .periodic, levels: 6, threshold: .levelDependent,
                                     shrinkage: .garrote, transform: .stationary, removesBaseline: false, baselineCutoff: 0.7)
        #expect(try JSONDecoder().decode(DWTFilterConfig.self, from: JSONEncoder().encode(config)) == config)
        let partial = try JSONDecoder().decode(DWTFilterConfig.self, from: Data(#"{"wavelet": "sym8"}"#.utf8))
        #expect(partial == DWTFilterConfig(wavelet: .sym8))
        #expect(DWTFilterConfig() == DWTFilterConfig(wavelet: .db4, boundary: .symmetric, levels: nil, threshold: .universal,
                                                     shrinkage: .soft, transform: .stationary, removesBaseline: true,
                                                     baselineCutoff: 0.67))
        #expect(throws: ZooError.self) {
            try DWTFilter(configuration: DWTFilterConfig(levels: 0)).denoise(segments: [1, 2], length: 2)
        }
        #expect(throws: ZooError.self) { try DWTFilterConfig(baselineCutoff: .nan).validate() }
        #expect(throws: ZooError.self) { try DWTFilterConfig(boundary: .antireflect, transform: .stationary).validate() }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DWTFilterConfig.self, from: Data(#"{"transform": "undecimated"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DWTFilterConfig.self, from: Data(#"{"shrinkage": "firm"}"#.utf8))
        }
    }
}
