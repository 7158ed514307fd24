import Layers
import Random
import Tensors

/// Spatial shrink — one soft threshold per sample and time step, shared by all channels
/// (the time-axis analogue of CAC), MODEL-SPEC §1:
/// ```
/// a = mean_C |x|                                  [B, 1, L]
/// z = sigmoid(conv2(ReLU(bn(conv1(a)))))          conv1 1→4 K7, conv2 4→1 K7
/// y = soft_threshold(x, z ⊙ a)
/// ```
/// Params 65, independent of C.
public final class SpatialShrink: Layer {
    public let conv1: Conv1d
    public let bn: BatchNorm1d
    public let conv2: Conv1d

    public init(generator: inout SeededGenerator) {
        conv1 = Conv1d(1, 4, kernelSize: 7, padding: 3, bias: false, generator: &generator)
        bn = BatchNorm1d(4)
        conv2 = Conv1d(4, 1, kernelSize: 7, padding: 3, generator: &generator)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let average = x.meanMagnitudeAcrossChannels()   // [B, 1, L], one pass
        let coefficient = conv2(bn(conv1(average)).relu()).sigmoid()
        return x.softThresholded(by: coefficient * average)
    }
}
