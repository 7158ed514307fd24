import ModelTestSupport
import Random
import Testing
@testable import DACNN

@Suite("dacnn")
struct DACNNTests {
    func makeModel(seed: UInt64 = 0) -> DACNN {
        var generator = SeededGenerator(seed: seed)
        return DACNN(configuration: DACNNConfig(), generator: &generator)
    }

    @Test func parameterCountMatchesSpec() {
        let model = makeModel()
        #expect(model.parameterCount == 130_741)
        #expect(DACNN.id == "dacnn")
        let perBlock = ["down1": 322, "down2": 4_246, "down3": 16_670, "down4": 66_094,
                        "up1": 32_960, "up2": 8_288, "up3": 2_096, "out": 65]
        for (name, count) in perBlock {
            let actual = model.namedParameters.filter { $0.0.hasPrefix(name + ".") }.reduce(0) { $0 + $1.1.value.count }
            #expect(actual == count, "\(name): \(actual) parameters, spec says \(count)")
        }
    }

    @Test func acceptsAnyMultipleOfTheDownsamplingFactor() throws {
        let model = makeModel()
        #expect(model.lengthMultiple == 16)
        ModelChecks.expectShapesPreserved(model, lengths: [16, 48, 512, 1024])
        try ModelChecks.expectAdapterHandlesAnyRecording(model)
    }

    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func inferenceMatchesPyTorch() throws {
        try ParityCheck(model: "dacnn").expectInferenceParity(makeModel())
    }

    @Test(.enabled(if: SharedFixtures.hasParity, "needs ../shared/parity (PyTorch reference tensors)"))
    func trainingStepMatchesPyTorch() throws {
        try ParityCheck(model: "dacnn").expectTrainingStepParity { makeModel() }
    }

    @Test func overfitsAHandfulOfSegments() {
        OverfitCheck.expectLossFalls(makeModel(seed: 1))
    }
}
