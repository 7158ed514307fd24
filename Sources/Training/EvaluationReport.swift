import DenoiserKit
import ECG
import Foundation

/// Mean ± standard deviation across runs of every metric (PROTOCOL.md "Metrics", "Runs").
///
/// ```swift
/// let statistics = MetricStatistics(runs)   // runs: one MetricsSummary per run
/// print(statistics.snrOut)                  // "8.28 ± 0.10"
/// ```
public struct MetricStatistics: Codable, Equatable, Sendable {
    /// Measured input SNR, dB.
    public var snrIn: MeanStd
    /// Output SNR, dB.
    public var snrOut: MeanStd
    /// `SNR_out − SNR_in`, dB.
    public var improvement: MeanStd
    /// RMSE, mV.
    public var rmse: MeanStd
    /// PRD, %.
    public var prd: MeanStd
    /// Cosine similarity.
    public var cosine: MeanStd
    /// DeepFilter's SSD (sum of squared differences, mV²).
    public var ssd: MeanStd
    /// DeepFilter's MAD (maximum absolute difference, mV).
    public var mad: MeanStd

    /// The statistics of per-run means.
    public init(_ runs: [MetricsSummary]) {
        snrIn = MeanStd(runs.map(\.snrIn))
        snrOut = MeanStd(runs.map(\.snrOut))
        improvement = MeanStd(runs.map(\.snrImprovement))
        rmse = MeanStd(runs.map(\.rmse))
        prd = MeanStd(runs.map(\.prd))
        cosine = MeanStd(runs.map(\.cosine))
        ssd = MeanStd(runs.map(\.ssd))
        mad = MeanStd(runs.map(\.mad))
    }
}

/// One input-SNR level of an evaluation: the per-run means and their statistics.
public struct EvaluationLevel: Codable, Equatable, Sendable {
    /// The input SNR the test set was mixed at, dB.
    public var snr: Double
    /// Mean ± std across runs of each metric.
    public var statistics: MetricStatistics
    /// The mean over segments of each run, in run order.
    public var runs: [MetricsSummary]
    /// The per-run means over the segments of each lead name alone (`MLII`, `V1`, …), when
    /// measured: the protocol pools every lead; papers that use only MLII do not.
    public var byLead: [String: [MetricsSummary]]?

    /// A level from its per-run summaries (and per-run summaries per lead name).
    public init(snr: Double, runs: [MetricsSummary], byLead: [String: [MetricsSummary]]? = nil) {
        self.snr = snr
        self.runs = runs
        statistics = MetricStatistics(runs)
        self.byLead = byLead
    }
}

/// The result of `dancer eval`: one model (and checkpoint) on one noise type, every SNR level,
/// N runs (run r uses noise seed r), and optionally the real stress-test records.
///
/// ```swift
/// let report = try JSONDecoder().decode(EvaluationReport.self, from: data)
/// report.levels.map(\.statistics.snrOut.mean)
/// ```
public struct EvaluationReport: Codable, Equatable, Sendable {
    /// Version of this layout.
    public var formatVersion = 1
    /// The zoo id.
    public var model: String
    /// The checkpoint evaluated (registered name or path; `{run}` when one per run).
    public var checkpoint: String?
    /// The checkpoint each run loaded, when they differ (`emb`, `emb-run2`, …: one per training seed).
    public var runCheckpoints: [String]?
    /// Noise type of the test sets.
    public var noise: NoiseType
    /// Where the test noise came from when it was not the protocol's test portion (a diagnostic
    /// on the training noise); `nil` for every benchmark evaluation.
    public var noisePortion: NoisePortion?
    /// The configuration a classical filter was built from: the registry's, with any
    /// ``settings`` merged in. `nil` for neural models, whose configuration travels with their
    /// checkpoints. `dancer report` checks it against the registry, so a table cannot show a
    /// filter whose settings have changed since.
    public var configuration: JSONValue?
    /// Settings that replaced the classical filter's registered ones (`dancer eval --config`, a
    /// tuning run); `nil` for every benchmark evaluation.
    public var settings: JSONValue?
    /// How the evaluated checkpoints were trained off the protocol (another loss, learning
    /// rate, budget, input scaling, imported weights, …; prefixed by the checkpoint's name when
    /// runs load different ones); `nil` when every one followed it, or for classical filters.
    /// `dancer report` refuses such evaluations: they are experiments, not benchmark results.
    public var trainingDepartures: [String]?
    /// Number of runs.
    public var runs: Int
    /// Noise seed of each run.
    public var seeds: [UInt64]
    /// The benchmark protocol.
    public var protocolVersion = "mitbih-nstdb-v1"
    /// Records the test segments come from.
    public var testRecords: [String]
    /// Segments per level and run.
    public var segmentsPerLevel: Int
    /// One entry per input SNR level, ascending as given.
    public var levels: [EvaluationLevel]
    /// The real noise-stress records, when evaluated.
    public var stressTest: StressTestReport?
    /// ISO 8601 time of the evaluation.
    public var createdAt: String

    /// A report; `createdAt` is now.
    public init(model: String, checkpoint: String?, noise: NoiseType, seeds: [UInt64], testRecords: [String],
                segmentsPerLevel: Int, levels: [EvaluationLevel], stressTest: StressTestReport? = nil) {
        self.model = model
        self.checkpoint = checkpoint
        self.noise = noise
        self.runs = seeds.count
        self.seeds = seeds
        self.testRecords = testRecords
        self.segmentsPerLevel = segmentsPerLevel
        self.levels = levels
        self.stressTest = stressTest
        self.createdAt = ISO8601DateFormatter().string(from: Date())
    }

    /// Pretty, key-sorted JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// Reads a report written by ``jsonData()``; `source` names the file in errors.
    public static func decode(_ data: Data, source: String) throws -> EvaluationReport {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(EvaluationReport.self, from: data)
        } catch {
            throw TrainingError.invalidReport(path: source, reason: "not an evaluation report (\(error))")
        }
    }
}
