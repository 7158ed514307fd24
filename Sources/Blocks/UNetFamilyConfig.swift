import Layers

/// The configuration shared by the U-Net family (`unet`, `dancer` and its ablations,
/// MODEL-SPEC §2); defaults are the spec's.
///
/// ```swift
/// let wider = UNetFamilyConfig(widths: [32, 64, 128, 256, 512])
/// ```
public struct UNetFamilyConfig: ModelConfiguration {
    /// Channels per level, bottleneck last (its count − 1 is the number of poolings).
    public var widths: [Int]
    /// Kernel size of every stage convolution (odd, "same" padding).
    public var kernelSize: Int

    /// The spec's defaults: widths 16, 32, 64, 128, 256 and kernel 3.
    public init() { self.init(widths: [16, 32, 64, 128, 256], kernelSize: 3) }

    public init(widths: [Int], kernelSize: Int = 3) {
        self.widths = widths
        self.kernelSize = kernelSize
    }
}
