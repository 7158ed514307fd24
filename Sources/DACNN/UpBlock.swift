import Layers
import Random
import Tensors

/// A DACNN decoder block `Cin → C` (MODEL-SPEC §3): ConvTranspose1d K4, **stride 2**,
/// padding 1, no bias → BatchNorm → PReLU(C). Doubles the length exactly
/// (`(L − 1)·2 − 2 + 4 = 2L`).
///
/// State keys `conv`, `bn`, `act`.
public final class UpBlock: Layer {
    /// Kernel, stride and padding of every DACNN transposed convolution (also `out`).
    public static let kernelSize = 4, stride = 2, padding = 1

    public let conv: ConvTranspose1d
    public let bn: BatchNorm1d
    public let act: PReLU

    /// Creates the block.
    public init(_ inChannels: Int, _ channels: Int, generator: inout SeededGenerator) {
        conv = ConvTranspose1d(inChannels, channels, kernelSize: Self.kernelSize, stride: Self.stride,
                               padding: Self.padding, bias: false, generator: &generator)
        bn = BatchNorm1d(channels)
        act = PReLU(channels: channels)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        act(bn(conv(x)))
    }
}
