import Tensors

/// The training loss of every neural model (MODEL-SPEC §6, PROTOCOL.md):
/// `mean((x̂ − x)²) + λ · mean_b(1 − cos(x̂_b, x_b))`, λ = 0.1 — reconstruction plus a
/// scale-invariant feature-similarity term.
///
/// ```swift
/// let loss = DenoisingLoss.compute(prediction: model(noisy), target: clean)
/// ```
public enum DenoisingLoss {
    /// The weight of the cosine term.
    public static let similarityWeight: Float = 0.1

    public static func compute(prediction: Tensor, target: Tensor, similarityWeight λ: Float = similarityWeight) -> Tensor {
        let reconstruction = Tensor.meanSquaredError(prediction, target)
        let dissimilarity = (1 - Tensor.cosineSimilarity(prediction, target)).mean()
        return reconstruction + λ * dissimilarity
    }
}
