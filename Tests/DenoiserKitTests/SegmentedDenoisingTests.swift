import DenoiserKit
import ECG
import Foundation
import Testing

/// A denoiser that returns its input: whole-signal denoising must then return the input.
final class IdentityDenoiser: Denoiser {
    let card = ModelCard(id: "identity", family: .classical, summary: "", reference: "", segmentLength: 64)
    func denoise(segments: [Float], length: Int) throws -> [Float] { segments }
}

@Suite("Whole-recording denoising")
struct SegmentedDenoisingTests {
    @Test(arguments: [1, 10, 64, 65, 200, 1000])
    func identityReproducesAnyLength(count: Int) throws {
        let lead = (0..<count).map { Float(sin(Double($0) / 7)) + 0.5 }
        let output = try IdentityDenoiser().denoise(Signal(leads: [lead, lead.map { -$0 }], sampleRate: 360))
        #expect(output.sampleCount == count && output.leadCount == 2)
        let error = zip(output.leads[0], lead).map { abs($0 - $1) }.max() ?? 0
        #expect(error < 1e-5)
    }

    @Test func foreignRateRoundTripsThroughTheModelRate() throws {
        let lead = (0..<2_500).map { Float(sin(2 * Double.pi * 5 * Double($0) / 250)) }
        let output = try IdentityDenoiser().denoise(Signal(leads: [lead], sampleRate: 250))
        #expect(output.sampleRate == 250 && output.sampleCount == 2_500)
        let interior = zip(output.leads[0][100..<2_400], lead[100..<2_400]).map { abs($0 - $1) }.max() ?? 1
        #expect(interior < 0.02)
    }

    @Test func badSignalsAreRejected() {
        #expect(throws: ECGError.self) { try IdentityDenoiser().denoise(Signal(leads: [[]], sampleRate: 360)) }
        #expect(throws: ECGError.self) { try IdentityDenoiser().denoise(Signal(leads: [[1, .nan]], sampleRate: 360)) }
    }
}
