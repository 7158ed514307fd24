/// The column buffers behind convolution as GEMM, batch-folded: a signal batch
/// `[B, C, Ls]` and a column matrix `[C·K, B·Lc]` whose entry `(c·K + k, b·Lc + t)` is
/// sample `t·S − P + k·D` of channel `c` in item `b` (zero outside the signal).
struct ColumnGeometry {
    let batch: Int, channels: Int
    let signalLength: Int, columnLength: Int
    let kernel: Int, stride: Int, padding: Int, dilation: Int

    var rows: Int { channels * kernel }
    var columnsPerRow: Int { batch * columnLength }

    /// The range of `t` whose source index `t·S + offset` lies inside the signal.
    @inline(__always)
    func validRange(offset: Int) -> Range<Int> {
        let first = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        let lastIndex = signalLength - 1 - offset
        let end = lastIndex < 0 ? 0 : Swift.min(columnLength, lastIndex / stride + 1)
        return first < end ? first..<end : 0..<0
    }

    /// Fills `columns` ([rows, B·Lc]) from `signal` ([B, C, Ls]).
    func im2col(_ signal: UnsafePointer<Float>, into columns: UnsafeMutablePointer<Float>, parallel: Bool = true) {
        Parallel.forEachChunk(rows, costPerItem: parallel ? columnsPerRow : 0) { rowRange in
            for row in rowRange {
                let c = row / kernel, k = row % kernel
                let offset = k * dilation - padding
                let valid = validRange(offset: offset)
                for b in 0..<batch {
                    let target = columns + row * columnsPerRow + b * columnLength
                    let source = signal + (b * channels + c) * signalLength
                    target.update(repeating: 0, count: valid.lowerBound)
                    if stride == 1 {
                        (target + valid.lowerBound).update(from: source + valid.lowerBound + offset, count: valid.count)
                    } else {
                        for t in valid { target[t] = source[t * stride + offset] }
                    }
                    (target + valid.upperBound).update(repeating: 0, count: columnLength - valid.upperBound)
                }
            }
        }
    }

    /// Accumulates `columns` back into a zeroed `signal` (the adjoint of ``im2col(_:into:)``).
    func col2im(_ columns: UnsafePointer<Float>, into signal: UnsafeMutablePointer<Float>, parallel: Bool = true) {
        Parallel.forEachChunk(channels, costPerItem: parallel ? kernel * columnsPerRow : 0) { channelRange in
            for c in channelRange {
                for b in 0..<batch {
                    (signal + (b * channels + c) * signalLength).update(repeating: 0, count: signalLength)
                }
                for k in 0..<kernel {
                    let row = c * kernel + k
                    let offset = k * dilation - padding
                    let valid = validRange(offset: offset)
                    for b in 0..<batch {
                        let source = columns + row * columnsPerRow + b * columnLength
                        let target = signal + (b * channels + c) * signalLength
                        if stride == 1 {
                            let to = target + offset
                            for t in valid { to[t] += source[t] }
                        } else {
                            for t in valid { target[t * stride + offset] += source[t] }
                        }
                    }
                }
            }
        }
    }
}

/// Layout changes between batch-major `[B, C, L]` and channel-major `[C, B·L]`.
enum ChannelMajor {
    /// `[B, C, L]` → `[C, B·L]`.
    static func fromBatchMajor(
        _ source: UnsafePointer<Float>, batch: Int, channels: Int, length: Int,
        into target: UnsafeMutablePointer<Float>, parallel: Bool = true
    ) {
        Parallel.forEachChunk(channels, costPerItem: parallel ? batch * length : 0) { range in
            for c in range {
                for b in 0..<batch {
                    (target + (c * batch + b) * length).update(from: source + (b * channels + c) * length, count: length)
                }
            }
        }
    }

    /// `[C, B·L]` → `[B, C, L]`, adding `bias[c]` when given.
    static func toBatchMajor(
        _ source: UnsafePointer<Float>, batch: Int, channels: Int, length: Int,
        bias: UnsafePointer<Float>?, into target: UnsafeMutablePointer<Float>, parallel: Bool = true
    ) {
        Parallel.forEachChunk(channels, costPerItem: parallel ? batch * length : 0) { range in
            for c in range {
                let shift = bias?[c] ?? 0
                for b in 0..<batch {
                    let from = source + (c * batch + b) * length, to = target + (b * channels + c) * length
                    if bias == nil {
                        to.update(from: from, count: length)
                    } else {
                        for t in 0..<length { to[t] = from[t] + shift }
                    }
                }
            }
        }
    }

    /// `[C, B·L]` → `[B, C, L]` with the epilogue `y = x + shift[c]`, then `max(y, 0)` when
    /// `relu` (single-threaded: callers run it per batch chunk).
    static func toBatchMajor(
        _ source: UnsafePointer<Float>, batch: Int, channels: Int, length: Int,
        bias: UnsafePointer<Float>?, relu: Bool, into target: UnsafeMutablePointer<Float>
    ) {
        for c in 0..<channels {
            let shift = bias?[c] ?? 0
            for b in 0..<batch {
                let from = source + (c * batch + b) * length, to = target + (b * channels + c) * length
                if relu {
                    for t in 0..<length { to[t] = (from[t] + shift).rectified }
                } else if bias != nil {
                    for t in 0..<length { to[t] = from[t] + shift }
                } else {
                    to.update(from: from, count: length)
                }
            }
        }
    }

    /// The bias part of a convolution's gradient list (inputs `[x, weight, bias?]`): nothing
    /// without a bias, else the per-channel sums of the output gradient `[B, C, L]`, or `nil`
    /// when `needed[2]` says the bias needs none.
    static func biasGradient(of grad: Tensor, bias: Tensor?, needed: [Bool]) -> [Tensor?] {
        guard bias != nil else { return [] }
        guard needed[2] else { return [nil] }
        return [channelSums(grad.storage.base, batch: grad.shape[0], channels: grad.shape[1], length: grad.shape[2])]
    }

    /// Per-channel sums of a `[B, C, L]` tensor (the bias gradient).
    static func channelSums(_ source: UnsafePointer<Float>, batch: Int, channels: Int, length: Int) -> Tensor {
        let result = Tensor.zeros([channels])
        let out = result.storage.base
        for b in 0..<batch {
            for c in 0..<channels {
                let row = source + (b * channels + c) * length
                var total: Double = 0
                for t in 0..<length { total += Double(row[t]) }
                out[c] += Float(total)
            }
        }
        return result
    }
}
