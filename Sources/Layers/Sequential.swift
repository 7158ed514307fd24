import Tensors

/// Layers applied one after another; keys are their indices (`"0.weight"`), as in PyTorch.
///
/// ```swift
/// let block = Sequential([Conv1d(1, 8, kernelSize: 3, padding: 1, generator: &g), ReLU()])
/// ```
public final class Sequential: Layer {
    private let layers: [any Layer]

    /// Composes `layers` in order.
    public init(_ layers: [any Layer]) { self.layers = layers }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        layers.reduce(x) { $1($0) }
    }

    /// Sequential keys its members by index alone (`"0.weight"`), not `"layers.0.weight"`.
    var indexedMembers: [(String, any Layer)] { layers.enumerated().map { ("\($0.offset)", $0.element) } }
}
