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

    private enum CodingKeys: String, CodingKey { case widths, kernelSize }

    /// Decodes a configuration (e.g. a checkpoint manifest's `config`) and rejects one the
    /// backbone cannot be built from, instead of trapping later in `UNetBackbone`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(widths: try container.decode([Int].self, forKey: .widths),
                  kernelSize: try container.decode(Int.self, forKey: .kernelSize))
        guard widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else {
            throw DecodingError.dataCorruptedError(forKey: .widths, in: container, debugDescription:
                "widths must list at least two positive channel counts (encoder levels, then the bottleneck), got \(widths)")
        }
        guard kernelSize >= 1, kernelSize % 2 == 1 else {
            throw DecodingError.dataCorruptedError(forKey: .kernelSize, in: container, debugDescription:
                "kernelSize must be a positive odd number, got \(kernelSize)")
        }
    }
}
