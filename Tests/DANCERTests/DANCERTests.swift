import ModelTestSupport
import Random
import Testing
@testable import DANCER

@Suite("dancer")
struct DANCERTests {
    func makeModel(seed: UInt64 = 0) -> DANCER {
        var generator = SeededGenerator(seed: seed)
        return DANCER(configuration: DANCERConfig(), generator: &generator)
    }

    @Test func parameterCountMatchesSpec() {
        #expect(makeModel().parameterCount == 880_521)
        #expect(DANCER.id == "dancer")
    }

    @Test func acceptsAnyMultipleOfTheDownsamplingFactor() throws {
        let model = makeModel()
        #expect(model.lengthMultiple == 16)
        ModelChecks.expectShapesPreserved(model, lengths: [16, 48, 512, 1024])
        try ModelChecks.expectAdapterHandlesAnyRecording(model)
    }

    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func inferenceMatchesPyTorch() throws {
        try ParityCheck(model: "dancer").expectInferenceParity(makeModel())
    }

    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func trainingStepMatchesPyTorch() throws {
        try ParityCheck(model: "dancer").expectTrainingStepParity { makeModel() }
    }

    @Test func overfitsAHandfulOfSegments() {
        OverfitCheck.expectLossFalls(makeModel(seed: 1))
    }
}
