import Tensors

/// Updates parameters from their accumulated gradients.
///
/// ```swift
/// let optimizer = Adam(model.namedParameters, learningRate: 1e-3)
/// loss.backward(); optimizer.step(); model.zeroGradients()
/// ```
public protocol Optimizer: AnyObject {
    /// The step size used by the next ``step()``; schedules set it before each step.
    var learningRate: Float { get set }
    /// Applies one update to every parameter that has a gradient.
    func step()
    /// The optimiser's internal state (step count, moment estimates), for resuming training.
    var state: OptimizerState { get }
    /// Restores a state saved from an optimiser over the same parameters.
    func restore(_ state: OptimizerState) throws
}

/// An optimiser's saved state: scalar counters and per-parameter slot tensors keyed
/// `"<slot>.<parameter key>"` (e.g. `"exp_avg.enc1.conv1.weight"`).
public struct OptimizerState {
    public var step: Int
    public var slots: [String: Tensor]

    public init(step: Int, slots: [String: Tensor]) {
        self.step = step
        self.slots = slots
    }
}

/// Why an optimiser state could not be restored.
public enum OptimizerStateError: Error, Equatable, CustomStringConvertible {
    case slotShapeMismatch(key: String, expected: [Int], found: [Int])
    case unknownSlot(key: String)

    public var description: String {
        switch self {
        case .slotShapeMismatch(let key, let expected, let found):
            return "optimizer state \(key): expected shape \(expected), found \(found)"
        case .unknownSlot(let key):
            return "optimizer state has \(key), which matches no parameter of this model"
        }
    }
}

extension Optimizer {
    /// Restores `slots` into `table` (one slot name, keyed by parameter key), checking shapes.
    static func restoreSlots(
        named slot: String, from state: OptimizerState, parameters: [(String, Parameter)]
    ) throws -> [String: Tensor] {
        let shapes = Dictionary(uniqueKeysWithValues: parameters.map { ($0.0, $0.1.shape) })
        var table: [String: Tensor] = [:]
        for (key, value) in state.slots where key.hasPrefix(slot + ".") {
            let name = String(key.dropFirst(slot.count + 1))
            guard let shape = shapes[name] else { throw OptimizerStateError.unknownSlot(key: key) }
            guard shape == value.shape else {
                throw OptimizerStateError.slotShapeMismatch(key: key, expected: shape, found: value.shape)
            }
            table[name] = value.detached
        }
        return table
    }
}
