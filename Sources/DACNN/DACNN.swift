import DenoiserKit
import Layers
import Random
import Tensors

/// `dacnn` — the dual-attention convolutional encoder–decoder (MODEL-SPEC §3), after
/// He et al.'s APR-CNN with per-channel PReLU in place of APReLU:
///
/// | name | op | output (input `[1, 1, 512]`) |
/// |---|---|---|
/// | `down1 … down4` | ``DownBlock`` 1→16→32→64→128, each halving L | e1 … e4, `[1, 128, 32]` last |
/// | `up1` | ``UpBlock``(128→64), then `+ e3` | `[1, 64, 64]` |
/// | `up2` | ``UpBlock``(64→32), then `+ e2` | `[1, 32, 128]` |
/// | `up3` | ``UpBlock``(32→16), then `+ e1` | `[1, 16, 256]` |
/// | `out` | ConvTranspose1d 16→1, K4, S2, P1, bias; no activation | `[1, 1, 512]` |
///
/// 130 741 parameters with the default configuration.
public final class DACNN: NeuralModel, ExplicitMembers {
    public static let id = "dacnn"
    public let configuration: DACNNConfig
    /// `down1 … downN`.
    public let downBlocks: [DownBlock]
    /// `up1 … up(N−1)`, deepest first.
    public let upBlocks: [UpBlock]
    /// The output layer `out`, back to one channel at the input length.
    public let out: ConvTranspose1d

    /// Builds the network with PyTorch-default initialisation drawn from `generator`.
    public init(configuration: DACNNConfig = DACNNConfig(), generator: inout SeededGenerator) {
        let channels = configuration.channels
        checkPrecondition(!channels.isEmpty, "DACNN needs at least one encoder block")
        self.configuration = configuration
        var downBlocks: [DownBlock] = []
        for (inChannels, width) in zip([1] + channels.dropLast(), channels) {
            downBlocks.append(DownBlock(inChannels, width, kernelSize: configuration.kernelSize,
                                        attentionReduction: configuration.attentionReduction,
                                        generator: &generator))
        }
        self.downBlocks = downBlocks
        var upBlocks: [UpBlock] = []
        for level in stride(from: channels.count - 1, to: 0, by: -1) {
            upBlocks.append(UpBlock(channels[level], channels[level - 1], generator: &generator))
        }
        self.upBlocks = upBlocks
        out = ConvTranspose1d(channels[0], 1, kernelSize: UpBlock.kernelSize, stride: UpBlock.stride,
                              padding: UpBlock.padding, generator: &generator)
    }

    /// Each encoder block halves the length: `2^N` for N blocks (16 by default).
    public var lengthMultiple: Int { 1 << downBlocks.count }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        checkPrecondition(x.rank == 3 && x.shape[1] == 1 && x.shape[2] % lengthMultiple == 0,
                          "DACNN input must be [B, 1, L] with L divisible by \(lengthMultiple), got \(x.shape)")
        var skips: [Tensor] = []
        var h = x
        for block in downBlocks {
            h = block(h)
            skips.append(h)
        }
        for (block, skip) in zip(upBlocks, skips.dropLast().reversed()) {
            h = block(h) + skip
        }
        return out(h)
    }

    public var explicitMembers: [(String, LayerMember)] {
        downBlocks.enumerated().map { ("down\($0.offset + 1)", .layer($0.element)) }
            + upBlocks.enumerated().map { ("up\($0.offset + 1)", .layer($0.element)) }
            + [("out", .layer(out))]
    }
}
