import Blocks
import DenoiserKit
import Layers
import Random
import Tensors

/// Configuration of `unet`: widths and kernel size (MODEL-SPEC §2 defaults).
public typealias UNetConfig = UNetFamilyConfig

/// `unet` — the plain U-Net baseline (MODEL-SPEC §2): DoubleConv encoder stages, no
/// shrinkage, no shortcut, ungated skips. 678 577 parameters with the default config.
public final class UNet: NeuralModel, ExplicitMembers {
    public static let id = "unet"
    public let configuration: UNetConfig
    public let backbone: UNetBackbone

    public init(configuration: UNetConfig = UNetConfig(), generator: inout SeededGenerator) {
        self.configuration = configuration
        let k = configuration.kernelSize
        backbone = UNetBackbone(widths: configuration.widths, kernelSize: k, gatedSkips: false,
                                stage: { DoubleConv($0, $1, kernelSize: k, generator: &$2) },
                                generator: &generator)
    }

    public var lengthMultiple: Int { backbone.downsamplingFactor }
    public func callAsFunction(_ x: Tensor) -> Tensor { backbone(x) }
    public var explicitMembers: [(String, LayerMember)] { [("", .layer(backbone))] }
}
