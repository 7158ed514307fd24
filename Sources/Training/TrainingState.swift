import DenoiserKit
import ECG
import Foundation
import Layers
import SafeTensors
import Tensors
import ZipArchive

/// Everything needed to continue a run exactly where it stood: the options, the step, the
/// data stream's position (the only source of randomness after initialisation), the
/// early-stopping record, the curve so far, the current weights (with batch-norm buffers),
/// the best weights and Adam's moments. Saved atomically as one zip,
/// `<output>.training.zip`, at every validation.
///
/// ```swift
/// try state.write(to: TrainingState.url(forOutput: output))
/// let resumed = try TrainingState.read(from: TrainingState.url(forOutput: output))
/// ```
public struct TrainingState {
    /// The counters and records of the run (`state.json` in the archive).
    public struct Progress: Codable, Equatable, Sendable {
        /// Format of this record.
        public var formatVersion = 1
        /// The run's settings; a resume must use the same.
        public var options: TrainingOptions
        /// Optimiser steps done.
        public var step: Int
        /// Where the training stream stands.
        public var stream: TrainingStreamState
        /// Best validation loss and patience counter.
        public var stopping: EarlyStopping
        /// The curve so far.
        public var log: TrainingLog
        /// Whether the run ended (budget spent or stopped early).
        public var finished: Bool
        /// Why it ended, when it did.
        public var stopReason: String?
        /// Wall-clock seconds spent so far (across sessions).
        public var elapsedSeconds: Double
    }

    static let progressEntry = "state.json"
    static let weightsEntry = "model.safetensors"
    static let bestEntry = "best.safetensors"
    static let optimizerEntry = "optimizer.safetensors"

    /// Counters and records.
    public var progress: Progress
    /// Current weights and buffers (PyTorch names).
    public var weights: SafeTensorsFile
    /// Weights of the best validation so far.
    public var bestWeights: SafeTensorsFile
    /// Adam's step count and moments (`exp_avg.<key>`, `exp_avg_sq.<key>`).
    public var optimizer: OptimizerState

    /// The state file of a run whose checkpoint goes to `output`.
    ///
    /// ```swift
    /// TrainingState.url(forOutput: URL(fileURLWithPath: "dancer-emb.zip"))   // dancer-emb.zip.training.zip
    /// ```
    public static func url(forOutput output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(output.lastPathComponent + ".training.zip")
    }

    /// Writes the state atomically (temporary file + rename); entries are stored uncompressed.
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var slots: [String: SafeTensor] = [:]
        for (key, value) in optimizer.slots { slots[key] = SafeTensor(floats: value.scalars, shape: value.shape) }
        let optimizerFile = SafeTensorsFile(tensors: slots, metadata: ["step": String(optimizer.step)])
        try ZipArchive.write([
            (Self.progressEntry, try encoder.encode(progress)),
            (Self.weightsEntry, try weights.serialized()),
            (Self.bestEntry, try bestWeights.serialized()),
            (Self.optimizerEntry, try optimizerFile.serialized()),
        ], to: url, compression: .store)
    }

    /// Reads a state written by ``write(to:)``.
    public static func read(from url: URL) throws -> TrainingState {
        let path = url.path
        let entries: [String: Data]
        do {
            entries = try ZipArchive.read(from: url)
        } catch {
            throw TrainingError.corruptState(path: path, reason: "\(error)")
        }
        func entry(_ name: String) throws -> Data {
            guard let data = entries[name] else { throw TrainingError.corruptState(path: path, reason: "no \(name) inside") }
            return data
        }
        do {
            let progress = try JSONDecoder().decode(Progress.self, from: entry(progressEntry))
            let optimizerFile = try SafeTensorsFile(data: entry(optimizerEntry))
            guard let step = optimizerFile.metadata["step"].flatMap(Int.init) else {
                throw TrainingError.corruptState(path: path, reason: "\(optimizerEntry) has no step count")
            }
            var slots: [String: Tensor] = [:]
            for (key, value) in optimizerFile.tensors { slots[key] = try Tensor(value) }
            return TrainingState(progress: progress, weights: try SafeTensorsFile(data: entry(weightsEntry)),
                                 bestWeights: try SafeTensorsFile(data: entry(bestEntry)),
                                 optimizer: OptimizerState(step: step, slots: slots))
        } catch let error as TrainingError {
            throw error
        } catch {
            throw TrainingError.corruptState(path: path, reason: "\(error)")
        }
    }
}
