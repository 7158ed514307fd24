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
        precondition(x.rank == 3, "conv1d input must be [B, C, L], got \(x.shape)")
        precondition(weight.rank == 3, "conv1d weight must be [Cout, Cin/groups, K], got \(weight.shape)")
        let (batch, inChannels, inLength) = (x.shape[0], x.shape[1], x.shape[2])
        let (outChannels, groupInChannels, kernel) = (weight.shape[0], weight.shape[1], weight.shape[2])
        precondition(stride >= 1 && dilation >= 1 && padding >= 0 && groups >= 1,
                     "conv1d needs stride ≥ 1, dilation ≥ 1, padding ≥ 0, groups ≥ 1")
        precondition(inChannels == groupInChannels * groups && outChannels % groups == 0,
                     "conv1d: input has \(inChannels) channels, weight \(weight.shape) with groups \(groups) expects \(groupInChannels * groups)")
        let outLength = (inLength + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1
        precondition(inLength + 2 * padding - dilation * (kernel - 1) - 1 >= 0,
                     "conv1d: input length \(inLength) is too short for kernel \(kernel) (padding \(padding), dilation \(dilation))")
        if let bias { precondition(bias.shape == [outChannels], "conv1d bias must be [\(outChannels)], got \(bias.shape)") }

        let geometry = ColumnGeometry(
            batch: batch, channels: inChannels, signalLength: inLength, columnLength: outLength,
            kernel: kernel, stride: stride, padding: padding, dilation: dilation)
        let n = batch * outLength
        let columns = Tensor.uninitialized([geometry.rows, n])
        if kernel == 1 && stride == 1 && padding == 0 {
            ChannelMajor.fromBatchMajor(x.storage.base, batch: batch, channels: inChannels, length: inLength,
                                        into: columns.storage.base)
        } else {
            geometry.im2col(x.storage.base, into: columns.storage.base)
        }
        let (gOut, gRows) = (outChannels / groups, groupInChannels * kernel)
        let product = Tensor.uninitialized([outChannels, n])
        for g in 0..<groups {
            BLAS.gemm(m: gOut, n: n, k: gRows, a: weight.storage.base + g * gOut * gRows, lda: gRows,
                      b: columns.storage.base + g * gRows * n, ldb: n,
                      c: product.storage.base + g * gOut * n, ldc: n)
        }
        let result = Tensor.uninitialized([batch, outChannels, outLength])
        ChannelMajor.toBatchMajor(product.storage.base, batch: batch, channels: outChannels, length: outLength,
                                  bias: bias?.storage.base, into: result.storage.base)

        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return record(result, inputs: inputs) { grad, needed in
            let gradProduct = Tensor.uninitialized([outChannels, n])
            ChannelMajor.fromBatchMajor(grad.storage.base, batch: batch, channels: outChannels, length: outLength,
                                        into: gradProduct.storage.base)
            var gradients: [Tensor?] = [nil, nil]
            if needed[1] {
                let gradWeight = Tensor.uninitialized(weight.shape)
                for g in 0..<groups {
                    BLAS.gemm(transposeB: true, m: gOut, n: gRows, k: n,
                              a: gradProduct.storage.base + g * gOut * n, lda: n,
                              b: columns.storage.base + g * gRows * n, ldb: n,
                              c: gradWeight.storage.base + g * gOut * gRows, ldc: gRows)
                }
                gradients[1] = gradWeight
            }
            if needed[0] {
                let gradColumns = Tensor.uninitialized([geometry.rows, n])
                for g in 0..<groups {
                    BLAS.gemm(transposeA: true, m: gRows, n: n, k: gOut,
                              a: weight.storage.base + g * gOut * gRows, lda: gRows,
                              b: gradProduct.storage.base + g * gOut * n, ldb: n,
                              c: gradColumns.storage.base + g * gRows * n, ldc: n)
                }
                let gradInput = Tensor.uninitialized(x.shape)
                if kernel == 1 && stride == 1 && padding == 0 {
                    ChannelMajor.toBatchMajor(gradColumns.storage.base, batch: batch, channels: inChannels,
                                              length: inLength, bias: nil, into: gradInput.storage.base)
                } else {
                    geometry.col2im(gradColumns.storage.base, into: gradInput.storage.base)
                }
                gradients[0] = gradInput
            }
            if bias != nil {
                gradients.append(needed[2]
                    ? ChannelMajor.channelSums(grad.storage.base, batch: batch, channels: outChannels, length: outLength)
                    : nil)
            }
            return gradients
        }
    }

    /// `conv_transpose1d` of `x: [B, Cin, L]` with `weight: [Cin, Cout/groups, K]`, `bias: [Cout]`.
    /// Output length `(L − 1)·S − 2P + D(K−1) + outputPadding + 1`.
    public static func convTranspose1d(
        _ x: Tensor, weight: Tensor, bias: Tensor? = nil,
        stride: Int = 1, padding: Int = 0, outputPadding: Int = 0, dilation: Int = 1, groups: Int = 1
    ) -> Tensor {
        precondition(x.rank == 3, "conv_transpose1d input must be [B, C, L], got \(x.shape)")
        precondition(weight.rank == 3, "conv_transpose1d weight must be [Cin, Cout/groups, K], got \(weight.shape)")
        let (batch, inChannels, inLength) = (x.shape[0], x.shape[1], x.shape[2])
        let (groupOutChannels, kernel) = (weight.shape[1], weight.shape[2])
        precondition(weight.shape[0] == inChannels && inChannels % groups == 0,
                     "conv_transpose1d: input has \(inChannels) channels, weight is \(weight.shape) (groups \(groups))")
        precondition(stride >= 1 && dilation >= 1 && padding >= 0 && outputPadding >= 0
                     && outputPadding < Swift.max(stride, dilation),
                     "conv_transpose1d needs stride ≥ 1, dilation ≥ 1, padding ≥ 0, 0 ≤ output_padding < max(stride, dilation)")
        let outChannels = groupOutChannels * groups
        let outLength = (inLength - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1
        precondition(outLength > 0, "conv_transpose1d: output length would be \(outLength) for input length \(inLength)")
        if let bias { precondition(bias.shape == [outChannels], "conv_transpose1d bias must be [\(outChannels)], got \(bias.shape)") }

        let geometry = ColumnGeometry(
            batch: batch, channels: outChannels, signalLength: outLength, columnLength: inLength,
            kernel: kernel, stride: stride, padding: padding, dilation: dilation)
        let n = batch * inLength
        let (gIn, gRows) = (inChannels / groups, groupOutChannels * kernel)
        let input = Tensor.uninitialized([inChannels, n])
        ChannelMajor.fromBatchMajor(x.storage.base, batch: batch, channels: inChannels, length: inLength,
                                    into: input.storage.base)
        let columns = Tensor.uninitialized([geometry.rows, n])
        for g in 0..<groups {
            BLAS.gemm(transposeA: true, m: gRows, n: n, k: gIn,
                      a: weight.storage.base + g * gIn * gRows, lda: gRows,
                      b: input.storage.base + g * gIn * n, ldb: n,
                      c: columns.storage.base + g * gRows * n, ldc: n)
        }
        var result = Tensor.uninitialized([batch, outChannels, outLength])
        geometry.col2im(columns.storage.base, into: result.storage.base)
        if let bias {
            let shift = bias.storage.base, out = result.storage.base
            for b in 0..<batch {
                for c in 0..<outChannels {
                    let row = out + (b * outChannels + c) * outLength, value = shift[c]
                    for t in 0..<outLength { row[t] += value }
                }
            }
        }
        result = result.detached

        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return record(result, inputs: inputs) { grad, needed in
            let gradColumns = Tensor.uninitialized([geometry.rows, n])
            geometry.im2col(grad.storage.base, into: gradColumns.storage.base)
            var gradients: [Tensor?] = [nil, nil]
            if needed[0] {
                let gradInput = Tensor.uninitialized([inChannels, n])
                for g in 0..<groups {
                    BLAS.gemm(m: gIn, n: n, k: gRows,
                              a: weight.storage.base + g * gIn * gRows, lda: gRows,
                              b: gradColumns.storage.base + g * gRows * n, ldb: n,
                              c: gradInput.storage.base + g * gIn * n, ldc: n)
                }
                let gradX = Tensor.uninitialized(x.shape)
                ChannelMajor.toBatchMajor(gradInput.storage.base, batch: batch, channels: inChannels,
                                          length: inLength, bias: nil, into: gradX.storage.base)
                gradients[0] = gradX
            }
            if needed[1] {
                let gradWeight = Tensor.uninitialized(weight.shape)
                for g in 0..<groups {
                    BLAS.gemm(transposeB: true, m: gIn, n: gRows, k: n,
                              a: input.storage.base + g * gIn * n, lda: n,
                              b: gradColumns.storage.base + g * gRows * n, ldb: n,
                              c: gradWeight.storage.base + g * gIn * gRows, ldc: gRows)
                }
                gradients[1] = gradWeight
            }
            if bias != nil {
                gradients.append(needed[2]
                    ? ChannelMajor.channelSums(grad.storage.base, batch: batch, channels: outChannels, length: outLength)
                    : nil)
            }
            return gradients
        }
    }
}
