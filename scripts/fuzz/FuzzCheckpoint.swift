// libFuzzer entry point for the checkpoint loader (`Checkpoint.read(from:)`, Sources/DenoiserKit/Checkpoint.swift).
// Built and run by scripts/fuzz/run.sh; any Swift runtime trap or sanitizer report is a crash.
//
// Input format (so that the fuzzer gets past the zip CRCs into the manifest and the weights):
//   first byte even: the rest is the archive file itself;
//   first byte odd:  the rest is `manifest.json`, `weights.safetensors`, `MODEL_CARD.md` and further
//                    attachments separated by `separator`, zipped here (bit 1 of the first byte: deflate);
//                    with bit 2 set, the rest is only a `config` JSON, zipped here with a valid `unet`
//                    manifest around it and the tiny unet's weights (so mutations reach the model
//                    configuration that `ModelZoo` builds a network from).
// Each input is written to a file under /dev/shm ($DANCER_FUZZ_SCRATCH) and read with
// `Checkpoint.read(from:)`. A checkpoint that reads is loaded into a `unet` built from its manifest's
// config (when that config is small), as `ModelZoo.load` would do, and into a tiny `unet` (widths 4, 8).
//
// With DANCER_FUZZ_WRITE_SEEDS=<dir> set, the binary writes seed inputs into <dir>/checkpoint (a tiny unet
// checkpoint in each input form, and one with the manifest, card and log of Models/unet/unet-emb.zip) and
// <dir>/safetensors (the tiny unet's weights) and exits.
import DenoiserKit
import Foundation
import Layers
import SafeTensors
import UNet
import ZipArchive

private let separator = Data("\n--DANCER-FUZZ-ENTRY--\n".utf8)
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// Where inputs are written: $DANCER_FUZZ_SCRATCH (run.sh makes and removes one), else a directory in /dev/shm.
private let scratch: URL = {
    if let path = ProcessInfo.processInfo.environment["DANCER_FUZZ_SCRATCH"] { return URL(fileURLWithPath: path) }
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let url = URL(fileURLWithPath: base).appendingPathComponent("dancer-fuzz-checkpoint-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

/// A zoo that knows only `unet`, from the repository's Registry.json.
private let zoo: ModelZoo = {
    let path = ProcessInfo.processInfo.environment["DANCER_FUZZ_REGISTRY"]
        ?? repositoryRoot.appendingPathComponent("Registry.json").path
    do {
        let registry = try Registry(data: try Data(contentsOf: URL(fileURLWithPath: path)), source: path)
        return ModelZoo(registry: registry, factories: ["unet": .neural(UNet.self)])
    } catch {
        fatalError("fuzz-checkpoint: cannot read the registry at \(path): \(error)")
    }
}()

private let tinyConfiguration = JSONValue.object(["widths": .array([.number(4), .number(8)]), "kernelSize": .number(3)])
private let tinyNetwork: ModelFactory.Network = {
    do { return try zoo.makeNetwork("unet", configuration: tinyConfiguration, seed: 0) } catch {
        fatalError("fuzz-checkpoint: cannot build the tiny unet: \(error)")
    }
}()

private let tinyWeights: Data = {
    do { return try tinyNetwork.layer.safeTensorsFile().serialized() } catch {
        fatalError("fuzz-checkpoint: cannot serialize the tiny unet's weights: \(error)")
    }
}()

/// Whether building a network from `config` stays cheap: no number above 32, no array longer than 6.
private func isSmall(_ config: JSONValue) -> Bool {
    switch config {
    case .number(let x): return x <= 32
    case .array(let items): return items.count <= 6 && items.allSatisfy(isSmall)
    case .object(let members): return members.count <= 8 && members.values.allSatisfy(isSmall)
    case .null, .bool, .string: return true
    }
}

private func split(_ data: Data) -> [Data] {
    var parts: [Data] = []
    var rest = data[...]
    while let range = rest.range(of: separator) {
        parts.append(Data(rest[..<range.lowerBound]))
        rest = rest[range.upperBound...]
    }
    parts.append(Data(rest))
    return parts
}

private func archive(fromParts body: Data, deflate: Bool, configOnly: Bool) -> Data? {
    let names = [Checkpoint.manifestEntry, Checkpoint.weightsEntry, Checkpoint.cardEntry]
    var parts = Array(split(body).prefix(8))
    if configOnly {
        guard let config = try? JSONDecoder().decode(JSONValue.self, from: body),
              let manifest = try? JSONEncoder().encode(CheckpointManifest(
                  modelId: "unet", target: "UNet", config: config, createdAt: Date(timeIntervalSince1970: 0)))
        else { return nil }
        parts = [manifest, tinyWeights, Data("# fuzz\n".utf8)]
    }
    let entries = parts.enumerated().map { i, part in
        (name: i < names.count ? names[i] : "attachment-\(i - names.count).csv", data: part)
    }
    return try? ZipArchive.archiveData(entries, compression: deflate ? .deflate : .store)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckpoint(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = start.map { Data(bytes: $0, count: count) } ?? Data()
    guard let mode = input.first else { return 0 }
    let body = input.dropFirst()
    let bytes: Data
    if mode & 1 == 0 {
        bytes = Data(body)
    } else {
        guard let zipped = archive(fromParts: Data(body), deflate: mode & 2 != 0, configOnly: mode & 4 != 0) else { return 0 }
        bytes = zipped
    }
    let url = scratch.appendingPathComponent("input.zip")
    do { try bytes.write(to: url) } catch { fatalError("fuzz-checkpoint: cannot write \(url.path): \(error)") }
    guard let checkpoint = try? Checkpoint.read(from: url) else { return 0 }
    if let entry = try? zoo.entry("unet"), isSmall(checkpoint.manifest.config) {
        _ = try? zoo.denoiser(entry, from: checkpoint, path: url.path)
    }
    _ = try? tinyNetwork.layer.load(checkpoint.weights, source: url.path)
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzCheckpointInitialize(_ argc: UnsafeMutablePointer<CInt>?,
                                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    guard let directory = ProcessInfo.processInfo.environment["DANCER_FUZZ_WRITE_SEEDS"] else { return 0 }
    do {
        try writeSeeds(to: URL(fileURLWithPath: directory))
    } catch {
        fatalError("fuzz-checkpoint: cannot write seeds: \(error)")
    }
    exit(0)
}

private func writeSeeds(to directory: URL) throws {
    let checkpoints = directory.appendingPathComponent("checkpoint")
    let weightsDirectory = directory.appendingPathComponent("safetensors")
    for d in [checkpoints, weightsDirectory] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }

    let manifest = CheckpointManifest(modelId: "unet", target: "UNet", config: tinyConfiguration, noise: "emb",
                                      createdAt: Date(timeIntervalSince1970: 946_684_800))
    let tiny = Checkpoint(manifest: manifest, weights: tinyNetwork.layer.safeTensorsFile(), modelCard: "# tiny unet\n",
                          attachments: ["training-log.csv": Data("step,loss\n1,0.5\n".utf8)])
    func joined(_ parts: [Data]) -> Data {
        var data = Data()
        for (i, part) in parts.enumerated() { if i > 0 { data.append(separator) }; data.append(part) }
        return data
    }
    let entries = try tiny.entries()
    try (Data([0]) + ZipArchive.archiveData(entries, compression: .store))
        .write(to: checkpoints.appendingPathComponent("tiny-unet-raw-store"))
    try (Data([2]) + ZipArchive.archiveData(entries, compression: .deflate))
        .write(to: checkpoints.appendingPathComponent("tiny-unet-raw-deflate"))
    try (Data([1]) + joined(entries.map(\.data))).write(to: checkpoints.appendingPathComponent("tiny-unet-parts"))
    try (Data([5]) + JSONEncoder().encode(tinyConfiguration)).write(to: checkpoints.appendingPathComponent("tiny-unet-config"))
    try tiny.weights.serialized().write(to: weightsDirectory.appendingPathComponent("tiny-unet-weights.safetensors"))

    // The real unet checkpoint's manifest, card and log around the tiny weights.
    let real = repositoryRoot.appendingPathComponent("Models/unet/unet-emb.zip")
    if let archive = try? ZipArchive.read(from: real) {
        let parts = [archive[Checkpoint.manifestEntry], entries[1].data, archive[Checkpoint.cardEntry],
                     archive["training-log.csv"]].compactMap { $0 }
        try (Data([1]) + joined(parts)).write(to: checkpoints.appendingPathComponent("unet-emb-manifest-tiny-weights"))
    }
}
