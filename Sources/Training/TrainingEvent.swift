import Foundation

/// What a ``Trainer`` reports while it runs (rendered by ``TrainingProgressPrinter``).
public enum TrainingEvent: Sendable {
    /// The run starts or resumes.
    case started(TrainingStart)
    /// A training step finished.
    case step(TrainingStepReport)
    /// A validation finished and the state was saved.
    case validated(TrainingLogRow, improved: Bool, bestLoss: Double)
    /// The run ended and the checkpoint is written.
    case finished(TrainingResult)
}

/// The run about to start.
public struct TrainingStart: Sendable {
    /// Model, noise, seed and budget.
    public var options: TrainingOptions
    /// Trainable parameters of the network.
    public var parameterCount: Int
    /// Training segments per pass over the training records.
    public var segmentsPerEpoch: Int
    /// Validation examples.
    public var validationCount: Int
    /// The step it starts from (0 unless resumed).
    public var resumedAt: Int
}

/// Progress after one training step.
public struct TrainingStepReport: Sendable {
    /// Steps done.
    public var step: Int
    /// The budget.
    public var totalSteps: Int
    /// Mean training loss since the previous report line.
    public var loss: Double
    /// The step's learning rate.
    public var learningRate: Double
    /// Training throughput since the previous report line.
    public var segmentsPerSecond: Double
    /// Estimated seconds to the end of the budget (training and validations).
    public var secondsRemaining: Double
    /// Whether this step closes a report interval (a full line rather than an update).
    public var isReportLine: Bool
}

/// How a run ended.
public struct TrainingResult: Sendable {
    /// The checkpoint written.
    public var checkpoint: URL
    /// The resumable state beside it.
    public var state: URL
    /// Steps done.
    public var steps: Int
    /// Step of the kept (best-validation) weights.
    public var bestStep: Int
    /// Validation loss of the kept weights.
    public var bestLoss: Double
    /// Why the run ended.
    public var stopReason: String
    /// The training curve.
    public var log: TrainingLog
}
