import Layers
import Random
import Tensors

/// A DACNN encoder block `Cin → C` (MODEL-SPEC §3): Conv1d K, **stride 2**, padding K/2,
/// no bias → BatchNorm → PReLU(C) → ``DualAttention``. Halves the length.
///
/// State keys `conv`, `bn`, `act` (PyTorch `nn.PReLU(C)`, `act.weight [C]`), `dam`.
public final class DownBlock: Layer {
    public let conv: Conv1d
    public let bn: BatchNorm1d
    public let act: PReLU
    public let dam: DualAttention

    /// Creates the block; `kernelSize` must be odd.
    public init(_ inChannels: Int, _ channels: Int, kernelSize: Int = 7, attentionReduction: Int = 4,
                generator: inout SeededGenerator) {
        checkPrecondition(kernelSize % 2 == 1, "DownBlock: kernel size \(kernelSize) must be odd")
        conv = Conv1d(inChannels, channels, kernelSize: kernelSize, stride: 2, padding: kernelSize / 2,
                      bias: false, generator: &generator)
        bn = BatchNorm1d(channels)
        act = PReLU(channels: channels)
        dam = DualAttention(channels: channels, reduction: attentionReduction, generator: &generator)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        dam(act(bn(conv(x))))
    }
}
