import DenoiserKit
import Foundation
import Layers
import ModelTestSupport
import Random
import SafeTensors
import Tensors
import Testing
@testable import ACDAE

/// A near-tie in the reference data, not a model difference.
///
/// The parity input puts two samples of `enc2`'s output within float32 rounding of each
/// other inside one max-pool window (batch 0, channel 13, t = 242 / 243: 0.3724399 vs
/// 0.3724401 in float64, a gap of 2.1e-7). PyTorch's float32 run rounds them the other way
/// round and routes that window's gradient to t = 242; float64 PyTorch and this engine route
/// it to t = 243. Everything upstream of that pool — the gradients below — then differs from
/// the float32 reference by 0.16–0.46 % (relative norm), above MODEL-SPEC §7's 1e-3, while
/// agreeing with float64 PyTorch to ~2e-7. `Fixtures/acdae-float64-grads.safetensors` holds
/// those float64 gradients (`scripts/reference/baselines_torch.py --write-acdae-fixture`).
enum ReferenceTie {
    /// The parameters whose gradient passes through the tied max-pool window.
    static let affectedParameters = ["enc1.conv.weight", "enc1.bn.weight", "enc1.bn.bias", "enc2.conv.weight"]

    static var float64Gradients: URL? {
        Bundle.module.resourceURL?.appendingPathComponent("Fixtures/acdae-float64-grads.safetensors")
    }
}

@Suite("acdae reference tie")
struct ReferenceTieTests {
    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func tieAffectedGradientsMatchFloat64PyTorch() throws {
        var generator = SeededGenerator(seed: 0)
        let model = ACDAE(configuration: ACDAEConfig(), generator: &generator)
        try ParityCheck(model: "acdae").loadWeights(into: model)
        model.setTraining(true)
        let step = try SafeTensorsFile(
            contentsOf: SharedFixtures.parityDirectory.appendingPathComponent("acdae-train.safetensors"))
        let output = model(try Tensor(step.tensor(named: "input")))
        let loss = DenoisingLoss.compute(prediction: output, target: try Tensor(step.tensor(named: "target")))
        model.zeroGradients()
        loss.backward()

        let reference = try SafeTensorsFile(contentsOf: try #require(ReferenceTie.float64Gradients))
        let parameters = Dictionary(uniqueKeysWithValues: model.namedParameters)
        for key in ReferenceTie.affectedParameters {
            let expected = try Tensor(reference.tensor(named: "grad.\(key)")).scalars
            let gradient = try #require(parameters[key]?.gradient, "no gradient for \(key)")
            let error = relativeError(gradient.scalars, expected)
            #expect(error <= 1e-3, "grad.\(key) vs float64 PyTorch: relative error \(error)")
        }
    }

    /// `‖a − b‖ / ‖b‖`.
    func relativeError(_ a: [Float], _ b: [Float]) -> Float {
        var difference: Double = 0, norm: Double = 0
        for (x, y) in zip(a, b) {
            difference += Double(x - y) * Double(x - y)
            norm += Double(y) * Double(y)
        }
        return Float((difference / max(norm, .leastNormalMagnitude)).squareRoot())
    }
}
