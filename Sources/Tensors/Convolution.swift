/// 1-D convolution and transposed convolution (PyTorch semantics and weight layouts),
/// as batch-folded im2col + one GEMM per group on OpenBLAS.
extension Tensor {
    /// `conv1d` of `x: [B, Cin, L]` with `weight: [Cout, Cin/groups, K]` and `bias: [Cout]`.
    /// Output length `⌊(L + 2P − D(K−1) − 1) / S⌋ + 1`.
    ///
    /// ```swift
    /// let y = Tensor.conv1d(x, weight: w, bias: b, padding: 1)   // "same" for K = 3
    /// ```
    public static func conv1d(
        _ x: Tensor, weight: Tensor, bias: Tensor? = nil,
        stride: Int = 1, padding: Int = 0, dilation: Int = 1, groups: Int = 1
    ) -> Tensor {
        checkPrecondition(x.rank == 3, "conv1d input must be [B, C, L], got \(x.shape)")
        checkPrecondition(weight.rank == 3, "conv1d weight must be [Cout, Cin/groups, K], got \(weight.shape)")
        let (batch, inChannels, inLength) = (x.shape[0], x.shape[1], x.shape[2])
        let (outChannels, groupInChannels, kernel) = (weight.shape[0], weight.shape[1], weight.shape[2])
        checkPrecondition(stride >= 1 && dilation >= 1 && padding >= 0 && groups >= 1,
                          "conv1d needs stride ≥ 1, dilation ≥ 1, padding ≥ 0, groups ≥ 1")
        checkPrecondition(inChannels == groupInChannels * groups && outChannels % groups == 0,
                          "conv1d: input has \(inChannels) channels, weight \(weight.shape) with groups \(groups) expects \(groupInChannels * groups)")
        let outLength = (inLength + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1
        checkPrecondition(inLength + 2 * padding - dilation * (kernel - 1) - 1 >= 0,
                          "conv1d: input length \(inLength) is too short for kernel \(kernel) (padding \(padding), dilation \(dilation))")
        if let bias { checkPrecondition(bias.shape == [outChannels], "conv1d bias must be [\(outChannels)], got \(bias.shape)") }

        if prefersDirectConvolution(outChannels: outChannels, stride: stride, dilation: dilation, groups: groups) {
            return conv1dDirect(x, weight: weight, bias: bias, padding: padding)
        }
        if prefersTrainingWinograd(kernel: kernel, stride: stride, padding: padding, dilation: dilation, groups: groups,
                                   inChannels: inChannels, outChannels: outChannels, batch: batch, outLength: outLength) {
            return conv1dTrainingWinograd(x, weight: weight, bias: bias, padding: padding)
        }
        let forward = conv1dForward(x, weight: weight, shift: bias?.storage.base, relu: false,
                                    stride: stride, padding: padding, dilation: dilation, groups: groups)
        let (result, columns, chunks) = (forward.result, forward.columns, forward.chunks)
        let pointwise = kernel == 1 && stride == 1 && padding == 0
        let (gOut, gRows) = (outChannels / groups, groupInChannels * kernel)

        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return record(result, inputs: inputs) { grad, needed in
            // Batch chunks in parallel (single-threaded BLAS in each), as in the forward pass:
            // chunk i owns its column block, its slice of the input gradient and a partial
            // weight gradient; the partials are summed at the end.
            let gradInput = needed[0] ? Tensor.uninitialized(x.shape) : nil
            let partials = Tensor.uninitialized([chunks.count] + weight.shape)
            let weightCount = weight.count
            Parallel.forEach(chunks) { index, range in
                let b0 = range.lowerBound, bc = range.count, n = bc * outLength
                let geometry = ColumnGeometry(
                    batch: bc, channels: inChannels, signalLength: inLength, columnLength: outLength,
                    kernel: kernel, stride: stride, padding: padding, dilation: dilation)
                let cols = columns.storage.base + geometry.rows * b0 * outLength
                let gradProductBuffer = ScratchPool.shared.take(outChannels * n)
                defer { ScratchPool.shared.give(gradProductBuffer) }
                let gradProduct = gradProductBuffer.pointer
                ChannelMajor.fromBatchMajor(grad.storage.base + b0 * outChannels * outLength, batch: bc,
                                            channels: outChannels, length: outLength, into: gradProduct, parallel: false)
                if needed[1] {
                    let partial = partials.storage.base + index * weightCount
                    for g in 0..<groups {
                        BLAS.gemm(transposeB: true, m: gOut, n: gRows, k: n,
                                  a: gradProduct + g * gOut * n, lda: n,
                                  b: cols + g * gRows * n, ldb: n,
                                  c: partial + g * gOut * gRows, ldc: gRows)
                    }
                }
                if let gradInput {
                    let gradColumnsBuffer = ScratchPool.shared.take(geometry.rows * n)
                    defer { ScratchPool.shared.give(gradColumnsBuffer) }
                    let gradColumns = gradColumnsBuffer.pointer
                    for g in 0..<groups {
                        BLAS.gemm(transposeA: true, m: gRows, n: n, k: gOut,
                                  a: weight.storage.base + g * gOut * gRows, lda: gRows,
                                  b: gradProduct + g * gOut * n, ldb: n,
                                  c: gradColumns + g * gRows * n, ldc: n)
                    }
                    let target = gradInput.storage.base + b0 * inChannels * inLength
                    if pointwise {
                        ChannelMajor.toBatchMajor(gradColumns, batch: bc, channels: inChannels, length: inLength,
                                                  bias: nil, into: target, parallel: false)
                    } else {
                        geometry.col2im(gradColumns, into: target, parallel: false)
                    }
                }
            }
            var gradients: [Tensor?] = [gradInput, nil]
            if needed[1] {
                gradients[1] = summedChunkPartials(partials, shape: weight.shape)
            }
            gradients += ChannelMajor.biasGradient(of: grad, bias: bias, needed: needed)
            return gradients
        }
    }

    /// The conv1d forward pass in batch chunks run in parallel, each with its own im2col
    /// block and one single-threaded GEMM per group, written straight into the batch-major
    /// output with the epilogue `y = max(acc + shift[c], 0 if relu)`. Returns the column
    /// blocks (chunk `i` at offset `rows · b0 · Lout`, row stride `bc · Lout`) for the backward pass.
    static func conv1dForward(
        _ x: Tensor, weight: Tensor, shift: UnsafePointer<Float>?, relu: Bool,
        stride: Int, padding: Int, dilation: Int, groups: Int
    ) -> (result: Tensor, columns: Tensor, chunks: [Range<Int>]) {
        let (batch, inChannels, inLength) = (x.shape[0], x.shape[1], x.shape[2])
        let (outChannels, groupInChannels, kernel) = (weight.shape[0], weight.shape[1], weight.shape[2])
        let outLength = (inLength + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1
        let rows = inChannels * kernel
        let (gOut, gRows) = (outChannels / groups, groupInChannels * kernel)
        let chunks = Parallel.chunks(batch, costPerItem: outLength * rows * gOut)
        let pointwise = kernel == 1 && stride == 1 && padding == 0
        // Kept for the weight gradient only while recording; else a scratch block per chunk.
        let keep = GradientMode.isRecording && (x.node != nil || weight.node != nil)
        let columns = Tensor.uninitialized(keep ? [rows, batch * outLength] : [0])
        let result = Tensor.uninitialized([batch, outChannels, outLength])
        Parallel.forEach(chunks) { _, range in
            let b0 = range.lowerBound, bc = range.count, n = bc * outLength
            let geometry = ColumnGeometry(
                batch: bc, channels: inChannels, signalLength: inLength, columnLength: outLength,
                kernel: kernel, stride: stride, padding: padding, dilation: dilation)
            let scratch = keep ? nil : ScratchPool.shared.take(rows * n)
            defer { scratch.map(ScratchPool.shared.give) }
            let cols = scratch?.pointer ?? columns.storage.base + rows * b0 * outLength
            let source = x.storage.base + b0 * inChannels * inLength
            if pointwise {
                ChannelMajor.fromBatchMajor(source, batch: bc, channels: inChannels, length: inLength,
                                            into: cols, parallel: false)
            } else {
                geometry.im2col(source, into: cols, parallel: false)
            }
            let productBuffer = ScratchPool.shared.take(outChannels * n)
            defer { ScratchPool.shared.give(productBuffer) }
            let product = productBuffer.pointer
            for g in 0..<groups {
                BLAS.gemm(m: gOut, n: n, k: gRows, a: weight.storage.base + g * gOut * gRows, lda: gRows,
                          b: cols + g * gRows * n, ldb: n, c: product + g * gOut * n, ldc: n)
            }
            ChannelMajor.toBatchMajor(product, batch: bc, channels: outChannels, length: outLength,
                                      bias: shift, relu: relu,
                                      into: result.storage.base + b0 * outChannels * outLength)
        }
        return (result, columns, chunks)
    }

    /// Inference-only `conv1d` followed by a per-channel affine map and optionally ReLU:
    /// `y[c] = relu?(scale[c] · conv(x, W, bias)[c] + shift[c])`, computed as one GEMM with
    /// `scale ⊙ W` and the shift (and ReLU) applied while writing the output — how an
    /// evaluation-mode batch norm is folded into the convolution before it. Records no
    /// gradient: call it only when nothing needs one.
    public static func conv1dInference(
        _ x: Tensor, weight: Tensor, bias: Tensor? = nil, scale: [Float], shift: [Float], relu: Bool,
        stride: Int = 1, padding: Int = 0, dilation: Int = 1, groups: Int = 1
    ) -> Tensor {
        checkPrecondition(x.rank == 3 && weight.rank == 3 && x.shape[1] == weight.shape[1] * groups,
                          "conv1d: input \(x.shape) does not match weight \(weight.shape) with groups \(groups)")
        let outChannels = weight.shape[0], perChannel = weight.count / Swift.max(outChannels, 1)
        checkPrecondition(scale.count == outChannels && shift.count == outChannels,
                          "conv1dInference: scale and shift need \(outChannels) values")
        var totalShift = shift
        if let bias { for c in 0..<outChannels { totalShift[c] += scale[c] * bias.storage.base[c] } }
        if prefersWinograd(kernel: weight.shape[2], stride: stride, dilation: dilation, groups: groups,
                           outChannels: outChannels, batch: x.shape[0],
                           outLength: x.shape[2] + 2 * padding - dilation * (weight.shape[2] - 1)) {
            // The scale is folded into the transformed weights: no folded copy of `weight`.
            return totalShift.withUnsafeBufferPointer { shiftPointer in
                conv1dWinograd(x.detached, weight: weight.detached, scale: scale, shift: shiftPointer.baseAddress,
                               relu: relu, padding: padding)
            }
        }
        let folded = Tensor.uninitialized(weight.shape)
        for c in 0..<outChannels {
            let from = weight.storage.base + c * perChannel, to = folded.storage.base + c * perChannel
            for i in 0..<perChannel { to[i] = from[i] * scale[c] }
        }
        if prefersDirectConvolution(outChannels: outChannels, stride: stride, dilation: dilation, groups: groups) {
            let y = withoutGradients {
                conv1dDirect(x.detached, weight: folded, bias: Tensor(shape: [outChannels], scalars: totalShift),
                             padding: padding)
            }
            return relu ? withoutGradients { y.relu() } : y
        }
        return withoutGradients {
            totalShift.withUnsafeBufferPointer { shiftPointer in
                conv1dForward(x.detached, weight: folded, shift: shiftPointer.baseAddress, relu: relu,
                              stride: stride, padding: padding, dilation: dilation, groups: groups).result
            }
        }
    }

    /// `conv_transpose1d` of `x: [B, Cin, L]` with `weight: [Cin, Cout/groups, K]`, `bias: [Cout]`.
    /// Output length `(L − 1)·S − 2P + D(K−1) + outputPadding + 1`.
    public static func convTranspose1d(
        _ x: Tensor, weight: Tensor, bias: Tensor? = nil,
        stride: Int = 1, padding: Int = 0, outputPadding: Int = 0, dilation: Int = 1, groups: Int = 1
    ) -> Tensor {
        checkPrecondition(x.rank == 3, "conv_transpose1d input must be [B, C, L], got \(x.shape)")
        checkPrecondition(weight.rank == 3, "conv_transpose1d weight must be [Cin, Cout/groups, K], got \(weight.shape)")
        let (batch, inChannels, inLength) = (x.shape[0], x.shape[1], x.shape[2])
        let (groupOutChannels, kernel) = (weight.shape[1], weight.shape[2])
        checkPrecondition(weight.shape[0] == inChannels && inChannels % groups == 0,
                          "conv_transpose1d: input has \(inChannels) channels, weight is \(weight.shape) (groups \(groups))")
        checkPrecondition(stride >= 1 && dilation >= 1 && padding >= 0 && outputPadding >= 0
                          && outputPadding < Swift.max(stride, dilation),
                          "conv_transpose1d needs stride ≥ 1, dilation ≥ 1, padding ≥ 0, 0 ≤ output_padding < max(stride, dilation)")
        let outChannels = groupOutChannels * groups
        let outLength = (inLength - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1
        checkPrecondition(outLength > 0, "conv_transpose1d: output length would be \(outLength) for input length \(inLength)")
        if let bias { checkPrecondition(bias.shape == [outChannels], "conv_transpose1d bias must be [\(outChannels)], got \(bias.shape)") }

        let (gIn, gRows) = (inChannels / groups, groupOutChannels * kernel)
        let rows = outChannels * kernel
        // Batch chunks in parallel, single-threaded BLAS in each (as conv1d): chunk i keeps its
        // channel-major input block [Cin, bc·L] at offset Cin·b0·L for the weight gradient.
        let chunks = Parallel.chunks(batch, costPerItem: inLength * rows * gIn)
        let input = Tensor.uninitialized([inChannels, batch * inLength])
        let result = Tensor.uninitialized([batch, outChannels, outLength])
        Parallel.forEach(chunks) { _, range in
            let b0 = range.lowerBound, bc = range.count, n = bc * inLength
            let geometry = ColumnGeometry(
                batch: bc, channels: outChannels, signalLength: outLength, columnLength: inLength,
                kernel: kernel, stride: stride, padding: padding, dilation: dilation)
            let block = input.storage.base + inChannels * b0 * inLength
            ChannelMajor.fromBatchMajor(x.storage.base + b0 * inChannels * inLength, batch: bc, channels: inChannels,
                                        length: inLength, into: block, parallel: false)
            ScratchPool.shared.with(rows * n) { columns in
                for g in 0..<groups {
                    BLAS.gemm(transposeA: true, m: gRows, n: n, k: gIn,
                              a: weight.storage.base + g * gIn * gRows, lda: gRows,
                              b: block + g * gIn * n, ldb: n,
                              c: columns + g * gRows * n, ldc: n)
                }
                let target = result.storage.base + b0 * outChannels * outLength
                geometry.col2im(columns, into: target, parallel: false)
                if let bias {
                    let shift = bias.storage.base
                    for b in 0..<bc {
                        for c in 0..<outChannels {
                            let row = target + (b * outChannels + c) * outLength, value = shift[c]
                            for t in 0..<outLength { row[t] += value }
                        }
                    }
                }
            }
        }

        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return record(result, inputs: inputs) { grad, needed in
            let gradX = needed[0] ? Tensor.uninitialized(x.shape) : nil
            let partials = Tensor.uninitialized([chunks.count] + weight.shape)
            let weightCount = weight.count
            Parallel.forEach(chunks) { index, range in
                let b0 = range.lowerBound, bc = range.count, n = bc * inLength
                let geometry = ColumnGeometry(
                    batch: bc, channels: outChannels, signalLength: outLength, columnLength: inLength,
                    kernel: kernel, stride: stride, padding: padding, dilation: dilation)
                let block = input.storage.base + inChannels * b0 * inLength
                ScratchPool.shared.with(rows * n) { gradColumns in
                    geometry.im2col(grad.storage.base + b0 * outChannels * outLength, into: gradColumns, parallel: false)
                    if let gradX {
                        ScratchPool.shared.with(inChannels * n) { gradInput in
                            for g in 0..<groups {
                                BLAS.gemm(m: gIn, n: n, k: gRows,
                                          a: weight.storage.base + g * gIn * gRows, lda: gRows,
                                          b: gradColumns + g * gRows * n, ldb: n,
                                          c: gradInput + g * gIn * n, ldc: n)
                            }
                            ChannelMajor.toBatchMajor(gradInput, batch: bc, channels: inChannels, length: inLength,
                                                      bias: nil, into: gradX.storage.base + b0 * inChannels * inLength,
                                                      parallel: false)
                        }
                    }
                    if needed[1] {
                        let partial = partials.storage.base + index * weightCount
                        for g in 0..<groups {
                            BLAS.gemm(transposeB: true, m: gIn, n: gRows, k: n,
                                      a: block + g * gIn * n, lda: n,
                                      b: gradColumns + g * gRows * n, ldb: n,
                                      c: partial + g * gIn * gRows, ldc: gRows)
                        }
                    }
                }
            }
            var gradients: [Tensor?] = [gradX, nil]
            if needed[1] {
                gradients[1] = summedChunkPartials(partials, shape: weight.shape)
            }
            gradients += ChannelMajor.biasGradient(of: grad, bias: bias, needed: needed)
            return gradients
        }
    }

    /// The sum over the first axis of `partials` (`[chunks] + shape`): the weight gradient
    /// from the per-chunk partial gradients of the batch-parallel backward passes.
    static func summedChunkPartials(_ partials: Tensor, shape: [Int]) -> Tensor {
        let count = shape.elementCount, chunks = partials.shape[0]
        let sum = Tensor.uninitialized(shape)
        let out = sum.storage.base, parts = partials.storage.base
        out.update(from: parts, count: count)
        for i in 1..<Swift.max(chunks, 1) {
            let part = parts + i * count
            for j in 0..<count { out[j] += part[j] }
        }
        return sum
    }
}
