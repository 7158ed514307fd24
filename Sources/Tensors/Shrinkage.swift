/// Soft thresholding, the shrinkage at the heart of DRSN/DANCE.
extension Tensor {
    /// `sign(x) · max(|x| − τ, 0)` with `tau` broadcast against `x`.
    ///
    /// Gradients (as PyTorch autograd gives them): `∂y/∂x = 1` where `|x| > τ`, else 0;
    /// `∂y/∂τ = −sign(x)` where `|x| > τ`, else 0.
    ///
    /// ```swift
    /// let y = x.softThresholded(by: tau)   // x: [B, C, L], tau: [B, C, 1]
    /// ```
    public func softThresholded(by tau: Tensor) -> Tensor {
        precondition(Broadcasting.shape(shape, tau.shape) == shape,
                     "soft threshold: tau of shape \(tau.shape) must broadcast to x of shape \(shape)")
        let result = Tensor.broadcastValues(self, tau) { x, t in
            let magnitude = Swift.abs(x) - t
            return magnitude > 0 ? (x > 0 ? magnitude : (x < 0 ? -magnitude : 0)) : 0
        }
        let x = self
        return Tensor.record(result, inputs: [self, tau]) { g, needed in
            let mask = Tensor.broadcastValues(x, tau) { v, t in Swift.abs(v) > t ? (v > 0 ? 1 : (v < 0 ? -1 : 0)) : 0 }
            let gradX = needed[0]
                ? Tensor.broadcastValues(g, mask) { gv, m in m != 0 ? gv : 0 } : nil
            let gradTau = needed[1]
                ? Tensor.broadcastValues(g, mask) { gv, m in -gv * m }.summedValues(to: tau.shape) : nil
            return [gradX, gradTau]
        }
    }
}
