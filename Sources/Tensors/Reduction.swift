/// Sums, means and maxima over axes.
extension Tensor {
    /// Normalises possibly negative axes and checks them against the rank.
    func normalizedAxes(_ axes: [Int]) -> [Int] {
        axes.map { axis in
            let normalized = axis < 0 ? axis + rank : axis
            checkPrecondition(normalized >= 0 && normalized < rank,
                              "axis \(axis) is out of range for a tensor of shape \(shape)")
            return normalized
        }
    }

    /// The shape with `axes` reduced to 1 (or removed when `keepingDimensions` is false).
    func reducedShape(_ axes: [Int], keepingDimensions: Bool) -> [Int] {
        let set = Set(axes)
        return shape.indices.compactMap { axis in
            set.contains(axis) ? (keepingDimensions ? 1 : nil) : shape[axis]
        }
    }

    /// The sum over `axes` (all axes when `nil`).
    ///
    /// ```swift
    /// x.sum(alongAxes: [2], keepingDimensions: true)   // [B, C, L] → [B, C, 1]
    /// ```
    public func sum(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        let axes = normalizedAxes(axes ?? Array(0..<rank))
        let kept = reducedShape(axes, keepingDimensions: true)
        let finalShape = reducedShape(axes, keepingDimensions: keepingDimensions)
        let values = summedValues(to: kept)
        let result = Tensor(shape: finalShape, storage: values.storage)
        let inputShape = shape
        return Tensor.record(result, inputs: [self]) { g, _ in
            [Tensor(shape: kept, storage: g.storage).expandedValues(to: inputShape)]
        }
    }

    /// The mean over `axes` (all axes when `nil`).
    public func mean(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        let axes = normalizedAxes(axes ?? Array(0..<rank))
        let n = axes.reduce(1) { $0 * shape[$1] }
        return sum(alongAxes: axes, keepingDimensions: keepingDimensions) * (1 / Float(Swift.max(n, 1)))
    }

    /// The maximum along one axis; the gradient goes to the first maximal element (PyTorch).
    public func max(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        let axis = normalizedAxes([axis])[0]
        let outer = shape[..<axis].elementCount, extent = shape[axis]
        let inner = shape[(axis + 1)...].elementCount
        checkPrecondition(extent > 0, "max over an empty axis \(axis) of shape \(shape)")
        let result = Tensor.uninitialized(reducedShape([axis], keepingDimensions: keepingDimensions))
        var argmax = [Int32](repeating: 0, count: outer * inner)
        let x = storage.base, out = result.storage.base
        for o in 0..<outer {
            for i in 0..<inner {
                var best = x[o * extent * inner + i], bestIndex = 0
                for e in 1..<extent where x[(o * extent + e) * inner + i] > best {
                    best = x[(o * extent + e) * inner + i]
                    bestIndex = e
                }
                out[o * inner + i] = best
                argmax[o * inner + i] = Int32(bestIndex)
            }
        }
        let inputShape = shape
        return Tensor.record(result, inputs: [self]) { g, _ in
            let grad = Tensor.zeros(inputShape)
            let gOut = grad.storage.base, gIn = g.storage.base
            for o in 0..<outer {
                for i in 0..<inner {
                    let e = Int(argmax[o * inner + i])
                    gOut[(o * extent + e) * inner + i] = gIn[o * inner + i]
                }
            }
            return [grad]
        }
    }

    /// This tensor broadcast to `target` (repeating along size-1 axes).
    public func broadcast(to target: [Int]) -> Tensor {
        checkPrecondition(Broadcasting.shape(shape, target) == target,
                          "cannot broadcast shape \(shape) to \(target)")
        let result = expandedValues(to: target)
        let inputShape = shape
        return Tensor.record(result, inputs: [self]) { g, _ in [g.summedValues(to: inputShape)] }
    }
}
