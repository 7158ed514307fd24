import ModelTestSupport
import Random
import Testing
@testable import DANCEChannel

@Suite("dancer-channel")
struct DANCEChannelTests {
    func makeModel(seed: UInt64 = 0) -> DANCEChannel {
        var generator = SeededGenerator(seed: seed)
        return DANCEChannel(configuration: DANCEChannelConfig(), generator: &generator)
    }

    @Test func parameterCountMatchesSpec() {
        #expect(makeModel().parameterCount == 854_657)
        #expect(DANCEChannel.id == "dancer-channel")
    }

    @Test func acceptsAnyMultipleOfTheDownsamplingFactor() throws {
        let model = makeModel()
        #expect(model.lengthMultiple == 16)
        ModelChecks.expectShapesPreserved(model, lengths: [16, 48, 512, 1024])
        try ModelChecks.expectAdapterHandlesAnyRecording(model)
    }

    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func inferenceMatchesPyTorch() throws {
        try ParityCheck(model: "dancer-channel").expectInferenceParity(makeModel())
    }

    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func trainingStepMatchesPyTorch() throws {
        try ParityCheck(model: "dancer-channel").expectTrainingStepParity { makeModel() }
    }

    @Test func overfitsAHandfulOfSegments() {
        OverfitCheck.expectLossFalls(makeModel(seed: 1))
    }
}
