/// Batch normalisation over `(B, L)` per channel for `[B, C, L]` (or over `B` for `[B, C]`),
/// fused into one op per mode with a hand-written backward.
extension Tensor {
    /// Splits a `[B, C]` or `[B, C, L]` shape into `(B, C, L)`.
    private var batchChannelLength: (Int, Int, Int) {
        precondition(rank == 2 || rank == 3, "batch norm input must be [B, C] or [B, C, L], got \(shape)")
        return (shape[0], shape[1], rank == 3 ? shape[2] : 1)
    }

    /// Training-mode batch norm: normalises with the batch mean and *biased* variance.
    /// Returns the output and the batch mean and *unbiased* variance per channel, which the
    /// layer folds into its running statistics.
    public static func batchNormTraining(
        _ x: Tensor, weight: Tensor, bias: Tensor, epsilon: Float = 1e-5
    ) -> (output: Tensor, mean: [Float], unbiasedVariance: [Float]) {
        let (batch, channels, length) = x.batchChannelLength
        precondition(weight.shape == [channels] && bias.shape == [channels],
                     "batch norm weight and bias must be [\(channels)], got \(weight.shape) and \(bias.shape)")
        let n = batch * length
        precondition(n > 1, "batch norm in training mode needs more than one value per channel, got input \(x.shape)")
        var means = [Float](repeating: 0, count: channels)
        var inverseStd = [Float](repeating: 0, count: channels)
        var unbiased = [Float](repeating: 0, count: channels)
        let normalized = Tensor.uninitialized(x.shape)
        let result = Tensor.uninitialized(x.shape)
        let xs = x.storage.base, xhat = normalized.storage.base, out = result.storage.base
        let gamma = weight.storage.base, beta = bias.storage.base
        means.withUnsafeMutableBufferPointer { meanOut in
            inverseStd.withUnsafeMutableBufferPointer { stdOut in
                unbiased.withUnsafeMutableBufferPointer { varOut in
                    Parallel.forEachChunk(channels, costPerItem: 4 * n) { range in
                        for c in range {
                            var total: Double = 0
                            for b in 0..<batch { let row = xs + (b * channels + c) * length; for t in 0..<length { total += Double(row[t]) } }
                            let mean = Float(total / Double(n))
                            var squares: Double = 0
                            for b in 0..<batch {
                                let row = xs + (b * channels + c) * length
                                for t in 0..<length { let d = row[t] - mean; squares += Double(d * d) }
                            }
                            let variance = Float(squares / Double(n))
                            let invStd = 1 / (variance + epsilon).squareRoot()
                            let shift = beta[c]
                            for b in 0..<batch {
                                let offset = (b * channels + c) * length
                                for t in 0..<length {
                                    let h = (xs[offset + t] - mean) * invStd
                                    xhat[offset + t] = h
                                    out[offset + t] = h * gamma[c] + shift
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
        let output = record(result, inputs: [x, weight, bias]) { [normalized, weight] g, needed in
            let xhat = normalized.storage.base, gamma = weight.storage.base
            let gradX = Tensor.uninitialized(x.shape)
            let gradGamma = Tensor.zeros([channels]), gradBeta = Tensor.zeros([channels])
            let gs = g.storage.base, dx = gradX.storage.base
            let dGamma = gradGamma.storage.base, dBeta = gradBeta.storage.base
            Parallel.forEachChunk(channels, costPerItem: 3 * n) { range in
                for c in range {
                    // Double accumulators: these sums often cancel, and their error reaches every dx.
                    var sumG: Double = 0, sumGH: Double = 0
                    for b in 0..<batch {
                        let offset = (b * channels + c) * length
                        for t in 0..<length {
                            sumG += Double(gs[offset + t])
                            sumGH += Double(gs[offset + t] * xhat[offset + t])
                        }
                    }
                    dGamma[c] = Float(sumGH)
                    dBeta[c] = Float(sumG)
                    guard needed[0] else { continue }
                    let factor = gamma[c] * inverseStd[c]
                    let meanG = Float(sumG / Double(n)), meanGH = Float(sumGH / Double(n))
                    for b in 0..<batch {
                        let offset = (b * channels + c) * length
                        for t in 0..<length {
                            dx[offset + t] = factor * (gs[offset + t] - meanG - xhat[offset + t] * meanGH)
                        }
                    }
                }
            }
            return [needed[0] ? gradX : nil, gradGamma, gradBeta]
        }
        return (output, means, unbiased)
    }

    /// Inference-mode batch norm with fixed statistics: `(x − mean)/√(var + ε) · γ + β`.
    public static func batchNormInference(
        _ x: Tensor, mean: Tensor, variance: Tensor, weight: Tensor, bias: Tensor, epsilon: Float = 1e-5
    ) -> Tensor {
        let (batch, channels, length) = x.batchChannelLength
        precondition([mean, variance, weight, bias].allSatisfy { $0.shape == [channels] },
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
