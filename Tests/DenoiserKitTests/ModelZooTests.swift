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

    @Test func loadsARegisteredCheckpointThroughTheRegistry() throws {
        // A registry pointing at a checkpoint we write, with its real sha256.
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
        let zoo = ModelZoo(registry: registry, factories: ModelZoo.shared.factoryTable, repositoryRoot: root)
        let denoiser = try zoo.load("unet", checkpoint: "emb")
        let out = try denoiser.denoise(segments: [Float](repeating: 0.1, count: 64), length: 32)
        #expect(out.count == 64)
        // Tampering with the file is caught by the checksum.
        try Data("tampered".utf8).write(to: file)
        #expect(throws: ZooError.self) { try zoo.load("unet", checkpoint: "emb") }
    }
}
