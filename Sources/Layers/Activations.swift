import Random
import Tensors

/// `max(x, 0)`.
public final class ReLU: Layer {
    public init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.relu() }
}

/// `x` for `x > 0`, else `slope · x` (PyTorch `nn.LeakyReLU(negative_slope)`).
public final class LeakyReLU: Layer {
    public let slope: Float
    public init(slope: Float = 0.01) { self.slope = slope }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.leakyRelu(slope: slope) }
}

/// PReLU with one learned slope per channel (PyTorch `nn.PReLU(C)`, init 0.25).
public final class PReLU: Layer {
    public let weight: Parameter
    public init(channels: Int, initialSlope: Float = 0.25) {
        weight = Parameter(Tensor(shape: [channels], repeating: initialSlope))
    }
    public func callAsFunction(_ x: Tensor) -> Tensor { Tensor.prelu(x, weight: weight.tensor) }
}

/// The logistic sigmoid.
public final class Sigmoid: Layer {
    public init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.sigmoid() }
}

/// The hyperbolic tangent.
public final class Tanh: Layer {
    public init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.tanh() }
}
