import Layers
import Random
import Tensors

/// The plain U-Net stage, MODEL-SPEC §1: `ReLU(bn2(conv2(ReLU(bn1(conv1(x))))))`, both convs
/// "same"-padded without bias. Params `K·Cin·C + K·C² + 4C`.
public final class DoubleConv: Layer {
    public let conv1: Conv1d
    public let bn1: BatchNorm1d
    public let conv2: Conv1d
    public let bn2: BatchNorm1d

    public init(_ inChannels: Int, _ channels: Int, kernelSize: Int = 3, generator: inout SeededGenerator) {
        conv1 = Conv1d(inChannels, channels, kernelSize: kernelSize, padding: kernelSize / 2, bias: false,
                       generator: &generator)
        bn1 = BatchNorm1d(channels)
        conv2 = Conv1d(channels, channels, kernelSize: kernelSize, padding: kernelSize / 2, bias: false,
                       generator: &generator)
        bn2 = BatchNorm1d(channels)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        conv2(conv1(x, normalizedBy: bn1, relu: true), normalizedBy: bn2, relu: true)
    }
}
