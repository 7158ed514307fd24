import ModelTestSupport
import Random
import Testing
@testable import DANCESpatial

@Suite("dancer-spatial")
struct DANCESpatialTests {
    func makeModel(seed: UInt64 = 0) -> DANCESpatial {
        var generator = SeededGenerator(seed: seed)
        return DANCESpatial(configuration: DANCESpatialConfig(), generator: &generator)
    }

    @Test func parameterCountMatchesSpec() {
        #expect(makeModel().parameterCount == 678_902)
        #expect(DANCESpatial.id == "dancer-spatial")
    }

    @Test func acceptsAnyMultipleOfTheDownsamplingFactor() throws {
        let model = makeModel()
        #expect(model.lengthMultiple == 16)
        ModelChecks.expectShapesPreserved(model, lengths: [16, 48, 512, 1024])
        try ModelChecks.expectAdapterHandlesAnyRecording(model)
    }

    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func inferenceMatchesPyTorch() throws {
        try ParityCheck(model: "dancer-spatial").expectInferenceParity(makeModel())
    }

    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func trainingStepMatchesPyTorch() throws {
        try ParityCheck(model: "dancer-spatial").expectTrainingStepParity { makeModel() }
    }

    @Test func overfitsAHandfulOfSegments() {
        OverfitCheck.expectLossFalls(makeModel(seed: 1))
    }
}
