import TensorTestSupport
import Testing
@testable import Tensors

@Suite("Elementwise ops: values and gradients")
struct ElementwiseGradientTests {
    static let broadcastPairs: [([Int], [Int])] = [
        ([2, 3, 4], [2, 3, 4]), ([2, 3, 4], [2, 3, 1]), ([2, 3, 4], [1, 3, 1]),
        ([2, 3, 4], [2, 1, 4]), ([2, 3, 4], [4]), ([3, 1], [1, 5]), ([2, 3], []),
    ]

    @Test(arguments: broadcastPairs)
    func arithmeticGradients(shapes: ([Int], [Int])) {
        let a = randomTensor(shapes.0, seed: 1), b = randomTensor(shapes.1, seed: 2, range: 0.5...2)
        expectGradientsMatchFiniteDifferences([a, b]) { $0[0] + $0[1] }
        expectGradientsMatchFiniteDifferences([a, b]) { $0[0] - $0[1] }
        expectGradientsMatchFiniteDifferences([a, b]) { $0[0] * $0[1] }
        expectGradientsMatchFiniteDifferences([a, b]) { $0[0] / $0[1] }
    }

    @Test func broadcastValues() {
        let a = Tensor(shape: [2, 1], scalars: [1, 2]), b = Tensor(shape: [1, 3], scalars: [10, 20, 30])
        #expect((a + b).scalars == [11, 21, 31, 12, 22, 32])
        #expect((a * b).shape == [2, 3])
        #expect((b - a).scalars == [9, 19, 29, 8, 18, 28])
        #expect(((a + 1) * 2).scalars == [4, 6])
        #expect((1 - a).scalars == [0, -1])
    }

    @Test func scalarOperandGradients() {
        let a = randomTensor([3, 4], seed: 3)
        expectGradientsMatchFiniteDifferences([a]) { $0[0] * 3 + 1 }
        expectGradientsMatchFiniteDifferences([a]) { 2 - $0[0] / 4 }
        expectGradientsMatchFiniteDifferences([a]) { -$0[0] }
    }

    @Test func unaryValues() {
        let x = Tensor(shape: [4], scalars: [-2, -0.5, 0, 1.5])
        #expect(x.abs().scalars == [2, 0.5, 0, 1.5])
        #expect(x.sign().scalars == [-1, -1, 0, 1])
        #expect(x.relu().scalars == [0, 0, 0, 1.5])
        #expect(x.leakyRelu(slope: 0.2).scalars == [-0.4, -0.1, 0, 1.5])
        expectClose(x.sigmoid().scalars, [0.11920292, 0.37754067, 0.5, 0.81757448])
        expectClose(x.tanh().scalars, [-0.96402758, -0.46211716, 0, 0.90514825])
    }

    @Test func unaryGradients() {
        let x = randomTensor([2, 3, 5], seed: 4, margin: 0.1)
        let positive = randomTensor([2, 3, 5], seed: 5, range: 0.5...2)
        expectGradientsMatchFiniteDifferences([x], step: 1e-3) { $0[0].abs() }
        expectGradientsMatchFiniteDifferences([x], step: 1e-3) { $0[0].relu() }
        expectGradientsMatchFiniteDifferences([x], step: 1e-3) { $0[0].leakyRelu(slope: 0.2) }
        expectGradientsMatchFiniteDifferences([x]) { $0[0].sigmoid() }
        expectGradientsMatchFiniteDifferences([x]) { $0[0].tanh() }
        expectGradientsMatchFiniteDifferences([x]) { $0[0].exp() }
        expectGradientsMatchFiniteDifferences([x]) { $0[0].squared() }
        expectGradientsMatchFiniteDifferences([positive]) { $0[0].log() }
        expectGradientsMatchFiniteDifferences([positive]) { $0[0].squareRoot() }
    }

    @Test func signHasZeroGradient() {
        let p = Parameter(randomTensor([6], seed: 6, margin: 0.1))
        (p.tensor.sign() * 3).sum().backward()
        #expect(p.gradient?.scalars == [Float](repeating: 0, count: 6))
    }

    @Test func preluValuesAndGradients() {
        let x = Tensor(shape: [1, 2, 2], scalars: [-1, 2, -3, 4])
        let w = Tensor(shape: [2], scalars: [0.25, 0.5])
        #expect(Tensor.prelu(x, weight: w).scalars == [-0.25, 2, -1.5, 4])
        let input = randomTensor([2, 3, 4], seed: 7, margin: 0.1)
        expectGradientsMatchFiniteDifferences([input, randomTensor([3], seed: 8)], step: 1e-3) {
            Tensor.prelu($0[0], weight: $0[1])
        }
    }

    @Test func softThresholdValues() {
        let x = Tensor(shape: [1, 1, 5], scalars: [-2, -0.5, 0, 0.3, 1.5])
        let y = x.softThresholded(by: Tensor(shape: [1, 1, 1], scalars: [0.5]))
        expectClose(y.scalars, [-1.5, 0, 0, 0, 1.0])
    }

    @Test(arguments: [[2, 3, 1], [2, 1, 6], [1, 3, 1], [2, 3, 6]])
    func softThresholdGradients(tauShape: [Int]) {
        // |x| in [0.6, 2] and τ in [0.1, 0.4]: no element sits near the kink |x| = τ.
        var x = randomTensor([2, 3, 6], seed: 9, range: 0.6...2)
        let signs = randomTensor([2, 3, 6], seed: 10, margin: 0.01).sign()
        x = x * signs
        let tau = randomTensor(tauShape, seed: 11, range: 0.1...0.4)
        expectGradientsMatchFiniteDifferences([x, tau], step: 1e-3) { $0[0].softThresholded(by: $0[1]) }
        // Elements below the threshold get zero gradient.
        let small = Parameter(Tensor(shape: [1, 1, 2], scalars: [0.05, -0.05]))
        let threshold = Parameter(Tensor(shape: [1, 1, 1], scalars: [0.1]))
        small.tensor.softThresholded(by: threshold.tensor).sum().backward()
        #expect(small.gradient?.scalars == [0, 0])
        #expect(threshold.gradient?.scalars == [0])
    }
}
