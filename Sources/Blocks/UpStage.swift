import Layers
import Random
import Tensors

/// A decoder stage, MODEL-SPEC §1:
/// ```
/// u = up(d)                          ConvTranspose1d Cin→C, K2, S2 (length ×2)
/// s = ag(u, skip) if gated, else skip
/// y = conv(cat[s, u])                skip first; conv = DoubleConv(2C → C)
/// ```
public final class UpStage: Layer {
    public let up: ConvTranspose1d
    public let ag: AttentionGate?
    public let conv: DoubleConv

    public init(_ inChannels: Int, _ channels: Int, gated: Bool, kernelSize: Int = 3,
                generator: inout SeededGenerator) {
        up = ConvTranspose1d(inChannels, channels, kernelSize: 2, stride: 2, generator: &generator)
        ag = gated ? AttentionGate(channels: channels, generator: &generator) : nil
        conv = DoubleConv(2 * channels, channels, kernelSize: kernelSize, generator: &generator)
    }

    /// Up-samples `x` and fuses it with the encoder feature `skip`.
    public func callAsFunction(_ x: Tensor, skip: Tensor) -> Tensor {
        let u = up(x)
        let s = ag.map { $0(gating: u, skip: skip) } ?? skip
        return conv(Tensor.concatenate([s, u], alongAxis: 1))
    }

    /// Without a skip the stage cannot run; ``UNetBackbone`` calls ``callAsFunction(_:skip:)``.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        fatalError("UpStage needs its skip feature: call stage(x, skip: e)")
    }
}
