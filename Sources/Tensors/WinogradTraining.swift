/// The training (recorded) 3-tap convolution on Winograd F(4, 3): the forward pass and the
/// input gradient are both 3-tap correlations (the input gradient with the weight transposed
/// and flipped), so both run on ``conv1dWinograd(_:weight:scale:shift:relu:padding:)``; the
/// weight gradient is an im2col GEMM per batch chunk, with the columns rebuilt in the
/// backward pass instead of being kept from the forward pass (3× the input less memory).
extension Tensor {
    /// Whether a recorded `conv1d` takes this path: the forward pass and the input gradient
    /// must both qualify for Winograd (more than 4 channels on either side, padding ≤ 2).
    static func prefersTrainingWinograd(
        kernel: Int, stride: Int, padding: Int, dilation: Int, groups: Int,
        inChannels: Int, outChannels: Int, batch: Int, outLength: Int
    ) -> Bool {
        padding <= 2
            && prefersWinograd(kernel: kernel, stride: stride, dilation: dilation, groups: groups,
                               outChannels: outChannels, batch: batch, outLength: outLength)
            && !prefersDirectConvolution(outChannels: inChannels, stride: stride, dilation: dilation, groups: groups)
    }

    /// `conv1d` with `weight: [Cout, Cin, 3]`, stride 1, `padding` ≤ 2, recorded for autodiff.
    static func conv1dTrainingWinograd(_ x: Tensor, weight: Tensor, bias: Tensor?, padding: Int) -> Tensor {
        let (inChannels, inLength) = (x.shape[1], x.shape[2])
        let outChannels = weight.shape[0], outLength = inLength + 2 * padding - 2
        let result = conv1dWinograd(x.detached, weight: weight.detached, scale: [Float](repeating: 1, count: outChannels),
                                    shift: bias?.storage.base, relu: false, padding: padding)
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return record(result, inputs: inputs) { grad, needed in
            var gradients: [Tensor?] = [nil, nil]
            if needed[0] {
                // ∂x[b,c,t] = Σ_o Σ_k w[o,c,k] · g[b,o,t+P−k]: a correlation of g with
                // w'[c,o,k] = w[o,c,2−k] and padding 2 − P.
                let flipped = Tensor.uninitialized([inChannels, outChannels, 3])
                let w = weight.storage.base, f = flipped.storage.base
                for o in 0..<outChannels {
                    for c in 0..<inChannels {
                        for k in 0..<3 { f[(c * outChannels + o) * 3 + k] = w[(o * inChannels + c) * 3 + 2 - k] }
                    }
                }
                gradients[0] = conv1dWinograd(grad, weight: flipped, scale: [Float](repeating: 1, count: inChannels),
                                              shift: nil, relu: false, padding: 2 - padding)
            }
            if needed[1] {
                gradients[1] = conv1dWeightGradient(x, grad, kernel: 3, padding: padding, outLength: outLength,
                                                    outChannels: outChannels)
            }
            gradients += ChannelMajor.biasGradient(of: grad, bias: bias, needed: needed)
            return gradients
        }
    }

    /// `∂w[o,c,k] = Σ_b Σ_t g[b,o,t] · x[b,c,t+k−P]` (stride 1, one group) as one GEMM per batch
    /// chunk against its im2col block, the chunks' partial sums added at the end.
    static func conv1dWeightGradient(
        _ x: Tensor, _ grad: Tensor, kernel: Int, padding: Int, outLength: Int, outChannels: Int
    ) -> Tensor {
        let (batch, inChannels, inLength) = (x.shape[0], x.shape[1], x.shape[2])
        let rows = inChannels * kernel, weightCount = outChannels * rows
        let chunks = Parallel.chunks(batch, costPerItem: outLength * rows * outChannels)
        let partials = Tensor.uninitialized([chunks.count, outChannels, inChannels, kernel])
        Parallel.forEach(chunks) { index, range in
            let n = range.count * outLength
            let geometry = ColumnGeometry(batch: range.count, channels: inChannels, signalLength: inLength,
                                          columnLength: outLength, kernel: kernel, stride: 1, padding: padding, dilation: 1)
            let columns = ScratchPool.shared.take(rows * n), gradProduct = ScratchPool.shared.take(outChannels * n)
            defer { [columns, gradProduct].forEach(ScratchPool.shared.give) }
            geometry.im2col(x.storage.base + range.lowerBound * inChannels * inLength, into: columns.pointer, parallel: false)
            ChannelMajor.fromBatchMajor(grad.storage.base + range.lowerBound * outChannels * outLength, batch: range.count,
                                        channels: outChannels, length: outLength, into: gradProduct.pointer, parallel: false)
            BLAS.gemm(transposeB: true, m: outChannels, n: rows, k: n, a: gradProduct.pointer, lda: n,
                      b: columns.pointer, ldb: n, c: partials.storage.base + index * weightCount, ldc: rows)
        }
        return summedChunkPartials(partials, shape: [outChannels, inChannels, kernel])
    }
}
