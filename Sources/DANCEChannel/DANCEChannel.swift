import Blocks
import DenoiserKit
import Layers
import Random
import Tensors

/// Configuration of `dancer-channel`: widths and kernel size (MODEL-SPEC §2 defaults).
public typealias DANCEChannelConfig = UNetFamilyConfig

/// `dancer-channel` — ablation "+channel shrink" (MODEL-SPEC §2): residual shrinkage
/// stages with CAC only, ungated skips. 854 657 parameters with the default config.
public final class DANCEChannel: NeuralModel, ExplicitMembers {
    public static let id = "dancer-channel"
    public let configuration: DANCEChannelConfig
    public let backbone: UNetBackbone

    public init(configuration: DANCEChannelConfig = DANCEChannelConfig(), generator: inout SeededGenerator) {
        self.configuration = configuration
        backbone = UNetBackbone(shrinkStages: [.channel], configuration: configuration, gatedSkips: false,
                                generator: &generator)
    }

    public var lengthMultiple: Int { backbone.downsamplingFactor }
    public func callAsFunction(_ x: Tensor) -> Tensor { backbone(x) }
    public var explicitMembers: [(String, LayerMember)] { [("", .layer(backbone))] }
}
