import Blocks
import DenoiserKit
import Layers
import Random
import Tensors

/// Configuration of `dancer-dual`: widths and kernel size (MODEL-SPEC §2 defaults).
public typealias DANCEDualConfig = UNetFamilyConfig

/// `dancer-dual` — ablation "+channel & spatial" (MODEL-SPEC §2): residual shrinkage
/// stages with CAC then SpatialShrink, ungated skips. 854 982 parameters with the default config.
public final class DANCEDual: NeuralModel, ExplicitMembers {
    public static let id = "dancer-dual"
    public let configuration: DANCEDualConfig
    public let backbone: UNetBackbone

    public init(configuration: DANCEDualConfig = DANCEDualConfig(), generator: inout SeededGenerator) {
        self.configuration = configuration
        backbone = UNetBackbone(shrinkStages: [.channel, .spatial], configuration: configuration, gatedSkips: false,
                                generator: &generator)
    }

    public var lengthMultiple: Int { backbone.downsamplingFactor }
    public func callAsFunction(_ x: Tensor) -> Tensor { backbone(x) }
    public var explicitMembers: [(String, LayerMember)] { [("", .layer(backbone))] }
}
