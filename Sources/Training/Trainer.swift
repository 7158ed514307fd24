import AtomicFiles
import DenoiserKit
import Foundation
import Layers
import Zoo

/// Trains one zoo model on one noise type with the protocol's defaults (Adam 1e-3, batch 64,
/// `MSE + 0.1·(1 − cos)`, SNR uniform in [−6, 6] dB, fresh noise every pass) for a step
/// budget; validates every `validateEvery` steps, keeps the best weights, stops early after
/// `patience` validations without improvement, and saves a resumable state at every
/// validation. A resumed run ends with exactly the weights of an uninterrupted one.
///
/// ```swift
/// let trainer = Trainer(options: TrainingOptions(model: "dancer", noise: .emb, seed: 1),
///                       data: try DataLocation.resolve(flag: nil), output: URL(fileURLWithPath: "dancer-emb.zip"))
/// trainer.onEvent = TrainingProgressPrinter().handle
/// let result = try trainer.run(resume: true)
/// ```
public final class Trainer {
    /// The run's settings.
    public let options: TrainingOptions
    /// Where the ECG records are.
    public let data: DataLocation
    /// The checkpoint archive to write.
    public let output: URL
    /// Steps between full progress lines.
    public var reportEvery = 50
    /// Receives progress events.
    public var onEvent: (TrainingEvent) -> Void = { _ in }
    /// Ends the session right after this step, as if the process were killed (tests).
    var haltAfterStep: Int?
    /// Called after every step with the step number and the network (tests: corrupt weights).
    var afterStep: ((Int, any Layer) -> Void)?
    private let zoo: ModelZoo
    private let clock = ContinuousClock()

    /// A trainer writing `output` (and `<output>.training.zip` beside it).
    public init(options: TrainingOptions, data: DataLocation, output: URL, zoo: ModelZoo = .shared) {
        self.options = options
        self.data = data
        self.output = output.standardizedFileURL
        self.zoo = zoo
    }

    /// The resumable state file of this run.
    public var stateURL: URL { TrainingState.url(forOutput: output) }

    /// Trains (or, with `resume`, continues the saved state when there is one) and writes the checkpoint.
    @discardableResult
    public func run(resume: Bool = false) throws -> TrainingResult {
        guard let result = try train(resume: resume) else {
            throw TrainingError.invalidOption(name: "--steps", reason: "the session was halted before the end")
        }
        return result
    }

    /// The run; `nil` when halted by ``haltAfterStep``.
    func train(resume: Bool) throws -> TrainingResult? {
        try options.validate()
        try prepareOutputDirectory()
        let saved = try savedState(resume: resume)
        let session = try TrainingSession(options: options, data: data, zoo: zoo, saved: saved, source: stateURL.path)
        onEvent(.started(TrainingStart(options: options, parameterCount: session.network.parameterCount,
                                       segmentsPerEpoch: session.stream.segmentsPerEpoch,
                                       validationCount: session.validation.count, resumedAt: session.progress.step)))
        var meter = ThroughputMeter(batchSize: options.batchSize)
        while session.progress.stopReason == nil, session.progress.step < options.steps {
            let start = clock.now
            let loss = try session.step()
            meter.recordStep(loss: Double(loss), seconds: seconds(since: start))
            let step = session.progress.step
            afterStep?(step, session.network)
            report(step: step, meter: &meter, session: session)
            if step % options.validateEvery == 0 || step == options.steps {
                try validateAndSave(session, meter: &meter)
            }
            if let halt = haltAfterStep, step >= halt { return nil }
        }
        return try finish(session)
    }

    /// Creates the output's folder now rather than failing at the first save.
    private func prepareOutputDirectory() throws {
        let directory = output.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw TrainingError.invalidOption(name: "--output", reason: "cannot create \(directory.path) (\(error.localizedDescription))")
        }
        guard FileManager.default.isWritableFile(atPath: directory.path) else {
            throw TrainingError.invalidOption(name: "--output", reason: "\(directory.path) is not writable")
        }
        removeLeftovers()
    }

    /// Removes the temporary files a killed run left beside the checkpoint and the state
    /// (`.<output>.<uuid>.tmp`, `.<output>.training.zip.<uuid>.tmp`: every archive is written
    /// to one and renamed into place, so the files under the final names are always whole).
    private func removeLeftovers() {
        for leftover in AtomicFile.leftovers(of: output) { try? FileManager.default.removeItem(at: leftover) }
    }

    private func savedState(resume: Bool) throws -> TrainingState? {
        guard FileManager.default.fileExists(atPath: stateURL.path) else { return nil }
        guard resume else { throw TrainingError.stateExists(path: stateURL.path) }
        let saved = try TrainingState.read(from: stateURL)
        let differences = options.differences(from: saved.progress.options)
        guard differences.isEmpty else { throw TrainingError.stateMismatch(path: stateURL.path, differences: differences) }
        return saved
    }

    private func report(step: Int, meter: inout ThroughputMeter, session: TrainingSession) {
        let isLine = step % reportEvery == 0
        let remaining = meter.secondsRemaining(steps: options.steps - step,
                                               validations: (options.steps - step) / options.validateEvery + 1)
        onEvent(.step(TrainingStepReport(step: step, totalSteps: options.steps, loss: meter.reportLoss,
                                         learningRate: Double(session.optimizer.learningRate),
                                         segmentsPerSecond: meter.reportThroughput, secondsRemaining: remaining,
                                         isReportLine: isLine)))
        if isLine { meter.closeReport() }
    }

    private func validateAndSave(_ session: TrainingSession, meter: inout ThroughputMeter) throws {
        let start = clock.now
        let (row, verdict) = try session.validate(trainLoss: meter.validationLoss, segmentsPerSecond: meter.validationThroughput)
        session.progress.elapsedSeconds += meter.trainingSeconds + seconds(since: start)
        if verdict == .stop { session.progress.stopReason = "stopped early: \(options.patience) validations without improvement" }
        try session.checkFinite("current")
        try session.state.write(to: stateURL)
        meter.closeValidation(seconds: seconds(since: start))
        onEvent(.validated(row, improved: verdict == .improved, bestLoss: session.progress.stopping.bestLoss ?? row.validationLoss))
    }

    private func finish(_ session: TrainingSession) throws -> TrainingResult {
        let stopReason = session.progress.stopReason ?? "budget of \(options.steps) steps spent"
        session.progress.finished = true
        session.progress.stopReason = stopReason
        try session.state.write(to: stateURL)
        try session.network.load(session.bestWeights, source: stateURL.path)
        try session.checkFinite("best")
        let checkpoint = try TrainedCheckpoint.make(session: session, zoo: zoo)
        try checkpoint.write(to: output)
        let result = TrainingResult(checkpoint: output, state: stateURL, steps: session.progress.step,
                                    bestStep: session.progress.stopping.bestStep ?? 0,
                                    bestLoss: session.progress.stopping.bestLoss ?? .nan,
                                    stopReason: stopReason, log: session.progress.log)
        onEvent(.finished(result))
        return result
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
