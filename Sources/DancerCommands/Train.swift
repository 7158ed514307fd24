import ArgumentParser
import DenoiserKit
import ECG
import Foundation
import Training
import Zoo

/// `dancer train`: trains one model on one noise type with the protocol's defaults, resumable.
///
/// ```
/// dancer train --model dancer --noise emb --seed 1 -o Models/dancer/dancer-emb.zip
/// ```
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a zoo model on MIT-BIH + NSTDB (PROTOCOL.md), keeping the best validation weights.",
        discussion: """
            Saves a resumable state (<output>.training.zip) at every validation; after an interruption, \
            run the same command with --resume to continue with exactly the result of an uninterrupted run.
            The state and the checkpoint are written to a temporary file and renamed into place, so a \
            kill at any moment leaves the last saved state whole. If the loss, a weight or the \
            validation loss becomes NaN or infinite, training stops with an error and saves nothing \
            more: the last saved state (and checkpoint) stays as it was.
            """)

    @Option(help: "Zoo id of the model to train (see `dancer list`).")
    var model: String

    @Option(help: "Noise type: emb, bw, ma or em.")
    var noise: String

    @Option(help: "Seed of the initial weights and of the training stream (run r of the protocol uses seed r).")
    var seed: UInt64 = 1

    @Option(help: "Folder holding mitdb/ and nstdb/ (default: $DANCER_DATA_DIR, else ../shared/data).")
    var dataDir: String?

    @Option(name: [.short, .customLong("output")], help: "Checkpoint archive to write (.zip).")
    var output: String

    @Option(help: "Optimiser steps in the budget.")
    var steps = TrainingOptions.defaultSteps

    @Option(help: "Segments per step.")
    var batchSize = 64

    @Option(help: "Adam learning rate (peak of the schedule).")
    var learningRate = 1e-3

    @Option(help: "Learning-rate schedule: constant or cosine (decay to 0 at the last step).")
    var schedule = TrainingOptions.Schedule.constant

    @Option(help: "Steps between validations; the resumable state is saved at each.")
    var validateEvery = 500

    @Option(help: "Validations without improvement before stopping early (0: never).")
    var patience = 10

    @Option(help: "Evenly spaced segments of the fixed validation set per validation (0: all ~10k).")
    var validationSegments = 2_048

    @Option(help: "Clip the global gradient norm at this value (default: no clipping, as in the protocol).")
    var clipNorm: Double?

    @Option(help: "Model configuration overriding the registry's: inline JSON or a .json file.")
    var config: String?

    @Option(help: "Comma-separated training records instead of the protocol's 33 (smoke runs).")
    var trainRecords: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Input SNRs drawn per training and validation example, LOW,HIGH in dB (default: the protocol's -6,6).",
                               discussion: "A wider range, e.g. -6,30, trains a model that also leaves nearly clean input intact; it is not the protocol's model, so ship it under its own checkpoint name."))
    var inputSNR: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Weight λ of the cosine term of the loss MSE + λ·(1 − cos) (default: the protocol's 0.1).",
                               discussion: "Another weight trains another model: ship it under its own checkpoint name."))
    var similarityWeight: Double?

    @Option(help: ArgumentHelp("What each input segment is divided by: peak (max|x|, the protocol's) or std (its standard deviation).",
                               discussion: "The checkpoint records it and the zoo scales inputs the same way when it runs the weights; std is not the protocol's model, so ship it under its own checkpoint name."))
    var inputScaling: InputScaling?

    @Option(help: "Steps between progress lines.")
    var reportEvery = 50

    @Flag(help: "Continue the saved state of this output if there is one.")
    var resume = false

    func validate() throws {
        guard try TrainingFlags.check({ try ModelZoo.shared.factory(model) }).kind == .neural else {
            throw ValidationError("\(model) is a classical filter: it has no weights to train (evaluate it with `dancer eval`)")
        }
        _ = try TrainingFlags.check { try trainingOptions() }
        _ = try TrainingFlags.check { try DataLocation.resolve(flag: dataDir) }
        guard output.hasSuffix(".zip") else { throw ValidationError("-o/--output must name a .zip archive, got '\(output)'") }
        guard reportEvery >= 1 else { throw ValidationError("--report-every must be at least 1") }
    }

    func run() throws {
        let trainer = Trainer(options: try trainingOptions(), data: try DataLocation.resolve(flag: dataDir),
                              output: URL(fileURLWithPath: output))
        trainer.reportEvery = reportEvery
        trainer.onEvent = TrainingProgressPrinter().handle
        let result = try trainer.run(resume: resume)
        print(result.checkpoint.path)
    }

    /// The library options from the flags, checked.
    func trainingOptions() throws -> TrainingOptions {
        var options = TrainingOptions(model: model, noise: try OptionParsing.noiseType(noise), seed: seed)
        options.steps = steps
        options.batchSize = batchSize
        options.learningRate = learningRate
        options.schedule = schedule
        options.validateEvery = validateEvery
        options.patience = patience
        options.validationSegments = validationSegments
        options.clipNorm = clipNorm
        options.configuration = try config.map { try OptionParsing.configuration($0) }
        options.trainRecords = try trainRecords.map { try OptionParsing.records($0, option: "--train-records") }
        options.inputSNR = try inputSNR.map { try OptionParsing.snrRange($0, option: "--input-snr") }
        options.similarityWeight = similarityWeight
        options.inputScaling = inputScaling
        try options.validate()
        return options
    }
}

extension TrainingOptions.Schedule: ExpressibleByArgument {}
extension InputScaling: ExpressibleByArgument {}

/// Turns the Training library's errors into usage errors that name the flag.
enum TrainingFlags {
    static func check<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TrainingError {
            throw ValidationError(error.description)
        } catch let error as ZooError {
            throw ValidationError(error.description)
        }
    }
}
