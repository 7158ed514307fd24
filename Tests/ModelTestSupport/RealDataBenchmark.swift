import DenoiserKit
import ECG
import Foundation
import ModelTestSupport
import Random
import Testing

/// Real MIT-BIH segments with NSTDB noise, made as the benchmark makes them, for checking that
/// a classical filter raises the SNR. Needs `../shared/data` (see `SharedFixtures.hasData`).
public enum RealDataBenchmark {
    /// Record 103 (a test record) and the NSTDB noise records, read once per test run.
    public struct Fixture: Sendable {
        let record: Signal
        let noise: NoiseBank
    }

    private static let loaded = Result<Fixture, Error> {
        let data = SharedFixtures.dataDirectory
        return Fixture(record: try WFDBRecord.read(headerAt: data.appendingPathComponent("mitdb/103.hea")),
                       noise: try NoiseBank(dataDirectory: data.appendingPathComponent("nstdb")))
    }

    /// Mean metrics over the first `count` 512-sample test segments of record 103 lead 0, mixed
    /// with `noise` at `snr` dB (test portion of the noise, seed 1), denoised in one call.
    public static func segmentMetrics(_ denoiser: any Denoiser, noise: NoiseType, snr: Double = 0,
                               count: Int = 128) throws -> MetricsSummary {
        let fixture = try loaded.get()
        let lead = LeadSignal(record: "103", lead: 0, name: fixture.record.leadNames[0], samples: fixture.record.leads[0])
        let set = try TestSet.make(corpus: CleanCorpus(leads: [lead]), noise: fixture.noise, noiseType: noise,
                                   snr: snr, seed: 1)
        let batch = try set.batch(0..<min(count, set.count))
        let n = batch.segmentLength
        var clean: [Float] = [], noisy: [Float] = []
        for i in 0..<batch.count {
            let range = (i * n)..<((i + 1) * n), scale = batch.scales[i]
            clean += batch.clean[range].map { $0 * scale }
            noisy += batch.noisy[range].map { $0 * scale }
        }
        let denoised = try denoiser.denoise(segments: noisy, length: n)
        let metrics = try (0..<batch.count).map { i in
            let range = (i * n)..<((i + 1) * n)
            return try Metrics.evaluate(clean: Array(clean[range]), denoised: Array(denoised[range]),
                                        noisy: Array(noisy[range]))
        }
        return MetricsSummary(metrics)
    }

    /// 10 seconds of both leads of record 103 (from 60 s on), each lead mixed with its own
    /// `noise` draw at `snr` dB. Returns the centred clean leads and the noisy signal.
    public static func excerpt(noise: NoiseType, snr: Double = 0) throws -> (clean: [[Float]], noisy: Signal) {
        let fixture = try loaded.get()
        let rate = fixture.record.sampleRate, start = Int(60 * rate), length = Int(10 * rate)
        var rng = SeededGenerator(seed: 7)
        var clean: [[Float]] = [], noisy: [[Float]] = []
        for lead in fixture.record.leads {
            var drawn = [Float](repeating: 0, count: length)
            try drawn.withUnsafeMutableBufferPointer { try fixture.noise.draw(noise, portion: .test, into: $0, using: &rng) }
            let mixture = try NoiseMixer.mix(clean: Array(lead[start..<(start + length)]), noise: drawn, snr: snr)
            clean.append(mixture.clean)
            noisy.append(mixture.noisy)
        }
        return (clean, Signal(leads: noisy, sampleRate: rate, leadNames: fixture.record.leadNames))
    }

    /// Per-lead SNR improvement (dB) of `denoised` over `noisy`, against `clean`.
    public static func improvements(clean: [[Float]], noisy: Signal, denoised: Signal) throws -> [Double] {
        try clean.indices.map { l in
            try Metrics.evaluate(clean: clean[l], denoised: denoised.leads[l], noisy: noisy.leads[l]).snrImprovement
        }
    }

    /// Expects the mean segment SNR gain at 0 dB to reach `emb` dB on emb noise and `bw` dB on bw.
    public static func expectSegmentGains(
        _ denoiser: any Denoiser, emb: Double, bw: Double, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let mixed = try segmentMetrics(denoiser, noise: .emb)
        #expect(mixed.snrImprovement >= emb, "emb: \(mixed.snrIn) → \(mixed.snrOut) dB", sourceLocation: sourceLocation)
        let wander = try segmentMetrics(denoiser, noise: .bw)
        #expect(wander.snrImprovement >= bw, "bw: \(wander.snrIn) → \(wander.snrOut) dB", sourceLocation: sourceLocation)
    }

    /// Expects the whole-signal path on the 10 s two-lead emb excerpt at 0 dB to keep the
    /// layout and gain at least `gain` dB on every lead.
    public static func expectWholeSignalGain(
        _ denoiser: any Denoiser, atLeast gain: Double, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (clean, noisy) = try excerpt(noise: .emb)
        let output = try denoiser.denoise(noisy)
        #expect(output.leadCount == 2 && output.sampleCount == noisy.sampleCount && output.sampleRate == 360,
                sourceLocation: sourceLocation)
        let gains = try improvements(clean: clean, noisy: noisy, denoised: output)
        #expect(gains.allSatisfy { $0 >= gain }, "SNR gains per lead: \(gains) dB", sourceLocation: sourceLocation)
    }
}
