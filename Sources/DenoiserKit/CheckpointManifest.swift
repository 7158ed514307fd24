import ECG
import Foundation

/// `manifest.json` of a checkpoint archive: what the weights are and where they came from.
public struct CheckpointManifest: Codable, Equatable, Sendable {
    /// The newest checkpoint format this code reads and writes.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    /// The zoo id of the model the weights belong to.
    public var modelId: String
    /// The SwiftPM target of that model.
    public var target: String
    /// The model configuration the weights fit.
    public var config: JSONValue
    /// The noise type it was trained for (`emb`, `bw`, `ma`, `em`), if any.
    public var noise: String?
    /// How it was trained.
    public var training: TrainingRecord?
    /// What it achieved (same keys as the registry's metrics).
    public var metrics: [String: Double]?
    /// How inputs are scaled for these weights; `nil` (absent) is the protocol's `.peak`.
    public var inputScaling: InputScaling?
    /// ISO 8601 time of writing.
    public var createdAt: String
    /// The DANCER Zoo version (or git commit) that wrote it.
    public var codeVersion: String

    public init(modelId: String, target: String, config: JSONValue, noise: String? = nil,
                training: TrainingRecord? = nil, metrics: [String: Double]? = nil, inputScaling: InputScaling? = nil,
                createdAt: Date = Date(), codeVersion: String = DANCERZooVersion.current) {
        self.formatVersion = Self.currentFormatVersion
        self.modelId = modelId
        self.target = target
        self.config = config
        self.noise = noise
        self.training = training
        self.metrics = metrics
        self.inputScaling = inputScaling
        self.createdAt = ISO8601DateFormatter().string(from: createdAt)
        self.codeVersion = codeVersion
    }

    /// The scaling the weights were trained with (the protocol's peak when none is recorded).
    public var effectiveInputScaling: InputScaling { inputScaling ?? .peak }
}

/// How a checkpoint was trained (PROTOCOL.md), recorded in its manifest and card.
public struct TrainingRecord: Codable, Equatable, Sendable {
    public var protocolVersion: String
    public var seed: UInt64
    public var steps: Int
    public var batchSize: Int
    public var learningRate: Double
    /// The step whose weights were kept (best validation loss).
    public var bestStep: Int?
    public var validationLoss: Double?
    /// Anything a reader should know (e.g. "short demo run, not the full budget").
    public var notes: String?
    /// Every way the run departed from the protocol's training (another loss, learning rate,
    /// budget, input scaling, …), one phrase each; empty when it followed the protocol.
    /// `nil` in manifests written before it was recorded (see ``effectiveDepartures``).
    public var departures: [String]?

    public init(protocolVersion: String, seed: UInt64, steps: Int, batchSize: Int, learningRate: Double,
                bestStep: Int? = nil, validationLoss: Double? = nil, notes: String? = nil, departures: [String]? = nil) {
        self.protocolVersion = protocolVersion
        self.seed = seed
        self.steps = steps
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.bestStep = bestStep
        self.validationLoss = validationLoss
        self.notes = notes
        self.departures = departures
    }

    /// The run's departures from the protocol: ``departures`` when recorded; for older
    /// manifests, the parts of ``notes`` that named one ("NOT the protocol's …", "short run …",
    /// a changed model configuration, gradient clipping).
    public var effectiveDepartures: [String] {
        if let departures { return departures }
        let markers = ["NOT the protocol's", "short run", "model configuration differs", "gradient norm clipped"]
        return (notes ?? "").components(separatedBy: "; ").filter { note in markers.contains { note.hasPrefix($0) } }
    }
}

/// The version string written into manifests.
public enum DANCERZooVersion {
    public static let current = "0.1.0"
}
