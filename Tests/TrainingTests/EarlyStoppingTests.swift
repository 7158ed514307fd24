import Foundation
import Testing
@testable import Training

@Suite("Early stopping")
struct EarlyStoppingTests {
    @Test("stops after `patience` validations without a strictly lower loss")
    func stopsAfterPatience() {
        var stopping = EarlyStopping(patience: 2)
        #expect(stopping.record(loss: 0.5, step: 100) == .improved)
        #expect(stopping.record(loss: 0.4, step: 200) == .improved)
        #expect(stopping.record(loss: 0.4, step: 300) == .noImprovement(remaining: 1))   // equal is no improvement
        #expect(stopping.record(loss: 0.3, step: 400) == .improved)                      // resets the count
        #expect(stopping.validationsWithoutImprovement == 0)
        #expect(stopping.record(loss: 0.35, step: 500) == .noImprovement(remaining: 1))
        #expect(stopping.record(loss: 0.31, step: 600) == .stop)
        #expect(stopping.bestLoss == 0.3 && stopping.bestStep == 400)
    }

    @Test("patience 0 never stops; non-finite losses never count as best")
    func neverStopsAndIgnoresNaN() {
        var stopping = EarlyStopping(patience: 0)
        #expect(stopping.record(loss: .nan, step: 1) == .noImprovement(remaining: .max))
        #expect(stopping.bestLoss == nil)
        #expect(stopping.record(loss: 1, step: 2) == .improved)
        for step in 3..<50 { #expect(stopping.record(loss: 2, step: step) != .stop) }
        #expect(stopping.bestStep == 2)
    }

    @Test("the record survives a save and restore (part of the resumable state)")
    func codable() throws {
        var stopping = EarlyStopping(patience: 3)
        _ = stopping.record(loss: 0.2, step: 10)
        _ = stopping.record(loss: 0.3, step: 20)
        let data = try JSONEncoder().encode(stopping)
        var restored = try JSONDecoder().decode(EarlyStopping.self, from: data)
        #expect(restored == stopping)
        #expect(restored.record(loss: 0.3, step: 30) == .noImprovement(remaining: 1))
    }

    @Test("the trainer ends the run at the verdict and keeps the best step", .enabled(if: TestData.available))
    func trainerStopsEarly() throws {
        let data = try TestData.require()
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = TestData.tinyOptions(steps: 40)
        options.learningRate = 0.5   // far too high: the validation loss will not keep falling
        options.validateEvery = 1
        options.patience = 1
        let result = try Trainer(options: options, data: data, output: directory.appendingPathComponent("stop.zip")).run()
        let losses = result.log.rows.map(\.validationLoss)
        #expect(result.steps < 40 && result.stopReason.contains("stopped early"))
        #expect(losses.count >= 2 && losses[losses.count - 1] >= losses[losses.count - 2])
        #expect(result.bestLoss == losses.min() && result.log.rows.first { $0.step == result.bestStep }?.validationLoss == result.bestLoss)
    }
}
