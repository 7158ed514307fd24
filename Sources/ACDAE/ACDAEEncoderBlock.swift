import Layers
import Random
import Tensors

/// An ACDAE encoder block `Enc(Cin → C, K)` (MODEL-SPEC §4): Conv1d K, padding K/2,
/// no bias → BatchNorm → LeakyReLU. Keeps the length.
///
/// State keys `conv`, `bn`.
public final class ACDAEEncoderBlock: Layer {
    public let conv: Conv1d
    public let bn: BatchNorm1d
    /// The LeakyReLU's negative slope (0.2 in the spec).
    public let slope: Float

    /// Creates the block; `kernelSize` must be odd.
    public init(_ inChannels: Int, _ channels: Int, kernelSize: Int, slope: Float = 0.2,
                generator: inout SeededGenerator) {
        checkPrecondition(kernelSize % 2 == 1, "ACDAEEncoderBlock: kernel size \(kernelSize) must be odd")
        conv = Conv1d(inChannels, channels, kernelSize: kernelSize, padding: kernelSize / 2, bias: false,
                      generator: &generator)
        bn = BatchNorm1d(channels)
        self.slope = slope
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        bn(conv(x)).leakyRelu(slope: slope)
    }
}
