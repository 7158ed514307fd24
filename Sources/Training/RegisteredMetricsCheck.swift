import DenoiserKit
import ECG
import Foundation
import Zoo

/// Re-evaluates a registered checkpoint and compares the result with the metrics that
/// `Registry.json` records for it — the proof that a shipped number can be reproduced.
///
/// Two scopes: ``Scope/full`` recomputes every `snr_out_<level>` / `rmse_<level>` on the
/// whole test set (minutes per model in a release build; `dancer verify --metrics`);
/// ``Scope/quick`` recomputes `check_snr_out_0dB` / `check_rmse_0dB` on `check_segments`
/// evenly spaced segments at 0 dB (seconds; run by the test suite).
///
/// ```swift
/// let outcome = try RegisteredMetricsCheck(model: "dancer", checkpoint: entry, scope: .quick).run(data: data)
/// print(outcome.isReproduced)
/// ```
public struct RegisteredMetricsCheck {
    /// Which registered numbers to recompute.
    public enum Scope: String, Sendable { case quick, full }

    /// One registered number beside the recomputed one.
    public struct Comparison: Sendable, Equatable {
        public var key: String
        public var registered: Double
        public var measured: Double
        public var tolerance: Double
        public var holds: Bool { abs(registered - measured) <= tolerance }
    }

    /// Tolerances: registered values are rounded to 0.001 dB and 0.0001 mV.
    public static let snrTolerance = 0.01, rmseTolerance = 0.001

    public var model: String
    public var checkpoint: Registry.CheckpointEntry
    public var scope: Scope

    public init(model: String, checkpoint: Registry.CheckpointEntry, scope: Scope) {
        (self.model, self.checkpoint, self.scope) = (model, checkpoint, scope)
    }

    /// The registry key of an input SNR level: `m4dB`, `m2dB`, `0dB`, `p2dB`, `p4dB`.
    public static func levelKey(_ snr: Double) -> String {
        let magnitude = String(format: "%g", abs(snr))
        return snr == 0 ? "0dB" : (snr < 0 ? "m" : "p") + magnitude + "dB"
    }

    /// The registry keys of one evaluation level (`prefix` is `""` or `"check_"`).
    public static func keys(snr: Double, prefix: String = "") -> (snr: String, rmse: String) {
        (prefix + "snr_out_" + levelKey(snr), prefix + "rmse_" + levelKey(snr))
    }

    /// The registered metrics of a level-by-level evaluation, as `Registry.json` stores them
    /// (rounded), under `prefix`.
    public static func registryMetrics(of report: EvaluationReport, prefix: String = "") -> [String: Double] {
        var metrics: [String: Double] = [:]
        for level in report.levels {
            let keys = keys(snr: level.snr, prefix: prefix)
            metrics[keys.snr] = (level.statistics.snrOut.mean * 1000).rounded() / 1000
            metrics[keys.rmse] = (level.statistics.rmse.mean * 10000).rounded() / 10000
        }
        return metrics
    }

    /// The evaluation that reproduces this scope's registered numbers.
    public func options() throws -> EvaluationOptions {
        let (base, run) = CheckpointRuns.parse(checkpoint.name)
        guard let noise = NoiseType(rawValue: base) else {
            throw TrainingError.invalidOption(name: "checkpoint", reason: "\(model)/\(checkpoint.name): the name is not a noise type (or a run of one), so the test set is unknown")
        }
        let metrics = checkpoint.metrics ?? [:]
        var options = EvaluationOptions(model: model, noise: noise)
        options.checkpoint = checkpoint.name
        options.firstSeed = UInt64(run)   // run r is evaluated with noise seed r
        switch scope {
        case .quick:
            guard let segments = metrics["check_segments"], segments >= 1 else {
                throw TrainingError.invalidOption(name: "check_segments", reason: "\(model)/\(checkpoint.name) records no quick check in Registry.json")
            }
            options.snrLevels = [0]
            options.segmentLimit = Int(segments)
        case .full:
            options.snrLevels = TestSet.snrLevels.filter { metrics[Self.keys(snr: $0).snr] != nil }
            guard !options.snrLevels.isEmpty else {
                throw TrainingError.invalidOption(name: "metrics", reason: "\(model)/\(checkpoint.name) records no snr_out_* metrics in Registry.json")
            }
            options.runs = Int(metrics["runs"] ?? 1)
        }
        return options
    }

    /// Evaluates and compares every registered number of the scope.
    public func run(data: DataLocation, zoo: ModelZoo = .shared, progress: (String) -> Void = { _ in }) throws -> [Comparison] {
        let report = try Evaluator(options: try options(), data: data).run(zoo: zoo, progress: progress)
        let measured = Self.registryMetrics(of: report, prefix: scope == .quick ? "check_" : "")
        let registered = checkpoint.metrics ?? [:]
        return measured.keys.sorted().compactMap { key in
            registered[key].map { value in
                Comparison(key: key, registered: value, measured: measured[key] ?? .nan,
                           tolerance: key.contains("rmse") ? Self.rmseTolerance : Self.snrTolerance)
            }
        }
    }
}
