import ECG

/// Anything the zoo hands out: a neural network behind the shared adapter, or a classical
/// filter. Every denoiser is called the same way, so they can be swapped by name.
///
/// ```swift
/// let clean = try denoiser.denoise(recording)   // any length, leads and sampling rate
/// ```
public protocol Denoiser: AnyObject {
    /// What the model is (id, family, rate and segment length it works at).
    var card: ModelCard { get }

    /// Denoises `count` equal-length segments at ``ModelCard/sampleRate``, stored row-major
    /// in `segments` (`count × length` values in physical units, each mean-centred).
    /// Returns the same layout.
    func denoise(segments: [Float], length: Int) throws -> [Float]

    /// Whether ``denoise(segments:length:)`` may run on several threads at once. Whole-record
    /// denoising then gives every core batches of its own (``SegmentedDenoising``,
    /// ``ChunkedDenoising``); the default is `false` (one batch at a time).
    var allowsConcurrentCalls: Bool { get }

    /// Denoises a whole recording. The default implementation resamples to the model's rate,
    /// cuts every lead into overlapping segments, calls ``denoise(segments:length:)`` and
    /// blends the results back (see ``SegmentedDenoising``).
    func denoise(_ signal: Signal) throws -> Signal
}

extension Denoiser {
    public var allowsConcurrentCalls: Bool { false }

    public func denoise(_ signal: Signal) throws -> Signal {
        try SegmentedDenoising(denoiser: self).denoise(signal)
    }
}

/// What a model is: shown by `dancer list/info` and stored in checkpoints.
public struct ModelCard: Codable, Equatable, Sendable {
    /// The zoo id, e.g. `dancer`, `unet`, `fft`.
    public var id: String
    /// The family the model belongs to.
    public var family: ModelFamily
    /// One line on what it is.
    public var summary: String
    /// The paper or source it follows.
    public var reference: String
    /// The sampling rate the model works at (Hz).
    public var sampleRate: Double
    /// The segment length the model sees (samples).
    public var segmentLength: Int
    /// Trainable parameters (0 for classical filters).
    public var parameterCount: Int

    public init(id: String, family: ModelFamily, summary: String, reference: String,
                sampleRate: Double = 360, segmentLength: Int = 512, parameterCount: Int = 0) {
        self.id = id
        self.family = family
        self.summary = summary
        self.reference = reference
        self.sampleRate = sampleRate
        self.segmentLength = segmentLength
        self.parameterCount = parameterCount
    }
}

/// Model families, as in `Registry.json`.
public enum ModelFamily: String, Codable, CaseIterable, Sendable {
    case dance, unet, baselineNeural = "baseline-neural", classical
}
