import DenoiserKit
import ECG
import Foundation
import Zoo

/// What to evaluate: a model (and checkpoint) on one noise type at some input SNRs, N runs.
///
/// ```swift
/// var options = EvaluationOptions(model: "dancer", noise: .emb)
/// options.checkpoint = "Models/dancer/dancer-emb.zip"; options.runs = 10
/// ```
public struct EvaluationOptions: Sendable {
    /// The zoo id.
    public var model: String
    /// Registered checkpoint name or `.zip` path; `{run}` in it is replaced by the run's seed
    /// (one checkpoint per training seed); `nil` takes the first registered one.
    public var checkpoint: String?
    /// Noise type of the test sets.
    public var noise: NoiseType
    /// Input SNR levels, dB.
    public var snrLevels = TestSet.snrLevels
    /// Number of runs; run r uses noise seed `firstSeed + r`.
    public var runs = 1
    /// Seed of the first run (PROTOCOL.md: run r is seed r, counting from 1).
    public var firstSeed: UInt64 = 1
    /// Test records; `nil` is the protocol's 11.
    public var testRecords: [String]?
    /// Evenly spaced segments per level (0: all of them, as the protocol requires).
    public var segmentLimit = 0
    /// Segments per denoiser call.
    public var batchSize = 256
    /// Also evaluate on the real stress-test records 118e24/118e12/118e00.
    public var stressTest = false
    /// Where the test noise is drawn: the protocol's `.test` (last 30 % of each noise record), or
    /// `.trainValidation` — the noise the models trained on — for a diagnostic of how much a test
    /// without a noise split flatters a model (never a benchmark number).
    public var noisePortion: NoisePortion = .test
    /// Settings that replace those of a classical filter's registered configuration (a JSON
    /// object, e.g. `{"lowCutoff": 0.67}`), for tuning a filter; `nil` evaluates the zoo's
    /// configuration. Reports made with them are refused by `dancer report`.
    public var settings: JSONValue?

    /// Protocol defaults for a model and noise type.
    public init(model: String, noise: NoiseType) {
        self.model = model
        self.noise = noise
    }

    /// The seeds of the runs.
    public var seeds: [UInt64] { (0..<UInt64(max(runs, 0))).map { firstSeed + $0 } }

    /// The checkpoint argument of one run.
    public func checkpoint(forRun seed: UInt64) -> String? {
        checkpoint.map { $0.replacingOccurrences(of: "{run}", with: String(seed)) }
    }

    /// Checks every value, naming the flag to fix.
    public func validate() throws {
        _ = try OptionParsing.atLeast(1, runs, option: "--runs")
        _ = try OptionParsing.atLeast(1, batchSize, option: "--batch-size")
        _ = try OptionParsing.atLeast(0, segmentLimit, option: "--segments")
        guard !snrLevels.isEmpty else { throw TrainingError.invalidOption(name: "--snr", reason: "give at least one level") }
    }
}

/// Runs the benchmark's test sets through a denoiser: for each run (noise seed r, the same
/// noisy segments for every model) and input SNR, the mean over segments of SNR_out, RMSE,
/// improvement, PRD, cosine, SSD and MAD; then mean ± std across runs.
///
/// ```swift
/// let report = try Evaluator(options: options, data: data).run()
/// print(ResultFormatting.markdownRow(label: "DANCER", levels: report.levels))
/// ```
public struct Evaluator {
    public let options: EvaluationOptions
    public let data: DataLocation

    public init(options: EvaluationOptions, data: DataLocation) {
        self.options = options
        self.data = data
    }

    /// Evaluates the zoo's model; each run loads its checkpoint (see ``checkpointNames(zoo:)``),
    /// or, with ``EvaluationOptions/settings``, the classical filter with those settings.
    public func run(zoo: ModelZoo = .shared, progress: (String) -> Void = { _ in }) throws -> EvaluationReport {
        let names = try checkpointNames(zoo: zoo)   // the options are validated by run(distinctRuns:progress:denoiser:)
        let distinct = Set(names.map { $0 ?? "" }).count > 1
        var loaded: [String: any Denoiser] = [:]
        var departures: [String] = []
        let tuned = try options.settings.map { try zoo.classicalFilter(options.model, overriding: $0) }
        var report = try run(distinctRuns: distinct, progress: progress) { seed in
            if let tuned { return tuned }
            let name = names[Int(seed - options.firstSeed)]
            if let cached = loaded[name ?? ""] { return cached }
            let denoiser = try zoo.load(options.model, checkpoint: name)
            loaded[name ?? ""] = denoiser
            let prefix = distinct ? "\(name ?? ""): " : ""
            departures += Self.trainingDepartures(of: denoiser).map { prefix + $0 }
            return denoiser
        }
        if distinct { report.runCheckpoints = names.map { $0 ?? "" } }
        report.configuration = try zoo.classicalConfiguration(options.model, overriding: options.settings)
        report.trainingDepartures = departures.isEmpty ? nil : departures
        return report
    }

    /// How a loaded denoiser's weights were trained off the protocol (its checkpoint's
    /// ``TrainingRecord/effectiveDepartures``, and another protocol version); a checkpoint
    /// without a training record (imported weights) is one too. Empty for classical filters.
    static func trainingDepartures(of denoiser: any Denoiser) -> [String] {
        guard let neural = denoiser as? NeuralDenoiser else { return [] }
        guard let training = neural.training else {
            return ["no training run recorded (imported weights?): how they were trained is unknown"]
        }
        var departures = training.effectiveDepartures
        if training.departures == nil {   // written before departures were recorded: its numbers still tell
            departures += [TrainingOptions.learningRateDeparture(training.learningRate),
                           TrainingOptions.batchSizeDeparture(training.batchSize)].compactMap { $0 }
        }
        if training.protocolVersion != TrainedCheckpoint.protocolVersion {
            departures.insert("trained under protocol \(training.protocolVersion), not \(TrainedCheckpoint.protocolVersion)", at: 0)
        }
        return departures
    }

    /// The checkpoint of each run, in seed order. `{run}` in `options.checkpoint` becomes the
    /// run's seed; a registered run-1 name (`emb`, also the default when none is given) becomes
    /// run r's registered checkpoint (``CheckpointRuns``: `emb-run<r>`), and a run without one
    /// is an error; any other name or path is loaded for every run.
    public func checkpointNames(zoo: ModelZoo) throws -> [String?] {
        let seeds = options.seeds
        if let template = options.checkpoint, template.contains("{run}") { return seeds.map(options.checkpoint(forRun:)) }
        guard let entry = zoo.registry.model(options.model),
              let name = options.checkpoint ?? entry.checkpoints.first?.name,
              entry.checkpoints.contains(where: { $0.name == name }), CheckpointRuns.parse(name).run == 1
        else { return seeds.map { _ in options.checkpoint } }
        let runs = entry.runs(of: name)
        return try seeds.map { seed in
            guard seed <= UInt64(Int.max), let checkpoint = runs[Int(seed)] else {
                let have = runs.keys.sorted()
                throw TrainingError.invalidOption(
                    name: options.runs > 1 ? "--runs" : "--first-seed",
                    reason: "run \(seed) of \(options.model)/\(name) needs the registered checkpoint '\(CheckpointRuns.name(name, run: Int(clamping: seed)))' "
                        + "(one checkpoint per training seed, docs/protocol.md \"Runs and their checkpoints\"); Registry.json has runs "
                        + have.map(String.init).joined(separator: ", ") + ". Evaluate those runs, or give a .zip path to "
                        + "evaluate one checkpoint under several noise seeds")
            }
            return checkpoint.name
        }
    }

    /// Evaluates the denoiser that `denoiser(seed)` returns for each run.
    /// `distinctRuns`: each run's denoiser is a different model (one per training seed), so
    /// the stress test evaluates each; otherwise it evaluates the first run's once.
    public func run(distinctRuns: Bool = false, progress: (String) -> Void = { _ in },
                    denoiser: (UInt64) throws -> any Denoiser) throws -> EvaluationReport {
        try options.validate()
        let records = options.testRecords ?? RecordSplit.testRecords
        let corpus = try CleanCorpus(dataDirectory: data.mitdb, records: records)
        let noise = try NoiseBank(dataDirectory: data.nstdb)
        var perLevel = [[MetricsSummary]](repeating: [], count: options.snrLevels.count)
        var perLevelByLead = [[String: [MetricsSummary]]](repeating: [:], count: options.snrLevels.count)
        var segments = 0
        for seed in options.seeds {
            let model = try denoiser(seed)
            for (index, snr) in options.snrLevels.enumerated() {
                let set = try TestSet.make(corpus: corpus, noise: noise, noiseType: options.noise, snr: snr, seed: seed,
                                           portion: options.noisePortion)
                let selection = SegmentSelection(set: set, limit: options.segmentLimit)
                let metrics = try Self.measure(model, on: selection, batchSize: options.batchSize)
                segments = metrics.count
                let summary = MetricsSummary(metrics)
                perLevel[index].append(summary)
                let byLead = Self.groupedByLeadName(metrics, selection: selection).mapValues(MetricsSummary.init)
                for (name, leadSummary) in byLead { perLevelByLead[index][name, default: []].append(leadSummary) }
                progress(String(format: "run seed %llu, input SNR %+.1f dB: SNR_out %.2f dB, RMSE %.4f mV (%d segments)",
                                seed, snr, summary.snrOut, summary.rmse, metrics.count)
                         + "; by lead: " + byLead.sorted { $0.key < $1.key }.map {
                             "\($0.key) " + String(format: "%.2f dB (%d)", $0.value.snrOut, $0.value.count)
                         }.joined(separator: ", "))
            }
        }
        let levels = options.snrLevels.indices.map {
            EvaluationLevel(snr: options.snrLevels[$0], runs: perLevel[$0], byLead: perLevelByLead[$0])
        }
        var stress: StressTestReport?
        if options.stressTest {
            let seeds = distinctRuns ? options.seeds : [options.firstSeed]
            stress = try StressTestEvaluator(data: data).run(denoisers: seeds.map { try denoiser($0) })
        }
        var report = EvaluationReport(model: options.model, checkpoint: options.checkpoint, noise: options.noise,
                                      seeds: options.seeds, testRecords: records, segmentsPerLevel: segments,
                                      levels: levels, stressTest: stress)
        report.noisePortion = options.noisePortion == .test ? nil : options.noisePortion
        report.settings = options.settings
        return report
    }

    /// `metrics` (in selection order) grouped by the name of the lead each segment comes from.
    static func groupedByLeadName(_ metrics: [SegmentMetrics], selection: SegmentSelection) -> [String: [SegmentMetrics]] {
        var groups: [String: [SegmentMetrics]] = [:]
        let corpus = selection.set.corpus
        for (metric, index) in zip(metrics, selection.indices) {
            groups[corpus.leads[Int(selection.set.origins[index].leadIndex)].name, default: []].append(metric)
        }
        return groups
    }

    /// Per-segment metrics (in mV) of `denoiser` on the selected segments, in selection order
    /// (batches on one lane per core when the denoiser allows concurrent calls).
    static func measure(_ denoiser: any Denoiser, on selection: SegmentSelection, batchSize: Int) throws -> [SegmentMetrics] {
        try selection.mapBatches(size: batchSize, concurrently: denoiser.allowsConcurrentCalls) { batch in
            let n = batch.segmentLength
            var noisy = batch.noisy
            for i in 0..<batch.count { for t in 0..<n { noisy[i * n + t] *= batch.scales[i] } }
            let output = try denoiser.denoise(segments: noisy, length: n)
            return try (0..<batch.count).map { i in
                let range = (i * n)..<((i + 1) * n)
                return try Metrics.evaluate(clean: batch.restored(batch.clean, segment: i),
                                            denoised: Array(output[range]), noisy: Array(noisy[range]))
            }
        }.flatMap { $0 }
    }
}
