import Layers
import Random
import Tensors

/// The additive attention gate of Attention U-Net (Oktay et al. 2018), MODEL-SPEC §1:
/// ```
/// q = ReLU(bn_g(wg(g)) + bn_x(wx(x)));  α = sigmoid(bn_psi(psi(q)));  out = x ⊙ α
/// ```
/// `g` is the up-sampled decoder feature, `x` the skip; 1×1 convs to `C/2` then to 1.
public final class AttentionGate: Layer {
    public let wg: Conv1d
    @StateKey("bn_g") public var gatingNorm = BatchNorm1d(0)
    public let wx: Conv1d
    @StateKey("bn_x") public var skipNorm = BatchNorm1d(0)
    public let psi: Conv1d
    @StateKey("bn_psi") public var attentionNorm = BatchNorm1d(0)

    public init(channels: Int, generator: inout SeededGenerator) {
        let inner = channels / 2
        wg = Conv1d(channels, inner, kernelSize: 1, bias: false, generator: &generator)
        gatingNorm = BatchNorm1d(inner)
        wx = Conv1d(channels, inner, kernelSize: 1, bias: false, generator: &generator)
        skipNorm = BatchNorm1d(inner)
        psi = Conv1d(inner, 1, kernelSize: 1, bias: false, generator: &generator)
        attentionNorm = BatchNorm1d(1)
    }

    /// Gates `skip` by attention computed from `gating` and `skip`.
    public func callAsFunction(gating: Tensor, skip: Tensor) -> Tensor {
        let q = Tensor.reluOfSum(wg(gating, normalizedBy: gatingNorm, relu: false),
                                wx(skip, normalizedBy: skipNorm, relu: false))
        let alpha = psi(q, normalizedBy: attentionNorm, relu: false).sigmoid()     // [B, 1, L]
        return skip * alpha
    }

    /// Self-gating (`gating = skip`), to satisfy ``Layer``.
    public func callAsFunction(_ x: Tensor) -> Tensor { callAsFunction(gating: x, skip: x) }
}
