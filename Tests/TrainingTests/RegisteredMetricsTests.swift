import DenoiserKit
import ECG
import Foundation
import Testing
@testable import Training

/// `dancer eval` of a shipped checkpoint reproduces what Registry.json says it achieved: the
/// quick check (`check_*`: evenly spaced segments at 0 dB) for every shipped checkpoint here;
/// the full metrics with `dancer verify --metrics full` (minutes per model, release build).
@Suite("Registered metrics")
struct RegisteredMetricsTests {
    /// Every registered checkpoint as `model/name`.
    static let shipped: [String] = ModelZooAccess.zoo.registry.models.flatMap { entry in entry.checkpoints.map { "\(entry.id)/\($0.name)" } }

    @Test("registry keys of the levels")
    func levelKeys() {
        #expect([-4.0, -2, 0, 2, 4, 1.5].map(RegisteredMetricsCheck.levelKey) == ["m4dB", "m2dB", "0dB", "p2dB", "p4dB", "p1.5dB"])
        #expect(RegisteredMetricsCheck.keys(snr: 0, prefix: "check_") == ("check_snr_out_0dB", "check_rmse_0dB"))
    }

    @Test("every shipped checkpoint records its full metrics and a quick check", arguments: shipped)
    func recordsMetrics(_ id: String) throws {
        let metrics = try #require(Self.checkpoint(id).metrics, "\(id) has no metrics in Registry.json")
        for key in ["runs", "check_segments", "check_snr_out_0dB", "check_rmse_0dB"] + TestSet.snrLevels.flatMap({
            let keys = RegisteredMetricsCheck.keys(snr: $0); return [keys.snr, keys.rmse]
        }) {
            #expect(metrics[key]?.isFinite == true, "\(id): Registry.json lacks \(key)")
        }
    }

    @Test("dancer eval reproduces the registered quick check", arguments: shipped)
    func reproducesTheQuickCheck(_ id: String) throws {
        guard TestData.available else { return }
        let (model, checkpoint) = (String(id.split(separator: "/")[0]), try Self.checkpoint(id))
        let comparisons = try RegisteredMetricsCheck(model: model, checkpoint: checkpoint, scope: .quick).run(data: TestData.require())
        #expect(comparisons.count == 2)
        for c in comparisons {
            #expect(c.holds, "\(id) \(c.key): measured \(c.measured), registered \(c.registered) (tolerance \(c.tolerance))")
        }
    }

    static func checkpoint(_ id: String) throws -> Registry.CheckpointEntry {
        let parts = id.split(separator: "/").map(String.init)
        return try #require(ModelZooAccess.zoo.registry.model(parts[0])?.checkpoints.first { $0.name == parts[1] })
    }
}
