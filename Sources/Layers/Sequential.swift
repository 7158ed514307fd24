import Tensors

/// Layers applied one after another; keys are their indices (`"0.weight"`), as in PyTorch.
///
/// ```swift
/// let block = Sequential([Conv1d(1, 8, kernelSize: 3, padding: 1, generator: &g), ReLU()])
/// ```
public final class Sequential: ExplicitMembers {
    private let layers: [any Layer]

    /// Composes `layers` in order.
    public init(_ layers: [any Layer]) { self.layers = layers }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        layers.reduce(x) { $1($0) }
    }

    /// Members keyed by index alone (`"0.weight"`), as PyTorch's `nn.Sequential`.
    public var explicitMembers: [(String, LayerMember)] {
        layers.enumerated().map { ("\($0.offset)", .layer($0.element)) }
    }
}
