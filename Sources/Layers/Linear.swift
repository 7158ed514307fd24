import Random
import Tensors

/// A fully connected layer (PyTorch `nn.Linear`): `y = x·Wᵀ + b`, weight `[out, in]`.
///
/// ```swift
/// let fc = Linear(64, 64, generator: &g)   // [B, 64] → [B, 64]
/// ```
public final class Linear: Layer {
    public let weight: Parameter
    public let bias: Parameter?

    /// Creates the layer with PyTorch's default initialisation.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, generator: inout SeededGenerator) {
        weight = Parameter(Initialization.uniform([outFeatures, inFeatures], fanIn: inFeatures, generator: &generator))
        self.bias = bias
            ? Parameter(Initialization.uniform([outFeatures], fanIn: inFeatures, generator: &generator)) : nil
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.linear(x, weight: weight.tensor, bias: bias?.tensor)
    }
}
