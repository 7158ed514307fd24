/// A node of the reverse-mode autodiff graph: how to turn the gradient of an op's
/// output into gradients of its inputs. Leaves route their gradient into a ``Parameter``.
final class GradientNode {
    /// The pullback receives the output gradient and, per input, whether it needs a gradient.
    typealias Pullback = (_ gradient: Tensor, _ needed: [Bool]) -> [Tensor?]

    let inputs: [GradientNode?]
    let pullback: Pullback?
    weak var parameter: Parameter?

    init(inputs: [GradientNode?], pullback: @escaping Pullback) {
        self.inputs = inputs
        self.pullback = pullback
    }

    init(leafOf parameter: Parameter) {
        self.inputs = []
        self.pullback = nil
        self.parameter = parameter
    }
}

/// Whether ops record the autodiff graph. Off inside ``withoutGradients(_:)``.
public enum GradientMode {
    @TaskLocal static var isRecording = true

    /// Whether ops currently record the graph.
    public static var isEnabled: Bool { isRecording }
}

/// Runs `body` without recording any autodiff graph: no nodes, no saved activations.
///
/// ```swift
/// let y = withoutGradients { model(x) }
/// ```
public func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
    try GradientMode.$isRecording.withValue(false, operation: body)
}

extension Tensor {
    /// Attaches `pullback` to `result` when gradients are recorded and any input needs one.
    @inline(__always)
    static func record(
        _ result: Tensor, inputs: [Tensor], pullback: @escaping GradientNode.Pullback
    ) -> Tensor {
        guard GradientMode.isRecording, inputs.contains(where: { $0.node != nil }) else { return result }
        var recorded = result
        recorded.node = GradientNode(inputs: inputs.map(\.node), pullback: pullback)
        return recorded
    }

    /// Back-propagates from this scalar: accumulates d(self)/d(p) into every parameter `p`
    /// it depends on (``Parameter/gradient``).
    public func backward() {
        checkPrecondition(count == 1, "backward() needs a scalar (one element), shape is \(shape)")
        guard let root = node else { return }
        let order = Self.topologicalOrder(from: root)
        var gradients: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): Tensor.ones(shape)]
        withoutGradients {
            for current in order.reversed() {
                guard let gradient = gradients.removeValue(forKey: ObjectIdentifier(current)) else { continue }
                if let parameter = current.parameter {
                    parameter.accumulateGradient(gradient)
                    continue
                }
                guard let pullback = current.pullback else { continue }
                let needed = current.inputs.map { $0 != nil }
                let inputGradients = pullback(gradient, needed)
                for (input, inputGradient) in zip(current.inputs, inputGradients) {
                    guard let input, let inputGradient else { continue }
                    let key = ObjectIdentifier(input)
                    if var existing = gradients.removeValue(forKey: key) {
                        existing.addInPlace(inputGradient)
                        gradients[key] = existing
                    } else {
                        gradients[key] = inputGradient
                    }
                }
            }
        }
    }

    /// Nodes reachable from `root`, each after all of its inputs (iterative DFS).
    private static func topologicalOrder(from root: GradientNode) -> [GradientNode] {
        var order: [GradientNode] = []
        var visited: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        var stack: [(GradientNode, Int)] = [(root, 0)]
        while let (node, next) = stack.popLast() {
            if next < node.inputs.count {
                stack.append((node, next + 1))
                if let input = node.inputs[next], visited.insert(ObjectIdentifier(input)).inserted {
                    stack.append((input, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order
    }

    /// `self += other` elementwise (same shape), copying shared storage first.
    mutating func addInPlace(_ other: Tensor) {
        checkPrecondition(shape == other.shape, "gradient shape \(other.shape) does not match \(shape)")
        let source = other.storage.base
        withMutableScalars { target in
            for i in 0..<target.count { target[i] += source[i] }
        }
    }
}
