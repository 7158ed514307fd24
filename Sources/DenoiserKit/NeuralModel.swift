import Layers
import Random

/// A network that the zoo can build from a configuration: every neural model target
/// provides one, and the generated zoo registration refers to it by type.
///
/// ```swift
/// let model = DANCER(configuration: DANCERConfig(), generator: &rng)
/// ```
public protocol NeuralModel: Layer {
    /// The model's configuration, with MODEL-SPEC.md's values as defaults.
    associatedtype Configuration: ModelConfiguration

    /// The zoo id, e.g. `"dancer"`.
    static var id: String { get }

    /// Builds the network with PyTorch-default initialisation drawn from `generator`.
    init(configuration: Configuration, generator: inout SeededGenerator)

    /// Input lengths must be multiples of this (the total down-sampling factor).
    var lengthMultiple: Int { get }
}
