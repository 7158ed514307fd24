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
        checkPrecondition(Broadcasting.shape(shape, tau.shape) == shape,
                          "soft threshold: tau of shape \(tau.shape) must broadcast to x of shape \(shape)")
        let x = self
        // The common shapes — one threshold per row ([B, C, 1]) or per time step shared by the
        // channels ([B, 1, L]) — get branch-free loops and a one-pass backward; anything else
        // the general broadcast.
        let rank3 = rank == 3 && tau.rank == 3 && tau.shape[0] == shape[0]
        let perRow = rank3 && tau.shape[1] == shape[1] && tau.shape[2] == 1
        let perTime = rank3 && tau.shape[1] == 1 && tau.shape[2] == shape[2]
        let result: Tensor
        if perRow || perTime {
            result = Tensor.uninitialized(shape)
            let (batch, channels, length) = (shape[0], shape[1], shape[2])
            let xs = storage.base, ts = tau.storage.base, out = result.storage.base
            Parallel.forEachChunk(batch * channels, costPerItem: length) { range in
                for r in range {
                    let row = xs + r * length, target = out + r * length
                    if perRow {
                        let threshold = ts[r]
                        // sign(x)·max(|x| − τ, 0) = x − clamp(x, −τ, τ) for τ ≥ 0; general τ below.
                        for t in 0..<length {
                            let v = row[t], m = Swift.abs(v) - threshold
                            target[t] = m > 0 ? (v > 0 ? m : (v < 0 ? -m : 0)) : 0
                        }
                    } else {
                        let thresholds = ts + (r / channels) * length
                        for t in 0..<length {
                            let v = row[t], m = Swift.abs(v) - thresholds[t]
                            target[t] = m > 0 ? (v > 0 ? m : (v < 0 ? -m : 0)) : 0
                        }
                    }
                }
            }
        } else {
            result = Tensor.broadcastValues(self, tau) { x, t in
                let magnitude = Swift.abs(x) - t
                return magnitude > 0 ? (x > 0 ? magnitude : (x < 0 ? -magnitude : 0)) : 0
            }
        }
        return Tensor.record(result, inputs: [self, tau]) { g, needed in
            if perRow || perTime {
                let (batch, channels, length) = (x.shape[0], x.shape[1], x.shape[2])
                let gradX = needed[0] ? Tensor.uninitialized(x.shape) : nil
                let gradTau = Tensor.zeros(tau.shape)
                let xs = x.storage.base, ts = tau.storage.base, gs = g.storage.base
                let dx = gradX?.storage.base, dt = gradTau.storage.base
                for b in 0..<batch {
                    for c in 0..<channels {
                        let offset = (b * channels + c) * length
                        if perRow {
                            let threshold = ts[b * channels + c]
                            var total: Float = 0
                            for t in 0..<length {
                                let v = xs[offset + t], gv = gs[offset + t]
                                let pass = Swift.abs(v) > threshold
                                let sign: Float = v > 0 ? 1 : (v < 0 ? -1 : 0)
                                dx?[offset + t] = pass && sign != 0 ? gv : 0
                                total -= pass ? gv * sign : 0
                            }
                            dt[b * channels + c] = total
                        } else {
                            let thresholds = ts + b * length, target = dt + b * length
                            for t in 0..<length {
                                let v = xs[offset + t], gv = gs[offset + t]
                                let pass = Swift.abs(v) > thresholds[t]
                                let sign: Float = v > 0 ? 1 : (v < 0 ? -1 : 0)
                                dx?[offset + t] = pass && sign != 0 ? gv : 0
                                target[t] -= pass ? gv * sign : 0
                            }
                        }
                    }
                }
                return [gradX, needed[1] ? gradTau : nil]
            }
            let mask = Tensor.broadcastValues(x, tau) { v, t in Swift.abs(v) > t ? (v > 0 ? 1 : (v < 0 ? -1 : 0)) : 0 }
            let gradX = needed[0]
                ? Tensor.broadcastValues(g, mask) { gv, m in m != 0 ? gv : 0 } : nil
            let gradTau = needed[1]
                ? Tensor.broadcastValues(g, mask) { gv, m in -gv * m }.summedValues(to: tau.shape) : nil
            return [gradX, gradTau]
        }
    }
}
