import Blocks
import DenoiserKit
import Layers
import Random
import Tensors

/// Configuration of `dancer-spatial`: widths and kernel size (MODEL-SPEC §2 defaults).
public typealias DANCESpatialConfig = UNetFamilyConfig

/// `dancer-spatial` — ablation "+spatial shrink" (MODEL-SPEC §2): residual shrinkage
/// stages with SpatialShrink only, ungated skips. 678 902 parameters with the default config.
public final class DANCESpatial: NeuralModel, ExplicitMembers {
    public static let id = "dancer-spatial"
    public let configuration: DANCESpatialConfig
    public let backbone: UNetBackbone

    public init(configuration: DANCESpatialConfig = DANCESpatialConfig(), generator: inout SeededGenerator) {
        self.configuration = configuration
        backbone = UNetBackbone(shrinkStages: [.spatial], configuration: configuration, gatedSkips: false,
                                generator: &generator)
    }

    public var lengthMultiple: Int { backbone.downsamplingFactor }
    public func callAsFunction(_ x: Tensor) -> Tensor { backbone(x) }
    public var explicitMembers: [(String, LayerMember)] { [("", .layer(backbone))] }
}
