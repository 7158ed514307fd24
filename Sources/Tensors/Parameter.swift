/// A trainable tensor: its current value and the gradient accumulated by ``Tensor/backward()``.
///
/// Layers read a parameter through ``tensor``, which links the value into the autodiff
/// graph while gradients are recorded; optimisers update ``value`` in place.
///
/// ```swift
/// let w = Parameter(Tensor(shape: [3], scalars: [1, 2, 3]))
/// (w.tensor * w.tensor).sum().backward()   // w.gradient == [2, 4, 6]
/// ```
public final class Parameter {
    /// The current value (never part of a graph itself).
    public var value: Tensor {
        didSet {
            checkPrecondition(value.shape == oldValue.shape,
                              "parameter shape is fixed: \(oldValue.shape), got \(value.shape)")
            value.node = nil
        }
    }
    /// The accumulated gradient, `nil` until a backward pass reaches this parameter.
    public var gradient: Tensor?
    private lazy var leaf = GradientNode(leafOf: self)

    /// Wraps `value` as a trainable parameter.
    public init(_ value: Tensor) {
        self.value = value.detached
    }

    /// The shape of the value.
    public var shape: [Int] { value.shape }

    /// The value as a graph leaf (while recording), so gradients flow back here.
    public var tensor: Tensor {
        guard GradientMode.isRecording else { return value }
        var linked = value
        linked.node = leaf
        return linked
    }

    /// Clears the gradient.
    public func zeroGradient() { gradient = nil }

    func accumulateGradient(_ incoming: Tensor) {
        if gradient == nil {
            gradient = incoming.detached
        } else {
            gradient?.addInPlace(incoming)
        }
    }
}
