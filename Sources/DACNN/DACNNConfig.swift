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
}
