import ModelTestSupport
import Random
import Testing
@testable import ACDAE

@Suite("acdae")
struct ACDAETests {
    func makeModel(seed: UInt64 = 0) -> ACDAE {
        var generator = SeededGenerator(seed: seed)
        return ACDAE(configuration: ACDAEConfig(), generator: &generator)
    }

    /// Per-block counts of MODEL-SPEC; the shared checks (total count, shapes, parity,
    /// overfit) run for every model in NeuralModelTests.
    @Test func parameterCountPerBlockMatchesSpec() {
        let model = makeModel()
        #expect(model.parameterCount == 269_484)
        #expect(ACDAE.id == "acdae")
        let perBlock = ["enc1": 240, "enc2": 3_648, "enc3": 14_464, "enc4": 57_600,
                        "dec1": 114_949, "dec2": 57_475, "dec3": 14_403, "dec4": 6_688, "head": 17]
        ModelChecks.expectBlockParameterCounts(model, perBlock)
        #expect(model.decoderBlocks.map { $0.eca != nil } == [true, true, true, false])
    }

    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func trainingStepMatchesPyTorch() throws {
        // Only the gradients behind the reference's max-pool near-tie may fail (see
        // ReferenceTie); they are checked against float64 PyTorch in ReferenceTieTests.
        try withKnownIssue("PyTorch float32 breaks a max-pool near-tie the other way", isIntermittent: true) {
            try ParityCheck(model: "acdae").expectTrainingStepParity { makeModel() }
        } matching: { issue in
            ReferenceTie.affectedParameters.contains { key in
                issue.comments.contains { $0.rawValue.hasPrefix("acdae grad.\(key):") }
            }
        }
    }
}
