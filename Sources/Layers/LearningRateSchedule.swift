import Foundation
import Tensors

/// A learning rate as a pure function of the optimiser step, so resumed training picks up
/// the schedule exactly where it stopped.
public protocol LearningRateSchedule: Sendable {
    /// The learning rate for step `step` (0-based).
    func learningRate(atStep step: Int) -> Float
}

/// A constant learning rate.
public struct ConstantLearningRate: LearningRateSchedule {
    public let value: Float
    public init(_ value: Float) { self.value = value }
    public func learningRate(atStep step: Int) -> Float { value }
}

/// Multiplies the rate by `factor` every `interval` steps (PyTorch `StepLR`).
public struct StepDecay: LearningRateSchedule {
    public let initial: Float, interval: Int, factor: Float
    public init(initial: Float, interval: Int, factor: Float) {
        checkPrecondition(interval > 0, "StepDecay interval must be positive")
        (self.initial, self.interval, self.factor) = (initial, interval, factor)
    }
    public func learningRate(atStep step: Int) -> Float {
        initial * Float(pow(Double(factor), Double(step / interval)))
    }
}

/// Linear warm-up then cosine decay from `initial` to `minimum` at `totalSteps`
/// (PyTorch `CosineAnnealingLR` after the warm-up).
public struct CosineDecay: LearningRateSchedule {
    public let initial: Float, minimum: Float, totalSteps: Int, warmupSteps: Int
    public init(initial: Float, minimum: Float = 0, totalSteps: Int, warmupSteps: Int = 0) {
        checkPrecondition(totalSteps > warmupSteps, "CosineDecay needs totalSteps > warmupSteps")
        (self.initial, self.minimum, self.totalSteps, self.warmupSteps) = (initial, minimum, totalSteps, warmupSteps)
    }
    public func learningRate(atStep step: Int) -> Float {
        if step < warmupSteps { return initial * Float(step + 1) / Float(warmupSteps) }
        let progress = Double(Swift.min(step, totalSteps) - warmupSteps) / Double(totalSteps - warmupSteps)
        return minimum + (initial - minimum) * Float(0.5 * (1 + cos(Double.pi * progress)))
    }
}
