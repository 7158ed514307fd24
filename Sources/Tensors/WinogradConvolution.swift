import Foundation

/// Inference-only 3-tap convolution (stride 1, dilation 1, one group) by Winograd's minimal
/// filtering F(4, 3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks",
/// CVPR 2016): four outputs of one channel pair cost 6 multiplications instead of 12. The
/// input is transformed into 6 matrices of 1.5× its size (im2col writes 3×), the 6 products
/// with the transformed weights are GEMMs of half im2col's total work, and the inverse
/// transform writes the output with the usual epilogue (shift, then ReLU when asked).
///
/// The transforms use the interpolation points 0, ±1, ±2 and ∞; in float32 the result
/// differs from the direct sum by a few units in the 6th significant digit (tested against
/// it in `FusedOpsTests`).
extension Tensor {
    /// Whether inference convolutions with these settings take the Winograd path
    /// (`DANCER_WINOGRAD=0` turns it off, for comparisons). The weights are transformed on
    /// every call (6 values per tap triple), which pays off only over enough tiles: below 32
    /// tiles per call (batch 1 in the deep layers) im2col with the plain weights is faster.
    static func prefersWinograd(kernel: Int, stride: Int, dilation: Int, groups: Int, outChannels: Int,
                                batch: Int, outLength: Int) -> Bool {
        winogradEnabled && kernel == 3 && stride == 1 && dilation == 1 && groups == 1
            && batch * ((outLength + 3) / 4) >= 32
            && !prefersDirectConvolution(outChannels: outChannels, stride: stride, dilation: dilation, groups: groups)
    }

    private static let winogradEnabled = ProcessInfo.processInfo.environment["DANCER_WINOGRAD"] != "0"

    /// `y[b,o,t] = relu?(shift[o] + scale[o] · Σ_c Σ_k w[o,c,k] · x[b,c,t+k−P])` for `w: [Cout, Cin, 3]`,
    /// in batch chunks run in parallel. Records no gradient.
    static func conv1dWinograd(
        _ x: Tensor, weight: Tensor, scale: [Float], shift: UnsafePointer<Float>?, relu: Bool, padding: Int
    ) -> Tensor {
        let (batch, inChannels, inLength) = (x.shape[0], x.shape[1], x.shape[2])
        let outChannels = weight.shape[0]
        checkPrecondition(weight.shape == [outChannels, inChannels, 3], "conv1dWinograd needs a [Cout, \(inChannels), 3] weight, got \(weight.shape)")
        let outLength = inLength + 2 * padding - 2
        checkPrecondition(outLength >= 1, "conv1d: input length \(inLength) is too short for kernel 3 (padding \(padding))")
        let tiles = (outLength + 3) / 4
        let transformedBuffer = ScratchPool.shared.take(6 * outChannels * inChannels)
        defer { ScratchPool.shared.give(transformedBuffer) }
        let transformedWeight = transformedBuffer.pointer
        WinogradF43.transformWeights(weight, scale: scale, into: transformedWeight)
        let result = Tensor.uninitialized([batch, outChannels, outLength])
        // Items `items`, output channels `outputs`: transform, 6 GEMMs, inverse transform.
        func block(items: Range<Int>, outputs: Range<Int>) {
            let n = items.count * tiles, m = outputs.count
            let inputs = ScratchPool.shared.take(6 * inChannels * n)
            let products = ScratchPool.shared.take(6 * m * n)
            let phases = ScratchPool.shared.take(4 * (tiles + 1))
            defer { [inputs, products, phases].forEach(ScratchPool.shared.give) }
            for (local, b) in items.enumerated() {
                for c in 0..<inChannels {
                    WinogradF43.transformInput(
                        x.storage.base + (b * inChannels + c) * inLength, length: inLength, padding: padding,
                        tiles: tiles, phases: phases.pointer,
                        into: inputs.pointer + c * n + local * tiles, pointStride: inChannels * n)
                }
            }
            for point in 0..<6 {
                BLAS.gemm(m: m, n: n, k: inChannels,
                          a: transformedWeight + (point * outChannels + outputs.lowerBound) * inChannels,
                          lda: inChannels,
                          b: inputs.pointer + point * inChannels * n, ldb: n,
                          c: products.pointer + point * m * n, ldc: n)
            }
            for (local, b) in items.enumerated() {
                for (row, o) in outputs.enumerated() {
                    WinogradF43.transformOutput(
                        products.pointer + row * n + local * tiles, pointStride: m * n, tiles: tiles,
                        shift: shift?[o] ?? 0, relu: relu,
                        into: result.storage.base + (b * outChannels + o) * outLength, length: outLength)
                }
            }
        }
        let chunks = Parallel.chunks(batch, costPerItem: outLength * inChannels * 3 * outChannels)
        Parallel.forEach(chunks) { _, range in block(items: range, outputs: 0..<outChannels) }
        return result
    }
}

/// The three transforms of F(4, 3): weights `U = G·g`, input tiles `V = Bᵀ·d` (6 samples
/// each, overlapping by 2), outputs `y = Aᵀ·(U ⊙ V)` (4 samples per tile).
enum WinogradF43 {
    /// `[Cout, Cin, 3]` → `[6, Cout, Cin]`: the 6 transformed taps of every channel pair,
    /// with output channel `o`'s taps multiplied by `scale[o]` (the folded batch norm), into
    /// `u` (6 · Cout · Cin floats).
    static func transformWeights(_ weight: Tensor, scale: [Float], into u: UnsafeMutablePointer<Float>) {
        let (outChannels, inChannels) = (weight.shape[0], weight.shape[1])
        let pairs = outChannels * inChannels
        let w = weight.storage.base
        let sixth: Float = 1.0 / 6, twelfth: Float = 1.0 / 12, twentyFourth: Float = 1.0 / 24
        for o in 0..<outChannels {
            let s = scale[o]
            for pair in (o * inChannels)..<((o + 1) * inChannels) {
                let g0 = s * w[3 * pair], g1 = s * w[3 * pair + 1], g2 = s * w[3 * pair + 2]
                let outer = g0 + g2
                u[pair] = 0.25 * g0
                u[pairs + pair] = -sixth * (outer + g1)
                u[2 * pairs + pair] = -sixth * (outer - g1)
                let even = twentyFourth * g0 + sixth * g2, odd = twelfth * g1
                u[3 * pairs + pair] = even + odd
                u[4 * pairs + pair] = even - odd
                u[5 * pairs + pair] = g2
            }
        }
    }

    /// Transforms the tiles of one input row (zero outside `0..<length`, shifted by
    /// `padding`): point `p` of tile `i` goes to `target[p · pointStride + i]`. `phases`
    /// holds `4 · (tiles + 1)` floats of scratch (the row split into its 4 phases, so that
    /// every transform reads contiguous memory).
    @inline(__always)
    static func transformInput(
        _ row: UnsafePointer<Float>, length: Int, padding: Int, tiles: Int,
        phases: UnsafeMutablePointer<Float>, into target: UnsafeMutablePointer<Float>, pointStride: Int
    ) {
        let span = tiles + 1
        for r in 0..<4 {
            // Phase r holds row[4i + r − padding] for i in 0..<span, zero outside the row.
            let phase = phases + r * span, offset = r - padding
            let first = Swift.min(span, offset >= 0 ? 0 : (3 - offset) / 4)
            let end = Swift.max(first, Swift.min(span, length - offset > 0 ? (length - offset + 3) / 4 : 0))
            phase.update(repeating: 0, count: first)
            var source = row + (4 * first + offset)
            for i in first..<end {
                phase[i] = source.pointee
                source += 4
            }
            (phase + end).update(repeating: 0, count: span - end)
        }
        let p0 = phases, p1 = phases + span, p2 = phases + 2 * span, p3 = phases + 3 * span
        let v0 = target, v1 = target + pointStride, v2 = target + 2 * pointStride
        let v3 = target + 3 * pointStride, v4 = target + 4 * pointStride, v5 = target + 5 * pointStride
        for i in 0..<tiles {
            let d0 = p0[i], d1 = p1[i], d2 = p2[i], d3 = p3[i], d4 = p0[i + 1], d5 = p1[i + 1]
            v0[i] = 4 * d0 - 5 * d2 + d4
            v1[i] = -4 * (d1 + d2) + d3 + d4
            v2[i] = 4 * (d1 - d2) - d3 + d4
            v3[i] = 2 * (d3 - d1) - d2 + d4
            v4[i] = 2 * (d1 - d3) - d2 + d4
            v5[i] = 4 * d1 - 5 * d3 + d5
        }
    }

    /// Inverse-transforms the tiles of one output row: point `p` of tile `i` is read from
    /// `products[p · pointStride + i]`; writes `relu?(y + shift)` for the first `length` samples.
    @inline(__always)
    static func transformOutput(
        _ products: UnsafePointer<Float>, pointStride: Int, tiles: Int, shift: Float, relu: Bool,
        into row: UnsafeMutablePointer<Float>, length: Int
    ) {
        let m0 = products, m1 = products + pointStride, m2 = products + 2 * pointStride
        let m3 = products + 3 * pointStride, m4 = products + 4 * pointStride, m5 = products + 5 * pointStride
        let floor: Float = relu ? 0 : -.infinity
        let whole = length / 4
        for i in 0..<whole {
            let sum12 = m1[i] + m2[i], diff12 = m1[i] - m2[i]
            let sum34 = m3[i] + m4[i], diff34 = m3[i] - m4[i]
            row[4 * i] = Swift.max(m0[i] + sum12 + sum34 + shift, floor)
            row[4 * i + 1] = Swift.max(diff12 + 2 * diff34 + shift, floor)
            row[4 * i + 2] = Swift.max(sum12 + 4 * sum34 + shift, floor)
            row[4 * i + 3] = Swift.max(diff12 + 8 * diff34 + m5[i] + shift, floor)
        }
        if whole < tiles {
            let i = whole
            let sum12 = m1[i] + m2[i], diff12 = m1[i] - m2[i]
            let sum34 = m3[i] + m4[i], diff34 = m3[i] - m4[i]
            let tail = [m0[i] + sum12 + sum34, diff12 + 2 * diff34, sum12 + 4 * sum34, diff12 + 8 * diff34 + m5[i]]
            for r in 0..<(length - 4 * whole) { row[4 * i + r] = Swift.max(tail[r] + shift, floor) }
        }
    }
}
