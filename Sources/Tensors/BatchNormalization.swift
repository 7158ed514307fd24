/// Batch normalisation over `(B, L)` per channel for `[B, C, L]` (or over `B` for `[B, C]`),
/// fused into one op per mode with a hand-written backward.
extension Tensor {
    /// Splits a `[B, C]` or `[B, C, L]` shape into `(B, C, L)`.
    private var batchChannelLength: (Int, Int, Int) {
        checkPrecondition(rank == 2 || rank == 3, "batch norm input must be [B, C] or [B, C, L], got \(shape)")
        return (shape[0], shape[1], rank == 3 ? shape[2] : 1)
    }

    /// Training-mode batch norm: normalises with the batch mean and *biased* variance.
    /// Returns the output and the batch mean and *unbiased* variance per channel, which the
    /// layer folds into its running statistics.
    public static func batchNormTraining(
        _ x: Tensor, weight: Tensor, bias: Tensor, epsilon: Float = 1e-5
    ) -> (output: Tensor, mean: [Float], unbiasedVariance: [Float]) {
        batchNormTraining(x, weight: weight, bias: bias, epsilon: epsilon, relu: false)
    }

    /// Training-mode batch norm, optionally followed by ReLU, as one fused op: one pass for
    /// the statistics, one for the output; the backward pass recomputes `x̂` and the ReLU
    /// mask from `x` instead of keeping them (no saved activation besides `x`).
    public static func batchNormTraining(
        _ x: Tensor, weight: Tensor, bias: Tensor, epsilon: Float = 1e-5, relu: Bool
    ) -> (output: Tensor, mean: [Float], unbiasedVariance: [Float]) {
        let (batch, channels, length) = x.batchChannelLength
        checkPrecondition(weight.shape == [channels] && bias.shape == [channels],
                          "batch norm weight and bias must be [\(channels)], got \(weight.shape) and \(bias.shape)")
        let n = batch * length
        checkPrecondition(n > 1, "batch norm in training mode needs more than one value per channel, got input \(x.shape)")
        var means = [Float](repeating: 0, count: channels)
        var inverseStd = [Float](repeating: 0, count: channels)
        var unbiased = [Float](repeating: 0, count: channels)
        let result = Tensor.uninitialized(x.shape)
        let xs = x.storage.base, out = result.storage.base
        let gamma = weight.storage.base, beta = bias.storage.base
        means.withUnsafeMutableBufferPointer { meanOut in
            inverseStd.withUnsafeMutableBufferPointer { stdOut in
                unbiased.withUnsafeMutableBufferPointer { varOut in
                    Parallel.forEachChunk(channels, costPerItem: 4 * n) { range in
                        for c in range {
                            // Float sums within a row (16 lanes), Double across rows.
                            var total: Double = 0
                            for b in 0..<batch { total += Double(Vectorized.sum(xs + (b * channels + c) * length, length)) }
                            let mean = Float(total / Double(n))
                            var squares: Double = 0
                            for b in 0..<batch {
                                squares += Double(Vectorized.sumOfSquaredDeviations(
                                    xs + (b * channels + c) * length, length, mean: mean))
                            }
                            let variance = Float(squares / Double(n))
                            let invStd = 1 / (variance + epsilon).squareRoot()
                            let scale = gamma[c] * invStd, shift = beta[c] - mean * scale
                            for b in 0..<batch {
                                let offset = (b * channels + c) * length
                                let from = xs + offset, to = out + offset
                                if relu {
                                    for t in 0..<length { to[t] = (from[t] * scale + shift).rectified }
                                } else {
                                    for t in 0..<length { to[t] = from[t] * scale + shift }
                                }
                            }
                            meanOut[c] = mean
                            stdOut[c] = invStd
                            varOut[c] = Float(squares / Double(n - 1))
                        }
                    }
                }
            }
        }
        let output = record(result, inputs: [x, weight, bias]) { [means, inverseStd] g, needed in
            let gamma = weight.storage.base, beta = bias.storage.base
            let gradX = needed[0] ? Tensor.uninitialized(x.shape) : nil
            let gradGamma = Tensor.zeros([channels]), gradBeta = Tensor.zeros([channels])
            let gs = g.storage.base, dx = gradX?.storage.base
            let dGamma = gradGamma.storage.base, dBeta = gradBeta.storage.base
            typealias V = Vectorized.V
            Parallel.forEachChunk(channels, costPerItem: 4 * n) { range in
                for c in range {
                    let mean = means[c], invStd = inverseStd[c]
                    let mv = V(repeating: mean), iv = V(repeating: invStd)
                    let gv = V(repeating: gamma[c]), bv = V(repeating: beta[c]), zero = V(repeating: 0)
                    // Double accumulators across rows: these sums often cancel, and their error reaches every dx.
                    var sumG: Double = 0, sumGH: Double = 0
                    for b in 0..<batch {
                        let offset = (b * channels + c) * length
                        let xr = xs + offset, gr = gs + offset
                        var accG = zero, accGH = zero, t = 0
                        while t + 16 <= length {
                            let h = (Vectorized.load(xr + t) - mv) * iv
                            var gt = Vectorized.load(gr + t)
                            if relu { gt.replace(with: zero, where: h * gv + bv .<= zero) }
                            accG += gt
                            accGH += gt * h
                            t += 16
                        }
                        var rowG = accG.sum(), rowGH = accGH.sum()
                        while t < length {
                            let h = (xr[t] - mean) * invStd
                            var gt = gr[t]
                            if relu && h * gamma[c] + beta[c] <= 0 { gt = 0 }
                            rowG += gt
                            rowGH += gt * h
                            t += 1
                        }
                        sumG += Double(rowG)
                        sumGH += Double(rowGH)
                    }
                    dGamma[c] = Float(sumGH)
                    dBeta[c] = Float(sumG)
                    guard let dx else { continue }
                    let factor = gamma[c] * invStd
                    let meanG = Float(sumG / Double(n)), meanGH = Float(sumGH / Double(n))
                    for b in 0..<batch {
                        let offset = (b * channels + c) * length
                        let xr = xs + offset, gr = gs + offset, dr = dx + offset
                        let fv = V(repeating: factor), mgv = V(repeating: meanG), mghv = V(repeating: meanGH)
                        var t = 0
                        while t + 16 <= length {
                            let h = (Vectorized.load(xr + t) - mv) * iv
                            var gt = Vectorized.load(gr + t)
                            if relu { gt.replace(with: zero, where: h * gv + bv .<= zero) }
                            Vectorized.store(fv * (gt - mgv - h * mghv), dr + t)
                            t += 16
                        }
                        while t < length {
                            let h = (xr[t] - mean) * invStd
                            var gt = gr[t]
                            if relu && h * gamma[c] + beta[c] <= 0 { gt = 0 }
                            dr[t] = factor * (gt - meanG - h * meanGH)
                            t += 1
                        }
                    }
                }
            }
            return [gradX, gradGamma, gradBeta]
        }
        return (output, means, unbiased)
    }

    /// Inference-mode batch norm with fixed statistics: `(x − mean)/√(var + ε) · γ + β`.
    public static func batchNormInference(
        _ x: Tensor, mean: Tensor, variance: Tensor, weight: Tensor, bias: Tensor, epsilon: Float = 1e-5
    ) -> Tensor {
        let (batch, channels, length) = x.batchChannelLength
        checkPrecondition([mean, variance, weight, bias].allSatisfy { $0.shape == [channels] },
                          "batch norm statistics and affine parameters must all be [\(channels)], input is \(x.shape)")
        let inverseStd = (0..<channels).map { 1 / (variance.storage.base[$0] + epsilon).squareRoot() }
        let scale = (0..<channels).map { weight.storage.base[$0] * inverseStd[$0] }
        let shift = (0..<channels).map { bias.storage.base[$0] - mean.storage.base[$0] * scale[$0] }
        let result = Tensor.uninitialized(x.shape)
        let xs = x.storage.base, out = result.storage.base
        for b in 0..<batch {
            for c in 0..<channels {
                let offset = (b * channels + c) * length, s = scale[c], h = shift[c]
                for t in 0..<length { out[offset + t] = xs[offset + t] * s + h }
            }
        }
        return record(result, inputs: [x, weight, bias]) { g, needed in
            let gradX = Tensor.uninitialized(x.shape)
            let gradGamma = Tensor.zeros([channels]), gradBeta = Tensor.zeros([channels])
            let gs = g.storage.base, dx = gradX.storage.base
            let dGamma = gradGamma.storage.base, dBeta = gradBeta.storage.base
            for b in 0..<batch {
                for c in 0..<channels {
                    let offset = (b * channels + c) * length, m = mean.storage.base[c]
                    var sumG: Double = 0, sumGH: Double = 0
                    for t in 0..<length {
                        let gv = gs[offset + t]
                        dx[offset + t] = gv * scale[c]
                        sumG += Double(gv)
                        sumGH += Double(gv * (xs[offset + t] - m) * inverseStd[c])
                    }
                    dGamma[c] += Float(sumGH)
                    dBeta[c] += Float(sumG)
                }
            }
            return [needed[0] ? gradX : nil, gradGamma, gradBeta]
        }
    }
}
