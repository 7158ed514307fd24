import Blocks
import DenoiserKit
import Layers
import Random
import Tensors

/// Configuration of `dancer`: widths and kernel size (MODEL-SPEC §2 defaults).
public typealias DANCERConfig = UNetFamilyConfig

/// `dancer` — the full model (MODEL-SPEC §2): a U-Net whose encoder stages are residual
/// shrinkage stages with the DANCE module — CAC (channel adaptive compression) then CSE
/// (channel-spatial excitation) — and whose four skips pass through attention gates.
/// 880 521 parameters with the default config.
public final class DANCER: NeuralModel, ExplicitMembers {
    public static let id = "dancer"
    public let configuration: DANCERConfig
    public let backbone: UNetBackbone

    public init(configuration: DANCERConfig = DANCERConfig(), generator: inout SeededGenerator) {
        self.configuration = configuration
        backbone = UNetBackbone(shrinkStages: [.channel, .excitation], configuration: configuration, gatedSkips: true,
                                generator: &generator)
    }

    public var lengthMultiple: Int { backbone.downsamplingFactor }
    public func callAsFunction(_ x: Tensor) -> Tensor { backbone(x) }
    public var explicitMembers: [(String, LayerMember)] { [("", .layer(backbone))] }
}
