import DenoiserKit
import Layers
import Random
import Tensors

/// A toy model used to prove that adding a variant needs no central switch: a target,
/// a Registry.json entry and a line in Package.swift (scripts/check-add-variant.sh).
public struct ToyVariantConfig: ModelConfiguration {
    public var channels = 4
    public init() {}
}

public final class ToyVariant: NeuralModel {
    public static let id = "toy-variant"
    public let conv1: Conv1d
    public let conv2: Conv1d

    public init(configuration: ToyVariantConfig, generator: inout SeededGenerator) {
        conv1 = Conv1d(1, configuration.channels, kernelSize: 3, padding: 1, generator: &generator)
        conv2 = Conv1d(configuration.channels, 1, kernelSize: 3, padding: 1, generator: &generator)
    }

    public var lengthMultiple: Int { 1 }
    public func callAsFunction(_ x: Tensor) -> Tensor { conv2(conv1(x).relu()) }
}
