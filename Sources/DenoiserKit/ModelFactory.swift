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
            classical: { json in
                let configuration = try decode(Model.Configuration.self, json, model: Model.id)
                try rejectUnknownSettings(in: json, decodedAs: configuration, model: Model.id)
                return Model(configuration: configuration)
            })
    }

    /// Throws when `json` names a setting that `configuration` does not have: decoding skips
    /// unknown keys, so a misspelt `lowCutof` would otherwise leave the default in force unnoticed.
    /// A key is known when the decoded configuration encodes it back (`null` values are skipped).
    private static func rejectUnknownSettings<C: ModelConfiguration>(in json: JSONValue?, decodedAs configuration: C,
                                                                    model: String) throws {
        guard case .object(let given)? = json, case .object(let known) = try JSONValue(encoding: configuration) else { return }
        let unknown = given.filter { $0.value != .null && known[$0.key] == nil }.keys.sorted()
        guard !unknown.isEmpty else { return }
        throw ZooError.invalidConfiguration(
            model: model, reason: "it has no setting " + unknown.map { "'\($0)'" }.joined(separator: ", ")
                + "; its settings: " + known.keys.sorted().joined(separator: ", "))
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

