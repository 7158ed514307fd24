import DenoiserKit
import ECG
import Foundation
import Layers
import SafeTensors
import Tensors

/// The live pieces of one run: network, optimiser, data stream, validation set and records.
/// Built fresh or from a saved ``TrainingState``; ``Trainer`` drives it.
final class TrainingSession {
    let options: TrainingOptions
    let network: any Layer
    let optimizer: Adam
    var stream: TrainingStream
    let validation: ValidationSet
    let schedule: any LearningRateSchedule
    var progress: TrainingState.Progress
    var bestWeights: SafeTensorsFile
    /// The network's parameters, checked for NaN/∞ after every step.
    private let namedParameters: [(String, Parameter)]

    /// Builds the network from the zoo and the data from `data`; restores `saved` when given.
    init(options: TrainingOptions, data: DataLocation, zoo: ModelZoo, saved: TrainingState?, source: String) throws {
        self.options = options
        let built = try zoo.makeNetwork(options.model, configuration: options.configuration, seed: options.seed)
        guard 512 % built.lengthMultiple == 0 else {
            throw TrainingError.invalidOption(name: "--config", reason: "\(options.model) needs lengths divisible by \(built.lengthMultiple), which 512 is not")
        }
        network = built.layer
        network.setTraining(true)
        namedParameters = network.namedParameters
        optimizer = Adam(network.namedParameters, learningRate: Float(options.learningRate))
        schedule = options.learningRateSchedule
        let noise = try NoiseBank(dataDirectory: data.nstdb)
        let corpus = try CleanCorpus(dataDirectory: data.mitdb, records: options.effectiveTrainRecords)
        let validationCorpus = try CleanCorpus(dataDirectory: data.mitdb, records: options.effectiveValidationRecords)
        stream = try TrainingStream(corpus: corpus, noise: noise, noiseType: options.noise, seed: options.seed,
                                    snrRange: options.effectiveInputSNR, state: saved?.progress.stream)
        validation = try ValidationSet(corpus: validationCorpus, noise: noise, noiseType: options.noise,
                                       seed: options.validationSeed, snrRange: options.effectiveInputSNR,
                                       limit: options.validationSegments, scaling: options.effectiveInputScaling)
        if let saved {
            try network.load(saved.weights, source: source)
            try optimizer.restore(saved.optimizer)
            progress = saved.progress
            bestWeights = saved.bestWeights
        } else {
            progress = TrainingState.Progress(options: options, step: 0, stream: stream.state,
                                              stopping: EarlyStopping(patience: options.patience), log: TrainingLog(),
                                              finished: false, stopReason: nil, elapsedSeconds: 0)
            bestWeights = network.safeTensorsFile()
        }
    }

    /// One optimiser step on the next batch; returns the batch loss.
    func step() throws -> Float {
        optimizer.learningRate = schedule.learningRate(atStep: progress.step)
        var batch = try stream.nextBatch(size: options.batchSize)
        batch.rescale(to: options.effectiveInputScaling)
        let input = Tensor(shape: batch.shape, scalars: batch.noisy)
        let target = Tensor(shape: batch.shape, scalars: batch.clean)
        let loss = DenoisingLoss.compute(prediction: network(input), target: target,
                                         similarityWeight: options.effectiveSimilarityWeight)
        guard loss.item.isFinite else { throw TrainingError.diverged(step: progress.step + 1, loss: loss.item) }
        network.zeroGradients()
        loss.backward()
        if let clip = options.clipNorm { clipGradientNorm(network.parameters, maxNorm: Float(clip)) }
        optimizer.step()
        // A NaN/∞ gradient reaches the weights through Adam; stop before it is ever saved.
        if let bad = Self.firstNonFinite(namedParameters.lazy.map { ($0.0, $0.1.value) }) {
            throw TrainingError.nonFinite(step: progress.step + 1, what: "parameter \(bad) (after the optimiser step)")
        }
        progress.step += 1
        progress.stream = stream.state
        return loss.item
    }

    /// Validates, appends a log row, updates the best weights; returns the row and verdict.
    func validate(trainLoss: Double, segmentsPerSecond: Double) throws -> (TrainingLogRow, EarlyStopping.Verdict) {
        let (loss, snr) = try validation.evaluate(network, similarityWeight: options.effectiveSimilarityWeight)
        guard loss.isFinite else { throw TrainingError.nonFinite(step: progress.step, what: "the validation loss (\(loss))") }
        let row = TrainingLogRow(step: progress.step, trainLoss: trainLoss, validationLoss: loss, validationSNR: snr,
                                 learningRate: Double(optimizer.learningRate), segmentsPerSecond: segmentsPerSecond)
        progress.log.rows.append(row)
        let verdict = progress.stopping.record(loss: loss, step: progress.step)
        if verdict == .improved { bestWeights = network.safeTensorsFile() }
        return (row, verdict)
    }

    /// Throws unless every parameter and buffer of the network is finite (checked before
    /// anything is saved).
    func checkFinite(_ context: String) throws {
        let tensors = namedParameters.map { ($0.0, $0.1.value) } + network.namedBuffers.map { ($0.0, $0.1.value) }
        if let bad = Self.firstNonFinite(tensors) {
            throw TrainingError.nonFinite(step: progress.step, what: "\(context) tensor \(bad)")
        }
    }

    /// The key of the first tensor holding a NaN or ∞, if any.
    static func firstNonFinite<S: Sequence>(_ tensors: S) -> String? where S.Element == (String, Tensor) {
        for (key, tensor) in tensors where !tensor.withScalars({ $0.allSatisfy(\.isFinite) }) { return key }
        return nil
    }

    /// The state to save now.
    var state: TrainingState {
        TrainingState(progress: progress, weights: network.safeTensorsFile(), bestWeights: bestWeights,
                      optimizer: optimizer.state)
    }
}
