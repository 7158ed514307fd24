import TensorTestSupport
import Testing
@testable import Tensors

@Suite("Convolution, batch norm, pooling")
struct ConvolutionTests {
    @Test func conv1dHandComputed() {
        let x = Tensor(shape: [1, 1, 5], scalars: [1, 2, 3, 4, 5])
        let w = Tensor(shape: [1, 1, 3], scalars: [1, 0, -1])
        let y = Tensor.conv1d(x, weight: w, bias: Tensor(shape: [1], scalars: [0.5]), padding: 1)
        #expect(y.scalars == [-1.5, -1.5, -1.5, -1.5, 4.5])
        let strided = Tensor.conv1d(Tensor(shape: [1, 1, 7], scalars: [1, 2, 3, 4, 5, 6, 7]),
                                    weight: Tensor(shape: [1, 1, 2], scalars: [1, 1]), stride: 2, dilation: 2)
        #expect(strided.scalars == [4, 8, 12])
        let grouped = Tensor.conv1d(Tensor(shape: [1, 2, 3], scalars: [1, 2, 3, 4, 5, 6]),
                                    weight: Tensor(shape: [2, 1, 1], scalars: [2, 3]), groups: 2)
        #expect(grouped.scalars == [2, 4, 6, 12, 15, 18])
    }

    @Test func convTranspose1dHandComputed() {
        let x = Tensor(shape: [1, 1, 3], scalars: [1, 2, 3])
        let upsampled = Tensor.convTranspose1d(x, weight: Tensor(shape: [1, 1, 2], scalars: [1, 10]), stride: 2)
        #expect(upsampled.scalars == [1, 10, 2, 20, 3, 30])
        let cropped = Tensor.convTranspose1d(x, weight: Tensor(shape: [1, 1, 3], scalars: [1, 2, 3]), padding: 1)
        #expect(cropped.scalars == [4, 10, 12])
        let padded = Tensor.convTranspose1d(x, weight: Tensor(shape: [1, 1, 2], scalars: [1, 10]),
                                            bias: Tensor(shape: [1], scalars: [1]), stride: 2, outputPadding: 1)
        #expect(padded.scalars == [2, 11, 3, 21, 4, 31, 1])
    }

    struct ConvCase: Sendable, CustomTestStringConvertible {
        var inChannels = 3, outChannels = 4, kernel = 3, stride = 1, padding = 1, dilation = 1, groups = 1
        var outputPadding = 0, length = 9, bias = true
        var testDescription: String { "Cin\(inChannels) Cout\(outChannels) K\(kernel) S\(stride) P\(padding) D\(dilation) G\(groups) OP\(outputPadding)" }
    }

    static let convCases: [ConvCase] = [
        ConvCase(), ConvCase(kernel: 1, padding: 0), ConvCase(kernel: 7, stride: 2, padding: 3),
        ConvCase(kernel: 3, padding: 2, dilation: 2), ConvCase(inChannels: 4, groups: 2, bias: false),
        ConvCase(inChannels: 1, outChannels: 1, kernel: 5, padding: 2, bias: false),
        ConvCase(kernel: 4, stride: 2, padding: 1, length: 8),
    ]

    @Test(arguments: convCases)
    func conv1dGradients(c: ConvCase) {
        var inputs = [randomTensor([2, c.inChannels, c.length], seed: 40),
                      randomTensor([c.outChannels, c.inChannels / c.groups, c.kernel], seed: 41)]
        if c.bias { inputs.append(randomTensor([c.outChannels], seed: 42)) }
        expectGradientsMatchFiniteDifferences(inputs) {
            Tensor.conv1d($0[0], weight: $0[1], bias: c.bias ? $0[2] : nil,
                          stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups)
        }
    }

    static let transposeCases: [ConvCase] = [
        ConvCase(kernel: 2, stride: 2, padding: 0, length: 5), ConvCase(kernel: 4, stride: 2, padding: 1),
        ConvCase(kernel: 7, padding: 3), ConvCase(kernel: 3, stride: 2, padding: 1, outputPadding: 1),
        ConvCase(inChannels: 4, kernel: 3, padding: 2, dilation: 2, groups: 2, bias: false),
    ]

    @Test(arguments: transposeCases)
    func convTranspose1dGradients(c: ConvCase) {
        var inputs = [randomTensor([2, c.inChannels, c.length], seed: 43),
                      randomTensor([c.inChannels, c.outChannels / c.groups, c.kernel], seed: 44)]
        if c.bias { inputs.append(randomTensor([c.outChannels], seed: 45)) }
        expectGradientsMatchFiniteDifferences(inputs) {
            Tensor.convTranspose1d($0[0], weight: $0[1], bias: c.bias ? $0[2] : nil, stride: c.stride,
                                   padding: c.padding, outputPadding: c.outputPadding,
                                   dilation: c.dilation, groups: c.groups)
        }
    }

    @Test func convTransposeIsAdjointOfConv() {
        // ⟨conv(x, W), y⟩ = ⟨x, convT(y, W)⟩ for matching stride/padding.
        let x = randomTensor([2, 3, 10], seed: 46), w = randomTensor([4, 3, 3], seed: 47)
        let y = randomTensor([2, 4, 5], seed: 48)
        let left = (Tensor.conv1d(x, weight: w, stride: 2, padding: 1) * y).sum().item
        let right = (x * Tensor.convTranspose1d(y, weight: w, stride: 2, padding: 1, outputPadding: 1)).sum().item
        #expect(Swift.abs(left - right) < 1e-4)
    }

    @Test func batchNormHandComputed() {
        let x = Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4])
        let (y, mean, unbiased) = Tensor.batchNormTraining(x, weight: Tensor.ones([1]), bias: Tensor.zeros([1]))
        let s = (1.25 + 1e-5 as Float).squareRoot()
        expectClose(y.scalars, [-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s])
        #expect(mean == [2.5])
        expectClose(unbiased, [5.0 / 3.0])
        let eval = Tensor.batchNormInference(
            x, mean: Tensor(shape: [1], scalars: [1]), variance: Tensor(shape: [1], scalars: [4]),
            weight: Tensor(shape: [1], scalars: [2]), bias: Tensor(shape: [1], scalars: [1]), epsilon: 0)
        #expect(eval.scalars == [1, 2, 3, 4])
    }

    @Test(arguments: [[4, 3, 5], [6, 3]])
    func batchNormGradients(shape: [Int]) {
        let inputs = [randomTensor(shape, seed: 50), randomTensor([3], seed: 51, range: 0.5...1.5),
                      randomTensor([3], seed: 52)]
        expectGradientsMatchFiniteDifferences(inputs) {
            Tensor.batchNormTraining($0[0], weight: $0[1], bias: $0[2]).output
        }
        let mean = randomTensor([3], seed: 53), variance = randomTensor([3], seed: 54, range: 0.5...1.5)
        expectGradientsMatchFiniteDifferences(inputs) {
            Tensor.batchNormInference($0[0], mean: mean, variance: variance, weight: $0[1], bias: $0[2])
        }
    }

    @Test func poolingValues() {
        let x = Tensor(shape: [1, 1, 6], scalars: [1, 5, 2, 2, 7, 0])
        #expect(x.maxPool1d(kernelSize: 2).scalars == [5, 2, 7])
        #expect(x.avgPool1d(kernelSize: 2).scalars == [3, 2, 3.5])
        #expect(x.maxPool1d(kernelSize: 3, stride: 1, padding: 1).scalars == [5, 5, 5, 7, 7, 7])
        expectClose(x.adaptiveAvgPool1d(outputSize: 4).scalars, [3, 3.5, 4.5, 3.5])
        expectClose(x.adaptiveAvgPool1d(outputSize: 1).scalars, [17.0 / 6])
        let short = Tensor(shape: [1, 1, 2], scalars: [1, 3])
        #expect(short.upsampled(by: 2).scalars == [1, 1, 3, 3])
        #expect(short.upsampled(by: 2, mode: .linear).scalars == [1, 1.5, 2.5, 3])
    }

    @Test func poolingGradients() {
        let x = randomTensor([2, 3, 8], seed: 55)
        expectGradientsMatchFiniteDifferences([x], step: 1e-3) { $0[0].maxPool1d(kernelSize: 2) }
        expectGradientsMatchFiniteDifferences([x], step: 1e-3) { $0[0].maxPool1d(kernelSize: 3, stride: 2, padding: 1) }
        expectGradientsMatchFiniteDifferences([x]) { $0[0].avgPool1d(kernelSize: 3, stride: 2, padding: 1) }
        expectGradientsMatchFiniteDifferences([x]) { $0[0].adaptiveAvgPool1d(outputSize: 3) }
        expectGradientsMatchFiniteDifferences([x]) { $0[0].upsampled(by: 2) }
        expectGradientsMatchFiniteDifferences([x]) { $0[0].upsampled(by: 3, mode: .linear) }
    }
}
