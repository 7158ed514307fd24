import DenoiserKit
import Foundation

extension ModelZoo {
    /// The zoo of this build: every model of `Registry.json` (embedded at build time by the
    /// RegistryCodegen plugin), checkpoints found under the repository's `Models/`.
    ///
    /// ```swift
    /// let denoiser = try ModelZoo.shared.load("dancer", checkpoint: "emb")
    /// ```
    public static let shared: ModelZoo = {
        do {
            let registry = try Registry(data: Data(generatedRegistryJSON.utf8), source: "Registry.json (embedded)")
            return ModelZoo(registry: registry, factories: generatedFactories)
        } catch {
            // The generator validated this JSON at build time; failing here is a build bug.
            preconditionFailure("embedded Registry.json does not decode: \(error)")
        }
    }()
}
