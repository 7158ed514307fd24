import Random
import Tensors
import TensorTestSupport
import Testing

/// The fused ops behind the DANCE modules and the fused conv/batch-norm paths: each agrees
/// with the unfused composition and has finite-difference-checked gradients.
@Suite struct FusedOpsTests {
    @Test func meanMagnitudeMatchesComposition() {
        let x = randomTensor([3, 4, 37], seed: 1)
        expectClose(x.meanMagnitudeAlongLength().scalars, x.abs().mean(alongAxes: [2]).scalars)
        expectClose(x.meanMagnitudeAlongLength(keepingDimensions: true).scalars,
                    x.abs().mean(alongAxes: [2], keepingDimensions: true).scalars)
        expectClose(x.meanMagnitudeAcrossChannels().scalars,
                    x.abs().mean(alongAxes: [1], keepingDimensions: true).scalars)
    }

    @Test func meanMagnitudeGradients() {
        let x = randomTensor([2, 3, 21], seed: 2, margin: 0.05)
        expectGradientsMatchFiniteDifferences([x], step: 1e-3) { $0[0].meanMagnitudeAlongLength() }
        expectGradientsMatchFiniteDifferences([x], step: 1e-3) { $0[0].meanMagnitudeAcrossChannels() }
    }

    @Test func channelSpatialExcitationMatchesComposition() {
        let x = randomTensor([2, 3, 35], seed: 3)
        let wc = randomTensor([2, 3, 1], seed: 4), ws = randomTensor([2, 1, 35], seed: 5)
        expectClose(Tensor.channelSpatialExcitation(x, channelWeights: wc, timeWeights: ws).scalars,
                    (x * wc + x * ws).scalars)
    }

    @Test func channelSpatialExcitationGradients() {
        let inputs = [randomTensor([2, 3, 35], seed: 6), randomTensor([2, 3, 1], seed: 7),
                      randomTensor([2, 1, 35], seed: 8)]
        expectGradientsMatchFiniteDifferences(inputs) {
            Tensor.channelSpatialExcitation($0[0], channelWeights: $0[1], timeWeights: $0[2])
        }
    }

    @Test(arguments: [[2, 3, 1], [2, 1, 19]])
    func softThresholdFastBackwardGradients(tauShape: [Int]) {
        // The one-pass backward ([B, C, 1] and [B, 1, L] thresholds) against the general one
        // (the same threshold broadcast to x's shape first), and by finite differences with
        // x kept ≥ 0.05 away from the kinks |x| = τ.
        let tau = randomTensor(tauShape, seed: 10, range: 0.1...0.4)
        var x = randomTensor([2, 3, 19], seed: 9, margin: 0.05)
        let expanded = tau.broadcast(to: [2, 3, 19]).scalars
        x.withMutableScalars { xs in
            for i in xs.indices where Swift.abs(Swift.abs(xs[i]) - expanded[i]) < 0.05 { xs[i] += xs[i] > 0 ? 0.1 : -0.1 }
        }
        let weights = randomTensor([2, 3, 19], seed: 23)
        let (xa, ta, xb, tb) = (Parameter(x), Parameter(tau), Parameter(x), Parameter(tau))
        (xa.tensor.softThresholded(by: ta.tensor) * weights).sum().backward()
        (xb.tensor.softThresholded(by: tb.tensor.broadcast(to: [2, 3, 19])) * weights).sum().backward()
        expectClose(xa.gradient!.scalars, xb.gradient!.scalars)
        expectClose(ta.gradient!.scalars, tb.gradient!.scalars, tolerance: 1e-4)
        expectGradientsMatchFiniteDifferences([x, tau], step: 1e-3) { $0[0].softThresholded(by: $0[1]) }
    }

    @Test(arguments: [(1, 1, 3, 1), (3, 4, 7, 3), (4, 1, 7, 3), (2, 2, 5, 0)])
    func directConvolutionMatchesGEMMPath(inChannels: Int, outChannels: Int, kernel: Int, padding: Int) {
        // The direct path (≤ 4 output channels) against the same conv as the adjoint identity
        // of conv_transpose1d, and its gradients by finite differences.
        let x = randomTensor([3, inChannels, 23], seed: 11)
        let w = randomTensor([outChannels, inChannels, kernel], seed: 12)
        let b = randomTensor([outChannels], seed: 13)
        let y = Tensor.conv1d(x, weight: w, bias: b, padding: padding)
        // Reference: explicit sum.
        let outLength = 23 + 2 * padding - kernel + 1
        var expected = [Float](repeating: 0, count: 3 * outChannels * outLength)
        let xs = x.scalars, ws = w.scalars, bs = b.scalars
        for n in 0..<3 { for o in 0..<outChannels { for t in 0..<outLength {
            var total = bs[o]
            for c in 0..<inChannels { for k in 0..<kernel {
                let i = t + k - padding
                if i >= 0 && i < 23 { total += ws[(o * inChannels + c) * kernel + k] * xs[(n * inChannels + c) * 23 + i] }
            } }
            expected[(n * outChannels + o) * outLength + t] = total
        } } }
        expectClose(y.scalars, expected, tolerance: 1e-4)
        expectGradientsMatchFiniteDifferences([x, w, b]) { Tensor.conv1d($0[0], weight: $0[1], bias: $0[2], padding: padding) }
    }

    @Test func batchNormReluFusedGradients() {
        let inputs = [randomTensor([4, 3, 9], seed: 14), randomTensor([3], seed: 15, range: 0.5...1.5),
                      randomTensor([3], seed: 16, range: -0.3...0.3)]
        expectGradientsMatchFiniteDifferences(inputs, step: 1e-3, tolerance: 2e-2) {
            Tensor.batchNormTraining($0[0], weight: $0[1], bias: $0[2], relu: true).output
        }
        let fused = Tensor.batchNormTraining(inputs[0], weight: inputs[1], bias: inputs[2], relu: true).output
        let plain = Tensor.batchNormTraining(inputs[0], weight: inputs[1], bias: inputs[2]).output.relu()
        expectClose(fused.scalars, plain.scalars)
    }

    @Test func conv1dInferenceFoldsAffineAndRelu() {
        let x = randomTensor([3, 5, 17], seed: 17)
        let w = randomTensor([6, 5, 3], seed: 18), b = randomTensor([6], seed: 19)
        let scale = (0..<6).map { 0.5 + Float($0) * 0.1 }, shift = (0..<6).map { Float($0) * 0.05 - 0.1 }
        let y = withoutGradients {
            Tensor.conv1dInference(x, weight: w, bias: b, scale: scale, shift: shift, relu: true, padding: 1)
        }
        let reference = (Tensor.conv1d(x, weight: w, bias: b, padding: 1) * Tensor(shape: [1, 6, 1], scalars: scale)
            + Tensor(shape: [1, 6, 1], scalars: shift)).relu()
        expectClose(y.scalars, reference.scalars, tolerance: 1e-4)
    }

    @Test func batchedConvolutionGradientsAcrossChunks() {
        // Large enough for the batch-parallel path (several chunks, partial weight gradients).
        let x = randomTensor([8, 16, 64], seed: 20), w = randomTensor([16, 16, 3], seed: 21)
        let xp = Parameter(x), wp = Parameter(w)
        let weights = randomTensor([8, 16, 64], seed: 22)
        (Tensor.conv1d(xp.tensor, weight: wp.tensor, padding: 1) * weights).sum().backward()
        // The adjoint identities: ∂/∂x = conv_transpose(weights, w); ∂/∂w[o,c,k] = Σ weights[o]·x[c] shifted.
        let expectedX = Tensor.convTranspose1d(weights, weight: w, padding: 1)
        expectClose(xp.gradient!.scalars, expectedX.scalars, tolerance: 1e-3)
        let xs = x.scalars, gs = weights.scalars
        var expectedW = [Float](repeating: 0, count: 16 * 16 * 3)
        for n in 0..<8 { for o in 0..<16 { for c in 0..<16 { for k in 0..<3 { for t in 0..<64 {
            let i = t + k - 1
            if i >= 0 && i < 64 { expectedW[(o * 16 + c) * 3 + k] += gs[(n * 16 + o) * 64 + t] * xs[(n * 16 + c) * 64 + i] }
        } } } } }
        expectClose(wp.gradient!.scalars, expectedW, tolerance: 1e-3)
    }
}

@Suite struct FusedJoinTests {
    @Test func reluOfSumMatchesCompositionAndGradients() {
        let a = randomTensor([2, 3, 11], seed: 30), b = randomTensor([2, 3, 11], seed: 31)
        expectClose(Tensor.reluOfSum(a, b).scalars, (a + b).relu().scalars)
        var shifted = b
        // Keep a + b away from the kink at 0 for the finite differences.
        let sums = (a + b).scalars
        shifted.withMutableScalars { v in for i in v.indices where Swift.abs(sums[i]) < 0.05 { v[i] += 0.1 } }
        expectGradientsMatchFiniteDifferences([a, shifted], step: 1e-3) { Tensor.reluOfSum($0[0], $0[1]) }
    }

    @Test func convTransposeChunkedGradients() {
        // Large enough for several batch chunks: gradients against finite differences on a
        // few elements are too slow here, so against the adjoint identity with conv1d.
        let x = randomTensor([32, 16, 64], seed: 32), w = randomTensor([16, 8, 2], seed: 33)
        let y = Tensor.convTranspose1d(x, weight: w, stride: 2)
        let probe = randomTensor(y.shape, seed: 34)
        // <convT(x), p> = <x, conv(p)> with the same weight (stride 2, K 2).
        let lhs = zip(y.scalars, probe.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let adjoint = Tensor.conv1d(probe, weight: w, stride: 2)
        let rhs = zip(x.scalars, adjoint.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        #expect(Swift.abs(lhs - rhs) <= 1e-3 * Swift.max(1, Swift.abs(lhs)))
        let xp = Parameter(x), wp = Parameter(w)
        (Tensor.convTranspose1d(xp.tensor, weight: wp.tensor, stride: 2) * probe).sum().backward()
        expectClose(xp.gradient!.scalars, adjoint.scalars, tolerance: 1e-3)
        expectGradientsMatchFiniteDifferences([randomTensor([3, 4, 5], seed: 35), randomTensor([4, 2, 2], seed: 36),
                                               randomTensor([2], seed: 37)]) {
            Tensor.convTranspose1d($0[0], weight: $0[1], bias: $0[2], stride: 2)
        }
    }
}

/// Every forward ReLU keeps NaN (as PyTorch does) instead of turning it into a plausible 0:
/// the plain op, the residual join, batch norm with fused ReLU, and the conv epilogues of the
/// im2col and Winograd paths.
@Suite struct ReLUKeepsNaNTests {
    /// `[2, 3, 16]` of −1 … 1 with one NaN at `[0, 1, 5]`.
    func input() -> Tensor {
        var scalars = randomTensor([2, 3, 16], seed: 61).scalars
        scalars[16 + 5] = .nan
        return Tensor(shape: [2, 3, 16], scalars: scalars)
    }

    @Test func plainAndJoin() {
        let x = input(), zero = Tensor(shape: x.shape, repeating: 0)
        for y in [x.relu(), Tensor.reluOfSum(x, zero)] {
            #expect(y.scalars[16 + 5].isNaN)
            #expect(y.scalars.enumerated().allSatisfy { $0.offset == 21 || ($0.element >= 0 && !$0.element.isNaN) })
        }
    }

    @Test func batchNormWithReLU() {
        // A NaN in channel 1 makes that channel's statistics NaN: the whole channel is NaN.
        let y = Tensor.batchNormTraining(input(), weight: Tensor(shape: [3], repeating: 1),
                                         bias: Tensor(shape: [3], repeating: 0), relu: true).output
        for b in 0..<2 {
            #expect((0..<16).allSatisfy { y.scalars[b * 48 + 16 + $0].isNaN })
            #expect((0..<16).allSatisfy { !y.scalars[b * 48 + $0].isNaN })
        }
    }

    /// (kernel, output channels): 3/8 runs on Winograd, 5/8 on im2col + GEMM, 5/2 on the
    /// direct convolution for few output channels.
    @Test(arguments: [(3, 8), (5, 8), (5, 2)])
    func convolutionEpilogue(kernel: Int, outChannels: Int) {
        var scalars = randomTensor([2, 3, 64], seed: 63).scalars
        scalars[64 + 5] = .nan                                                             // [0, 1, 5]
        let x = Tensor(shape: [2, 3, 64], scalars: scalars), w = randomTensor([outChannels, 3, kernel], seed: 62)
        let ones = [Float](repeating: 1, count: outChannels), zeros = [Float](repeating: 0, count: outChannels)
        let y = Tensor.conv1dInference(x, weight: w, scale: ones, shift: zeros, relu: true, padding: kernel / 2)
        // Output samples whose window covers input sample 5 of batch 0 are NaN in every channel
        // (Winograd's tile transforms may spread it over the rest of that 4-sample tile too);
        // samples far from it are not.
        for o in 0..<outChannels {
            for t in 0..<64 where abs(t - 5) <= kernel / 2 ? !y.scalars[o * 64 + t].isNaN : t >= 16 && y.scalars[o * 64 + t].isNaN {
                Issue.record("channel \(o), t \(t): \(y.scalars[o * 64 + t])")
            }
        }
        #expect(!y.scalars[(outChannels * 64)...].contains { $0.isNaN })                  // batch 1 is clean
    }
}
