/// Fused single-pass ops for the memory-bound chains of the DANCE modules (CAC, CSE,
/// spatial shrink), each with a hand-written backward (finite-difference checked in
/// Tests/TensorsTests/FusedOpsTests.swift).
extension Tensor {
    /// `mean(|x|)` along the length axis of `[B, C, L]`: `[B, C]` (or `[B, C, 1]` when
    /// `keepingDimensions`). One pass; the gradient is `g · sign(x) / L` (0 at 0, as PyTorch).
    public func meanMagnitudeAlongLength(keepingDimensions: Bool = false) -> Tensor {
        checkPrecondition(rank == 3, "meanMagnitudeAlongLength needs [B, C, L], got \(shape)")
        let (batch, channels, length) = (shape[0], shape[1], shape[2])
        let rows = batch * channels
        let result = Tensor.uninitialized(keepingDimensions ? [batch, channels, 1] : [batch, channels])
        let xs = storage.base, out = result.storage.base, inverse = 1 / Float(Swift.max(length, 1))
        Parallel.forEachChunk(rows, costPerItem: length) { range in
            for r in range { out[r] = Vectorized.sumOfMagnitudes(xs + r * length, length) * inverse }
        }
        let x = self
        return Tensor.record(result, inputs: [self]) { g, _ in
            let grad = Tensor.uninitialized(x.shape)
            let gs = g.storage.base, dx = grad.storage.base
            Parallel.forEachChunk(rows, costPerItem: length) { range in
                for r in range {
                    let v = gs[r] * inverse, from = xs + r * length, to = dx + r * length
                    for t in 0..<length { let s = from[t]; to[t] = s > 0 ? v : (s < 0 ? -v : 0) }
                }
            }
            return [grad]
        }
    }

    /// `mean(|x|)` over the channel axis of `[B, C, L]`: `[B, 1, L]`. One pass; gradient
    /// `g · sign(x) / C`.
    public func meanMagnitudeAcrossChannels() -> Tensor {
        checkPrecondition(rank == 3, "meanMagnitudeAcrossChannels needs [B, C, L], got \(shape)")
        let (batch, channels, length) = (shape[0], shape[1], shape[2])
        let result = Tensor.zeros([batch, 1, length])
        let xs = storage.base, out = result.storage.base, inverse = 1 / Float(Swift.max(channels, 1))
        for b in 0..<batch {
            let target = out + b * length
            for c in 0..<channels {
                let row = xs + (b * channels + c) * length
                for t in 0..<length { target[t] += Swift.abs(row[t]) }
            }
            for t in 0..<length { target[t] *= inverse }
        }
        let x = self
        return Tensor.record(result, inputs: [self]) { g, _ in
            let grad = Tensor.uninitialized(x.shape)
            let gs = g.storage.base, dx = grad.storage.base
            for b in 0..<batch {
                for c in 0..<channels {
                    let offset = (b * channels + c) * length
                    for t in 0..<length {
                        let s = xs[offset + t], v = gs[b * length + t] * inverse
                        dx[offset + t] = s > 0 ? v : (s < 0 ? -v : 0)
                    }
                }
            }
            return [grad]
        }
    }

    /// `x ⊙ w_c + x ⊙ w_s` for `x: [B, C, L]`, channel weights `w_c: [B, C, 1]` and time
    /// weights `w_s: [B, 1, L]` (CSE's output), in one pass: `y = x ⊙ (w_c + w_s)`.
    /// Gradients: `g ⊙ (w_c + w_s)`, `Σ_t g ⊙ x` and `Σ_c g ⊙ x`.
    public static func channelSpatialExcitation(_ x: Tensor, channelWeights: Tensor, timeWeights: Tensor) -> Tensor {
        checkPrecondition(x.rank == 3, "channelSpatialExcitation needs x [B, C, L], got \(x.shape)")
        let (batch, channels, length) = (x.shape[0], x.shape[1], x.shape[2])
        checkPrecondition(channelWeights.shape == [batch, channels, 1] && timeWeights.shape == [batch, 1, length],
                          "channelSpatialExcitation: weights must be [\(batch), \(channels), 1] and [\(batch), 1, \(length)], got \(channelWeights.shape) and \(timeWeights.shape)")
        let result = Tensor.uninitialized(x.shape)
        let xs = x.storage.base, wc = channelWeights.storage.base, ws = timeWeights.storage.base
        let out = result.storage.base
        Parallel.forEachChunk(batch, costPerItem: channels * length) { range in
            for b in range {
                let time = ws + b * length
                for c in 0..<channels {
                    let offset = (b * channels + c) * length, w = wc[b * channels + c]
                    for t in 0..<length { out[offset + t] = xs[offset + t] * (w + time[t]) }
                }
            }
        }
        return record(result, inputs: [x, channelWeights, timeWeights]) { g, needed in
            let gradX = needed[0] ? Tensor.uninitialized(x.shape) : nil
            let gradC = Tensor.uninitialized([batch, channels, 1])
            let gradS = Tensor.zeros([batch, 1, length])
            let gs = g.storage.base, dc = gradC.storage.base, dsBase = gradS.storage.base
            let dx = gradX?.storage.base
            Parallel.forEachChunk(batch, costPerItem: channels * length) { range in
                for b in range {
                    let time = ws + b * length, ds = dsBase + b * length
                    for c in 0..<channels {
                        let offset = (b * channels + c) * length, w = wc[b * channels + c]
                        let gr = gs + offset, xr = xs + offset
                        var acc = Vectorized.V(repeating: 0), t = 0
                        while t + 16 <= length {
                            let gx = Vectorized.load(gr + t) * Vectorized.load(xr + t)
                            acc += gx
                            Vectorized.store(Vectorized.load(ds + t) + gx, ds + t)
                            t += 16
                        }
                        var total = acc.sum()
                        while t < length { let gx = gr[t] * xr[t]; total += gx; ds[t] += gx; t += 1 }
                        dc[b * channels + c] = total
                        if let dx {
                            let dr = dx + offset
                            for t in 0..<length { dr[t] = gr[t] * (w + time[t]) }
                        }
                    }
                }
            }
            return [gradX, needed[1] ? gradC : nil, needed[2] ? gradS : nil]
        }
    }

    /// `ReLU(a + b)` for same-shaped tensors in one pass (residual joins, attention gates);
    /// both gradients are `g ⊙ [a + b > 0]`.
    public static func reluOfSum(_ a: Tensor, _ b: Tensor) -> Tensor {
        checkPrecondition(a.shape == b.shape, "reluOfSum needs equal shapes, got \(a.shape) and \(b.shape)")
        let result = Tensor.uninitialized(a.shape)
        let xs = a.storage.base, ys = b.storage.base, out = result.storage.base, count = a.count
        Parallel.forEachChunk(count, costPerItem: 1) { range in
            for i in range { out[i] = (xs[i] + ys[i]).rectified }
        }
        return record(result, inputs: [a, b]) { g, _ in
            let grad = Tensor.uninitialized(result.shape)
            let gs = g.storage.base, ys = result.storage.base, dx = grad.storage.base
            Parallel.forEachChunk(count, costPerItem: 1) { range in
                for i in range { dx[i] = ys[i] > 0 ? gs[i] : 0 }
            }
            return [grad, grad]
        }
    }
}

