import Tensors

/// Adam (Kingma & Ba), exactly as PyTorch's `torch.optim.Adam` (no AMSGrad):
/// `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
/// `p ← p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)`; optional L2 weight decay adds `λp` to `g`.
public final class Adam: Optimizer {
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    private let parameters: [(String, Parameter)]
    private var firstMoments: [String: Tensor] = [:]
    private var secondMoments: [String: Tensor] = [:]
    private var stepCount = 0

    /// Creates the optimiser over named parameters (keys are used for saved state).
    public init(
        _ parameters: [(String, Parameter)], learningRate: Float = 1e-3,
        beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        (self.beta1, self.beta2, self.epsilon, self.weightDecay) = (beta1, beta2, epsilon, weightDecay)
    }

    public func step() {
        stepCount += 1
        let correction1 = 1 - Float(Double(beta1).power(stepCount))
        let correction2Root = (1 - Float(Double(beta2).power(stepCount))).squareRoot()
        let stepSize = learningRate / correction1
        let (b1, b2, eps, decay) = (beta1, beta2, epsilon, weightDecay)
        for (key, parameter) in parameters {
            guard let gradient = parameter.gradient else { continue }
            var m = firstMoments[key] ?? Tensor.zeros(parameter.shape)
            var v = secondMoments[key] ?? Tensor.zeros(parameter.shape)
            firstMoments[key] = nil
            secondMoments[key] = nil
            let g = gradient.storage.base
            m.withMutableScalars { m in
                v.withMutableScalars { v in
                    parameter.value.withMutableScalars { p in
                        for i in 0..<p.count {
                            let grad = decay == 0 ? g[i] : g[i] + decay * p[i]
                            m[i] = b1 * m[i] + (1 - b1) * grad
                            v[i] = b2 * v[i] + (1 - b2) * grad * grad
                            p[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2Root + eps)
                        }
                    }
                }
            }
            firstMoments[key] = m
            secondMoments[key] = v
        }
    }

    public var state: OptimizerState {
        var slots: [String: Tensor] = [:]
        for (key, value) in firstMoments { slots["exp_avg.\(key)"] = value }
        for (key, value) in secondMoments { slots["exp_avg_sq.\(key)"] = value }
        return OptimizerState(step: stepCount, slots: slots)
    }

    public func restore(_ state: OptimizerState) throws {
        let first = try Self.restoreSlots(named: "exp_avg", from: state, parameters: parameters)
        let second = try Self.restoreSlots(named: "exp_avg_sq", from: state, parameters: parameters)
        (firstMoments, secondMoments, stepCount) = (first, second, state.step)
    }
}

extension Double {
    /// `self` raised to a non-negative integer power.
    func power(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1) { value, _ in value * self }
    }
}
