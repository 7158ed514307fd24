import DenoiserKit
import ECG
import Foundation
import Testing
@testable import Training

@Suite("Departures from the protocol's training")
struct ProtocolDeparturesTests {
    static let protocolRun = TrainingOptions(model: "dancer", noise: .emb, seed: 1)

    @Test("a protocol run has none, with either schedule")
    func protocolRunHasNone() {
        var cosine = Self.protocolRun
        cosine.schedule = .cosine
        #expect(Self.protocolRun.protocolDepartures().isEmpty && cosine.protocolDepartures().isEmpty)
        var spelledOut = cosine   // the protocol's own values, given explicitly, are no departure
        spelledOut.similarityWeight = Double(DenoisingLoss.similarityWeight)
        spelledOut.inputScaling = .peak
        spelledOut.trainRecords = RecordSplit.trainRecords
        #expect(spelledOut.protocolDepartures().isEmpty)
    }

    @Test("every changed setting is named, with the protocol's value beside it")
    func everySettingIsNamed() {
        let cases: [(String, (inout TrainingOptions) -> Void)] = [
            ("NOT the protocol's learning rate: 0.003 (the protocol's 0.001)", { $0.learningRate = 3e-3 }),
            ("NOT the protocol's batch size: 32 (the protocol's 64)", { $0.batchSize = 32 }),
            ("short run: 500 of the default 10000 steps", { $0.steps = 500 }),
            ("NOT the protocol's budget: 20000 steps (the protocol's 10000)", { $0.steps = 20_000 }),
            ("NOT the protocol's loss: MSE + 0·(1 − cos)", { $0.similarityWeight = 0 }),
            ("NOT the protocol's input scaling: divided by `std(noisy) + 1e-8` (z-scored)", { $0.inputScaling = .standardDeviation }),
            ("NOT the protocol's input SNRs: trained and validated on [−6, 30] dB", { $0.inputSNR = -6...30 }),
            ("NOT the protocol's training set: records 101,103", { $0.trainRecords = ["101", "103"] }),
            ("NOT the protocol's validation: records 100", { $0.validationRecords = ["100"] }),
            ("NOT the protocol's validation: all segments (the protocol's 2048), every 100 steps (the protocol's 500)",
             { $0.validationSegments = 0; $0.validateEvery = 100 }),
            ("NOT the protocol's validation: seed 3 (the protocol's 0), patience 0 (the protocol's 10)",
             { $0.validationSeed = 3; $0.patience = 0 }),
            ("gradient norm clipped at 1", { $0.clipNorm = 1 }),
            ("model configuration differs from the registry's", { $0.configuration = .object(["widths": .array([.number(4)])]) }),
        ]
        for (expected, change) in cases {
            var options = Self.protocolRun
            change(&options)
            #expect(options.protocolDepartures() == [expected])
        }
        var both = Self.protocolRun
        both.learningRate = 3e-3
        both.inputScaling = .standardDeviation
        #expect(both.protocolDepartures().count == 2)
        let registered: JSONValue = .object(["widths": .array([.number(4)])])
        var sameConfiguration = Self.protocolRun
        sameConfiguration.configuration = registered
        #expect(sameConfiguration.protocolDepartures(registryConfiguration: registered).isEmpty)
    }

    @Test("a record gives its departures; an older one, those its notes and numbers name")
    func recordedAndLegacy() throws {
        var record = TrainingRecord(protocolVersion: TrainedCheckpoint.protocolVersion, seed: 1, steps: 10_000, batchSize: 64,
                                    learningRate: 1e-3, departures: ["NOT the protocol's loss: MSE + 1·(1 − cos)"])
        #expect(record.effectiveDepartures == ["NOT the protocol's loss: MSE + 1·(1 − cos)"])
        record.departures = []
        record.notes = "NOT the protocol's loss: MSE + 1·(1 − cos)"   // recorded as none: the record wins
        #expect(record.effectiveDepartures.isEmpty)
        // What a shipped checkpoint's manifest says (no departures recorded): none.
        record.departures = nil
        record.notes = "schedule cosine; budget of 10000 steps spent; validation: 2048 segments of records 100,119,208,228, seed 0"
        #expect(record.effectiveDepartures.isEmpty)
        record.notes = "schedule cosine; budget spent; NOT the protocol's input scaling: divided by `std(noisy) + 1e-8` (z-scored); "
            + "gradient norm clipped at 1; short run: 4 of the default 10000 steps"
        #expect(record.effectiveDepartures == ["NOT the protocol's input scaling: divided by `std(noisy) + 1e-8` (z-scored)",
                                               "gradient norm clipped at 1", "short run: 4 of the default 10000 steps"])
        // The evaluator adds what an older record's numbers show, and another protocol version.
        record.notes = "schedule cosine; budget spent"
        record.learningRate = 3e-3
        record.protocolVersion = "mitbih-nstdb-v0"
        let network = try ModelZooAccess.zoo.makeNetwork("unet", configuration: TestData.tinyUNet, seed: 1)
        let card = ModelCard(id: "unet", family: .unet, summary: "tiny", reference: "test")
        let older = NeuralDenoiser(network: network.layer, card: card, training: record)
        #expect(Evaluator.trainingDepartures(of: older) == ["trained under protocol mitbih-nstdb-v0, not mitbih-nstdb-v1",
                                                            "NOT the protocol's learning rate: 0.003 (the protocol's 0.001)"])
        let imported = NeuralDenoiser(network: network.layer, card: card)
        #expect(Evaluator.trainingDepartures(of: imported).first?.contains("no training run recorded") == true)
        #expect(Evaluator.trainingDepartures(of: try ModelZooAccess.zoo.load("fft")).isEmpty)
    }

    @Test("a trained checkpoint records its departures, its card names them, and its evaluation carries them",
          .enabled(if: TestData.available))
    func trainedCheckpointCarriesThem() throws {
        let data = try TestData.require()
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = TestData.tinyOptions(steps: 2)
        options.learningRate = 3e-3
        let result = try Trainer(options: options, data: data, output: directory.appendingPathComponent("lr.zip")).run()
        let checkpoint = try Checkpoint.read(from: result.checkpoint)
        let departures = try #require(checkpoint.manifest.training?.departures)
        #expect(departures.contains("NOT the protocol's learning rate: 0.003 (the protocol's 0.001)"))
        #expect(departures.contains("NOT the protocol's batch size: 8 (the protocol's 64)"))
        #expect(departures.contains("short run: 2 of the default 10000 steps"))
        #expect(checkpoint.manifest.training?.notes?.contains("NOT the protocol's learning rate: 0.003") == true)
        #expect(checkpoint.modelCard.contains("**Trained off the protocol**") && checkpoint.modelCard.contains("learning rate: 0.003"))

        var evaluation = EvaluationOptions(model: "unet", noise: .emb)
        evaluation.checkpoint = result.checkpoint.path
        evaluation.snrLevels = [0]
        evaluation.segmentLimit = 8
        let report = try Evaluator(options: evaluation, data: data).run(zoo: ModelZooAccess.zoo)
        #expect(report.trainingDepartures == departures)
        #expect(report.text().contains("trained off the protocol (an experiment, not a benchmark number)"))
        let refused = #expect(throws: TrainingError.self) { try ResultsReport(entries: [.init(source: "unet-emb.json", report: report)]) }
        #expect(refused?.description.contains("unet-emb.json") == true && refused?.description.contains("learning rate: 0.003") == true)
    }
}
