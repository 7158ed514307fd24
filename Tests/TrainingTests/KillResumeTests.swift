import DenoiserKit
import Foundation
import Layers
import ProcessTestSupport
import SafeTensors
import Testing
@testable import Training

@Suite("Training survives SIGKILL and refuses to save NaN", .serialized)
struct KillResumeTests {
    static let steps = 40
    static let validateEvery = 2

    static func arguments(_ data: DataLocation, output: URL, steps: Int = steps, learningRate: String = "0.001") -> [String] {
        ["train", "--model", "unet", "--noise", "emb", "--seed", "7", "--data-dir", data.root.path, "-o", output.path,
         "--steps", String(steps), "--batch-size", "8", "--validate-every", String(validateEvery), "--validation-segments", "16",
         "--patience", "0", "--config", #"{"widths":[4,8],"kernelSize":3}"#, "--train-records", "101",
         "--learning-rate", learningRate, "--report-every", "1000", "--resume"]
    }

    /// Names of the tensors whose bytes, dtype or shape differ (or that only one file has).
    static func differingTensors(_ a: SafeTensorsFile, _ b: SafeTensorsFile) -> [String] {
        Set(a.tensors.keys).union(b.tensors.keys).sorted().filter { a.tensors[$0] != b.tensors[$0] }
    }

    /// Names of the float tensors holding a NaN or ∞.
    static func nonFinite(_ file: SafeTensorsFile) -> [String] {
        file.tensors.keys.sorted().filter { key in
            guard let values = try? file.tensors[key]?.floats() else { return false }
            return !values.allSatisfy(\.isFinite)
        }
    }

    /// Files in `directory` that are neither the checkpoint, the state, nor a temporary file of either.
    static func strayFiles(in directory: URL, output: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { name in
            name != output.lastPathComponent && name != output.lastPathComponent + ".training.zip"
                && !(name.hasPrefix("." + output.lastPathComponent + ".") && name.hasSuffix(".tmp"))
        }
    }

    @Test("dancer train SIGKILLed at seeded random points: the saved state always reads back whole, --resume ends bit-exact",
          .enabled(if: TestData.available))
    func killAndResume() async throws {
        guard let binary = DancerBinary.url() else {
            print("KillResumeTests.killAndResume: SKIPPED — no dancer binary at \(DancerBinary.hint)")
            return
        }
        let data = try TestData.require()
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        let straightOutput = directory.appendingPathComponent("straight/tiny.zip")
        let straightArguments = Self.arguments(data, output: straightOutput)
        let straightState = TrainingState.url(forOutput: straightOutput)
        // The uninterrupted run, timed in two phases: start-up (reading the data, up to the first
        // saved state) and training (the steps after it). Kill delays scale with the phase they
        // aim at: on a loaded machine start-up can take minutes while a step stays short.
        let (straight, startUp, training) = try await onOwnThread {
            let start = Date()
            let child = try DancerChild(binary, straightArguments)
            var firstSave: Date?
            while child.isRunning {
                if firstSave == nil, FileManager.default.fileExists(atPath: straightState.path) { firstSave = Date() }
                Thread.sleep(forTimeInterval: 0.01)
            }
            let outcome = child.wait(), end = Date()
            let saved = firstSave ?? end
            return (outcome, saved.timeIntervalSince(start), end.timeIntervalSince(saved))
        }
        try #require(straight.status == 0, "uninterrupted run failed: \(straight.stderr)")
        let seconds = startUp + training

        let killedDirectory = directory.appendingPathComponent("killed")
        let output = killedDirectory.appendingPathComponent("tiny.zip")
        let stateURL = TrainingState.url(forOutput: output)
        // Kill points: one during start-up, then at seeded training steps — watched on disk, not
        // guessed from the clock, so a loaded machine still kills mid-training — each plus a
        // seeded delay of up to two steps (so some land inside the next state write).
        var random = KillPoints(state: 0x7EA1_2026)
        let perStep = training / Double(Self.steps - Self.validateEvery)
        let targets = Array(Array(stride(from: 4, through: Self.steps - 4, by: 2)).shuffled(using: &random).prefix(5)).sorted()
        var killPoints = 0, savedSteps: [Int] = []
        // A run that finishes before its kill lands (a loaded machine can starve this watcher)
        // is started over from scratch, and the kill points are tried again: up to 3 rounds.
        let schedule = Array(repeating: [0] + targets, count: 3).joined()
        for target in schedule where killPoints < 1 + targets.count {
            let startUpDelay = startUp * Double.random(in: 0.2...0.9, using: &random)
            let extraDelay = perStep * Double.random(in: 0...2, using: &random)
            let killArguments = Self.arguments(data, output: output)
            let outcome = try await onOwnThread {
                let child = try DancerChild(binary, killArguments)
                if target == 0 {
                    Thread.sleep(forTimeInterval: startUpDelay)
                } else {
                    let deadline = Date().addingTimeInterval(10 * seconds + 30)
                    var seen: Date?
                    while child.process.isRunning, Date() < deadline {
                        let modified = (try? FileManager.default.attributesOfItem(atPath: stateURL.path))?[.modificationDate] as? Date
                        if let modified, modified != seen {
                            seen = modified
                            if let step = try? TrainingState.read(from: stateURL).progress.step, step >= target { break }
                        }
                        Thread.sleep(forTimeInterval: 0.01)
                    }
                    Thread.sleep(forTimeInterval: extraDelay)
                }
                child.sigkill()
                return child.wait()
            }
            if outcome.killed {
                killPoints += 1
            } else {
                try #require(outcome.status == 0, "\(outcome.stderr)")
                for url in [output, stateURL] { try? FileManager.default.removeItem(at: url) }
                savedSteps = []
                continue
            }
            #expect(Self.strayFiles(in: killedDirectory, output: output).isEmpty)
            if FileManager.default.fileExists(atPath: stateURL.path) {
                // The last saved state is whole: it reads back and holds finite weights of a validation step.
                let state = try TrainingState.read(from: stateURL)
                #expect(state.progress.step % Self.validateEvery == 0 || state.progress.step == Self.steps)
                #expect(state.progress.step >= (savedSteps.last ?? 0), "a kill lost saved progress")
                #expect(Self.nonFinite(state.weights).isEmpty && Self.nonFinite(state.bestWeights).isEmpty)
                savedSteps.append(state.progress.step)
            }
            if FileManager.default.fileExists(atPath: output.path) { _ = try Checkpoint.read(from: output) }
        }
        let finalArguments = Self.arguments(data, output: output)
        let final = try await onOwnThread { try DancerChild(binary, finalArguments).wait() }
        try #require(final.status == 0, "the resumed run failed: \(final.stderr)")
        #expect(Self.strayFiles(in: killedDirectory, output: output).isEmpty)

        let a = try Checkpoint.read(from: straightOutput), b = try Checkpoint.read(from: output)
        #expect(Self.differingTensors(a.weights, b.weights).isEmpty, "killed+resumed weights differ from the uninterrupted run's")
        let stateA = try TrainingState.read(from: TrainingState.url(forOutput: straightOutput)), stateB = try TrainingState.read(from: stateURL)
        #expect(Self.differingTensors(stateA.weights, stateB.weights).isEmpty)
        #expect(Self.differingTensors(stateA.bestWeights, stateB.bestWeights).isEmpty)
        #expect(stateA.optimizer.step == stateB.optimizer.step && stateA.progress.stream == stateB.progress.stream)
        #expect(stateA.progress.log.rows.map(\.validationLoss) == stateB.progress.log.rows.map(\.validationLoss))
        print("KillResumeTests.killAndResume: \(killPoints) kill points (SIGKILL) exercised at target steps \([0] + targets); uninterrupted run \(String(format: "%.1f", seconds)) s (start-up \(String(format: "%.1f", startUp)) s); saved steps seen after kills: \(savedSteps)")
        #expect(killPoints >= 5)
        #expect(savedSteps.contains { $0 < Self.steps }, "no kill landed before the end of training")
    }

    @Test("an absurd learning rate (1e30): dancer train stops with a clear error and writes no checkpoint", .enabled(if: TestData.available))
    func absurdLearningRate() async throws {
        guard let binary = DancerBinary.url() else {
            print("KillResumeTests.absurdLearningRate: SKIPPED — no dancer binary at \(DancerBinary.hint)")
            return
        }
        let data = try TestData.require()
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("diverged.zip")
        let divergingArguments = Self.arguments(data, output: output, steps: 6, learningRate: "1e30")
        let outcome = try await onOwnThread { try DancerChild(binary, divergingArguments).wait() }
        #expect(outcome.status == 1 && !outcome.killed)
        #expect(outcome.stderr.contains("error: training diverged at step"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("NaN") || outcome.stderr.contains("nan") || outcome.stderr.contains("inf"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let stateURL = TrainingState.url(forOutput: output)
        if FileManager.default.fileExists(atPath: stateURL.path) {
            let state = try TrainingState.read(from: stateURL)
            #expect(Self.nonFinite(state.weights).isEmpty && Self.nonFinite(state.bestWeights).isEmpty)
        }
        print("KillResumeTests.absurdLearningRate: \(outcome.stderr.split(separator: "\n").last ?? "")")
    }

    @Test("a NaN reaching a weight through the optimiser stops the step before anything is saved", .enabled(if: TestData.available))
    func nonFiniteWeightAfterStep() throws {
        let session = try TrainingSession(options: TestData.tinyOptions(steps: 4), data: try TestData.require(),
                                          zoo: ModelZooAccess.zoo, saved: nil, source: "test")
        _ = try session.step()
        var state = session.optimizer.state
        let key = try #require(state.slots.keys.sorted().first { $0.hasPrefix("exp_avg.") })
        state.slots[key]?.withMutableScalars { $0[0] = .nan }
        try session.optimizer.restore(state)
        let error = #expect(throws: TrainingError.self) { _ = try session.step() }
        let message = "\(error.map { "\($0)" } ?? "")"
        #expect(message.contains("training diverged at step 2: parameter") && message.contains("after the optimiser step"), "\(message)")
        #expect(session.progress.step == 1)
    }

    @Test("a learning rate beyond Float range is refused up front")
    func learningRateOutOfFloatRange() {
        for rate in [1e39, 1e-50] {
            var options = TestData.tinyOptions(steps: 2)
            options.learningRate = rate
            #expect(throws: TrainingError.self) { try options.validate() }
        }
    }

    @Test("a NaN weight mid-run: training stops, the last good state stays, and resuming it ends as an uninterrupted run",
          .enabled(if: TestData.available))
    func poisonedWeights() throws {
        let data = try TestData.require()
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = TestData.tinyOptions(steps: 6)
        let uninterrupted = try Trainer(options: options, data: data, output: directory.appendingPathComponent("straight.zip")).run()

        // A parameter turns NaN after step 3: step 4's loss is NaN; the state of step 2 stays.
        let output = directory.appendingPathComponent("poisoned.zip")
        let poisoned = Trainer(options: options, data: data, output: output)
        poisoned.afterStep = { step, network in
            if step == 3 { network.parameters[0].value.withMutableScalars { $0[0] = .nan } }
        }
        let error = #expect(throws: TrainingError.self) { try poisoned.run() }
        #expect("\(error.map { "\($0)" } ?? "")".contains("training diverged at step 4"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let kept = try TrainingState.read(from: poisoned.stateURL)
        #expect(kept.progress.step == 2 && Self.nonFinite(kept.weights).isEmpty)
        let resumed = try Trainer(options: options, data: data, output: output).run(resume: true)
        let a = try Checkpoint.read(from: uninterrupted.checkpoint), b = try Checkpoint.read(from: resumed.checkpoint)
        #expect(Self.differingTensors(a.weights, b.weights).isEmpty)

        // A NaN batch-norm statistic at a validation step: the validation loss is NaN, nothing is saved.
        let second = directory.appendingPathComponent("poisoned-buffer.zip")
        let buffered = Trainer(options: options, data: data, output: second)
        var poisonedBuffer = false
        buffered.afterStep = { step, network in
            guard step == 4, let buffer = network.namedBuffers.first(where: { $0.0.hasSuffix("running_mean") })?.1 else { return }
            buffer.value.withMutableScalars { $0[0] = .nan }
            poisonedBuffer = true
        }
        let bufferError = #expect(throws: TrainingError.self) { try buffered.run() }
        #expect(poisonedBuffer, "the tiny U-Net should have batch-norm running means")
        let message = "\(bufferError.map { "\($0)" } ?? "")"
        // ReLU maps NaN to 0, so the validation loss may stay finite: the check of every tensor
        // before the save catches it then.
        #expect(message.contains("training diverged at step 4") && message.contains("is NaN or infinite")
                && (message.contains("validation loss") || message.contains("running_mean")), "\(message)")
        #expect(try TrainingState.read(from: buffered.stateURL).progress.step == 2)
        #expect(!FileManager.default.fileExists(atPath: second.path))
    }
}
