import Blocks
import Layers
import Random
import Tensors

/// An ACDAE decoder block `Dec(Cin → C, K, eca)` (MODEL-SPEC §4): ConvTranspose1d K,
/// **stride 1**, padding K/2, no bias (length unchanged) → BatchNorm → LeakyReLU →
/// upsample ×2 nearest → ECA(C) if enabled. Doubles the length.
///
/// State keys `conv`, `bn` and, when enabled, `eca` (``EfficientChannelAttention``).
public final class ACDAEDecoderBlock: Layer {
    public let conv: ConvTranspose1d
    public let bn: BatchNorm1d
    public let eca: EfficientChannelAttention?
    /// The LeakyReLU's negative slope (0.2 in the spec).
    public let slope: Float

    /// Creates the block; `kernelSize` must be odd.
    public init(_ inChannels: Int, _ channels: Int, kernelSize: Int, attention: Bool, slope: Float = 0.2,
                generator: inout SeededGenerator) {
        checkPrecondition(kernelSize % 2 == 1, "ACDAEDecoderBlock: kernel size \(kernelSize) must be odd")
        conv = ConvTranspose1d(inChannels, channels, kernelSize: kernelSize, padding: kernelSize / 2, bias: false,
                               generator: &generator)
        bn = BatchNorm1d(channels)
        eca = attention ? EfficientChannelAttention(channels: channels, generator: &generator) : nil
        self.slope = slope
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let upsampled = bn(conv(x)).leakyRelu(slope: slope).upsampled(by: 2)
        guard let eca else { return upsampled }
        return eca(upsampled)
    }
}
