/// Shape and movement ops: reshape, permute, concatenation, splitting, slicing.
extension Tensor {
    /// The same elements with a new shape; one dimension may be `-1` (inferred).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.map(\.element).elementCount
            checkPrecondition(known > 0 && count % known == 0,
                              "cannot reshape \(shape) (\(count) elements) to \(newShape)")
            target[unknown] = count / known
        }
        checkPrecondition(target.elementCount == count,
                          "cannot reshape \(shape) (\(count) elements) to \(newShape)")
        let result = Tensor(shape: target, storage: storage)
        let inputShape = shape
        return Tensor.record(result, inputs: [self]) { g, _ in [Tensor(shape: inputShape, storage: g.storage)] }
    }

    /// Reorders the axes: result axis `i` is input axis `order[i]`.
    ///
    /// ```swift
    /// x.permuted([0, 2, 1])   // [B, C, L] → [B, L, C]
    /// ```
    public func permuted(_ order: [Int]) -> Tensor {
        checkPrecondition(order.sorted() == Array(0..<rank),
                          "permutation \(order) is not a reordering of the \(rank) axes of \(shape)")
        let result = permutedValues(order)
        var inverse = [Int](repeating: 0, count: rank)
        for (i, axis) in order.enumerated() { inverse[axis] = i }
        return Tensor.record(result, inputs: [self]) { g, _ in [g.permutedValues(inverse)] }
    }

    /// Swaps two axes.
    public func transposed(_ a: Int = -2, _ b: Int = -1) -> Tensor {
        let axes = normalizedAxes([a, b])
        var order = Array(0..<rank)
        order.swapAt(axes[0], axes[1])
        return permuted(order)
    }

    func permutedValues(_ order: [Int]) -> Tensor {
        let newShape = order.map { shape[$0] }
        let inputStrides = Broadcasting.contiguousStrides(shape)
        let result = Tensor.uninitialized(newShape)
        let loop = BroadcastLoop(
            shape: newShape, aStrides: order.map { inputStrides[$0] },
            bStrides: [Int](repeating: 0, count: rank))
        let x = storage.base, out = result.storage.base
        loop.forEachRun { o, a, _, n, step, _ in
            for t in 0..<n { out[o + t] = x[a + t * step] }
        }
        return result
    }

    /// Joins tensors along `axis`; all other dimensions must agree.
    public static func concatenate(_ tensors: [Tensor], alongAxis axis: Int) -> Tensor {
        checkPrecondition(!tensors.isEmpty, "concatenate needs at least one tensor")
        let first = tensors[0]
        let axis = first.normalizedAxes([axis])[0]
        for t in tensors {
            checkPrecondition(t.rank == first.rank && t.shape.enumerated().allSatisfy { $0.offset == axis || $0.element == first.shape[$0.offset] },
                              "concatenate along axis \(axis): shape \(t.shape) does not match \(first.shape)")
        }
        let extents = tensors.map { $0.shape[axis] }
        var shape = first.shape
        shape[axis] = extents.reduce(0, +)
        let outer = shape[..<axis].elementCount, inner = shape[(axis + 1)...].elementCount
        let result = Tensor.uninitialized(shape)
        let out = result.storage.base
        let rowLength = shape[axis] * inner
        var offset = 0
        for (t, extent) in zip(tensors, extents) {
            let chunk = extent * inner, x = t.storage.base
            for o in 0..<outer { (out + o * rowLength + offset).update(from: x + o * chunk, count: chunk) }
            offset += chunk
        }
        return record(result, inputs: tensors) { g, needed in
            var start = 0
            return zip(extents, needed).map { extent, need in
                defer { start += extent }
                return need ? g.slicedValues(alongAxis: axis, range: start..<(start + extent)) : nil
            }
        }
    }

    /// Splits along `axis` into pieces of the given sizes.
    public func split(sizes: [Int], alongAxis axis: Int) -> [Tensor] {
        let axis = normalizedAxes([axis])[0]
        checkPrecondition(sizes.reduce(0, +) == shape[axis],
                          "split sizes \(sizes) do not add up to \(shape[axis]) (axis \(axis) of \(shape))")
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return sliced(alongAxis: axis, range: start..<(start + size))
        }
    }

    /// The elements whose index along `axis` lies in `range`.
    public func sliced(alongAxis axis: Int, range: Range<Int>) -> Tensor {
        let axis = normalizedAxes([axis])[0]
        checkPrecondition(range.lowerBound >= 0 && range.upperBound <= shape[axis],
                          "slice \(range) is out of bounds for axis \(axis) of shape \(shape)")
        let result = slicedValues(alongAxis: axis, range: range)
        let inputShape = shape
        return Tensor.record(result, inputs: [self]) { g, _ in
            let grad = Tensor.zeros(inputShape)
            let outer = inputShape[..<axis].elementCount, inner = inputShape[(axis + 1)...].elementCount
            let chunk = range.count * inner, row = inputShape[axis] * inner
            for o in 0..<outer {
                (grad.storage.base + o * row + range.lowerBound * inner)
                    .update(from: g.storage.base + o * chunk, count: chunk)
            }
            return [grad]
        }
    }

    func slicedValues(alongAxis axis: Int, range: Range<Int>) -> Tensor {
        var newShape = shape
        newShape[axis] = range.count
        let outer = shape[..<axis].elementCount, inner = shape[(axis + 1)...].elementCount
        let result = Tensor.uninitialized(newShape)
        let chunk = range.count * inner, row = shape[axis] * inner
        for o in 0..<outer {
            (result.storage.base + o * chunk)
                .update(from: storage.base + o * row + range.lowerBound * inner, count: chunk)
        }
        return result
    }
}
