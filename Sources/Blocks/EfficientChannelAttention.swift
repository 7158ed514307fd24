import Foundation
import Layers
import Random
import Tensors

/// ECA — efficient channel attention (Wang et al., CVPR 2020), MODEL-SPEC §1.
/// Channel weights `sigmoid(conv(mean_L x))`, the 1-D conv running across channels with
/// an adaptive odd kernel `k = ⌊|log₂C / 2 + ½|⌋ (+1 if even)`. State key: `conv`.
public final class EfficientChannelAttention: Layer {
    public let conv: Conv1d

    /// The adaptive kernel size for `channels` (16, 32, 64 → 3; 128, 256 → 5).
    public static func kernelSize(channels: Int) -> Int {
        let k = Int(abs(log2(Double(channels)) / 2 + 0.5))
        return k % 2 == 0 ? k + 1 : k
    }

    public init(channels: Int, generator: inout SeededGenerator) {
        let k = Self.kernelSize(channels: channels)
        conv = Conv1d(1, 1, kernelSize: k, padding: k / 2, bias: false, generator: &generator)
    }

    /// The channel weights `[B, C, 1]` in (0, 1).
    public func weights(_ x: Tensor) -> Tensor {
        let pooled = x.mean(alongAxes: [2], keepingDimensions: true)   // [B, C, 1]
        return conv(pooled.transposed(1, 2)).transposed(1, 2).sigmoid()
    }

    /// `x ⊙ weights(x)`.
    public func callAsFunction(_ x: Tensor) -> Tensor { x * weights(x) }
}
