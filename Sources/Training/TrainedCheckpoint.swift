import DenoiserKit
import ECG
import Foundation
import Layers

/// Builds the checkpoint archive of a finished run: manifest (model, target, config, noise,
/// ``TrainingRecord``), the kept weights, `MODEL_CARD.md` and `training-log.csv`.
enum TrainedCheckpoint {
    /// The protocol the zoo's runs follow.
    static let protocolVersion = "mitbih-nstdb-v1"

    /// The checkpoint of `session`, whose network holds the kept (best) weights.
    static func make(session: TrainingSession, zoo: ModelZoo) throws -> Checkpoint {
        let options = session.options, progress = session.progress
        let entry = try zoo.entry(options.model)
        let configuration = try options.configuration ?? entry.config ?? zoo.factory(options.model).defaultConfiguration()
        let departures = options.protocolDepartures(registryConfiguration: entry.config)
        let record = TrainingRecord(
            protocolVersion: protocolVersion, seed: options.seed, steps: progress.step, batchSize: options.batchSize,
            learningRate: options.learningRate, bestStep: progress.stopping.bestStep,
            validationLoss: progress.stopping.bestLoss,
            notes: notes(options: options, progress: progress, departures: departures), departures: departures)
        var metrics: [String: Double] = [:]
        if let best = progress.log.rows.first(where: { $0.step == progress.stopping.bestStep }) {
            metrics["validation_loss"] = best.validationLoss
            metrics["validation_snr_db"] = best.validationSNR
        }
        let manifest = CheckpointManifest(modelId: options.model, target: entry.target, config: configuration,
                                          noise: options.noise.rawValue, training: record, metrics: metrics,
                                          inputScaling: options.effectiveInputScaling == .peak ? nil : options.effectiveInputScaling)
        let card = ModelCardText(entry: entry, manifest: manifest, options: options, progress: progress,
                                 parameterCount: session.network.parameterCount,
                                 validationCount: session.validation.count).markdown
        return Checkpoint(manifest: manifest, weights: session.network.safeTensorsFile(metadata: ["format": "pt"]),
                          modelCard: card, attachments: [TrainingLog.entryName: Data(progress.log.csv().utf8)])
    }

    /// What a reader should know beyond the record's numbers: the schedule, why the run
    /// stopped, the validation set, then every departure from the protocol.
    static func notes(options: TrainingOptions, progress: TrainingState.Progress, departures: [String]) -> String {
        let notes = ["schedule \(options.schedule.rawValue)", progress.stopReason ?? "budget spent",
                     "validation: \(options.validationSegments == 0 ? "all" : String(options.validationSegments)) segments of records \(options.effectiveValidationRecords.joined(separator: ",")), seed \(options.validationSeed)"]
        return (notes + departures).joined(separator: "; ")
    }
}
