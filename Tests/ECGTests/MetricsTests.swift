import Foundation
import Testing
@testable import ECG

@Suite("Metrics")
struct MetricsTests {
    @Test("definitions on a hand-computed example")
    func definitions() throws {
        let x: [Float] = [1, -1, 2, -2], y: [Float] = [1, -1, 1, -2], z: [Float] = [2, 0, 2, -2]
        let m = try Metrics.evaluate(clean: x, denoised: y, noisy: z)
        #expect(m.ssd == 1 && m.mad == 1)
        #expect(abs(m.snrOut - 10 * log10(10.0)) < 1e-12)
        #expect(abs(m.snrIn - 10 * log10(10.0 / 2)) < 1e-12)
        #expect(abs(m.snrImprovement - 10 * log10(2.0)) < 1e-12)
        #expect(abs(m.rmse - 0.5) < 1e-12 && abs(m.prd - 100 * (0.1).squareRoot()) < 1e-9)
        #expect(abs(m.cosine - 8 / (10.0 * 7).squareRoot()) < 1e-12)
        let perfect = try Metrics.evaluate(clean: x, denoised: x, noisy: z)
        #expect(perfect.snrOut == .infinity && perfect.rmse == 0 && abs(perfect.cosine - 1) < 1e-12)
        #expect(throws: ECGError.self) { try Metrics.evaluate(clean: x, denoised: [1], noisy: z) }
        #expect(throws: ECGError.self) { try Metrics.evaluate(clean: [], denoised: [], noisy: []) }
    }

    @Test("batch metrics restore mV with each segment's scale; aggregation and mean ± std")
    func batchAndAggregate() throws {
        let (corpus, bank) = DatasetTests.synthetic()
        let set = try TestSet.make(corpus: corpus, noise: bank, noiseType: .bw, snr: 0, seed: 2)
        let batch = try set.batch(0..<4)
        let identity = try Metrics.evaluate(batch: batch, output: batch.noisy)   // "denoiser" that does nothing
        for m in identity { #expect(abs(m.snrOut) < 0.01 && abs(m.snrImprovement) < 1e-9) }
        let direct = try Metrics.evaluate(clean: batch.restored(batch.clean, segment: 1),
                                          denoised: batch.restored(batch.noisy, segment: 1),
                                          noisy: batch.restored(batch.noisy, segment: 1))
        #expect(abs(direct.rmse - identity[1].rmse) < 1e-6)
        let summary = MetricsSummary(identity)
        #expect(summary.count == 4 && abs(summary.rmse - identity.map(\.rmse).reduce(0, +) / 4) < 1e-12)
        let cell = MeanStd([8.1, 8.3, 8.2])
        #expect(abs(cell.mean - 8.2) < 1e-12 && abs(cell.std - 0.1) < 1e-12 && cell.description == "8.20 ± 0.10")
        #expect(MeanStd([5]).std == 0)
        #expect(throws: ECGError.self) { try Metrics.evaluate(batch: batch, output: [1, 2]) }
    }
}
