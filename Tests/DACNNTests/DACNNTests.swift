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

    /// Per-block counts of MODEL-SPEC; the shared checks (total count, shapes, parity,
    /// overfit) run for every model in NeuralModelTests.
    @Test func parameterCountPerBlockMatchesSpec() {
        let model = makeModel()
        #expect(model.parameterCount == 130_741)
        #expect(DACNN.id == "dacnn")
        let perBlock = ["down1": 322, "down2": 4_246, "down3": 16_670, "down4": 66_094,
                        "up1": 32_960, "up2": 8_288, "up3": 2_096, "out": 65]
        ModelChecks.expectBlockParameterCounts(model, perBlock)
    }
}
