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
    /// A zero-mean signal whose period divides the hop passes unchanged through an identity
    /// denoiser at any of these lengths (multiples of the period).
    @Test(arguments: [64, 128, 512, 768, 2048])
    func identityReproducesZeroMeanSignals(count: Int) throws {
        let lead = (0..<count).map { Float(sin(2 * Double.pi * Double($0) / 32)) }
        let output = try IdentityDenoiser().denoise(Signal(leads: [lead, lead.map { -$0 }], sampleRate: 360))
        #expect(output.sampleCount == count && output.leadCount == 2)
        let error = zip(output.leads[0], lead).map { abs($0 - $1) }.max() ?? 0
        #expect(error < 1e-5)
    }

    /// Window means are not added back: a constant offset (a baseline) is removed.
    @Test func baselineOffsetIsRemoved() throws {
        let lead = (0..<1_024).map { Float(sin(2 * Double.pi * Double($0) / 32)) + 0.7 }
        let output = try IdentityDenoiser().denoise(Signal(leads: [lead], sampleRate: 360))
        let error = zip(output.leads[0], lead).map { abs($0 - ($1 - 0.7)) }.max() ?? 1
        #expect(error < 1e-5)
    }

    /// Very short recordings (shorter than a segment) are reflected to a segment and trimmed.
    @Test(arguments: [1, 10, 65, 200])
    func shortRecordsKeepTheirLength(count: Int) throws {
        let lead = (0..<count).map { Float($0 % 7) }
        let output = try IdentityDenoiser().denoise(Signal(leads: [lead], sampleRate: 360))
        #expect(output.sampleCount == count)
        #expect(output.leads[0].allSatisfy { $0.isFinite })
    }

    @Test func foreignRateRoundTripsThroughTheModelRate() throws {
        // 11.25 Hz: 32 samples per period at the model rate, so every window is zero-mean.
        let lead = (0..<2_500).map { Float(sin(2 * Double.pi * 11.25 * Double($0) / 250)) }
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
