/// Losses and similarities used for training the denoisers.
extension Tensor {
    /// The mean squared error `mean((a − b)²)` over all elements.
    public static func meanSquaredError(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        checkPrecondition(prediction.shape == target.shape,
                          "mean squared error: prediction \(prediction.shape) and target \(target.shape) differ")
        return (prediction - target).squared().mean()
    }

    /// Cosine similarity per item of the batch: `Σ a·b / (‖a‖·‖b‖ + ε)` over every axis but
    /// the first. Returns shape `[B]`.
    public static func cosineSimilarity(_ a: Tensor, _ b: Tensor, epsilon: Float = 1e-8) -> Tensor {
        checkPrecondition(a.shape == b.shape && a.rank >= 1,
                          "cosine similarity: shapes \(a.shape) and \(b.shape) differ")
        let axes = Array(1..<a.rank)
        let dot = (a * b).sum(alongAxes: axes)
        let normA = a.squared().sum(alongAxes: axes).squareRoot()
        let normB = b.squared().sum(alongAxes: axes).squareRoot()
        return dot / (normA * normB + epsilon)
    }

    /// PReLU: `max(0, x) + w · min(0, x)` with one slope per channel (`weight: [C]`, `x: [B, C, …]`).
    public static func prelu(_ x: Tensor, weight: Tensor) -> Tensor {
        checkPrecondition(x.rank >= 2 && weight.shape == [x.shape[1]],
                          "prelu weight must be [\(x.rank >= 2 ? x.shape[1] : 0)] for input \(x.shape), got \(weight.shape)")
        var slopeShape = [Int](repeating: 1, count: x.rank)
        slopeShape[1] = x.shape[1]
        let positive = x.relu()
        return positive + weight.reshaped(slopeShape) * (x - positive)
    }
}
