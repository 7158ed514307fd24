import Layers
import Random
import Tensors

/// The U-Net family skeleton shared by `unet`, `dancer` and its ablations (MODEL-SPEC §2):
/// encoder stages `enc1 … encN` with max-pooling between them, a bottleneck `bott`, decoder
/// stages `upN … up1` with skips, and a 1×1 `head`. No global residual.
///
/// The encoder stage is the only thing that differs between the models, plus whether the
/// skips are gated; a model passes a factory for its stage.
public final class UNetBackbone: ExplicitMembers {
    /// Builds an encoder stage `Cin → C`.
    public typealias StageFactory = (_ inChannels: Int, _ channels: Int, _ generator: inout SeededGenerator) -> any Layer

    public let encoders: [any Layer]
    public let bottleneck: any Layer
    public let decoders: [UpStage]
    public let head: Conv1d
    private let pool = MaxPool1d(kernelSize: 2)

    /// `widths` are the channels per level, bottleneck last (spec: 16, 32, 64, 128, 256).
    public init(inChannels: Int = 1, widths: [Int], kernelSize: Int = 3, gatedSkips: Bool,
                stage: StageFactory, generator: inout SeededGenerator) {
        checkPrecondition(widths.count >= 2, "a U-Net needs at least one encoder level and a bottleneck")
        var encoders: [any Layer] = []
        var previous = inChannels
        for width in widths.dropLast() {
            encoders.append(stage(previous, width, &generator))
            previous = width
        }
        self.encoders = encoders
        bottleneck = stage(previous, widths[widths.count - 1], &generator)
        var decoders: [UpStage] = []
        for level in stride(from: widths.count - 1, to: 0, by: -1) {
            decoders.append(UpStage(widths[level], widths[level - 1], gated: gatedSkips, kernelSize: kernelSize,
                                    generator: &generator))
        }
        self.decoders = decoders
        head = Conv1d(widths[0], inChannels, kernelSize: 1, generator: &generator)
    }

    /// The total down-sampling factor: input lengths must be multiples of it.
    public var downsamplingFactor: Int { 1 << encoders.count }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        checkPrecondition(x.rank == 3 && x.shape[2] % downsamplingFactor == 0,
                          "U-Net input must be [B, C, L] with L divisible by \(downsamplingFactor), got \(x.shape)")
        var skips: [Tensor] = []
        var h = x
        for encoder in encoders {
            h = encoder(h)
            skips.append(h)
            h = pool(h)
        }
        h = bottleneck(h)
        for (decoder, skip) in zip(decoders, skips.reversed()) { h = decoder(h, skip: skip) }
        return head(h)
    }

    public var explicitMembers: [(String, LayerMember)] {
        let depth = encoders.count
        return encoders.enumerated().map { ("enc\($0.offset + 1)", .layer($0.element)) }
            + [("bott", .layer(bottleneck))]
            + decoders.enumerated().map { ("up\(depth - $0.offset)", .layer($0.element)) }
            + [("head", .layer(head))]
    }
}

extension UNetBackbone {
    /// A backbone whose encoder stages are ``ShrinkStage``s with `modules`.
    public convenience init(shrinkStages modules: [ShrinkModule], configuration: UNetFamilyConfig,
                            gatedSkips: Bool, generator: inout SeededGenerator) {
        let k = configuration.kernelSize
        self.init(widths: configuration.widths, kernelSize: k, gatedSkips: gatedSkips,
                  stage: { ShrinkStage($0, $1, modules: modules, kernelSize: k, generator: &$2) },
                  generator: &generator)
    }
}
