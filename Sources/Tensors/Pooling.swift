/// Pooling and resampling along the length axis of `[B, C, L]` tensors.
extension Tensor {
    private var signalDimensions: (rows: Int, length: Int) {
        checkPrecondition(rank == 3, "expected a [B, C, L] tensor, got \(shape)")
        return (shape[0] * shape[1], shape[2])
    }

    /// Max pooling (`ceil_mode = false`; padding counts as −∞, as in PyTorch).
    public func maxPool1d(kernelSize: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
        let stride = stride ?? kernelSize
        let (rows, length) = signalDimensions
        checkPrecondition(kernelSize >= 1 && stride >= 1 && padding >= 0 && padding <= kernelSize / 2,
                          "max_pool1d needs kernel ≥ 1, stride ≥ 1, 0 ≤ padding ≤ kernel/2")
        let outLength = (length + 2 * padding - kernelSize) / stride + 1
        checkPrecondition(outLength >= 1, "max_pool1d: length \(length) is shorter than kernel \(kernelSize)")
        let recording = GradientMode.isRecording && node != nil
        if kernelSize == 2 && stride == 2 && padding == 0 && !recording {
            // U-Net down-sampling at inference: no argmax, one vectorisable pass.
            let result = Tensor.uninitialized([shape[0], shape[1], outLength])
            let xs = storage.base, out = result.storage.base
            for r in 0..<rows {
                let row = xs + r * length, target = out + r * outLength
                for t in 0..<outLength { target[t] = Swift.max(row[2 * t], row[2 * t + 1]) }
            }
            return result
        }
        let result = Tensor.uninitialized([shape[0], shape[1], outLength])
        var argmax = [Int32](repeating: 0, count: rows * outLength)
        let xs = storage.base, out = result.storage.base
        argmax.withUnsafeMutableBufferPointer { indices in
            for r in 0..<rows {
                let row = xs + r * length
                for t in 0..<outLength {
                    let start = Swift.max(t * stride - padding, 0)
                    let end = Swift.min(t * stride - padding + kernelSize, length)
                    var best = row[start], bestIndex = start
                    for i in (start + 1)..<Swift.max(end, start + 1) where row[i] > best { best = row[i]; bestIndex = i }
                    out[r * outLength + t] = best
                    indices[r * outLength + t] = Int32(bestIndex)
                }
            }
        }
        let inputShape = shape
        return Tensor.record(result, inputs: [self]) { g, _ in
            let grad = Tensor.zeros(inputShape)
            let gIn = g.storage.base, gOut = grad.storage.base
            for r in 0..<rows {
                for t in 0..<outLength { gOut[r * length + Int(argmax[r * outLength + t])] += gIn[r * outLength + t] }
            }
            return [grad]
        }
    }

    /// Average pooling (`ceil_mode = false`, `count_include_pad = true`, as PyTorch's defaults).
    public func avgPool1d(kernelSize: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
        let stride = stride ?? kernelSize
        let (_, length) = signalDimensions
        checkPrecondition(kernelSize >= 1 && stride >= 1 && padding >= 0 && padding <= kernelSize / 2,
                          "avg_pool1d needs kernel ≥ 1, stride ≥ 1, 0 ≤ padding ≤ kernel/2")
        let outLength = (length + 2 * padding - kernelSize) / stride + 1
        checkPrecondition(outLength >= 1, "avg_pool1d: length \(length) is shorter than kernel \(kernelSize)")
        let windows = (0..<outLength).map { t -> (Range<Int>, Float) in
            let start = t * stride - padding
            return (Swift.max(start, 0)..<Swift.min(start + kernelSize, length), 1 / Float(kernelSize))
        }
        return pooled(windows: windows)
    }

    /// Adaptive average pooling to `outputSize` bins: bin `i` covers
    /// `⌊i·L/n⌋ ..< ⌈(i+1)·L/n⌉` (PyTorch's rule).
    public func adaptiveAvgPool1d(outputSize: Int) -> Tensor {
        let (_, length) = signalDimensions
        checkPrecondition(outputSize >= 1, "adaptive_avg_pool1d output size must be ≥ 1, got \(outputSize)")
        let windows = (0..<outputSize).map { i -> (Range<Int>, Float) in
            let start = i * length / outputSize
            let end = ((i + 1) * length + outputSize - 1) / outputSize
            return (start..<end, 1 / Float(end - start))
        }
        return pooled(windows: windows)
    }

    /// Output sample `t` = `weight_t · Σ x[window_t]`; the pullback spreads gradients back.
    private func pooled(windows: [(Range<Int>, Float)]) -> Tensor {
        let (rows, length) = signalDimensions
        let outLength = windows.count
        let result = Tensor.zeros([shape[0], shape[1], outLength])
        let xs = storage.base, out = result.storage.base
        for r in 0..<rows {
            for (t, (window, weight)) in windows.enumerated() {
                var total: Float = 0
                for i in window { total += xs[r * length + i] }
                out[r * outLength + t] = total * weight
            }
        }
        let inputShape = shape
        return Tensor.record(result, inputs: [self]) { g, _ in
            let grad = Tensor.zeros(inputShape)
            let gIn = g.storage.base, gOut = grad.storage.base
            for r in 0..<rows {
                for (t, (window, weight)) in windows.enumerated() {
                    let value = gIn[r * outLength + t] * weight
                    for i in window { gOut[r * length + i] += value }
                }
            }
            return [grad]
        }
    }

    /// How ``upsampled(by:mode:)`` fills new samples.
    public enum UpsamplingMode: Sendable { case nearest, linear }

    /// Upsampling along the length by an integer factor (`align_corners = false`).
    ///
    /// ```swift
    /// x.upsampled(by: 2)   // nearest: every sample repeated twice
    /// ```
    public func upsampled(by factor: Int, mode: UpsamplingMode = .nearest) -> Tensor {
        let (rows, length) = signalDimensions
        checkPrecondition(factor >= 1, "upsampling factor must be ≥ 1, got \(factor)")
        let outLength = length * factor
        // Per output sample: two source taps and their weights.
        var taps: [(Int, Int, Float)] = []
        taps.reserveCapacity(outLength)
        for t in 0..<outLength {
            switch mode {
            case .nearest:
                taps.append((t / factor, t / factor, 0))
            case .linear:
                let source = Swift.max((Float(t) + 0.5) / Float(factor) - 0.5, 0)
                let low = Swift.min(Int(source), length - 1)
                taps.append((low, Swift.min(low + 1, length - 1), source - Float(low)))
            }
        }
        let result = Tensor.uninitialized([shape[0], shape[1], outLength])
        let xs = storage.base, out = result.storage.base
        for r in 0..<rows {
            let row = xs + r * length
            for (t, (low, high, lambda)) in taps.enumerated() {
                out[r * outLength + t] = row[low] * (1 - lambda) + row[high] * lambda
            }
        }
        let inputShape = shape
        return Tensor.record(result, inputs: [self]) { g, _ in
            let grad = Tensor.zeros(inputShape)
            let gIn = g.storage.base, gOut = grad.storage.base
            for r in 0..<rows {
                for (t, (low, high, lambda)) in taps.enumerated() {
                    let value = gIn[r * outLength + t]
                    gOut[r * length + low] += value * (1 - lambda)
                    gOut[r * length + high] += value * lambda
                }
            }
            return [grad]
        }
    }
}
