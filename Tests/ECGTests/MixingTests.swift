import Foundation
import Random
import Testing
@testable import ECG

@Suite("Noise mixing and splits")
struct MixingTests {
    @Test("record split matches PROTOCOL.md")
    func recordSplit() {
        #expect(RecordSplit.allRecords.count == 48 && Set(RecordSplit.allRecords).count == 48)
        #expect(RecordSplit.trainRecords.count == 33)
        #expect(RecordSplit.testRecords == ["103", "105", "111", "116", "118", "122", "205", "213", "219", "223", "230"])
        #expect(RecordSplit.validationRecords == ["100", "119", "208", "228"])
        #expect(RecordSplit.split(of: "118") == .test && RecordSplit.split(of: "101") == .train && RecordSplit.split(of: "999") == nil)
        #expect(NoisePortion.trainValidation.range(sampleCount: 282_800) == 0..<197_960)
        #expect(NoisePortion.test.range(sampleCount: 282_800) == 197_960..<282_800)
    }

    @Test("synthetic mix hits the target SNR, centres, and rejects constant input")
    func syntheticMix() throws {
        var rng = SeededGenerator(seed: 9)
        let x = syntheticLead(count: 512).map { $0 + 3 }
        let n = (0..<512).map { _ in Float(rng.normal()) + 5 }
        for snr in [-6.0, -4, 0, 3.3, 6] {
            let m = try NoiseMixer.mix(clean: x, noise: n, snr: snr)
            #expect(abs(NoiseMixer.snr(clean: m.clean, noisy: m.noisy) - snr) < 1e-3)
            #expect(abs(m.clean.reduce(0, +)) < 1e-3)
        }
        #expect(throws: ECGError.constantSignal(context: "clean segment")) {
            try NoiseMixer.mix(clean: [Float](repeating: 2, count: 512), noise: n, snr: 0)
        }
        #expect(throws: ECGError.constantSignal(context: "noise segment")) {
            try NoiseMixer.mix(clean: x, noise: [Float](repeating: 1, count: 512), snr: 0)
        }
        #expect(throws: ECGError.emptySignal(context: "clean segment")) { try NoiseMixer.mix(clean: [], noise: [], snr: 0) }
        #expect(throws: ECGError.self) { try NoiseMixer.mix(clean: x, noise: n, snr: .nan) }
    }

    @Test("window sampler respects the time split and stretch boundaries")
    func windowSampler() {
        let pieces = NoiseBank.validStarts(range: 0..<1000, length: 100, boundaries: [300, 950])
        #expect(pieces == [0..<201, 300..<851])
        #expect(NoiseBank.validStarts(range: 0..<50, length: 100, boundaries: []).isEmpty)
    }

    // Needs the real data; skipped with a printed note when absent.
    @Test("achieved SNR equals the target within 0.01 dB on real segments, every noise type",
          .enabled(if: TestData.available), arguments: NoiseType.allCases)
    func realSegmentsHitTarget(type: NoiseType) throws {
        let corpus = try #require(TestData.smallTestCorpus)
        let bank = try #require(TestData.noiseBank)
        for snr in TestSet.snrLevels {
            let set = try TestSet.make(corpus: corpus, noise: bank, noiseType: type, snr: snr, seed: 11)
            let batch = try set.batch(0..<48)
            for i in stride(from: 0, to: 48, by: 1) {
                let achieved = NoiseMixer.snr(clean: batch.restored(batch.clean, segment: i),
                                              noisy: batch.restored(batch.noisy, segment: i))
                #expect(abs(achieved - snr) < 0.01, "\(type) segment \(i): \(achieved) dB for target \(snr)")
            }
        }
    }

    @Test("noise draws stay inside their time portion", .enabled(if: TestData.available))
    func noisePortions() throws {
        let bank = try #require(TestData.noiseBank)
        let em = try #require(bank.records["em"])
        var rng = SeededGenerator(seed: 4)
        var buffer = [Float](repeating: 0, count: 512)
        let testRange = NoisePortion.test.range(sampleCount: em.channels[0].count)
        for _ in 0..<50 {
            try buffer.withUnsafeMutableBufferPointer { try bank.drawComponent("em", portion: .test, into: $0, using: &rng) }
            let found = em.channels.contains { channel in
                testRange.dropLast(511).contains { start in channel[start] == buffer[0] && Array(channel[start..<(start + 512)]) == buffer }
            }
            #expect(found)
        }
    }
}
