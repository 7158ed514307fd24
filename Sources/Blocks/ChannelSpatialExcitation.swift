import Layers
import Random
import Tensors

/// CSE — channel-spatial excitation (scSE, Roy et al. 2018, with 1-D convolutions),
/// MODEL-SPEC §1: `y = x ⊙ w_c + x ⊙ w_s`, channel weights `w_c` from ECA, time weights
/// `w_s = sigmoid(sconv(x))` with `sconv` C→1, K7. Params `k_eca + 7C + 1`.
public final class ChannelSpatialExcitation: Layer {
    public let eca: EfficientChannelAttention
    public let sconv: Conv1d

    public init(channels: Int, generator: inout SeededGenerator) {
        eca = EfficientChannelAttention(channels: channels, generator: &generator)
        sconv = Conv1d(channels, 1, kernelSize: 7, padding: 3, generator: &generator)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let channelWeights = eca.weights(x)          // [B, C, 1]
        let timeWeights = sconv(x).sigmoid()         // [B, 1, L]
        return Tensor.channelSpatialExcitation(x, channelWeights: channelWeights, timeWeights: timeWeights)   // x ⊙ w_c + x ⊙ w_s, one pass
    }
}
