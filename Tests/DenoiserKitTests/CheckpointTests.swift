import DenoiserKit
import ECG
import Foundation
import Layers
import Random
import SafeTensors
import Testing
import Zoo

/// A temporary directory per test.
func scratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dancer-kit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A small `unet` (widths 4, 8) and its checkpoint; `seed` picks the initial weights.
func tinyUNetCheckpoint(noise: String = "emb", seed: UInt64 = 3) throws -> (network: ModelFactory.Network, checkpoint: Checkpoint) {
    let config = JSONValue.object(["widths": .array([.number(4), .number(8)]), "kernelSize": .number(3)])
    let network = try ModelZoo.shared.makeNetwork("unet", configuration: config, seed: seed)
    let manifest = CheckpointManifest(modelId: "unet", target: "UNet", config: config, noise: noise)
    return (network, Checkpoint(manifest: manifest, weights: network.layer.safeTensorsFile(), modelCard: "# tiny unet\n",
                                attachments: ["training-log.csv": Data("step,loss\n1,0.5\n".utf8)]))
}

@Suite("Checkpoint archives")
struct CheckpointTests {
    @Test func roundTripKeepsEverything() throws {
        let (network, checkpoint) = try tinyUNetCheckpoint()
        let url = try scratchDirectory().appendingPathComponent("unet-emb.zip")
        try checkpoint.write(to: url)
        let read = try Checkpoint.read(from: url, expectedSHA256: SHA256.hash(fileAt: url))
        #expect(read.manifest == checkpoint.manifest)
        #expect(read.weights == checkpoint.weights)
        #expect(read.modelCard == "# tiny unet\n")
        #expect(read.attachments["training-log.csv"] == Data("step,loss\n1,0.5\n".utf8))
        let entry = try ModelZoo.shared.entry("unet")
        let denoiser = try ModelZoo.shared.denoiser(entry, from: read, path: url.path)
        #expect(denoiser.card.parameterCount == network.layer.parameterCount)
    }

    @Test func sameContentSameBytes() throws {
        let (_, checkpoint) = try tinyUNetCheckpoint()
        let directory = try scratchDirectory()
        let a = directory.appendingPathComponent("a.zip"), b = directory.appendingPathComponent("b.zip")
        try checkpoint.write(to: a)
        try checkpoint.write(to: b)
        #expect(try SHA256.hash(fileAt: a) == SHA256.hash(fileAt: b))
    }

    @Test func missingFile() throws {
        let url = try scratchDirectory().appendingPathComponent("absent.zip")
        #expect(throws: ZooError.checkpointMissing(path: url.path)) { try Checkpoint.read(from: url) }
    }

    @Test func wrongChecksumIsRefusedBeforeLoading() throws {
        let (_, checkpoint) = try tinyUNetCheckpoint()
        let url = try scratchDirectory().appendingPathComponent("c.zip")
        try checkpoint.write(to: url)
        let wrong = String(repeating: "0", count: 64)
        let error = #expect(throws: ZooError.self) { try Checkpoint.read(from: url, expectedSHA256: wrong) }
        guard case .checksumMismatch(let path, let expected, _)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(path == url.path && expected == wrong)
    }

    @Test func foreignAndTruncatedArchivesAreNamed() throws {
        let directory = try scratchDirectory()
        let foreign = directory.appendingPathComponent("notes.zip")
        try Data("just some text".utf8).write(to: foreign)
        let foreignError = #expect(throws: ZooError.self) { try Checkpoint.read(from: foreign) }
        #expect("\(foreignError.map { "\($0)" } ?? "")".contains("is not a DANCER Zoo checkpoint"))

        let (_, checkpoint) = try tinyUNetCheckpoint()
        let whole = directory.appendingPathComponent("whole.zip")
        try checkpoint.write(to: whole)
        let bytes = try Data(contentsOf: whole)
        let truncated = directory.appendingPathComponent("truncated.zip")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        #expect(throws: ZooError.self) { try Checkpoint.read(from: truncated) }

        let plainZip = directory.appendingPathComponent("other.zip")
        try ZipArchiveFixture.write(["readme.txt": Data("hi".utf8)], to: plainZip)
        let noManifest = #expect(throws: ZooError.self) { try Checkpoint.read(from: plainZip) }
        #expect("\(noManifest.map { "\($0)" } ?? "")".contains("no manifest.json inside"))
    }

    @Test func checkpointOfAnotherModelIsRefused() throws {
        let (_, checkpoint) = try tinyUNetCheckpoint()
        let url = try scratchDirectory().appendingPathComponent("unet.zip")
        try checkpoint.write(to: url)
        let entry = try ModelZoo.shared.entry("dancer")
        #expect(throws: ZooError.checkpointOfAnotherModel(path: url.path, expected: "dancer", found: "unet")) {
            try ModelZoo.shared.denoiser(entry, from: try Checkpoint.read(from: url), path: url.path)
        }
    }

    @Test func newerFormatVersionIsRefused() throws {
        var (_, checkpoint) = try tinyUNetCheckpoint()
        checkpoint.manifest.formatVersion = CheckpointManifest.currentFormatVersion + 1
        let url = try scratchDirectory().appendingPathComponent("future.zip")
        try checkpoint.write(to: url)
        #expect(throws: ZooError.newerCheckpointFormat(path: url.path, version: 2, supported: 1)) {
            try Checkpoint.read(from: url)
        }
    }

    @Test func tensorMismatchesNameTheTensor() throws {
        var (_, checkpoint) = try tinyUNetCheckpoint()
        let entry = try ModelZoo.shared.entry("unet")
        var weights = checkpoint.weights
        weights.tensors["head.bias"] = SafeTensor(floats: [0, 0], shape: [2])
        checkpoint.weights = weights
        #expect(throws: DenoiserError.tensorShapeMismatch(key: "head.bias", expected: [1], found: [2], file: "x.zip")) {
            try ModelZoo.shared.denoiser(entry, from: checkpoint, path: "x.zip")
        }
        weights.tensors["head.bias"] = SafeTensor(int64s: [0], shape: [1])
        checkpoint.weights = weights
        #expect(throws: DenoiserError.tensorDTypeMismatch(key: "head.bias", expected: "F32", found: "I64", file: "x.zip")) {
            try ModelZoo.shared.denoiser(entry, from: checkpoint, path: "x.zip")
        }
        weights.tensors["head.bias"] = nil
        checkpoint.weights = weights
        #expect(throws: DenoiserError.missingTensors(keys: ["head.bias"], file: "x.zip")) {
            try ModelZoo.shared.denoiser(entry, from: checkpoint, path: "x.zip")
        }
        weights.tensors["head.bias"] = SafeTensor(floats: [0], shape: [1])
        weights.tensors["extra.weight"] = SafeTensor(floats: [0], shape: [1])
        checkpoint.weights = weights
        #expect(throws: DenoiserError.unexpectedTensors(keys: ["extra.weight"], file: "x.zip")) {
            try ModelZoo.shared.denoiser(entry, from: checkpoint, path: "x.zip")
        }
    }
}
