/// Broadcasting arithmetic: `+ − × ÷` between tensors and with scalars.
extension Tensor {
    /// Applies `op` elementwise to `a` and `b` broadcast against each other (no autodiff).
    @inline(__always)
    static func broadcastValues(
        _ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float
    ) -> Tensor {
        let shape = Broadcasting.shape(a.shape, b.shape)
        let result = Tensor.uninitialized(shape)
        let loop = BroadcastLoop(
            shape: shape,
            aStrides: Broadcasting.strides(of: a.shape, broadcastTo: shape),
            bStrides: Broadcasting.strides(of: b.shape, broadcastTo: shape))
        let x = a.storage.base, y = b.storage.base, out = result.storage.base
        loop.forEachRun { o, i, j, n, si, sj in
            switch (si, sj) {
            case (1, 1): for t in 0..<n { out[o + t] = op(x[i + t], y[j + t]) }
            case (1, 0): let v = y[j]; for t in 0..<n { out[o + t] = op(x[i + t], v) }
            case (0, 1): let u = x[i]; for t in 0..<n { out[o + t] = op(u, y[j + t]) }
            default: for t in 0..<n { out[o + t] = op(x[i + t * si], y[j + t * sj]) }
            }
        }
        return result
    }

    /// Elementwise sum with broadcasting.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let result = broadcastValues(a, b, +)
        return record(result, inputs: [a, b]) { g, needed in
            [needed[0] ? g.summedValues(to: a.shape) : nil,
             needed[1] ? g.summedValues(to: b.shape) : nil]
        }
    }

    /// Elementwise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let result = broadcastValues(a, b, -)
        return record(result, inputs: [a, b]) { g, needed in
            [needed[0] ? g.summedValues(to: a.shape) : nil,
             needed[1] ? g.scaled(by: -1).summedValues(to: b.shape) : nil]
        }
    }

    /// Elementwise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let result = broadcastValues(a, b, *)
        return record(result, inputs: [a, b]) { g, needed in
            [needed[0] ? broadcastValues(g, b, *).summedValues(to: a.shape) : nil,
             needed[1] ? broadcastValues(g, a, *).summedValues(to: b.shape) : nil]
        }
    }

    /// Elementwise quotient with broadcasting.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let result = broadcastValues(a, b, /)
        return record(result, inputs: [a, b]) { g, needed in
            [needed[0] ? broadcastValues(g, b, /).summedValues(to: a.shape) : nil,
             needed[1]
                ? broadcastValues(broadcastValues(g, result, *), b, { -$0 / $1 }).summedValues(to: b.shape)
                : nil]
        }
    }

    /// Negation.
    public static prefix func - (x: Tensor) -> Tensor { x * -1 }

    /// Adds a constant to every element.
    public static func + (x: Tensor, c: Float) -> Tensor {
        x.map(value: { $0 + c }, derivative: { _, _ in 1 })
    }

    /// Subtracts a constant from every element.
    public static func - (x: Tensor, c: Float) -> Tensor { x + (-c) }

    /// `c − x` elementwise.
    public static func - (c: Float, x: Tensor) -> Tensor { x * -1 + c }

    /// Multiplies every element by a constant.
    public static func * (x: Tensor, c: Float) -> Tensor {
        x.map(value: { $0 * c }, derivative: { _, _ in c })
    }

    /// Multiplies every element by a constant.
    public static func * (c: Float, x: Tensor) -> Tensor { x * c }

    /// Divides every element by a constant.
    public static func / (x: Tensor, c: Float) -> Tensor { x * (1 / c) }

    /// Every element times `c` (no autodiff).
    func scaled(by c: Float) -> Tensor {
        let result = Tensor.uninitialized(shape)
        let x = storage.base, out = result.storage.base
        for i in 0..<count { out[i] = x[i] * c }
        return result
    }
}
