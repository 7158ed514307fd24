import ArgumentParser
import ECG
import Foundation
import Training

/// `dancer eval`: a model on the benchmark's test sets, N runs, the seed-style table or JSON.
///
/// ```
/// dancer eval --model dancer --checkpoint Models/dancer/dancer-emb.zip --noise emb --runs 10 --output evals/dancer-emb.json
/// ```
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a model on the test records at fixed input SNRs (run r: noise seed r, the same for every model).")

    @Option(help: "Zoo id of the model (neural or classical).")
    var model: String

    @Option(help: "Registered checkpoint name or .zip path; {run} in it becomes the run's seed (one checkpoint per training seed).")
    var checkpoint: String?

    @Option(help: "Noise type: emb, bw, ma or em.")
    var noise: String

    @Option(parsing: .unconditional, help: "Comma-separated input SNRs in dB.")
    var snr = "-4,-2,0,2,4"

    @Option(help: "Runs; run r uses noise seed first-seed + r − 1.")
    var runs = 1

    @Option(help: "Seed of the first run.")
    var firstSeed: UInt64 = 1

    @Option(help: "Folder holding mitdb/ and nstdb/ (default: $DANCER_DATA_DIR, else ../shared/data).")
    var dataDir: String?

    @Flag(name: .customLong("nst"), help: "Also evaluate on the real stress-test records 118e24/118e12/118e00 against mitdb 118.")
    var stressTest = false

    @Option(help: ArgumentHelp("Where the test noise is drawn: test (the protocol: the last 30 % of each noise record) or train (the first 70 %, the noise the models trained on).",
                               discussion: "train is a diagnostic of how much a test without a noise split flatters a model; its reports are refused by `dancer report`."))
    var noisePortion = "test"

    @Option(help: ArgumentHelp("Test on these records instead of the protocol's 11 test records: comma-separated names, or 'train' for the 33 training records.",
                               discussion: "A diagnostic of what a split by segment rather than by patient would report (the clean ECG of the training records was seen in training); not a benchmark number."))
    var records: String?

    @Option(help: ArgumentHelp("Settings replacing a classical filter's registered ones, as a JSON object, e.g. '{\"lowCutoff\": 0.67}'.",
                               discussion: "For tuning fft or dwt (on validation records: --records 100,119,208,228 --noise-portion train); its reports are refused by `dancer report`.",
                               valueName: "json"))
    var config: String?

    @Option(help: "Evenly spaced segments per level (0: all — the protocol; smaller only for smoke runs).")
    var segments = 0

    @Option(help: "Segments per denoiser call.")
    var batchSize = 256

    @Flag(help: "Print the report as JSON instead of tables.")
    var json = false

    @Option(name: [.short, .customLong("output")], help: "Also write the JSON report to this file (input of `dancer report`).")
    var output: String?

    func validate() throws {
        _ = try TrainingFlags.check { try evaluationOptions() }
        _ = try TrainingFlags.check { try DataLocation.resolve(flag: dataDir) }
    }

    func run() throws {
        let evaluator = Evaluator(options: try evaluationOptions(), data: try DataLocation.resolve(flag: dataDir))
        let report = try evaluator.run { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        let data = try report.jsonData()
        if let output { try data.write(to: URL(fileURLWithPath: output), options: .atomic) }
        print(json ? String(decoding: data, as: UTF8.self) : report.text())
    }

    /// The library options from the flags, checked.
    func evaluationOptions() throws -> EvaluationOptions {
        var options = EvaluationOptions(model: model, noise: try OptionParsing.noiseType(noise))
        options.checkpoint = checkpoint
        options.snrLevels = try OptionParsing.snrLevels(snr)
        options.runs = runs
        options.firstSeed = firstSeed
        options.segmentLimit = segments
        options.batchSize = batchSize
        options.stressTest = stressTest
        options.noisePortion = try OptionParsing.noisePortion(noisePortion)
        options.testRecords = try records.map {
            $0 == "train" ? RecordSplit.trainRecords : try OptionParsing.records($0, option: "--records")
        }
        options.settings = try config.map { try OptionParsing.jsonObject($0, option: "--config") }
        try options.validate()
        return options
    }
}
