import Layers

/// The configuration of `acdae` (MODEL-SPEC §4); defaults are the spec's.
///
/// ```swift
/// let noAttention = ACDAEConfig(channels: [16, 32, 64, 128], kernelSizes: [13, 7, 7, 7], attentiveDecoderBlocks: 0)
/// ```
public struct ACDAEConfig: ModelConfiguration {
    /// Channels of the encoder blocks `enc1 … encN`; N max-poolings make inputs multiples of `2^N`.
    public var channels: [Int]
    /// Kernel size per level (odd): `enc_i` uses `kernelSizes[i]`, and so does the decoder
    /// block that returns to level i.
    public var kernelSizes: [Int]
    /// The negative slope of every LeakyReLU.
    public var leakySlope: Float
    /// How many decoder blocks, counted from `dec1`, end with ECA.
    public var attentiveDecoderBlocks: Int

    /// The spec's defaults: channels 16, 32, 64, 128, kernels 13, 7, 7, 7, slope 0.2, ECA in
    /// `dec1 … dec3`.
    public init() { self.init(channels: [16, 32, 64, 128], kernelSizes: [13, 7, 7, 7]) }

    /// Creates a configuration; omitted values are MODEL-SPEC §4's.
    public init(channels: [Int], kernelSizes: [Int], leakySlope: Float = 0.2, attentiveDecoderBlocks: Int = 3) {
        self.channels = channels
        self.kernelSizes = kernelSizes
        self.leakySlope = leakySlope
        self.attentiveDecoderBlocks = attentiveDecoderBlocks
    }

    private enum CodingKeys: String, CodingKey { case channels, kernelSizes, leakySlope, attentiveDecoderBlocks }

    /// Decodes a configuration (e.g. a checkpoint manifest's `config`) and rejects one the
    /// network cannot be built from, instead of trapping later while building it.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(channels: try container.decode([Int].self, forKey: .channels),
                  kernelSizes: try container.decode([Int].self, forKey: .kernelSizes),
                  leakySlope: try container.decode(Float.self, forKey: .leakySlope),
                  attentiveDecoderBlocks: try container.decode(Int.self, forKey: .attentiveDecoderBlocks))
        guard !channels.isEmpty, channels.allSatisfy({ $0 >= 1 }) else {
            throw DecodingError.dataCorruptedError(forKey: .channels, in: container, debugDescription:
                "channels must list at least one positive channel count per level, got \(channels)")
        }
        guard kernelSizes.count == channels.count, kernelSizes.allSatisfy({ $0 >= 1 && $0 % 2 == 1 }) else {
            throw DecodingError.dataCorruptedError(forKey: .kernelSizes, in: container, debugDescription:
                "kernelSizes must give one positive odd kernel size per level (\(channels.count)), got \(kernelSizes)")
        }
        guard leakySlope.isFinite, attentiveDecoderBlocks >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .leakySlope, in: container, debugDescription:
                "leakySlope must be finite and attentiveDecoderBlocks ≥ 0, got \(leakySlope) and \(attentiveDecoderBlocks)")
        }
    }
}
