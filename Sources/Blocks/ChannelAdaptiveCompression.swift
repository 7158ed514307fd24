import Layers
import Random
import Tensors

/// CAC — channel adaptive compression (DRSN-CW shrinkage, Zhao et al. 2019), MODEL-SPEC §1:
/// ```
/// a = mean_L |x|                        [B, C]
/// z = sigmoid(fc2(ReLU(bn(fc1(a)))))    one coefficient per sample and channel
/// y = soft_threshold(x, z ⊙ a)
/// ```
/// The threshold is not detached: gradients flow through `a` and `z`. Params `2C² + 3C`.
public final class ChannelAdaptiveCompression: Layer {
    public let fc1: Linear
    public let bn: BatchNorm1d
    public let fc2: Linear

    public init(channels: Int, generator: inout SeededGenerator) {
        fc1 = Linear(channels, channels, bias: false, generator: &generator)
        bn = BatchNorm1d(channels)
        fc2 = Linear(channels, channels, generator: &generator)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let (batch, channels) = (x.shape[0], x.shape[1])
        let average = x.meanMagnitudeAlongLength()                      // [B, C], one pass
        let coefficient = fc2(bn(fc1(average)).relu()).sigmoid()        // [B, C]
        let threshold = (coefficient * average).reshaped([batch, channels, 1])
        return x.softThresholded(by: threshold)
    }
}
