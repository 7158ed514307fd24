import ECG
import Layers
import Tensors

/// The adapter shared by every neural model: divides each segment by its scale (the
/// ``InputScaling`` it was trained with, the protocol's peak `s = max|x| + 1e-8` unless its
/// checkpoint says otherwise), runs the network in evaluation mode without recording
/// gradients, and restores the scale.
///
/// ```swift
/// let denoiser = NeuralDenoiser(network: DANCER(), card: card)
/// let clean = try denoiser.denoise(recording)
/// ```
public final class NeuralDenoiser: Denoiser {
    public let network: any Layer
    public let card: ModelCard
    /// The factor every segment length must be a multiple of (the network's down-sampling).
    public let lengthMultiple: Int
    /// How each segment is scaled before the network sees it.
    public let inputScaling: InputScaling
    /// How the weights were trained, from their checkpoint's manifest; `nil` when it records
    /// no training run (imported weights) or the network was not loaded from a checkpoint.
    public let training: TrainingRecord?

    public init(network: any Layer, card: ModelCard, lengthMultiple: Int = 16, inputScaling: InputScaling = .peak,
                training: TrainingRecord? = nil) {
        self.network = network
        self.card = card
        self.lengthMultiple = lengthMultiple
        self.inputScaling = inputScaling
        self.training = training
        network.setTraining(false)
    }

    /// True: in evaluation mode the network only reads its parameters and buffers.
    public var allowsConcurrentCalls: Bool { true }

    public func denoise(segments: [Float], length: Int) throws -> [Float] {
        let count = try validateSegments(segments, length: length)
        guard length % lengthMultiple == 0 else {
            throw DenoiserError.badSegments(reason: "\(card.id) needs a segment length divisible by \(lengthMultiple), got \(length)")
        }
        var scaled = segments, scales = [Float](repeating: 1, count: count)
        for k in 0..<count {
            let scale = inputScaling.scale(of: segments[(k * length)..<((k + 1) * length)])
            scales[k] = scale
            for t in 0..<length { scaled[k * length + t] /= scale }
        }
        let output = withoutGradients { network(Tensor(shape: [count, 1, length], scalars: scaled)) }
        var result = output.scalars
        for k in 0..<count { for t in 0..<length { result[k * length + t] *= scales[k] } }
        return result
    }
}
