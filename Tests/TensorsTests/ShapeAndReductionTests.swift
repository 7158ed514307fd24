import TensorTestSupport
import Testing
@testable import Tensors

@Suite("Movement and reduction ops")
struct ShapeAndReductionTests {
    let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])

    @Test func reductionValues() {
        #expect(x.sum().scalars == [21])
        #expect(x.sum(alongAxes: [0]).scalars == [5, 7, 9])
        #expect(x.sum(alongAxes: [1], keepingDimensions: true).shape == [2, 1])
        #expect(x.mean(alongAxes: [-1]).scalars == [2, 5])
        #expect(x.max(alongAxis: 1).scalars == [3, 6])
        #expect(x.max(alongAxis: 0, keepingDimensions: true).shape == [1, 3])
    }

    @Test(arguments: [[0], [1], [2], [0, 2], [1, 2], [0, 1, 2]])
    func reductionGradients(axes: [Int]) {
        let t = randomTensor([2, 3, 4], seed: 20)
        expectGradientsMatchFiniteDifferences([t]) { $0[0].sum(alongAxes: axes) }
        expectGradientsMatchFiniteDifferences([t]) { $0[0].mean(alongAxes: axes, keepingDimensions: true) }
    }

    @Test(arguments: [0, 1, 2])
    func maxGradients(axis: Int) {
        let t = randomTensor([2, 3, 4], seed: 21)
        expectGradientsMatchFiniteDifferences([t], step: 1e-3) { $0[0].max(alongAxis: axis, keepingDimensions: true) }
    }

    @Test func movementValues() {
        #expect(x.reshaped([3, 2]).shape == [3, 2])
        #expect(x.reshaped([-1]).shape == [6])
        #expect(x.transposed(0, 1).scalars == [1, 4, 2, 5, 3, 6])
        let cube = Tensor(shape: [2, 2, 2], scalars: (0..<8).map(Float.init))
        #expect(cube.permuted([2, 0, 1]).scalars == [0, 2, 4, 6, 1, 3, 5, 7])
        let joined = Tensor.concatenate([x, Tensor(shape: [2, 1], scalars: [7, 8])], alongAxis: 1)
        #expect(joined.scalars == [1, 2, 3, 7, 4, 5, 6, 8])
        let parts = joined.split(sizes: [1, 3], alongAxis: 1)
        #expect(parts[0].scalars == [1, 4])
        #expect(parts[1].scalars == [2, 3, 7, 5, 6, 8])
        #expect(x.sliced(alongAxis: 0, range: 1..<2).scalars == [4, 5, 6])
        #expect(Tensor(shape: [2, 1], scalars: [1, 2]).broadcast(to: [2, 3]).scalars == [1, 1, 1, 2, 2, 2])
    }

    @Test func movementGradients() {
        let a = randomTensor([2, 3, 4], seed: 22), b = randomTensor([2, 2, 4], seed: 23)
        expectGradientsMatchFiniteDifferences([a]) { $0[0].reshaped([4, 6]) }
        expectGradientsMatchFiniteDifferences([a]) { $0[0].permuted([2, 0, 1]) }
        expectGradientsMatchFiniteDifferences([a]) { $0[0].transposed(1, 2) }
        expectGradientsMatchFiniteDifferences([a, b]) { Tensor.concatenate([$0[0], $0[1]], alongAxis: 1) }
        expectGradientsMatchFiniteDifferences([a]) { $0[0].split(sizes: [1, 2], alongAxis: 1)[1] }
        expectGradientsMatchFiniteDifferences([a]) { $0[0].sliced(alongAxis: 2, range: 1..<3) }
        expectGradientsMatchFiniteDifferences([randomTensor([2, 1, 4], seed: 24)]) { $0[0].broadcast(to: [2, 3, 4]) }
        // A tensor used twice accumulates both gradients.
        expectGradientsMatchFiniteDifferences([a]) { $0[0] * $0[0].sliced(alongAxis: 0, range: 0..<1) }
    }

    @Test func matmulAndLinear() {
        let a = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]), b = Tensor(shape: [2, 1], scalars: [5, 6])
        #expect(a.matmul(b).scalars == [17, 39])
        let w = Tensor(shape: [1, 2], scalars: [1, -1])
        #expect(Tensor.linear(a, weight: w, bias: Tensor(shape: [1], scalars: [0.5])).scalars == [-0.5, -0.5])
        expectGradientsMatchFiniteDifferences([randomTensor([3, 4], seed: 25), randomTensor([4, 5], seed: 26)]) {
            $0[0].matmul($0[1])
        }
        expectGradientsMatchFiniteDifferences(
            [randomTensor([3, 4], seed: 27), randomTensor([2, 4], seed: 28), randomTensor([2], seed: 29)]
        ) { Tensor.linear($0[0], weight: $0[1], bias: $0[2]) }
    }

    @Test func lossesValuesAndGradients() {
        let p = Tensor(shape: [2, 1, 2], scalars: [1, 0, 0, 2]), t = Tensor(shape: [2, 1, 2], scalars: [1, 0, 0, -2])
        #expect(Tensor.meanSquaredError(p, t).item == 4)
        expectClose(Tensor.cosineSimilarity(p, t).scalars, [1, -1])
        let a = randomTensor([3, 2, 5], seed: 30), b = randomTensor([3, 2, 5], seed: 31)
        expectGradientsMatchFiniteDifferences([a, b]) { Tensor.meanSquaredError($0[0], $0[1]) }
        expectGradientsMatchFiniteDifferences([a, b]) { Tensor.cosineSimilarity($0[0], $0[1]) }
    }

    @Test func noGradientModeRecordsNothing() {
        let p = Parameter(randomTensor([3], seed: 32))
        let y = withoutGradients { (p.tensor * 2).sum() }
        #expect(!y.requiresGradient)
        y.backward()
        #expect(p.gradient == nil)
        let z = (p.tensor * 2).sum()
        #expect(z.requiresGradient)
    }

    @Test func gradientsAccumulateAcrossBackwardCalls() {
        let p = Parameter(Tensor(shape: [2], scalars: [1, 2]))
        (p.tensor * 3).sum().backward()
        (p.tensor * 3).sum().backward()
        #expect(p.gradient?.scalars == [6, 6])
        p.zeroGradient()
        #expect(p.gradient == nil)
    }

    @Test func copyOnWriteKeepsValueSemantics() {
        let a = Tensor(shape: [2], scalars: [1, 2])
        var b = a
        b.withMutableScalars { $0[0] = 9 }
        #expect(a.scalars == [1, 2])
        #expect(b.scalars == [9, 2])
    }
}
