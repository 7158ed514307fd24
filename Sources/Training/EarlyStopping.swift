/// Keeps track of the best validation loss and decides when to stop: after `patience`
/// validations in a row without a strictly lower loss (0 = never stop early).
///
/// ```swift
/// var stopping = EarlyStopping(patience: 3)
/// let verdict = stopping.record(loss: 0.12, step: 500)   // .improved
/// ```
public struct EarlyStopping: Codable, Equatable, Sendable {
    /// What one validation means for the run.
    public enum Verdict: Equatable, Sendable {
        /// A new best: keep these weights.
        case improved
        /// No improvement yet, keep training.
        case noImprovement(remaining: Int)
        /// Patience exhausted: stop.
        case stop
    }

    /// Validations without improvement tolerated before stopping; 0 disables stopping.
    public let patience: Int
    /// The lowest validation loss so far.
    public private(set) var bestLoss: Double?
    /// The step at which it was reached.
    public private(set) var bestStep: Int?
    /// Validations since the last improvement.
    public private(set) var validationsWithoutImprovement = 0

    /// A tracker with no validation yet.
    public init(patience: Int) {
        self.patience = max(0, patience)
    }

    /// Records the validation loss at `step` and says what to do.
    ///
    /// ```swift
    /// if stopping.record(loss: loss, step: step) == .stop { break }
    /// ```
    public mutating func record(loss: Double, step: Int) -> Verdict {
        if loss.isFinite, bestLoss.map({ loss < $0 }) ?? true {
            bestLoss = loss
            bestStep = step
            validationsWithoutImprovement = 0
            return .improved
        }
        validationsWithoutImprovement += 1
        guard patience > 0 else { return .noImprovement(remaining: .max) }
        let remaining = patience - validationsWithoutImprovement
        return remaining <= 0 ? .stop : .noImprovement(remaining: remaining)
    }
}
