import Layers
import Random

/// How the zoo builds one model from a (JSON) configuration. The generated zoo
/// registration (from `Registry.json`) holds one factory per model id.
///
/// ```swift
/// "dancer": .neural(DANCER.self)
/// ```
public struct ModelFactory: Sendable {
    /// A freshly built network and the input-length multiple it needs.
    public typealias Network = (layer: any Layer, lengthMultiple: Int)

    /// Whether the model has weights.
    public enum Kind: Sendable { case neural, classical }

    public let kind: Kind
    /// The default configuration as JSON (the model's `Configuration()` defaults).
    public let defaultConfiguration: @Sendable () throws -> JSONValue
    let network: (@Sendable (JSONValue?, UInt64) throws -> Network)?
    let classical: (@Sendable (JSONValue?) throws -> any Denoiser)?

    /// A factory for a neural model type.
    public static func neural<Model: NeuralModel>(_ type: Model.Type) -> ModelFactory {
        ModelFactory(
            kind: .neural,
            defaultConfiguration: { try JSONValue(encoding: Model.Configuration()) },
            network: { json, seed in
                let configuration = try decode(Model.Configuration.self, json, model: Model.id)
                var generator = SeededGenerator(seed: seed)
                let model = Model(configuration: configuration, generator: &generator)
                return (model, model.lengthMultiple)
            },
            classical: nil)
    }

    /// A factory for a classical filter type.
    public static func classical<Model: ClassicalModel>(_ type: Model.Type) -> ModelFactory {
        ModelFactory(
            kind: .classical,
            defaultConfiguration: { try JSONValue(encoding: Model.Configuration()) },
            network: nil,
            classical: { json in Model(configuration: try decode(Model.Configuration.self, json, model: Model.id)) })
    }

    private static func decode<C: ModelConfiguration>(_ type: C.Type, _ json: JSONValue?, model: String) throws -> C {
        guard let json else { return C() }
        do {
            return try json.decode(as: C.self)
        } catch {
            throw ZooError.invalidConfiguration(model: model, reason: "\(error)")
        }
    }
}

