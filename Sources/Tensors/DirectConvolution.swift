/// Direct 1-D convolution for layers with very few output channels (CSE's C→1 spatial
/// conv, spatial shrink's 1→4 and 4→1, ECA's 1→1): shifted multiply-adds over whole rows
/// instead of an im2col matrix `K` times the input's size feeding a GEMM with `M ≤ 4`.
extension Tensor {
    /// Whether ``conv1d(_:weight:bias:stride:padding:dilation:groups:)`` takes the direct path.
    static func prefersDirectConvolution(outChannels: Int, stride: Int, dilation: Int, groups: Int) -> Bool {
        outChannels <= 4 && stride == 1 && dilation == 1 && groups == 1
    }

    /// Stride 1, dilation 1, one group: `y[b,o,t] = bias[o] + Σ_c Σ_k w[o,c,k] · x[b,c,t+k−P]`.
    static func conv1dDirect(_ x: Tensor, weight: Tensor, bias: Tensor?, padding: Int) -> Tensor {
        let (batch, inChannels, inLength) = (x.shape[0], x.shape[1], x.shape[2])
        let (outChannels, kernel) = (weight.shape[0], weight.shape[2])
        let outLength = inLength + 2 * padding - kernel + 1
        let result = Tensor.uninitialized([batch, outChannels, outLength])
        let xs = x.storage.base, ws = weight.storage.base, out = result.storage.base
        let bs = bias?.storage.base
        // Output samples t whose input index t + k − P lies inside the signal.
        func valid(_ k: Int) -> Range<Int> {
            let offset = k - padding
            let first = Swift.max(0, -offset), end = Swift.min(outLength, inLength - offset)
            return first < end ? first..<end : 0..<0
        }
        Parallel.forEachChunk(batch, costPerItem: outChannels * inChannels * kernel * outLength) { range in
            for b in range {
                for o in 0..<outChannels {
                    correlate(xs + b * inChannels * inLength, channels: inChannels, length: inLength,
                              taps: ws + o * inChannels * kernel, kernel: kernel, offset: -padding,
                              initial: bs?[o] ?? 0, into: out + (b * outChannels + o) * outLength, count: outLength)
                }
            }
        }
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        let flipped = Tensor.uninitialized([inChannels, outChannels, kernel])   // w[o,c,K−1−k] as [c][o][k]
        for o in 0..<outChannels { for c in 0..<inChannels { for k in 0..<kernel {
            flipped.storage.base[(c * outChannels + o) * kernel + k] = ws[(o * inChannels + c) * kernel + kernel - 1 - k]
        } } }
        return record(result, inputs: inputs) { g, needed in
            let gs = g.storage.base
            var gradX: Tensor?
            if needed[0] {
                let grad = Tensor.uninitialized(x.shape)
                let dx = grad.storage.base
                Parallel.forEachChunk(batch, costPerItem: outChannels * inChannels * kernel * outLength) { range in
                    for b in range {
                        // dx[c][i] = Σ_o Σ_k w[o,c,k] · g[o][i + P − k]: a correlation of g with
                        // the flipped kernel, offset P − (K − 1).
                        for c in 0..<inChannels {
                            correlate(gs + b * outChannels * outLength, channels: outChannels, length: outLength,
                                      taps: flipped.storage.base + c * outChannels * kernel, kernel: kernel,
                                      offset: padding - (kernel - 1), initial: 0,
                                      into: dx + (b * inChannels + c) * inLength, count: inLength)
                        }
                    }
                }
                gradX = grad
            }
            var gradW: Tensor?
            if needed[1] {
                let grad = Tensor.uninitialized(weight.shape)
                let dw = grad.storage.base
                Parallel.forEachChunk(outChannels * inChannels, costPerItem: batch * kernel * outLength) { range in
                    for oc in range {
                        let (o, c) = (oc / inChannels, oc % inChannels)
                        for k in 0..<kernel {
                            let offset = k - padding, span = valid(k)
                            var total: Double = 0
                            for b in 0..<batch {
                                let gr = gs + (b * outChannels + o) * outLength + span.lowerBound
                                let xr = xs + (b * inChannels + c) * inLength + span.lowerBound + offset
                                var acc = Vectorized.V(repeating: 0), t = 0
                                while t + 16 <= span.count {
                                    acc += Vectorized.load(gr + t) * Vectorized.load(xr + t)
                                    t += 16
                                }
                                var row = acc.sum()
                                while t < span.count { row += gr[t] * xr[t]; t += 1 }
                                total += Double(row)
                            }
                            dw[oc * kernel + k] = Float(total)
                        }
                    }
                }
                gradW = grad
            }
            var gradients = [gradX, gradW]
            gradients += ChannelMajor.biasGradient(of: g, bias: bias, needed: needed)
            return gradients
        }
    }

    /// `out[t] = initial + Σ_c Σ_k taps[c·K + k] · src[c][t + k + offset]` for `t < count`,
    /// zero outside `src`'s `length`. The rows are first copied into a zero-padded scratch
    /// block so that every output is computed by the same SIMD tiles (no scalar edges: short
    /// rows such as the bottleneck's 32 samples would otherwise be mostly edge).
    static func correlate(
        _ src: UnsafePointer<Float>, channels: Int, length: Int, taps: UnsafePointer<Float>, kernel: Int,
        offset: Int, initial: Float, into out: UnsafeMutablePointer<Float>, count: Int
    ) {
        let tiles = (count + 15) / 16
        let padded = tiles * 16 + kernel - 1          // samples per padded row
        ScratchPool.shared.with(channels * padded + tiles * 16) { scratch in
            // padded[c][j] = src[c][j + offset] (0 outside the signal).
            for c in 0..<channels {
                let row = scratch + c * padded, source = src + c * length
                let lo = Swift.min(padded, Swift.max(0, -offset))
                let hi = Swift.max(lo, Swift.min(padded, length - offset))
                row.update(repeating: 0, count: lo)
                (row + lo).update(from: source + lo + offset, count: hi - lo)
                (row + hi).update(repeating: 0, count: padded - hi)
            }
            let result = scratch + channels * padded
            var t = 0
            // Four independent 16-wide tiles per step: four FMA chains in flight instead of one.
            while t + 64 <= tiles * 16 {
                var a0 = Vectorized.V(repeating: initial), a1 = a0, a2 = a0, a3 = a0
                for c in 0..<channels {
                    let row = scratch + c * padded + t, w = taps + c * kernel
                    for k in 0..<kernel {
                        let wk = Vectorized.V(repeating: w[k]), p = row + k
                        a0 += wk * Vectorized.load(p)
                        a1 += wk * Vectorized.load(p + 16)
                        a2 += wk * Vectorized.load(p + 32)
                        a3 += wk * Vectorized.load(p + 48)
                    }
                }
                Vectorized.store(a0, result + t)
                Vectorized.store(a1, result + t + 16)
                Vectorized.store(a2, result + t + 32)
                Vectorized.store(a3, result + t + 48)
                t += 64
            }
            while t < tiles * 16 {
                var acc = Vectorized.V(repeating: initial)
                for c in 0..<channels {
                    let row = scratch + c * padded + t, w = taps + c * kernel
                    for k in 0..<kernel { acc += Vectorized.V(repeating: w[k]) * Vectorized.load(row + k) }
                }
                Vectorized.store(acc, result + t)
                t += 16
            }
            out.update(from: result, count: count)
        }
    }
}
