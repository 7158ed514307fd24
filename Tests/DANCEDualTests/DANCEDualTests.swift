import ModelTestSupport
import Random
import Testing
@testable import DANCEDual

@Suite("dancer-dual")
struct DANCEDualTests {
    func makeModel(seed: UInt64 = 0) -> DANCEDual {
        var generator = SeededGenerator(seed: seed)
        return DANCEDual(configuration: DANCEDualConfig(), generator: &generator)
    }

    @Test func parameterCountMatchesSpec() {
        #expect(makeModel().parameterCount == 854_982)
        #expect(DANCEDual.id == "dancer-dual")
    }

    @Test func acceptsAnyMultipleOfTheDownsamplingFactor() throws {
        let model = makeModel()
        #expect(model.lengthMultiple == 16)
        ModelChecks.expectShapesPreserved(model, lengths: [16, 48, 512, 1024])
        try ModelChecks.expectAdapterHandlesAnyRecording(model)
    }

    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func inferenceMatchesPyTorch() throws {
        try ParityCheck(model: "dancer-dual").expectInferenceParity(makeModel())
    }

    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func trainingStepMatchesPyTorch() throws {
        try ParityCheck(model: "dancer-dual").expectTrainingStepParity { makeModel() }
    }

    @Test func overfitsAHandfulOfSegments() {
        OverfitCheck.expectLossFalls(makeModel(seed: 1))
    }
}
