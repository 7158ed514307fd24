import Layers
import Random
import Tensors

/// The dual attention module of DACNN (CBAM-style, MODEL-SPEC §3), channel then spatial:
///
/// ```
/// mlp(v) = mlp2(ReLU(mlp1(v)))                            one MLP, applied twice
/// ca     = sigmoid(mlp(mean_L x) + mlp(max_L x))          [B, C, 1]
/// x'     = x ⊙ ca
/// sa     = sigmoid(sconv(cat[mean_C x', max_C x']))       [B, 1, L]
/// out    = x' ⊙ sa
/// ```
///
/// State keys `mlp1` (Conv1d C→C/r, K1, bias), `mlp2` (Conv1d C/r→C, K1, bias) and
/// `sconv` (Conv1d 2→1, K7, P3, no bias).
public final class DualAttention: Layer {
    public let mlp1: Conv1d
    public let mlp2: Conv1d
    public let sconv: Conv1d

    /// Creates the module for `channels` channels with MLP reduction ratio `reduction`.
    public init(channels: Int, reduction: Int = 4, generator: inout SeededGenerator) {
        checkPrecondition(channels % reduction == 0 && channels >= reduction,
                          "DualAttention: \(channels) channels are not divisible by reduction \(reduction)")
        let hidden = channels / reduction
        mlp1 = Conv1d(channels, hidden, kernelSize: 1, generator: &generator)
        mlp2 = Conv1d(hidden, channels, kernelSize: 1, generator: &generator)
        sconv = Conv1d(2, 1, kernelSize: 7, padding: 3, bias: false, generator: &generator)
    }

    /// The shared channel MLP on a pooled descriptor `[B, C, 1]`.
    func mlp(_ descriptor: Tensor) -> Tensor {
        mlp2(mlp1(descriptor).relu())
    }

    /// The channel weights `ca` `[B, C, 1]` in (0, 1), from average and max pooling over time.
    public func channelWeights(_ x: Tensor) -> Tensor {
        let average = x.mean(alongAxes: [2], keepingDimensions: true)
        let maximum = x.max(alongAxis: 2, keepingDimensions: true)
        return (mlp(average) + mlp(maximum)).sigmoid()
    }

    /// The time weights `sa` `[B, 1, L]` in (0, 1), from the mean and max over channels.
    public func spatialWeights(_ x: Tensor) -> Tensor {
        let average = x.mean(alongAxes: [1], keepingDimensions: true)
        let maximum = x.max(alongAxis: 1, keepingDimensions: true)
        return sconv(Tensor.concatenate([average, maximum], alongAxis: 1)).sigmoid()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let refined = x * channelWeights(x)
        return refined * spatialWeights(refined)
    }
}
