import Random
import Tensors

/// PyTorch's default initialisation, from a seedable generator.
public enum Initialization {
    /// `U(−1/√fanIn, 1/√fanIn)`: PyTorch's `kaiming_uniform_(a=√5)` for weights, and its
    /// default bias initialisation.
    public static func uniform(
        _ shape: [Int], fanIn: Int, generator: inout SeededGenerator
    ) -> Tensor {
        let bound = fanIn > 0 ? 1 / Float(fanIn).squareRoot() : 0
        let values = (0..<shape.elementCount).map { _ in generator.uniform(-bound, bound) }
        return Tensor(shape: shape, scalars: values)
    }
}
