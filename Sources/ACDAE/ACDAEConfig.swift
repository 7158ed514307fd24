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
}
