import DenoiserKit
import ECG
import Foundation
import Layers

/// Everything that determines a training run's result (PROTOCOL.md "Training defaults"):
/// saved in the resumable state, so a resumed run can check it continues the same run.
///
/// ```swift
/// var options = TrainingOptions(model: "dancer", noise: .emb, seed: 1)
/// options.steps = 2_000
/// ```
public struct TrainingOptions: Codable, Equatable, Sendable {
    /// How the learning rate changes over the budget.
    public enum Schedule: String, Codable, CaseIterable, Sendable {
        /// The protocol's constant Adam rate.
        case constant
        /// Cosine decay from the rate to 0 at the last step.
        case cosine
    }

    /// The default step budget: 10,000 steps of 64 = 640k examples ≈ 3.8 passes over the
    /// ~170k stride-256 training segments (each pass with fresh noise), with early stopping
    /// after 10 validations without improvement. Provisional until the validation curves of
    /// full runs (`training-log.csv`) are published with the results; change it there.
    public static let defaultSteps = 10_000
    /// The protocol's examples per step.
    public static let defaultBatchSize = 64
    /// The protocol's Adam learning rate (the schedule's peak).
    public static let defaultLearningRate = 1e-3

    /// Zoo id of the model to train.
    public var model: String
    /// Model configuration; `nil` takes the registry's.
    public var configuration: JSONValue?
    /// Noise type mixed into every example.
    public var noise: NoiseType
    /// Seed of the initial weights and of the data stream.
    public var seed: UInt64
    /// Optimiser steps in the budget.
    public var steps = TrainingOptions.defaultSteps
    /// Examples per step.
    public var batchSize = TrainingOptions.defaultBatchSize
    /// Adam's learning rate (the schedule's peak).
    public var learningRate = TrainingOptions.defaultLearningRate
    /// Learning-rate schedule.
    public var schedule = Schedule.constant
    /// Steps between validations (and saved states).
    public var validateEvery = 500
    /// Validations without improvement before stopping early; 0 never stops early.
    public var patience = 10
    /// Segments of the fixed validation set used per validation (evenly spaced; 0 = all).
    public var validationSegments = 2_048
    /// Seed of the fixed validation set (the same for every model and run).
    public var validationSeed: UInt64 = 0
    /// Global gradient-norm clip; `nil` (the protocol) does not clip.
    public var clipNorm: Double?
    /// Training records; `nil` is the protocol's 33.
    public var trainRecords: [String]?
    /// Validation records; `nil` is the protocol's 100, 119, 208, 228.
    public var validationRecords: [String]?
    /// Input SNRs (dB) drawn uniformly per training and validation example; `nil` is the
    /// protocol's [−6, 6]. A wider range (e.g. up to clean input) is a different model: it
    /// ships under its own checkpoint name.
    public var inputSNR: ClosedRange<Double>?
    /// Weight λ of the cosine term of the loss `MSE + λ·(1 − cos)`, in training and
    /// validation; `nil` is the protocol's 0.1 (``DenoisingLoss/similarityWeight``). Another
    /// weight trains another model: it ships under its own checkpoint name.
    public var similarityWeight: Double?
    /// How every training and validation input is scaled before the network sees it; `nil`
    /// is the protocol's peak scaling. The checkpoint records it, so the zoo runs the weights
    /// with the same scaling; another scaling trains another model (its own checkpoint name).
    public var inputScaling: InputScaling?

    /// The protocol's defaults for one model, noise type and seed.
    ///
    /// ```swift
    /// let options = TrainingOptions(model: "unet", noise: .bw, seed: 3)
    /// ```
    public init(model: String, noise: NoiseType, seed: UInt64) {
        self.model = model
        self.noise = noise
        self.seed = seed
    }

    /// The records trained on.
    public var effectiveTrainRecords: [String] { trainRecords ?? RecordSplit.trainRecords }
    /// The records validated on.
    public var effectiveValidationRecords: [String] { validationRecords ?? RecordSplit.validationRecords }
    /// The input SNRs trained and validated on, dB.
    public var effectiveInputSNR: ClosedRange<Float> {
        inputSNR.map { Float($0.lowerBound)...Float($0.upperBound) } ?? TestSet.trainingSNRRange
    }
    /// The weight of the loss's cosine term.
    public var effectiveSimilarityWeight: Float {
        similarityWeight.map(Float.init) ?? DenoisingLoss.similarityWeight
    }
    /// Whether the loss is the protocol's (its cosine weight 0.1, given or not).
    public var usesProtocolLoss: Bool { effectiveSimilarityWeight == DenoisingLoss.similarityWeight }
    /// The input scaling trained and validated with.
    public var effectiveInputScaling: InputScaling { inputScaling ?? .peak }

    /// Checks every value, naming the flag to fix.
    ///
    /// ```swift
    /// try options.validate()
    /// ```
    public func validate() throws {
        _ = try OptionParsing.atLeast(1, steps, option: "--steps")
        _ = try OptionParsing.atLeast(1, batchSize, option: "--batch-size")
        _ = try OptionParsing.atLeast(1, validateEvery, option: "--validate-every")
        _ = try OptionParsing.atLeast(0, patience, option: "--patience")
        _ = try OptionParsing.atLeast(0, validationSegments, option: "--validation-segments")
        // Training computes in Float: a rate or clip that is ∞ or 0 as a Float would poison every weight.
        guard learningRate.isFinite, learningRate > 0, Float(learningRate).isFinite, Float(learningRate) > 0 else {
            throw TrainingError.invalidOption(name: "--learning-rate", reason: "must be a positive number within 32-bit float range (about 1e-38…3e38), got \(learningRate)")
        }
        if let clipNorm, !(clipNorm.isFinite && clipNorm > 0 && Float(clipNorm).isFinite && Float(clipNorm) > 0) {
            throw TrainingError.invalidOption(name: "--clip-norm", reason: "must be a positive number within 32-bit float range, got \(clipNorm)")
        }
        if let inputSNR, !(inputSNR.lowerBound.isFinite && inputSNR.upperBound.isFinite && inputSNR.lowerBound >= -60 && inputSNR.upperBound <= 60) {
            throw TrainingError.invalidOption(name: "--input-snr", reason: "\(inputSNR.lowerBound),\(inputSNR.upperBound) dB must lie within −60…60 dB")
        }
        if let similarityWeight, !(similarityWeight.isFinite && similarityWeight >= 0 && similarityWeight <= 1_000) {
            throw TrainingError.invalidOption(name: "--similarity-weight", reason: "must be a number from 0 (MSE alone) to 1000, got \(similarityWeight)")
        }
        let overlap = Set(effectiveTrainRecords).intersection(RecordSplit.testRecords).sorted()
        guard overlap.isEmpty else {
            throw TrainingError.invalidOption(name: "--train-records", reason: "test records \(overlap.joined(separator: ", ")) must never be trained on")
        }
    }

    /// The learning rate as a pure function of the step.
    public var learningRateSchedule: any LearningRateSchedule {
        switch schedule {
        case .constant: return ConstantLearningRate(Float(learningRate))
        case .cosine: return CosineDecay(initial: Float(learningRate), totalSteps: Swift.max(steps, 1))
        }
    }

    /// The settings that differ from `other`, described for an error message. A similarity
    /// weight or input scaling given as the protocol's own value is the same setting as none given.
    func differences(from other: TrainingOptions) -> [String] {
        let mine = (try? JSONValue(encoding: normalised)) ?? .null, theirs = (try? JSONValue(encoding: other.normalised)) ?? .null
        guard case .object(let a) = mine, case .object(let b) = theirs else { return ["unreadable settings"] }
        return Set(a.keys).union(b.keys).sorted().compactMap { key in
            a[key] == b[key] ? nil : "\(key): saved \(Self.describe(b[key])), now \(Self.describe(a[key]))"
        }
    }

    /// These options with the protocol's similarity weight and input scaling, when spelled
    /// out, written as unset.
    private var normalised: TrainingOptions {
        var copy = self
        if usesProtocolLoss { copy.similarityWeight = nil }
        if effectiveInputScaling == .peak { copy.inputScaling = nil }
        return copy
    }

    private static func describe(_ value: JSONValue?) -> String {
        guard let value, let data = try? JSONEncoder().encode(value) else { return "unset" }
        return String(decoding: data, as: UTF8.self)
    }
}
