import Foundation
import Layers

/// The zoo: every registered model by name, built from its factory and, for neural models,
/// loaded with a verified checkpoint. Neural and classical models come out the same way.
///
/// ```swift
/// ModelZoo.shared.names                                   // ["acdae", "dacnn", "dancer", …]
/// let denoiser = try ModelZoo.shared.load("dancer", checkpoint: "emb")
/// let clean = try denoiser.denoise(recording)
/// ```
public final class ModelZoo: @unchecked Sendable {
    public let registry: Registry
    private let factories: [String: ModelFactory]
    private let explicitModelsDirectory: URL?

    /// A zoo over `registry`, with one factory per registered id. `modelsDirectory` is the
    /// repository root holding `Models/` (found automatically when `nil`, see
    /// ``resolveRepositoryRoot()``).
    public init(registry: Registry, factories: [String: ModelFactory], repositoryRoot: URL? = nil) {
        self.registry = registry
        self.factories = factories
        self.explicitModelsDirectory = repositoryRoot
        self.registryProblem = nil
    }

    /// A zoo whose registry could not be read: it lists no model, and every lookup throws
    /// `problem` (which names the file and what is wrong) instead of the program crashing.
    public init(unreadableRegistry problem: ZooError) {
        self.registry = Registry(protocolVersion: "unreadable", models: [])
        self.factories = [:]
        self.explicitModelsDirectory = nil
        self.registryProblem = problem
    }

    /// Why the registry could not be read, for a zoo made with ``init(unreadableRegistry:)``.
    public let registryProblem: ZooError?

    /// The factories by id (to build a zoo over another registry, e.g. in tests).
    public var factoryTable: [String: ModelFactory] { factories }

    /// Registered ids that have a factory, sorted.
    public var names: [String] { registry.models.map(\.id).filter { factories[$0] != nil }.sorted() }

    /// The registry entry for `id`, or an error listing the ids and the closest one.
    public func entry(_ id: String) throws -> Registry.Entry {
        if let registryProblem { throw registryProblem }
        guard let entry = registry.model(id), factories[id] != nil else {
            throw ZooError.unknownModel(id: id, available: names, suggestion: ClosestMatch.find(id, in: names))
        }
        return entry
    }

    /// The factory for `id`.
    public func factory(_ id: String) throws -> ModelFactory {
        _ = try entry(id)
        guard let factory = factories[id] else { throw ZooError.unknownModel(id: id, available: names, suggestion: nil) }
        return factory
    }

    /// A freshly initialised network for `id` (for training), from `configuration` or the
    /// registry's default configuration.
    public func makeNetwork(_ id: String, configuration: JSONValue? = nil, seed: UInt64 = 0) throws -> ModelFactory.Network {
        let factory = try factory(id)
        guard let build = factory.network else {
            throw ZooError.invalidConfiguration(model: id, reason: "a classical filter has no network to train")
        }
        return try build(configuration ?? entry(id).config, seed)
    }

    /// The model card of `id` (parameter count from a built network).
    public func card(_ id: String) throws -> ModelCard {
        let entry = try entry(id)
        let parameters = try factory(id).kind == .neural ? makeNetwork(id).layer.parameterCount : 0
        return ModelCard(id: id, family: entry.family, summary: entry.summary, reference: entry.reference,
                         parameterCount: parameters)
    }

    /// A ready denoiser. For neural models `checkpoint` is a registered name (`emb`, …) or a
    /// path to a `.zip`; `nil` takes the first registered checkpoint. Classical filters
    /// ignore it. A registered archive — named, or given by a path to its registered file —
    /// must have its registered sha256 unless `checksum` is ``ChecksumPolicy/skip``.
    public func load(_ id: String, checkpoint: String? = nil, checksum: ChecksumPolicy = .enforce) throws -> any Denoiser {
        let entry = try entry(id)
        let factory = try factory(id)
        if factory.kind == .classical, let build = factory.classical {
            return try build(classicalConfiguration(id))
        }
        let archive = try resolveCheckpoint(entry, checkpoint)
        let loaded = try Checkpoint.read(from: archive.url, expectedSHA256: checksum == .enforce ? archive.sha256 : nil)
        return try denoiser(entry, from: loaded, path: archive.url.path)
    }

    /// A classical filter with some settings changed: `overrides` (a JSON object) replaces the
    /// matching keys of the registry's configuration, the rest keep their registered values.
    /// For tuning a filter on one's own data; a neural model's settings come with its
    /// checkpoint, so asking for one throws `ZooError.invalidConfiguration`.
    ///
    /// ```swift
    /// let dwt = try ModelZoo.shared.classicalFilter("dwt", overriding: .object(["threshold": .string("levelDependent")]))
    /// ```
    public func classicalFilter(_ id: String, overriding overrides: JSONValue) throws -> any Denoiser {
        guard let build = try factory(id).classical else {
            throw ZooError.invalidConfiguration(
                model: id, reason: "it is a neural model, whose settings come with its checkpoint; only a classical filter's settings can be overridden")
        }
        return try build(classicalConfiguration(id, overriding: overrides))
    }

    /// The configuration a classical filter of `id` is built from — the registry's, with
    /// `overrides` (a JSON object) merged in — or `nil` for a neural model.
    ///
    /// ```swift
    /// try ModelZoo.shared.classicalConfiguration("fft")   // {"lowCutoff": 0.67, "highCutoff": 40, …}
    /// ```
    public func classicalConfiguration(_ id: String, overriding overrides: JSONValue? = nil) throws -> JSONValue? {
        let entry = try entry(id)
        guard try factory(id).kind == .classical else { return nil }
        guard let overrides else { return entry.config ?? .object([:]) }
        guard case .object = overrides else {
            throw ZooError.invalidConfiguration(model: id, reason: "the overriding settings must be a JSON object such as {\"lowCutoff\": 0.67}")
        }
        return (entry.config ?? .object([:])).merging(overrides)
    }

    /// A denoiser from an already read checkpoint of model `id`.
    public func denoiser(_ entry: Registry.Entry, from checkpoint: Checkpoint, path: String) throws -> any Denoiser {
        guard checkpoint.manifest.modelId == entry.id else {
            throw ZooError.checkpointOfAnotherModel(path: path, expected: entry.id, found: checkpoint.manifest.modelId)
        }
        let network = try makeNetwork(entry.id, configuration: checkpoint.manifest.config)
        try network.layer.load(checkpoint.weights, source: path)
        let card = ModelCard(id: entry.id, family: entry.family, summary: entry.summary, reference: entry.reference,
                             parameterCount: network.layer.parameterCount)
        return NeuralDenoiser(network: network.layer, card: card, lengthMultiple: network.lengthMultiple,
                              inputScaling: checkpoint.manifest.effectiveInputScaling, training: checkpoint.manifest.training)
    }

    /// Where a checkpoint argument points: a registered archive (with its sha256) or a path.
    /// A path to a registered archive's file carries that archive's sha256 too, so a shipped
    /// checkpoint cannot be loaded unverified by naming its file instead of its name.
    public func resolveCheckpoint(_ entry: Registry.Entry, _ checkpoint: String?) throws -> (url: URL, sha256: String?) {
        if let checkpoint, checkpoint.hasSuffix(".zip") || checkpoint.contains("/") {
            let url = URL(fileURLWithPath: checkpoint)
            return (url, registeredSHA256(ofFileAt: url))
        }
        let registered: Registry.CheckpointEntry
        if let checkpoint {
            guard let match = entry.checkpoints.first(where: { $0.name == checkpoint }) else {
                throw ZooError.unknownCheckpoint(model: entry.id, name: checkpoint, available: entry.checkpoints.map(\.name))
            }
            registered = match
        } else {
            guard let first = entry.checkpoints.first else { throw ZooError.noCheckpoint(model: entry.id) }
            registered = first
        }
        return (try resolveRepositoryRoot().appendingPathComponent(registered.file), registered.sha256)
    }

    /// The registered sha256 of the archive at `url`, when `url` is one of the registry's files.
    private func registeredSHA256(ofFileAt url: URL) -> String? {
        guard let root = try? resolveRepositoryRoot() else { return nil }
        let target = url.resolvingSymlinksInPath().standardizedFileURL.path
        for entry in registry.models {
            for checkpoint in entry.checkpoints
            where root.appendingPathComponent(checkpoint.file).resolvingSymlinksInPath().standardizedFileURL.path == target {
                return checkpoint.sha256
            }
        }
        return nil
    }

    /// The directory that holds `Models/`: the explicit one, `$DANCER_MODELS_DIR`, the current
    /// directory, or the repository that built this executable.
    public func resolveRepositoryRoot() throws -> URL {
        var candidates: [URL] = []
        if let explicit = explicitModelsDirectory { candidates.append(explicit) }
        if let environment = ProcessInfo.processInfo.environment["DANCER_MODELS_DIR"], !environment.isEmpty {
            candidates.append(URL(fileURLWithPath: environment))
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        // …/repo/.build/<triple>/<config>/dancer → …/repo
        var executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        for _ in 0..<5 {
            executable.deleteLastPathComponent()
            candidates.append(executable)
        }
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("Registry.json").path)
            || candidate == explicitModelsDirectory {
            return candidate
        }
        throw ZooError.modelsDirectoryNotFound(searched: candidates.map(\.path))
    }
}

/// The closest name by edit distance, for "did you mean" hints.
enum ClosestMatch {
    static func find(_ name: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(Array(name), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.count / 2) else { return nil }
        return best.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
