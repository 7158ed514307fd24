import DenoiserKit
import ECG
import Foundation
import Layers
import Testing
@testable import Training

@Suite("Evaluation")
struct EvaluatorTests {
    func options(model: String, levels: [Double] = [-4, 0], runs: Int = 1) -> EvaluationOptions {
        var options = EvaluationOptions(model: model, noise: .emb)
        options.snrLevels = levels
        options.runs = runs
        options.testRecords = ["103", "105"]
        options.segmentLimit = 48
        return options
    }

    @Test("identity: SNR_out = SNR_in ≈ the level, improvement 0; runs use seeds 1…N", .enabled(if: TestData.available))
    func identity() throws {
        let report = try Evaluator(options: options(model: "identity", runs: 2), data: TestData.require()).run { _ in IdentityDenoiser() }
        #expect(report.seeds == [1, 2] && report.runs == 2 && report.segmentsPerLevel == 48)
        #expect(report.levels.map(\.snr) == [-4, 0])
        for level in report.levels {
            #expect(level.runs.count == 2 && level.statistics.snrOut.count == 2)
            #expect(abs(level.statistics.snrIn.mean - level.snr) < 0.01)
            #expect(level.statistics.improvement.mean == 0 && level.statistics.snrOut == level.statistics.snrIn)
            #expect(abs(level.statistics.cosine.mean - 1) > 1e-6)   // noisy input, not the reference
        }
        #expect(report.levels[0].runs[0] != report.levels[0].runs[1])   // different noise per run
        // Per lead name: the segments of each lead alone, adding up to the whole level.
        for level in report.levels {
            let byLead = try #require(level.byLead)
            #expect(!byLead.isEmpty && byLead.values.allSatisfy { $0.count == 2 })
            #expect(byLead.values.map { $0[0].count }.reduce(0, +) == report.segmentsPerLevel)
            let pooled = byLead.values.map { Double($0[0].count) * $0[0].snrOut }.reduce(0, +) / Double(report.segmentsPerLevel)
            #expect(abs(pooled - level.runs[0].snrOut) < 1e-9)
        }
    }

    @Test("a classical filter from the zoo improves the SNR; every model sees the same noisy segments",
          .enabled(if: TestData.available))
    func classicalFilter() throws {
        let data = try TestData.require()
        let fft = try Evaluator(options: options(model: "fft"), data: data).run()
        let identity = try Evaluator(options: options(model: "identity"), data: data).run { _ in IdentityDenoiser() }
        #expect(fft.levels.map(\.statistics.snrIn) == identity.levels.map(\.statistics.snrIn))
        #expect(fft.levels[0].statistics.improvement.mean > 0.5)
        #expect(fft.levels.allSatisfy { $0.statistics.rmse.mean > 0 && $0.statistics.rmse.std == 0 })
        let row = ResultFormatting.markdownRow(label: "FFT", levels: fft.levels)
        #expect(row.hasPrefix("| FFT | ") && row.components(separatedBy: " / ").count == 3)
        let decoded = try EvaluationReport.decode(fft.jsonData(), source: "fft.json")
        #expect(decoded == fft)
    }

    @Test("the training-noise diagnostic draws other noise, says so, and keeps benchmark reports unchanged",
          .enabled(if: TestData.available))
    func trainingNoisePortion() throws {
        let (benchmark, diagnostic) = try fftEvaluations { $0.noisePortion = .trainValidation }
        #expect(benchmark.noisePortion == nil && diagnostic.noisePortion == .trainValidation)
        #expect(diagnostic.levels[0].runs[0].snrOut != benchmark.levels[0].runs[0].snrOut)
        #expect(abs(diagnostic.levels[0].statistics.snrIn.mean - -4) < 0.01)
        #expect(!String(decoding: try benchmark.jsonData(), as: UTF8.self).contains("noisePortion"))
        #expect(try EvaluationReport.decode(diagnostic.jsonData(), source: "d.json") == diagnostic)
        #expect(diagnostic.text().contains("noise from its trainValidation portion (a diagnostic"))
    }

    @Test("changed settings of a classical filter are evaluated, recorded and announced as tuning",
          .enabled(if: TestData.available))
    func changedSettings() throws {
        let lowCutoff: JSONValue = .object(["lowCutoff": .number(1)])
        let (registered, tuned) = try fftEvaluations { $0.settings = lowCutoff }
        #expect(registered.settings == nil && tuned.settings == lowCutoff)
        let registry = try #require(ModelZooAccess.zoo.registry.model("fft")?.config)
        #expect(registered.configuration == registry)                        // what was evaluated, recorded
        #expect(tuned.configuration == registry.merging(lowCutoff))
        #expect(tuned.levels[0].runs[0].snrOut != registered.levels[0].runs[0].snrOut)
        #expect(tuned.levels.map(\.statistics.snrIn) == registered.levels.map(\.statistics.snrIn))
        #expect(!String(decoding: try registered.jsonData(), as: UTF8.self).contains("settings"))
        #expect(try EvaluationReport.decode(tuned.jsonData(), source: "t.json") == tuned)
        #expect(tuned.text().contains(#"settings changed to {"lowCutoff":1} (tuning"#))
    }

    /// The FFT filter evaluated with the default options and with `change` applied to them.
    func fftEvaluations(changing change: (inout EvaluationOptions) -> Void) throws
        -> (unchanged: EvaluationReport, changed: EvaluationReport) {
        let data = try TestData.require()
        var changed = options(model: "fft")
        change(&changed)
        return (try Evaluator(options: options(model: "fft"), data: data).run(), try Evaluator(options: changed, data: data).run())
    }

    /// A freshly initialised tiny U-Net checkpoint (emb) with weights from `seed`.
    func writeTinyUNet(seed: UInt64, to url: URL) throws {
        let network = try ModelZooAccess.zoo.makeNetwork("unet", configuration: TestData.tinyUNet, seed: seed)
        let manifest = CheckpointManifest(modelId: "unet", target: "UNet", config: TestData.tinyUNet, noise: "emb")
        try Checkpoint(manifest: manifest, weights: network.layer.safeTensorsFile(), modelCard: "test").write(to: url)
    }

    @Test("{run} in the checkpoint loads one checkpoint per run", .enabled(if: TestData.available))
    func checkpointPerRun() throws {
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for seed: UInt64 in [1, 2] { try writeTinyUNet(seed: seed, to: directory.appendingPathComponent("tiny-\(seed).zip")) }
        var options = options(model: "unet", levels: [0], runs: 2)
        options.checkpoint = directory.appendingPathComponent("tiny-{run}.zip").path
        options.segmentLimit = 16
        let report = try Evaluator(options: options, data: TestData.require()).run(zoo: ModelZooAccess.zoo)
        #expect(report.checkpoint?.hasSuffix("tiny-{run}.zip") == true && report.levels[0].runs.count == 2)
        #expect(report.configuration == nil)                                  // a network's comes with its checkpoint
        #expect(report.levels[0].runs[0].snrOut != report.levels[0].runs[1].snrOut)
        // Written without a training record: each run's checkpoint is named as of unknown training.
        let departures = try #require(report.trainingDepartures)
        #expect(departures.count == 2 && departures[0].contains("tiny-1.zip: no training run recorded")
                && departures[1].contains("tiny-2.zip: no training run recorded"))
    }

    @Test("a registered name evaluates run r with its registered checkpoint <name>-run<r>; a missing run is an error",
          .enabled(if: TestData.available))
    func registeredRuns() throws {
        let root = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("Models/unet")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var registry = ModelZooAccess.zoo.registry
        let index = try #require(registry.models.firstIndex { $0.id == "unet" })
        registry.models[index].checkpoints = try [1, 2].map { run in
            let name = CheckpointRuns.name("emb", run: run), file = "Models/unet/unet-\(name).zip"
            let url = root.appendingPathComponent(file)
            try writeTinyUNet(seed: UInt64(run), to: url)
            let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
            return Registry.CheckpointEntry(name: name, file: file, sha256: try SHA256.hash(fileAt: url), size: size)
        }
        let zoo = ModelZoo(registry: registry, factories: ModelZooAccess.zoo.factoryTable, repositoryRoot: root)

        var options = options(model: "unet", levels: [0], runs: 2)
        options.checkpoint = "emb"
        options.segmentLimit = 16
        let report = try Evaluator(options: options, data: TestData.require()).run(zoo: zoo)
        #expect(report.runCheckpoints == ["emb", "emb-run2"] && report.checkpoint == "emb")
        #expect(report.levels[0].runs[0].snrOut != report.levels[0].runs[1].snrOut)

        // Run 2 alone (noise seed 2) is the second run of the pair, loaded by either name.
        options.runs = 1
        options.firstSeed = 2
        let second = try Evaluator(options: options, data: TestData.require()).run(zoo: zoo)
        #expect(second.levels[0].runs == [report.levels[0].runs[1]] && second.runCheckpoints == nil)
        options.checkpoint = "emb-run2"
        #expect(try Evaluator(options: options, data: TestData.require()).checkpointNames(zoo: zoo) == ["emb-run2"])
        options.checkpoint = nil   // the default checkpoint is run 1 of the first registered name
        #expect(try Evaluator(options: options, data: TestData.require()).checkpointNames(zoo: zoo) == ["emb-run2"])

        options.checkpoint = "emb"
        options.firstSeed = 1
        options.runs = 3
        let error = #expect(throws: TrainingError.self) { try Evaluator(options: options, data: TestData.require()).run(zoo: zoo) }
        let message = error?.description ?? ""
        #expect(message.contains("--runs") && message.contains("'emb-run3'") && message.contains("runs 1, 2"), "\(message)")

        // The registered quick check of run 2 evaluates it with noise seed 2.
        var entry = registry.models[index].checkpoints[1]
        entry.metrics = ["check_segments": 16]
        let checkOptions = try RegisteredMetricsCheck(model: "unet", checkpoint: entry, scope: .quick).options()
        #expect(checkOptions.firstSeed == 2 && checkOptions.noise == .emb && checkOptions.checkpoint == "emb-run2")
    }

    @Test("real stress-test records: the noisy stretches, 512-sample windows, identity keeps SNR_in",
          .enabled(if: TestData.available))
    func stressTest() throws {
        let data = try TestData.require()
        let (stretches, source) = try StressTestEvaluator.stretches(data: data, sampleCount: 650_000)
        #expect(source.contains("em.hea"))
        #expect(stretches.first == 108_000..<151_200 && stretches.last == 626_400..<650_000 && stretches.count == 7)
        #expect(StressTestEvaluator.parse(comments: ["no ranges here"]) == nil)
        let report = try StressTestEvaluator(data: data).run(denoisers: [IdentityDenoiser()])
        #expect(report.results.count == 6 && report.results.allSatisfy { $0.windows == 6 * 84 + 46 })
        #expect(report.results.allSatisfy { $0.statistics.improvement.mean == 0 })
        let lead0 = report.results.filter { $0.lead == 0 }.map(\.statistics.snrIn.mean)
        #expect(lead0[0] > lead0[1] && lead0[1] > lead0[2])   // 24 dB > 12 dB > 0 dB
    }
}
