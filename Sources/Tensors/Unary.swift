import Foundation

/// Elementwise functions, each with its derivative beside it.
extension Tensor {
    /// Applies `value` elementwise; the pullback multiplies the incoming gradient by
    /// `derivative(x, y)` at each element (`y` = the forward output).
    @inline(__always)
    func map(
        value: (Float) -> Float, derivative: @escaping (Float, Float) -> Float
    ) -> Tensor {
        let result = Tensor.uninitialized(shape)
        let x = storage.base, out = result.storage.base
        for i in 0..<count { out[i] = value(x[i]) }
        let input = self
        return Tensor.record(result, inputs: [self]) { g, _ in
            let grad = Tensor.uninitialized(input.shape)
            let gx = input.storage.base, gy = result.storage.base
            let gIn = g.storage.base, gOut = grad.storage.base
            for i in 0..<input.count { gOut[i] = gIn[i] * derivative(gx[i], gy[i]) }
            return [grad]
        }
    }

    /// `|x|`; its derivative is `sign(x)` (0 at 0, as in PyTorch).
    public func abs() -> Tensor {
        map(value: { Swift.abs($0) }, derivative: { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) })
    }

    /// `sign(x)` ∈ {−1, 0, 1}; zero gradient.
    public func sign() -> Tensor {
        map(value: { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, derivative: { _, _ in 0 })
    }

    /// `max(x, 0)`; NaN stays NaN.
    public func relu() -> Tensor {
        map(value: { $0.rectified }, derivative: { x, _ in x > 0 ? 1 : 0 })
    }

    /// `x` for `x > 0`, else `slope · x`.
    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        map(value: { $0 > 0 ? $0 : slope * $0 }, derivative: { x, _ in x > 0 ? 1 : slope })
    }

    /// The logistic function `1 / (1 + e^{−x})`.
    public func sigmoid() -> Tensor {
        map(value: { 1 / (1 + Foundation.exp(-$0)) }, derivative: { _, y in y * (1 - y) })
    }

    /// The hyperbolic tangent.
    public func tanh() -> Tensor {
        map(value: { Foundation.tanh($0) }, derivative: { _, y in 1 - y * y })
    }

    /// `e^x`.
    public func exp() -> Tensor {
        map(value: { Foundation.exp($0) }, derivative: { _, y in y })
    }

    /// The natural logarithm.
    public func log() -> Tensor {
        map(value: { Foundation.log($0) }, derivative: { x, _ in 1 / x })
    }

    /// The square root.
    public func squareRoot() -> Tensor {
        map(value: { $0.squareRoot() }, derivative: { _, y in 0.5 / y })
    }

    /// `x²`.
    public func squared() -> Tensor {
        map(value: { $0 * $0 }, derivative: { x, _ in 2 * x })
    }
}

extension Float {
    /// `max(self, 0)` that keeps NaN (as PyTorch's ReLU does): a NaN that reaches a ReLU stays
    /// visible downstream instead of turning into a plausible 0. Every forward ReLU of the
    /// package (plain, fused into batch norm, conv epilogues, residual joins) uses it.
    @inline(__always) var rectified: Float { self < 0 ? 0 : self }
}
