import Layers

/// The configuration of `dacnn` (MODEL-SPEC §3); defaults are the spec's.
///
/// ```swift
/// let wider = DACNNConfig(channels: [32, 64, 128, 256])
/// ```
public struct DACNNConfig: ModelConfiguration {
    /// Channels of the encoder blocks `down1 … downN`; each block halves the length, so
    /// inputs must be multiples of `2^channels.count`.
    public var channels: [Int]
    /// Kernel size of the strided encoder convolutions (odd, padding `K / 2`).
    public var kernelSize: Int
    /// The reduction ratio `r` of the dual-attention channel MLP (`C → C/r → C`).
    public var attentionReduction: Int

    /// The spec's defaults: channels 16, 32, 64, 128, kernel 7, reduction 4.
    public init() { self.init(channels: [16, 32, 64, 128]) }

    /// Creates a configuration; omitted values are MODEL-SPEC §3's.
    public init(channels: [Int], kernelSize: Int = 7, attentionReduction: Int = 4) {
        self.channels = channels
        self.kernelSize = kernelSize
        self.attentionReduction = attentionReduction
    }

    private enum CodingKeys: String, CodingKey { case channels, kernelSize, attentionReduction }

    /// Decodes a configuration (e.g. a checkpoint manifest's `config`) and rejects one the
    /// network cannot be built from, instead of trapping later while building it.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(channels: try container.decode([Int].self, forKey: .channels),
                  kernelSize: try container.decode(Int.self, forKey: .kernelSize),
                  attentionReduction: try container.decode(Int.self, forKey: .attentionReduction))
        guard !channels.isEmpty, channels.allSatisfy({ $0 >= 1 }) else {
            throw DecodingError.dataCorruptedError(forKey: .channels, in: container, debugDescription:
                "channels must list at least one positive channel count per encoder block, got \(channels)")
        }
        guard kernelSize >= 1, kernelSize % 2 == 1 else {
            throw DecodingError.dataCorruptedError(forKey: .kernelSize, in: container, debugDescription:
                "kernelSize must be a positive odd number, got \(kernelSize)")
        }
        guard attentionReduction >= 1, channels.allSatisfy({ $0 >= attentionReduction }) else {
            throw DecodingError.dataCorruptedError(forKey: .attentionReduction, in: container, debugDescription:
                "attentionReduction must be at least 1 and at most the smallest channel count \(channels.min() ?? 0), got \(attentionReduction)")
        }
    }
}
