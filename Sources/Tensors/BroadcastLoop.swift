/// Iteration over two operands broadcast against an output shape, in contiguous runs.
///
/// The output is contiguous; each operand has per-axis strides that are 0 on axes it is
/// broadcast along. Adjacent axes that are contiguous for all three are merged first, so
/// same-shape ops become one run and `[B,C,L] ∘ [B,C,1]` becomes `B·C` runs of `L`.
struct BroadcastLoop {
    private var shape: [Int]
    private var aStrides: [Int]
    private var bStrides: [Int]

    init(shape: [Int], aStrides: [Int], bStrides: [Int]) {
        var mergedShape: [Int] = [], mergedA: [Int] = [], mergedB: [Int] = []
        for axis in shape.indices where shape[axis] != 1 {
            if let last = mergedShape.last,
               mergedA[mergedA.count - 1] == aStrides[axis] * shape[axis],
               mergedB[mergedB.count - 1] == bStrides[axis] * shape[axis] {
                mergedShape[mergedShape.count - 1] = last * shape[axis]
                mergedA[mergedA.count - 1] = aStrides[axis]
                mergedB[mergedB.count - 1] = bStrides[axis]
            } else {
                mergedShape.append(shape[axis])
                mergedA.append(aStrides[axis])
                mergedB.append(bStrides[axis])
            }
        }
        self.shape = mergedShape
        self.aStrides = mergedA
        self.bStrides = mergedB
    }

    /// Calls `body(outStart, aStart, bStart, length, aStep, bStep)` for every innermost run.
    @inline(__always)
    func forEachRun(_ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        guard let length = shape.last else { body(0, 0, 0, 1, 0, 0); return }
        if shape.contains(0) { return }
        let outer = shape.count - 1
        let aStep = aStrides[outer], bStep = bStrides[outer]
        if outer == 0 { body(0, 0, 0, length, aStep, bStep); return }
        var counter = [Int](repeating: 0, count: outer)
        var aOffset = 0, bOffset = 0, outOffset = 0
        while true {
            body(outOffset, aOffset, bOffset, length, aStep, bStep)
            outOffset += length
            var axis = outer - 1
            while axis >= 0 {
                counter[axis] += 1
                aOffset += aStrides[axis]
                bOffset += bStrides[axis]
                if counter[axis] < shape[axis] { break }
                aOffset -= aStrides[axis] * shape[axis]
                bOffset -= bStrides[axis] * shape[axis]
                counter[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }
}

enum Broadcasting {
    /// The broadcast shape of `a` and `b` (NumPy/PyTorch rules), or a precondition failure
    /// that names both shapes.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int] {
        let rank = max(a.count, b.count)
        let paddedA = [Int](repeating: 1, count: rank - a.count) + a
        let paddedB = [Int](repeating: 1, count: rank - b.count) + b
        return (0..<rank).map { axis in
            let x = paddedA[axis], y = paddedB[axis]
            checkPrecondition(x == y || x == 1 || y == 1,
                              "shapes \(a) and \(b) cannot be broadcast together (axis \(axis): \(x) vs \(y))")
            return x == 1 ? y : x
        }
    }

    /// Strides of a contiguous tensor of `shape` viewed as `target` (0 on broadcast axes).
    static func strides(of shape: [Int], broadcastTo target: [Int]) -> [Int] {
        let padded = [Int](repeating: 1, count: target.count - shape.count) + shape
        var strides = [Int](repeating: 0, count: target.count)
        var running = 1
        for axis in stride(from: target.count - 1, through: 0, by: -1) {
            strides[axis] = padded[axis] == 1 && target[axis] != 1 ? 0 : running
            running *= padded[axis]
        }
        return strides
    }

    /// Contiguous strides of `shape`.
    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }
}

extension Tensor {
    /// This tensor repeated along broadcast axes to `target` (no autodiff; see ``broadcast(to:)``).
    func expandedValues(to target: [Int]) -> Tensor {
        if shape == target { return detached }
        let result = Tensor.uninitialized(target)
        let loop = BroadcastLoop(
            shape: target, aStrides: Broadcasting.strides(of: shape, broadcastTo: target),
            bStrides: [Int](repeating: 0, count: target.count))
        let source = storage.base, out = result.storage.base
        loop.forEachRun { o, a, _, n, aStep, _ in
            for i in 0..<n { out[o + i] = source[a + i * aStep] }
        }
        return result
    }

    /// Sums this tensor over the axes along which `target` was broadcast to give `shape`
    /// (the adjoint of broadcasting; no autodiff).
    func summedValues(to target: [Int]) -> Tensor {
        if shape == target { return detached }
        let result = Tensor.zeros(target)
        let loop = BroadcastLoop(
            shape: shape, aStrides: Broadcasting.contiguousStrides(shape),
            bStrides: Broadcasting.strides(of: target, broadcastTo: shape))
        let source = storage.base, out = result.storage.base
        loop.forEachRun { _, a, b, n, _, bStep in
            if bStep == 0 {
                // Float within 16 lanes over blocks of ≤ 512, Double across blocks and runs
                // (sums that cancel lose digits in Float).
                var total = Double(out[b]), start = 0
                while start < n {
                    let count = Swift.min(512, n - start)
                    total += Double(Vectorized.sum(source + a + start, count))
                    start += count
                }
                out[b] = Float(total)
            } else {
                for i in 0..<n { out[b + i * bStep] += source[a + i] }
            }
        }
        return result
    }
}
