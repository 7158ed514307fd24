import Tensors
import TensorTestSupport
import Testing

/// Inference convolutions (BatchNorm folded, optional ReLU) against an explicit sum in
/// Double, over the geometries that take the Winograd F(4, 3) path — every output length
/// modulo 4, paddings 0–2, one-sample signals — and over those that do not.
@Suite struct WinogradConvolutionTests {
    struct Geometry: CustomTestStringConvertible, Sendable {
        var batch: Int, inChannels: Int, outChannels: Int, length: Int, kernel: Int, padding: Int
        var relu = true
        var testDescription: String {
            "B\(batch) \(inChannels)→\(outChannels) L\(length) K\(kernel) P\(padding)\(relu ? " relu" : "")"
        }
    }

    static let geometries: [Geometry] = [
        // Winograd: K 3, stride 1, more than 4 output channels, at least 32 tiles of 4 outputs.
        .init(batch: 32, inChannels: 1, outChannels: 5, length: 1, kernel: 3, padding: 1),
        .init(batch: 32, inChannels: 3, outChannels: 6, length: 2, kernel: 3, padding: 1),
        .init(batch: 32, inChannels: 2, outChannels: 7, length: 3, kernel: 3, padding: 0),
        .init(batch: 8, inChannels: 5, outChannels: 6, length: 17, kernel: 3, padding: 1, relu: false),
        .init(batch: 7, inChannels: 4, outChannels: 9, length: 18, kernel: 3, padding: 2),
        .init(batch: 7, inChannels: 8, outChannels: 8, length: 19, kernel: 3, padding: 1),
        .init(batch: 7, inChannels: 6, outChannels: 5, length: 20, kernel: 3, padding: 0, relu: false),
        // Batch chunks in parallel (enough work for several chunks).
        .init(batch: 9, inChannels: 16, outChannels: 32, length: 64, kernel: 3, padding: 1),
        // Not Winograd: too few tiles (batch 1, 16 tiles), other kernels, few output channels.
        .init(batch: 1, inChannels: 16, outChannels: 32, length: 64, kernel: 3, padding: 1),
        .init(batch: 2, inChannels: 3, outChannels: 6, length: 16, kernel: 5, padding: 2),
        .init(batch: 2, inChannels: 3, outChannels: 4, length: 16, kernel: 3, padding: 1),
        .init(batch: 2, inChannels: 3, outChannels: 6, length: 16, kernel: 1, padding: 0),
    ]

    @Test(arguments: geometries)
    func matchesExplicitSum(_ g: Geometry) {
        let x = randomTensor([g.batch, g.inChannels, g.length], seed: 31)
        let w = randomTensor([g.outChannels, g.inChannels, g.kernel], seed: 32)
        let bias = randomTensor([g.outChannels], seed: 33)
        let scale = (0..<g.outChannels).map { 0.5 + Float($0) * 0.125 }
        let shift = (0..<g.outChannels).map { Float($0) * 0.0625 - 0.25 }
        let y = withoutGradients {
            Tensor.conv1dInference(x, weight: w, bias: bias, scale: scale, shift: shift, relu: g.relu, padding: g.padding)
        }
        let outLength = g.length + 2 * g.padding - g.kernel + 1
        #expect(y.shape == [g.batch, g.outChannels, outLength])
        let (xs, ws, bs) = (x.scalars, w.scalars, bias.scalars)
        // Float32 rounding grows with the magnitude of the summed terms (and the BLAS kernel
        // the CPU gets decides the order), so each output is held to 32 ulps of that magnitude.
        var expected: [Float] = [], bounds: [Float] = []
        for b in 0..<g.batch { for o in 0..<g.outChannels { for t in 0..<outLength {
            var sum = Double(bs[o]), magnitude = abs(Double(bs[o]))
            for c in 0..<g.inChannels { for k in 0..<g.kernel {
                let i = t + k - g.padding
                if i >= 0 && i < g.length {
                    let term = Double(ws[(o * g.inChannels + c) * g.kernel + k]) * Double(xs[(b * g.inChannels + c) * g.length + i])
                    sum += term
                    magnitude += abs(term)
                }
            } }
            let value = Double(scale[o]) * sum + Double(shift[o])
            expected.append(Float(g.relu ? max(value, 0) : value))
            bounds.append(32 * Float.ulpOfOne * Float(abs(Double(scale[o])) * magnitude + abs(Double(shift[o]))))
        } } }
        #expect(y.scalars.count == expected.count)
        let excess = zip(zip(y.scalars, expected), bounds).map { pair, bound in abs(pair.0 - pair.1) / bound }.max() ?? 0
        #expect(excess <= 1, "worst error is \(excess) × its bound of 32 ulps of the summed magnitude")
    }

    /// The recorded (training) conv1d on Winograd: forward against an explicit sum, and the
    /// input, weight and bias gradients against finite differences, at paddings 0–2.
    @Test(arguments: [0, 1, 2])
    func trainingPathForwardAndGradients(padding: Int) {
        let x = randomTensor([8, 5, 16], seed: 51), w = randomTensor([6, 5, 3], seed: 52), b = randomTensor([6], seed: 53)
        let y = Tensor.conv1d(x, weight: w, bias: b, padding: padding)
        let outLength = 16 + 2 * padding - 2
        let (xs, ws, bs) = (x.scalars, w.scalars, b.scalars)
        var expected: [Float] = []
        for n in 0..<8 { for o in 0..<6 { for t in 0..<outLength {
            var sum = Double(bs[o])
            for c in 0..<5 { for k in 0..<3 where (0..<16).contains(t + k - padding) {
                sum += Double(ws[(o * 5 + c) * 3 + k]) * Double(xs[(n * 5 + c) * 16 + t + k - padding])
            } }
            expected.append(Float(sum))
        } } }
        expectClose(y.scalars, expected, tolerance: 2e-5)
        expectGradientsMatchFiniteDifferences([x, w, b]) { Tensor.conv1d($0[0], weight: $0[1], bias: $0[2], padding: padding) }
    }

    /// NaN in the input stays NaN in the output (with or without ReLU), so the finite-output
    /// check after denoising sees it.
    @Test(arguments: [true, false])
    func nanPropagates(relu: Bool) {
        var values = randomTensor([11, 2, 12], seed: 34).scalars
        values[5] = .nan
        let x = Tensor(shape: [11, 2, 12], scalars: values), w = randomTensor([6, 2, 3], seed: 35)
        let y = withoutGradients {
            Tensor.conv1dInference(x, weight: w, scale: [Float](repeating: 1, count: 6),
                                   shift: [Float](repeating: 0, count: 6), relu: relu, padding: 1)
        }
        #expect(y.scalars.contains { $0.isNaN })
    }
}
