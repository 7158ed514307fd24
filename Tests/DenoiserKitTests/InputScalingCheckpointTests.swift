import DenoiserKit
import ECG
import Foundation
import Tensors
import Testing
import Zoo

@Suite("Checkpoints carry their input scaling")
struct InputScalingCheckpointTests {
    /// Two segments of different loudness, one with a spike that dominates its peak.
    private let segments: [Float] = (0..<1_024).map { t in
        let wave = Float(sin(Double(t) * 0.07) + 0.4 * sin(Double(t) * 0.9))
        return t < 512 ? 0.3 * wave : 2 * wave + (t == 700 ? 25 : 0)
    }

    @Test("a std checkpoint round-trips, and the zoo runs it z-scored: s·net(x/std(x))")
    func standardDeviationRoundTrip() throws {
        var (network, checkpoint) = try tinyUNetCheckpoint()
        checkpoint.manifest.inputScaling = .standardDeviation
        let url = try scratchDirectory().appendingPathComponent("unet-std.zip")
        try checkpoint.write(to: url)
        let read = try Checkpoint.read(from: url)
        #expect(read.manifest.inputScaling == .standardDeviation && read.manifest.effectiveInputScaling == .standardDeviation)
        let denoiser = try #require(try ModelZoo.shared.denoiser(ModelZoo.shared.entry("unet"), from: read, path: url.path) as? NeuralDenoiser)
        #expect(denoiser.inputScaling == .standardDeviation)

        let output = try denoiser.denoise(segments: segments, length: 512)
        network.layer.setTraining(false)
        for k in 0..<2 {
            let segment = Array(segments[(k * 512)..<((k + 1) * 512)])
            let s = InputScaling.standardDeviation.scale(of: segment)
            let expected = withoutGradients { network.layer(Tensor(shape: [1, 1, 512], scalars: segment.map { $0 / s })) }.scalars.map { $0 * s }
            let got = Array(output[(k * 512)..<((k + 1) * 512)])
            #expect(zip(got, expected).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
        }
        // The same weights under the protocol's peak scaling give another output.
        var peak = checkpoint
        peak.manifest.inputScaling = nil
        let peakDenoiser = try ModelZoo.shared.denoiser(ModelZoo.shared.entry("unet"), from: peak, path: "peak")
        #expect(try peakDenoiser.denoise(segments: segments, length: 512) != output)
    }

    @Test("a manifest without inputScaling is the protocol's peak, and writes no such key")
    func absentIsPeak() throws {
        let (_, checkpoint) = try tinyUNetCheckpoint()
        #expect(checkpoint.manifest.inputScaling == nil && checkpoint.manifest.effectiveInputScaling == .peak)
        let json = String(decoding: try #require(checkpoint.entries().first { $0.name == Checkpoint.manifestEntry }).data, as: UTF8.self)
        #expect(!json.contains("inputScaling"))
        let denoiser = try #require(try ModelZoo.shared.denoiser(ModelZoo.shared.entry("unet"), from: checkpoint, path: "tiny")
                                    as? NeuralDenoiser)
        #expect(denoiser.inputScaling == .peak)
    }

    @Test("z-scored denoising is scale-equivariant: denoise(k·x) = k·denoise(x)")
    func equivariance() throws {
        let network = try ModelZoo.shared.makeNetwork("unet", configuration: tinyUNetCheckpoint().checkpoint.manifest.config, seed: 5)
        let denoiser = NeuralDenoiser(network: network.layer, card: try ModelZoo.shared.card("unet"), inputScaling: .standardDeviation)
        let base = try denoiser.denoise(segments: segments, length: 512)
        let louder = try denoiser.denoise(segments: segments.map { $0 * 8 }, length: 512)
        #expect(zip(louder, base).allSatisfy { abs($0 - 8 * $1) <= 1e-4 * max(1, abs(8 * $1)) })
    }
}
