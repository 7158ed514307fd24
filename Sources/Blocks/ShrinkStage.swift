import Layers
import Random
import Tensors

/// The modules a ``ShrinkStage`` applies to its residual branch, in order.
public enum ShrinkModule: String, Codable, CaseIterable, Sendable {
    /// Channel adaptive compression (state key `cac`).
    case channel = "cac"
    /// Channel-spatial excitation (state key `cse`).
    case excitation = "cse"
    /// Spatial shrink (state key `ss`).
    case spatial = "ss"
}

/// The residual shrinkage stage (DRSN "RSBU"-style), MODEL-SPEC §1:
/// ```
/// h = ReLU(bn1(conv1(x)));  r = bn2(conv2(h));  r = modules(r);  y = ReLU(h + r)
/// ```
public final class ShrinkStage: ExplicitMembers {
    public let conv1: Conv1d
    public let bn1: BatchNorm1d
    public let conv2: Conv1d
    public let bn2: BatchNorm1d
    /// The residual-branch modules with their kinds, in application order.
    public let modules: [(ShrinkModule, any Layer)]

    public init(_ inChannels: Int, _ channels: Int, modules kinds: [ShrinkModule], kernelSize: Int = 3,
                generator: inout SeededGenerator) {
        conv1 = Conv1d(inChannels, channels, kernelSize: kernelSize, padding: kernelSize / 2, bias: false,
                       generator: &generator)
        bn1 = BatchNorm1d(channels)
        conv2 = Conv1d(channels, channels, kernelSize: kernelSize, padding: kernelSize / 2, bias: false,
                       generator: &generator)
        bn2 = BatchNorm1d(channels)
        modules = kinds.map { kind -> (ShrinkModule, any Layer) in
            switch kind {
            case .channel: return (kind, ChannelAdaptiveCompression(channels: channels, generator: &generator))
            case .excitation: return (kind, ChannelSpatialExcitation(channels: channels, generator: &generator))
            case .spatial: return (kind, SpatialShrink(generator: &generator))
            }
        }
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let h = conv1(x, normalizedBy: bn1, relu: true)
        let r = modules.reduce(conv2(h, normalizedBy: bn2, relu: false)) { residual, module in module.1(residual) }
        return Tensor.reluOfSum(h, r)   // ReLU(h + r), one pass
    }

    public var explicitMembers: [(String, LayerMember)] {
        [("conv1", .layer(conv1)), ("bn1", .layer(bn1)), ("conv2", .layer(conv2)), ("bn2", .layer(bn2))]
            + modules.map { ($0.0.rawValue, .layer($0.1)) }
    }
}
