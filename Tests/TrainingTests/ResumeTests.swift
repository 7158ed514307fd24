import DenoiserKit
import ECG
import Foundation
import SafeTensors
import Tensors
import Testing
@testable import Training

@Suite("Resumable training")
struct ResumeTests {
    @Test("killed after step 3 and resumed = uninterrupted, bit for bit", .enabled(if: TestData.available))
    func resumeIsBitExact() throws {
        let data = try TestData.require()
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = TestData.tinyOptions(steps: 6)

        let straight = Trainer(options: options, data: data, output: directory.appendingPathComponent("straight.zip"))
        let uninterrupted = try straight.run()

        let killed = Trainer(options: options, data: data, output: directory.appendingPathComponent("resumed.zip"))
        killed.haltAfterStep = 3   // the state on disk is from the validation at step 2
        #expect(try killed.train(resume: false) == nil)
        #expect(try TrainingState.read(from: killed.stateURL).progress.step == 2)
        let resumed = try Trainer(options: options, data: data, output: killed.output).run(resume: true)

        let a = try Checkpoint.read(from: uninterrupted.checkpoint), b = try Checkpoint.read(from: resumed.checkpoint)
        #expect(differingTensors(a.weights, b.weights).isEmpty)
        let stateA = try TrainingState.read(from: straight.stateURL), stateB = try TrainingState.read(from: killed.stateURL)
        #expect(differingTensors(stateA.weights, stateB.weights).isEmpty)
        #expect(differingTensors(stateA.bestWeights, stateB.bestWeights).isEmpty)
        #expect(stateA.optimizer.step == stateB.optimizer.step)
        #expect(stateA.progress.stream == stateB.progress.stream)
        #expect(uninterrupted.log.rows.map(\.validationLoss) == resumed.log.rows.map(\.validationLoss))
        #expect(uninterrupted.log.rows.map(\.trainLoss) == resumed.log.rows.map(\.trainLoss))
        #expect(uninterrupted.steps == 6 && resumed.steps == 6 && resumed.bestStep == uninterrupted.bestStep)
    }

    /// Names of the tensors whose bytes, dtype or shape differ (or that only one file has).
    func differingTensors(_ a: SafeTensorsFile, _ b: SafeTensorsFile) -> [String] {
        Set(a.tensors.keys).union(b.tensors.keys).sorted().filter { a.tensors[$0] != b.tensors[$0] }
    }

    @Test("the checkpoint has manifest, weights, card and training log", .enabled(if: TestData.available))
    func checkpointContents() throws {
        let data = try TestData.require()
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = TestData.tinyOptions(steps: 2)
        options.noise = .em
        let result = try Trainer(options: options, data: data, output: directory.appendingPathComponent("new/folder/tiny.zip")).run()
        let checkpoint = try Checkpoint.read(from: result.checkpoint)
        let training = try #require(checkpoint.manifest.training)
        #expect(checkpoint.manifest.modelId == "unet" && checkpoint.manifest.target == "UNet")
        #expect(checkpoint.manifest.noise == "em" && checkpoint.manifest.config == TestData.tinyUNet)
        #expect(training.protocolVersion == "mitbih-nstdb-v1" && training.seed == 7 && training.steps == 2)
        #expect(training.batchSize == 8 && training.learningRate == 1e-3 && training.bestStep == 2)
        #expect(training.notes?.contains("NOT the protocol's training set") == true)
        #expect(checkpoint.modelCard.contains("ODC-By 1.0") && checkpoint.modelCard.contains("Moody GB, Muldrow WE"))
        #expect(checkpoint.modelCard.contains("Goldberger AL") && checkpoint.modelCard.contains("reconstructed"))
        let csv = String(decoding: try #require(checkpoint.attachments[TrainingLog.entryName]), as: UTF8.self)
        #expect(try TrainingLog(csv: csv, source: "tiny.zip").rows.map(\.step) == [2])
        // The zoo loads it like any checkpoint.
        let denoiser = try ModelZooAccess.zoo.load("unet", checkpoint: result.checkpoint.path)
        #expect(try denoiser.denoise(segments: [Float](repeating: 0.1, count: 512), length: 512).count == 512)
    }

    @Test("another input-SNR range is trained and validated on, recorded, and guards resumption", .enabled(if: TestData.available))
    func inputSNRRange() throws {
        let data = try TestData.require()
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = TestData.tinyOptions(steps: 4)
        options.inputSNR = 20...30
        let session = try TrainingSession(options: options, data: data, zoo: ModelZooAccess.zoo, saved: nil, source: "test")
        let batch = try #require(session.validation.batches.first)
        let inputs = try Metrics.evaluate(batch: batch, output: batch.noisy).map(\.snrIn)
        #expect(inputs.allSatisfy { $0 >= 19.99 && $0 <= 30.01 } && inputs.contains { $0 > 25 } && inputs.contains { $0 < 25 })
        let sample = try session.stream.nextBatch(size: 16)
        let trainInputs = try Metrics.evaluate(batch: sample, output: sample.noisy).map(\.snrIn)
        #expect(trainInputs.allSatisfy { $0 >= 19.99 && $0 <= 30.01 })

        let checkpoint = try Self.trainGuardingResumption(options, data: data, output: directory.appendingPathComponent("wide.zip"),
                                                          setting: "inputSNR") { $0.inputSNR = nil }
        #expect(checkpoint.manifest.training?.notes?.contains("NOT the protocol's input SNRs: trained and validated on [20, 30] dB") == true)
        #expect(checkpoint.modelCard.contains("SNR uniform in [20, 30] dB per example"))
        #expect(TrainingOptions(model: "unet", noise: .emb, seed: 1).effectiveInputSNR == -6...6)
    }

    @Test("another loss weight is trained and validated with, recorded, and guards resumption", .enabled(if: TestData.available))
    func similarityWeight() throws {
        let data = try TestData.require()
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var mseOnly = TestData.tinyOptions(steps: 4)
        mseOnly.similarityWeight = 0
        var cosineHeavy = mseOnly
        cosineHeavy.similarityWeight = 1_000
        // Same seed: the same initial network, batch and validation set, so only the weight differs.
        let plain = try TrainingSession(options: mseOnly, data: data, zoo: ModelZooAccess.zoo, saved: nil, source: "test")
        let heavy = try TrainingSession(options: cosineHeavy, data: data, zoo: ModelZooAccess.zoo, saved: nil, source: "test")
        let dissimilarity = try heavy.validation.evaluate(heavy.network, similarityWeight: 1).loss
            - heavy.validation.evaluate(heavy.network, similarityWeight: 0).loss
        #expect(dissimilarity > 0.01, "an untrained network's output is far from the clean signal's direction")
        let firstLosses = (try plain.step(), try heavy.step())
        #expect(abs(Double(firstLosses.1 - firstLosses.0) / 1_000 - dissimilarity) < dissimilarity,
                "the training step's loss carries λ·(1 − cos) of the same order as validation's")
        let (row, _) = try heavy.validate(trainLoss: 0, segmentsPerSecond: 0)
        let heavyLoss = try heavy.validation.evaluate(heavy.network, similarityWeight: 1_000).loss
        #expect(abs(row.validationLoss - heavyLoss) <= 1e-6 * heavyLoss, "the logged validation loss is the run's loss, λ = 1000")

        let checkpoint = try Self.trainGuardingResumption(mseOnly, data: data, output: directory.appendingPathComponent("mse.zip"),
                                                          setting: "similarityWeight") { $0.similarityWeight = nil }
        #expect(checkpoint.manifest.training?.notes?.contains("NOT the protocol's loss: MSE + 0·(1 − cos)") == true)
        #expect(checkpoint.modelCard.contains("`MSE + 0·(1 − cos)`"))
    }

    @Test("z-scored inputs are trained and validated on, recorded for the zoo, and guard resumption", .enabled(if: TestData.available))
    func inputScaling() throws {
        let data = try TestData.require()
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = TestData.tinyOptions(steps: 4)
        options.inputScaling = .standardDeviation
        let session = try TrainingSession(options: options, data: data, zoo: ModelZooAccess.zoo, saved: nil, source: "test")
        let protocolSession = try TrainingSession(options: TestData.tinyOptions(steps: 4), data: data, zoo: ModelZooAccess.zoo,
                                                  saved: nil, source: "test")
        let batch = try #require(session.validation.batches.first), peakBatch = try #require(protocolSession.validation.batches.first)
        for i in 0..<batch.count {
            let noisy = Array(batch.noisy[(i * batch.segmentLength)..<((i + 1) * batch.segmentLength)])
            #expect(abs(InputScaling.standardDeviation.scale(of: noisy) - 1) < 1e-4)
            // The same examples as the protocol's, only scaled otherwise: identical in mV.
            for (a, b) in zip(batch.restored(batch.clean, segment: i), peakBatch.restored(peakBatch.clean, segment: i)) {
                #expect(abs(a - b) <= 1e-5 * max(1, abs(b)))
            }
        }
        // A training step sees z-scored inputs: its loss is that of the z-scored batch.
        var stream = session.stream
        var next = try stream.nextBatch(size: options.batchSize)
        next.rescale(to: .standardDeviation)
        let expected = withoutGradients {
            DenoisingLoss.compute(prediction: session.network(Tensor(shape: next.shape, scalars: next.noisy)),
                                  target: Tensor(shape: next.shape, scalars: next.clean)).item
        }
        #expect(abs(try session.step() - expected) <= 1e-5 * expected)

        let checkpoint = try Self.trainGuardingResumption(options, data: data, output: directory.appendingPathComponent("std.zip"),
                                                          setting: "inputScaling") { $0.inputScaling = nil }
        #expect(checkpoint.manifest.inputScaling == .standardDeviation)
        #expect(checkpoint.manifest.training?.notes?.contains("NOT the protocol's input scaling: divided by `std(noisy) + 1e-8`") == true)
        #expect(checkpoint.modelCard.contains("std(noisy) + 1e-8") && checkpoint.modelCard.contains("not the protocol's scaling"))
        let denoiser = try #require(try ModelZooAccess.zoo.load("unet", checkpoint: directory.appendingPathComponent("std.zip").path)
                                    as? NeuralDenoiser)
        #expect(denoiser.inputScaling == .standardDeviation)
    }

    /// Trains `options` for 2 steps, checks that the protocol's value of `setting` (made by
    /// `protocolValue`) cannot resume that state, then finishes the run and returns its checkpoint.
    static func trainGuardingResumption(_ options: TrainingOptions, data: DataLocation, output: URL, setting: String,
                                        protocolValue: (inout TrainingOptions) -> Void) throws -> Checkpoint {
        let trainer = Trainer(options: options, data: data, output: output)
        trainer.haltAfterStep = 2
        _ = try trainer.train(resume: false)
        var protocolOptions = options
        protocolValue(&protocolOptions)
        let error = #expect(throws: TrainingError.self) { try Trainer(options: protocolOptions, data: data, output: output).run(resume: true) }
        #expect("\(error.map(String.init(describing:)) ?? "")".contains(setting))
        return try Checkpoint.read(from: Trainer(options: options, data: data, output: output).run(resume: true).checkpoint)
    }

    @Test("an existing state needs --resume; other settings cannot resume it", .enabled(if: TestData.available))
    func stateGuards() throws {
        let data = try TestData.require()
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("guard.zip")
        let first = Trainer(options: TestData.tinyOptions(steps: 4), data: data, output: output)
        first.haltAfterStep = 2
        _ = try first.train(resume: false)
        #expect(throws: TrainingError.stateExists(path: first.stateURL.path)) {
            try Trainer(options: TestData.tinyOptions(steps: 4), data: data, output: output).run()
        }
        var other = TestData.tinyOptions(steps: 4)
        other.learningRate = 5e-4
        let error = #expect(throws: TrainingError.self) { try Trainer(options: other, data: data, output: output).run(resume: true) }
        #expect("\(error.map(String.init(describing:)) ?? "")".contains("learningRate"))
    }
}
