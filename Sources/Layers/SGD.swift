import Tensors

/// Stochastic gradient descent with optional momentum and weight decay, as PyTorch's
/// `torch.optim.SGD` (dampening 0, no Nesterov): `b ← μb + g`, `p ← p − lr·b`.
public final class SGD: Optimizer {
    public var learningRate: Float
    public let momentum: Float, weightDecay: Float
    private let parameters: [(String, Parameter)]
    private var velocities: [String: Tensor] = [:]
    private var stepCount = 0

    /// Creates the optimiser over named parameters.
    public init(_ parameters: [(String, Parameter)], learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
        self.parameters = parameters
        (self.learningRate, self.momentum, self.weightDecay) = (learningRate, momentum, weightDecay)
    }

    public func step() {
        stepCount += 1
        let (lr, mu, decay) = (learningRate, momentum, weightDecay)
        for (key, parameter) in parameters {
            guard let gradient = parameter.gradient else { continue }
            let g = gradient.storage.base
            if mu == 0 {
                parameter.value.withMutableScalars { p in
                    for i in 0..<p.count { p[i] -= lr * (g[i] + decay * p[i]) }
                }
                continue
            }
            let isFirst = velocities[key] == nil
            var velocity = velocities.removeValue(forKey: key) ?? Tensor.zeros(parameter.shape)
            velocity.withMutableScalars { b in
                parameter.value.withMutableScalars { p in
                    for i in 0..<p.count {
                        let grad = g[i] + decay * p[i]
                        b[i] = isFirst ? grad : mu * b[i] + grad
                        p[i] -= lr * b[i]
                    }
                }
            }
            velocities[key] = velocity
        }
    }

    public var state: OptimizerState {
        OptimizerState(step: stepCount, slots: Dictionary(uniqueKeysWithValues: velocities.map { ("momentum_buffer.\($0.key)", $0.value) }))
    }

    public func restore(_ state: OptimizerState) throws {
        velocities = try Self.restoreSlots(named: "momentum_buffer", from: state, parameters: parameters)
        stepCount = state.step
    }
}
