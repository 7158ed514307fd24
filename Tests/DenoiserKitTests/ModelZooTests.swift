import DenoiserKit
import ECG
import Foundation
import Testing
import Zoo

@Suite("The model zoo")
struct ModelZooTests {
    @Test func namesCoverTheRegistry() {
        let zoo = ModelZoo.shared
        #expect(zoo.names == zoo.registry.models.map(\.id).sorted())
        #expect(zoo.names.contains("dancer") && zoo.names.contains("unet"))
    }

    @Test func unknownModelSuggestsTheClosest() {
        let error = #expect(throws: ZooError.self) { try ModelZoo.shared.entry("dancr") }
        guard case .unknownModel(let id, let available, let suggestion)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(id == "dancr" && suggestion == "dancer" && available.contains("unet"))
        #expect("\(error!)".contains("Did you mean 'dancer'?"))
        let far = #expect(throws: ZooError.self) { try ModelZoo.shared.entry("wavenet-xxl") }
        guard case .unknownModel(_, _, let none)? = far else { return }
        #expect(none == nil)
    }

    @Test func unknownCheckpointListsTheRegisteredOnes() throws {
        let entry = try ModelZoo.shared.entry("dancer")
        #expect(throws: ZooError.self) { try ModelZoo.shared.resolveCheckpoint(entry, "xyz") }
    }

    @Test func buildsEveryRegisteredModelByName() throws {
        for id in ModelZoo.shared.names {
            let factory = try ModelZoo.shared.factory(id)
            if factory.kind == .neural {
                let network = try ModelZoo.shared.makeNetwork(id)
                #expect(network.layer.parameterCount > 0, "\(id)")
            } else {
                let denoiser = try ModelZoo.shared.load(id)
                #expect(denoiser.card.id == id)
            }
        }
    }

    @Test func badConfigurationIsExplained() {
        let error = #expect(throws: ZooError.self) {
            try ModelZoo.shared.makeNetwork("unet", configuration: .object(["widths": .string("wide")]))
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("configuration of 'unet' is invalid"))
    }

    @Test("a classical filter's settings can be overridden key by key; unknown keys, neural models and non-objects are refused")
    func classicalSettingsOverride() throws {
        let zoo = ModelZoo.shared
        let signal = (0..<720).map { Float(sin(Double($0) * 0.05) + 0.3 * sin(Double($0) * 0.004)) }
        let registered = try zoo.load("fft").denoise(segments: signal, length: 720)
        let same = try zoo.classicalFilter("fft", overriding: .object([:])).denoise(segments: signal, length: 720)
        #expect(same == registered)
        let narrower = try zoo.classicalFilter("fft", overriding: .object(["highCutoff": .number(3)])).denoise(segments: signal, length: 720)
        #expect(narrower != registered)
        let refusals: [(String, JSONValue, String)] = [
            ("fft", .object(["lowCutof": .number(0.67)]), "no setting 'lowCutof'; its settings: highCutoff, highTransitionWidth, lowCutoff"),
            ("dwt", .object(["threshold": .string("hard")]), "configuration of 'dwt' is invalid"),
            ("dancer", .object(["widths": .array([])]), "neural model"),
            ("fft", .array([.number(1)]), "must be a JSON object"),
        ]
        for (id, settings, expected) in refusals {
            let error = #expect(throws: ZooError.self) { try zoo.classicalFilter(id, overriding: settings) }
            #expect("\(error.map { "\($0)" } ?? "")".contains(expected), "\(id) \(settings)")
        }
    }

    @Test("JSON objects merge key by key, nested objects recursively; other values are replaced")
    func jsonMerging() {
        let base: JSONValue = .object(["a": .number(1), "b": .object(["c": .number(2), "d": .number(3)])])
        let merged = base.merging(.object(["b": .object(["d": .number(4)]), "e": .bool(true)]))
        #expect(merged == .object(["a": .number(1), "b": .object(["c": .number(2), "d": .number(4)]), "e": .bool(true)]))
        #expect(base.merging(.number(5)) == .number(5))
        #expect(JSONValue.number(5).merging(base) == base)
    }

    @Test func loadsARegisteredCheckpointThroughTheRegistry() throws {
        let (zoo, file) = try Self.zooWithRegisteredTinyUNet()
        let denoiser = try zoo.load("unet", checkpoint: "emb")
        let out = try denoiser.denoise(segments: [Float](repeating: 0.1, count: 64), length: 32)
        #expect(out.count == 64)
        // Tampering with the file is caught by the checksum.
        try Data("tampered".utf8).write(to: file)
        #expect(throws: ZooError.self) { try zoo.load("unet", checkpoint: "emb") }
    }

    @Test("a registered checkpoint replaced by another valid one is refused by name and by path, unless skipped")
    func tamperedCheckpointNeedsAnExplicitOverride() throws {
        let (zoo, file) = try Self.zooWithRegisteredTinyUNet()
        let (_, other) = try tinyUNetCheckpoint(seed: 7)  // a well-formed checkpoint with other weights
        try other.write(to: file)
        for reference in ["emb", file.path] {
            let error = #expect(throws: ZooError.self) { try zoo.load("unet", checkpoint: reference) }
            guard case .checksumMismatch(let path, _, _)? = error else {
                Issue.record("expected a checksum mismatch for \(reference), got \(String(describing: error))")
                continue
            }
            #expect(path == file.path)
            #expect("\(error!)".contains("--allow-checksum-mismatch"))
        }
        let denoiser = try zoo.load("unet", checkpoint: "emb", checksum: .skip)
        #expect(try denoiser.denoise(segments: [Float](repeating: 0.1, count: 32), length: 32).count == 32)
        // A path that is not registered is the user's own archive: no registry sha256 applies.
        let own = file.deletingLastPathComponent().appendingPathComponent("mine.zip")
        try other.write(to: own)
        #expect(try zoo.resolveCheckpoint(zoo.entry("unet"), own.path).sha256 == nil)
    }

    /// A zoo whose `unet` has one registered checkpoint `emb`: a tiny U-Net we write, with its real sha256.
    static func zooWithRegisteredTinyUNet() throws -> (ModelZoo, URL) {
        let (_, checkpoint) = try tinyUNetCheckpoint()
        let root = try scratchDirectory()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Models/unet"), withIntermediateDirectories: true)
        let file = root.appendingPathComponent("Models/unet/unet-emb.zip")
        try checkpoint.write(to: file)
        var registry = ModelZoo.shared.registry
        let index = try #require(registry.models.firstIndex { $0.id == "unet" })
        let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
        registry.models[index].checkpoints = [
            .init(name: "emb", file: "Models/unet/unet-emb.zip", sha256: try SHA256.hash(fileAt: file), size: size, metrics: nil)
        ]
        return (ModelZoo(registry: registry, factories: ModelZoo.shared.factoryTable, repositoryRoot: root), file)
    }
}

@Suite("An unreadable registry")
struct UnreadableRegistryTests {
    @Test("lists nothing, and every lookup and verification reports the problem instead of crashing")
    func reportsInsteadOfCrashing() {
        let problem = ZooError.invalidRegistry(file: "Registry.json (embedded)", reason: "checkpoint file '../../etc/passwd.zip' escapes the repository")
        let zoo = ModelZoo(unreadableRegistry: problem)
        #expect(zoo.names.isEmpty)
        #expect(throws: problem) { try zoo.load("dancer") }
        #expect(throws: problem) { try zoo.makeNetwork("unet") }
        #expect(zoo.verifyCheckpoints().map(\.problem) == [problem.description])
    }
}
