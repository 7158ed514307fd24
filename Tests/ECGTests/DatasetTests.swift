import Foundation
import Random
import Testing
@testable import ECG

@Suite("Datasets")
struct DatasetTests {
    /// A small synthetic corpus and noise bank (no real data needed).
    static func synthetic() -> (CleanCorpus, NoiseBank) {
        var rng = SeededGenerator(seed: 1)
        let leads = (0..<3).map { LeadSignal(record: "s\($0)", lead: 0, name: "MLII", samples: syntheticLead(count: 4096, seed: Double($0))) }
        var flat = syntheticLead(count: 2048)
        for i in 512..<1536 { flat[i] = 0.5 } // a constant stretch: segments inside it are skipped
        let corpus = CleanCorpus(leads: leads + [LeadSignal(record: "flat", lead: 0, name: "x", samples: flat)])
        func noise(_ n: Int) -> [Float] { (0..<n).map { _ in Float(rng.normal()) } }
        let bank = NoiseBank(records: ["bw": .init(channels: [noise(5000), noise(5000)]),
                                       "ma": .init(channels: [noise(5000), noise(5000)]),
                                       "em": .init(channels: [noise(3000), noise(3000)], boundaries: [1000])])
        return (corpus, bank)
    }

    @Test("training batches: shape, scaling by max|noisy|, SNR range, deterministic")
    func trainingBatches() throws {
        let (corpus, bank) = Self.synthetic()
        var stream = try TrainingStream(corpus: corpus, noise: bank, noiseType: .emb, seed: 5)
        // 3 leads × 15 stride-256 segments, plus 4 of the 7 of the lead with a constant stretch.
        #expect(stream.segmentsPerEpoch == 49)
        let batch = try stream.nextBatch(size: 8)
        #expect(batch.shape == [8, 1, 512] && batch.noisy.count == 8 * 512 && batch.origins.count == 8)
        for i in 0..<8 {
            let seg = batch.noisy[(i * 512)..<((i + 1) * 512)]
            #expect(abs(seg.map(abs).max()! - 1) < 1e-5)
            #expect(batch.snrs[i] >= -6 && batch.snrs[i] <= 6)
            let achieved = NoiseMixer.snr(clean: batch.restored(batch.clean, segment: i), noisy: batch.restored(batch.noisy, segment: i))
            #expect(abs(achieved - Double(batch.snrs[i])) < 0.01)
        }
        var again = try TrainingStream(corpus: corpus, noise: bank, noiseType: .emb, seed: 5)
        #expect(try again.nextBatch(size: 8).noisy == batch.noisy)
    }

    @Test("the stream resumes exactly from an encoded state, and every epoch brings new noise and order")
    func resume() throws {
        let (corpus, bank) = Self.synthetic()
        var a = try TrainingStream(corpus: corpus, noise: bank, noiseType: .ma, seed: 3)
        _ = try a.nextBatch(size: 40)
        let saved = try JSONEncoder().encode(a.state)
        let expected = try a.nextBatch(size: 20)          // crosses into epoch 1
        #expect(a.state == TrainingStreamState(seed: 3, epoch: 1, position: 11))
        let state = try JSONDecoder().decode(TrainingStreamState.self, from: saved)
        var b = try TrainingStream(corpus: corpus, noise: bank, noiseType: .ma, seed: 999, state: state)
        let resumed = try b.nextBatch(size: 20)
        #expect(resumed.noisy == expected.noisy && resumed.clean == expected.clean && resumed.origins == expected.origins)
        // Epoch 1 covers every segment once again, in another order, with other noise.
        var c = try TrainingStream(corpus: corpus, noise: bank, noiseType: .ma, seed: 3)
        let e0 = try c.nextBatch(size: 49), e1 = try c.nextBatch(size: 49)
        #expect(Set(e0.origins) == Set(e1.origins) && e0.origins != e1.origins)
        #expect(Set(e0.origins).count == 49)
        #expect(throws: ECGError.self) {
            try TrainingStream(corpus: corpus, noise: bank, noiseType: .ma, seed: 3, state: .init(seed: 3, epoch: 0, position: 49))
        }
        c.state = TrainingStreamState(seed: 3, epoch: 0, position: 500)
        #expect(throws: ECGError.self) { try c.nextBatch(size: 1) }
        c.state = TrainingStreamState(seed: 3, epoch: 0, position: 0)
        #expect(try c.nextBatch(size: 49).origins == e0.origins)
    }

    @Test("fixed sets: non-overlapping, same per seed regardless of batching, SNR levels share noise")
    func fixedSets() throws {
        let (corpus, bank) = Self.synthetic()
        let set = try TestSet.make(corpus: corpus, noise: bank, noiseType: .em, snr: -2, seed: 8)
        #expect(set.count == 3 * 8 + 2)
        #expect(set.origins.allSatisfy { $0.offset % 512 == 0 })
        let whole = try set.batch(0..<set.count)
        let parts = try set.batchRanges(size: 7).map { try set.batch($0) }
        #expect(parts.flatMap(\.noisy) == whole.noisy)
        let sameSeed = try TestSet.make(corpus: corpus, noise: bank, noiseType: .em, snr: -2, seed: 8).batch(0..<5)
        let otherSeed = try TestSet.make(corpus: corpus, noise: bank, noiseType: .em, snr: -2, seed: 9).batch(0..<5)
        #expect(sameSeed.noisy == Array(whole.noisy[0..<(5 * 512)]) && otherSeed.noisy != sameSeed.noisy)
        // Same noise at another SNR: noisy − clean (in mV) is proportional.
        let at4 = try TestSet.make(corpus: corpus, noise: bank, noiseType: .em, snr: 4, seed: 8).batch(0..<1)
        let n1 = zip(whole.restored(whole.noisy, segment: 0), whole.restored(whole.clean, segment: 0)).map { $0 - $1 }
        let n2 = zip(at4.restored(at4.noisy, segment: 0), at4.restored(at4.clean, segment: 0)).map { $0 - $1 }
        let ratio = pow(10, -6.0 / 20) // 4 dB vs −2 dB
        #expect(zip(n1, n2).allSatisfy { abs(Double($1) - Double($0) * ratio) < 1e-4 })
        let val = try TestSet.validation(corpus: corpus, noise: bank, noiseType: .emb, seed: 8).batch(0..<10)
        #expect(val.snrs.allSatisfy { $0 >= -6 && $0 <= 6 } && Set(val.snrs).count > 1)
        #expect(throws: ECGError.self) { try set.batch(0..<(set.count + 1)) }
    }

    @Test("batching throughput (thousands of segments per second even in debug)")
    func throughput() throws {
        let (corpus, bank) = Self.synthetic()
        var stream = try TrainingStream(corpus: corpus, noise: bank, noiseType: .emb, seed: 1)
        let start = Date()
        for _ in 0..<8 { _ = try stream.nextBatch(size: 64) }
        let rate = 512 / Date().timeIntervalSince(start)
        print("TrainingStream (debug build): \(Int(rate)) segments/s")
        #expect(rate > 500)
    }

    // Needs the real data; skipped with a printed note when absent.
    @Test("real records: stride-256 segment count and emb batches", .enabled(if: TestData.available))
    func realStream() throws {
        let corpus = try #require(TestData.smallTestCorpus)
        let bank = try #require(TestData.noiseBank)
        var stream = try TrainingStream(corpus: corpus, noise: bank, noiseType: .emb, seed: 2)
        // 2 records × 2 leads × ((650000 − 512) / 256 + 1) segments.
        #expect(stream.segmentsPerEpoch == 4 * 2538)
        let start = Date()
        let batch = try stream.nextBatch(size: 256)
        print("TrainingStream on real data (debug build): \(Int(256 / Date().timeIntervalSince(start))) segments/s")
        #expect(batch.scales.allSatisfy { $0 > 0 && $0.isFinite } && batch.noisy.allSatisfy { abs($0) <= 1 })
    }
}
