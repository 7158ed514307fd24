/// The configuration of `acdae` (MODEL-SPEC §4); defaults are the spec's.
///
/// ```swift
/// let noAttention = ACDAEConfig(attentiveDecoderBlocks: 0)
/// ```
public struct ACDAEConfig: Codable, Equatable, Sendable {
    /// Channels of the encoder blocks `enc1 … encN`; N max-poolings make inputs multiples of `2^N`.
    public var channels: [Int]
    /// Kernel size per level (odd): `enc_i` uses `kernelSizes[i]`, and so does the decoder
    /// block that returns to level i.
    public var kernelSizes: [Int]
    /// The negative slope of every LeakyReLU.
    public var leakySlope: Float
    /// How many decoder blocks, counted from `dec1`, end with ECA.
    public var attentiveDecoderBlocks: Int

    /// Creates a configuration; the defaults are MODEL-SPEC §4's.
    public init(channels: [Int] = [16, 32, 64, 128], kernelSizes: [Int] = [13, 7, 7, 7],
                leakySlope: Float = 0.2, attentiveDecoderBlocks: Int = 3) {
        self.channels = channels
        self.kernelSizes = kernelSizes
        self.leakySlope = leakySlope
        self.attentiveDecoderBlocks = attentiveDecoderBlocks
    }
}
