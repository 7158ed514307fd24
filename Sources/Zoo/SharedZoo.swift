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
        } catch let error as ZooError {
            // The build-time generator checks less than `Registry(data:)`; report, never crash.
            return ModelZoo(unreadableRegistry: error)
        } catch {
            return ModelZoo(unreadableRegistry: .invalidRegistry(file: "Registry.json (embedded)", reason: "\(error)"))
        }
    }()
}
