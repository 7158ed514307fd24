import DenoiserKit
import Layers
import Random
import Tensors

/// `acdae` — the attention-based convolutional denoising autoencoder (MODEL-SPEC §4),
/// after Chen et al. (IEEE TIM 2022), single-lead, with batch norm:
///
/// | name | op | output (input `[1, 1, 512]`) |
/// |---|---|---|
/// | `enc1` | ``ACDAEEncoderBlock``(1→16, K13) | e1 `[1, 16, 512]` |
/// | `enc2 … enc4` | max-pool 2 → Enc(16→32→64→128, K7) | e2 … e4, `[1, 128, 64]` last |
/// | — | max-pool 2: bottleneck z | `[1, 128, 32]` |
/// | `dec1` | ``ACDAEDecoderBlock``(128→128, K7, ECA), then `+ e4` | `[1, 128, 64]` |
/// | `dec2` | Dec(128→64, K7, ECA), then `+ e3` | `[1, 64, 128]` |
/// | `dec3` | Dec(64→32, K7, ECA), then `+ e2` | `[1, 32, 256]` |
/// | `dec4` | Dec(32→16, K13, no ECA), then `+ e1` | `[1, 16, 512]` |
/// | `head` | Conv1d 16→1, K1, bias; no activation | `[1, 1, 512]` |
///
/// 269 484 parameters with the default configuration.
public final class ACDAE: NeuralModel, ExplicitMembers {
    public static let id = "acdae"
    public let configuration: ACDAEConfig
    /// `enc1 … encN`.
    public let encoderBlocks: [ACDAEEncoderBlock]
    /// `dec1 … decN`, deepest first; `dec_j` returns to level N − j + 1.
    public let decoderBlocks: [ACDAEDecoderBlock]
    /// The 1×1 output convolution `head`.
    public let head: Conv1d
    private let pool = MaxPool1d(kernelSize: 2)

    /// Builds the network with PyTorch-default initialisation drawn from `generator`.
    public init(configuration: ACDAEConfig = ACDAEConfig(), generator: inout SeededGenerator) {
        let channels = configuration.channels, kernels = configuration.kernelSizes
        let slope = configuration.leakySlope
        checkPrecondition(!channels.isEmpty && kernels.count == channels.count,
                          "ACDAE needs one kernel size per level, got \(kernels.count) for \(channels.count) levels")
        self.configuration = configuration
        var encoderBlocks: [ACDAEEncoderBlock] = []
        for (level, inChannels) in ([1] + channels.dropLast()).enumerated() {
            encoderBlocks.append(ACDAEEncoderBlock(inChannels, channels[level], kernelSize: kernels[level],
                                                   slope: slope, generator: &generator))
        }
        self.encoderBlocks = encoderBlocks
        var decoderBlocks: [ACDAEDecoderBlock] = []
        var inChannels = channels[channels.count - 1]
        for level in channels.indices.reversed() {
            let attention = decoderBlocks.count < configuration.attentiveDecoderBlocks
            decoderBlocks.append(ACDAEDecoderBlock(inChannels, channels[level], kernelSize: kernels[level],
                                                   attention: attention, slope: slope, generator: &generator))
            inChannels = channels[level]
        }
        self.decoderBlocks = decoderBlocks
        head = Conv1d(channels[0], 1, kernelSize: 1, generator: &generator)
    }

    /// One max-pooling per encoder block: `2^N` (16 by default).
    public var lengthMultiple: Int { 1 << encoderBlocks.count }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        checkPrecondition(x.rank == 3 && x.shape[1] == 1 && x.shape[2] % lengthMultiple == 0,
                          "ACDAE input must be [B, 1, L] with L divisible by \(lengthMultiple), got \(x.shape)")
        var skips: [Tensor] = []
        var h = x
        for (index, block) in encoderBlocks.enumerated() {
            h = block(index == 0 ? h : pool(h))
            skips.append(h)
        }
        h = pool(h)
        for (block, skip) in zip(decoderBlocks, skips.reversed()) {
            h = block(h) + skip
        }
        return head(h)
    }

    public var explicitMembers: [(String, LayerMember)] {
        encoderBlocks.enumerated().map { ("enc\($0.offset + 1)", .layer($0.element)) }
            + decoderBlocks.enumerated().map { ("dec\($0.offset + 1)", .layer($0.element)) }
            + [("head", .layer(head))]
    }
}
