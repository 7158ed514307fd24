import ModelTestSupport
import Random
import Testing
@testable import UNet

@Suite("unet")
struct UNetTests {
    func makeModel(seed: UInt64 = 0) -> UNet {
        var generator = SeededGenerator(seed: seed)
        return UNet(configuration: UNetConfig(), generator: &generator)
    }

    @Test func parameterCountMatchesSpec() {
        #expect(makeModel().parameterCount == 678_577)
        #expect(UNet.id == "unet")
    }

    @Test func acceptsAnyMultipleOfTheDownsamplingFactor() throws {
        let model = makeModel()
        #expect(model.lengthMultiple == 16)
        ModelChecks.expectShapesPreserved(model, lengths: [16, 48, 512, 1024])
        try ModelChecks.expectAdapterHandlesAnyRecording(model)
    }

    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func inferenceMatchesPyTorch() throws {
        try ParityCheck(model: "unet").expectInferenceParity(makeModel())
    }

    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func trainingStepMatchesPyTorch() throws {
        try ParityCheck(model: "unet").expectTrainingStepParity { makeModel() }
    }

    @Test func overfitsAHandfulOfSegments() {
        OverfitCheck.expectLossFalls(makeModel(seed: 1))
    }
}
