import Foundation
import Random
import TensorTestSupport
import Testing
@testable import Layers
@testable import Tensors

@Suite("Optimizers, clipping, schedules")
struct OptimizerTests {
    /// Adam against a Float64 transcription of PyTorch's update rule, over three steps.
    @Test func adamMatchesPyTorchUpdateRule() {
        let p = Parameter(Tensor(shape: [3], scalars: [0.5, -1, 2]))
        let adam = Adam([("p", p)], learningRate: 0.1)
        var reference: [Double] = [0.5, -1, 2], m = [Double](repeating: 0, count: 3), v = m
        let gradients: [[Float]] = [[1, -2, 0.5], [0.3, 0.1, -4], [-1, 1, 1]]
        for (t, g) in gradients.enumerated() {
            p.gradient = Tensor(shape: [3], scalars: g)
            adam.step()
            for i in 0..<3 {
                m[i] = 0.9 * m[i] + 0.1 * Double(g[i])
                v[i] = 0.999 * v[i] + 0.001 * Double(g[i] * g[i])
                let c1 = 1 - pow(0.9, Double(t + 1)), c2 = 1 - pow(0.999, Double(t + 1))
                reference[i] -= 0.1 / c1 * m[i] / ((v[i]).squareRoot() / c2.squareRoot() + 1e-8)
            }
        }
        expectClose(p.value.scalars, reference.map(Float.init), tolerance: 1e-5)
    }

    @Test func adamSkipsParametersWithoutGradient() {
        let p = Parameter(Tensor(shape: [2], scalars: [1, 2]))
        Adam([("p", p)]).step()
        #expect(p.value.scalars == [1, 2])
    }

    @Test func optimizerStateRestoresExactly() throws {
        /// Six steps; when `interruptAfter` is set, the optimiser is rebuilt from its saved
        /// state at that step, as a resumed training run would.
        func run(interruptAfter: Int?) throws -> [Float] {
            let p = Parameter(Tensor(shape: [2], scalars: [1, -1]))
            var adam = Adam([("w", p)], learningRate: 0.05)
            for step in 0..<6 {
                if step == interruptAfter {
                    let saved = adam.state
                    adam = Adam([("w", p)], learningRate: 0.05)
                    try adam.restore(saved)
                }
                p.gradient = Tensor(shape: [2], scalars: [Float(step) - 2, 0.5])
                adam.step()
            }
            return p.value.scalars
        }
        #expect(try run(interruptAfter: 3) == run(interruptAfter: nil))
        let p = Parameter(Tensor.zeros([2]))
        let adam = Adam([("w", p)])
        #expect(throws: OptimizerStateError.slotShapeMismatch(key: "exp_avg.w", expected: [2], found: [3])) {
            try adam.restore(OptimizerState(step: 1, slots: ["exp_avg.w": Tensor.zeros([3])]))
        }
        #expect(throws: OptimizerStateError.unknownSlot(key: "exp_avg.v")) {
            try adam.restore(OptimizerState(step: 1, slots: ["exp_avg.v": Tensor.zeros([2])]))
        }
    }

    @Test func sgdWithMomentum() throws {
        let p = Parameter(Tensor(shape: [1], scalars: [1]))
        let sgd = SGD([("p", p)], learningRate: 0.1, momentum: 0.9)
        p.gradient = Tensor(shape: [1], scalars: [1]); sgd.step()   // b = 1, p = 0.9
        p.gradient = Tensor(shape: [1], scalars: [1]); sgd.step()   // b = 1.9, p = 0.71
        expectClose(p.value.scalars, [0.71])
        let q = Parameter(Tensor(shape: [1], scalars: [0.71]))
        let resumed = SGD([("p", q)], learningRate: 0.1, momentum: 0.9)
        try resumed.restore(sgd.state)
        p.gradient = Tensor(shape: [1], scalars: [1]); sgd.step()
        q.gradient = Tensor(shape: [1], scalars: [1]); resumed.step()
        expectClose(q.value.scalars, p.value.scalars, tolerance: 0)
    }

    @Test func gradientClipping() {
        let a = Parameter(Tensor.zeros([2])), b = Parameter(Tensor.zeros([1]))
        a.gradient = Tensor(shape: [2], scalars: [3, 0])
        b.gradient = Tensor(shape: [1], scalars: [4])
        let norm = clipGradientNorm([a, b], maxNorm: 1)
        #expect(norm == 5)
        expectClose(a.gradient!.scalars + b.gradient!.scalars, [0.6, 0, 0.8], tolerance: 1e-5)
        #expect(clipGradientNorm([a, b], maxNorm: 10) < 1.0001)
    }

    @Test func schedules() {
        let step = StepDecay(initial: 1, interval: 10, factor: 0.5)
        #expect(step.learningRate(atStep: 9) == 1)
        #expect(step.learningRate(atStep: 25) == 0.25)
        let cosine = CosineDecay(initial: 1, minimum: 0.1, totalSteps: 110, warmupSteps: 10)
        #expect(cosine.learningRate(atStep: 0) == 0.1)
        #expect(cosine.learningRate(atStep: 10) == 1)
        #expect(Swift.abs(cosine.learningRate(atStep: 60) - 0.55) < 1e-6)
        #expect(Swift.abs(cosine.learningRate(atStep: 500) - 0.1) < 1e-6)
        #expect(ConstantLearningRate(0.3).learningRate(atStep: 7) == 0.3)
    }
}
