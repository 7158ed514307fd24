import ArgumentParser
import DenoiserKit
import ECG
import Foundation
import SafeTensors
import Testing
import Zoo
@testable import DancerCommands

@Suite("dancer info, verify, export, import")
struct ZooCommandsTests {
    @Test("info: card, default configuration, JSON; unknown model suggests the closest")
    func info() throws {
        let report = try ModelReport(model: "unet", zoo: .shared)
        #expect(report.card.id == "unet" && report.card.parameterCount > 0 && report.defaultConfiguration != nil)
        #expect(report.text().contains("unet") && report.text().contains("default configuration"))
        #expect(try JSONText.encode(report).contains("\"parameterCount\""))
        #expect(throws: ZooError.self) { try ModelReport(model: "unett", zoo: .shared) }
        _ = try #require(try Dancer.parseAsRoot(["info", "dancer", "--json"]) as? Dancer.Info)
        // A classical filter has nothing to train: its page says so instead of pointing at `dancer train`.
        let filter = try ModelReport(model: "dwt", zoo: .shared).text()
        #expect(filter.contains("a classical filter learns nothing") && !filter.contains("dancer train"))
    }

    /// A zoo whose registry lists `checkpoints` (name → (file, sha256, size)) of `unet` under `root`.
    static func zoo(root: URL, checkpoints: [(String, String, String, Int)]) throws -> ModelZoo {
        let list = checkpoints.map { #"{"name":"\#($0.0)","file":"\#($0.1)","sha256":"\#($0.2)","size":\#($0.3)}"# }
        let json = #"{"formatVersion":1,"protocolVersion":"p","models":[{"id":"unet","target":"UNet","type":"UNet","family":"unet","summary":"s","reference":"r","config":{"widths":[4,8],"kernelSize":3},"checkpoints":[\#(list.joined(separator: ","))]}]}"#
        let registry = try Registry(data: Data(json.utf8), source: "test registry")
        return ModelZoo(registry: registry, factories: ["unet": try ModelZoo.shared.factory("unet")], repositoryRoot: root)
    }

    @Test("--allow-checksum-mismatch: a replaced registered checkpoint is refused without it and loads with it")
    func checksumOverride() throws {
        let root = try CLITestSupport.scratchDirectory()
        let registered = try CLITestSupport.tinyCheckpoint(in: root, seed: 1)
        let sha256 = try SHA256.hash(fileAt: registered)
        let size = try FileManager.default.attributesOfItem(atPath: registered.path)[.size] as? Int ?? 0
        let zoo = try Self.zoo(root: root, checkpoints: [("emb", registered.lastPathComponent, sha256, size)])
        // Another valid checkpoint under the registered name: only the sha256 can tell.
        let other = try CLITestSupport.tinyCheckpoint(in: CLITestSupport.scratchDirectory(), seed: 2)
        try Data(contentsOf: other).write(to: registered)
        let input = root.appendingPathComponent("in.csv").path, output = root.appendingPathComponent("out.csv").path
        try CSVSignal.write(CLITestSupport.signal(seconds: 2), to: URL(fileURLWithPath: input))
        let strict = try #require(try Dancer.parseAsRoot(["denoise", "--model", "unet", "--checkpoint", "emb", input, "-o", output]) as? Dancer.Denoise)
        let error = #expect(throws: ZooError.self) { try strict.modelOptions.load(from: zoo) }
        #expect(error.map { "\($0)" }?.contains("--allow-checksum-mismatch") == true)
        let lenient = try #require(try Dancer.parseAsRoot(["denoise", "--model", "unet", "--checkpoint", "emb", "--allow-checksum-mismatch",
                                                           input, "-o", output]) as? Dancer.Denoise)
        #expect(lenient.modelOptions.allowChecksumMismatch)
        #expect(try lenient.modelOptions.load(from: zoo).card.id == "unet")
    }

    @Test("verify: intact, missing, wrong size, wrong sha256, another model's weights")
    func verify() throws {
        let root = try CLITestSupport.scratchDirectory()
        let models = root.appendingPathComponent("Models/unet")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        let good = try CLITestSupport.tinyCheckpoint(in: models)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: good.path)[.size] as? NSNumber).intValue
        let sha = try SHA256.hash(fileAt: good)
        let zero = String(repeating: "0", count: 64)
        // Weights of a wider unet: right archive, wrong tensors for the registered configuration.
        let wide = try ModelZoo.shared.makeNetwork("unet", configuration: nil, seed: 0)
        let other = Checkpoint(manifest: CheckpointManifest(modelId: "unet", target: "UNet", config: CLITestSupport.tinyConfiguration),
                               weights: wide.layer.safeTensorsFile(), modelCard: "")
        let otherURL = models.appendingPathComponent("wide.zip")
        try other.write(to: otherURL)
        let otherSize = try #require(try FileManager.default.attributesOfItem(atPath: otherURL.path)[.size] as? NSNumber).intValue
        let zoo = try Self.zoo(root: root, checkpoints: [
            ("emb", "Models/unet/unet-tiny.zip", sha, size), ("bw", "Models/unet/absent.zip", sha, size),
            ("ma", "Models/unet/unet-tiny.zip", sha, size + 1), ("em", "Models/unet/unet-tiny.zip", zero, size),
            ("wide", "Models/unet/wide.zip", try SHA256.hash(fileAt: otherURL), otherSize)])
        let results = zoo.verifyCheckpoints()
        #expect(results.map(\.isValid) == [true, false, false, false, false])
        #expect(results[1].problem?.contains("absent.zip") == true)
        #expect(results[2].problem?.contains("size") == true)
        #expect(results[3].problem?.contains("sha256") == true)
        #expect(results[4].problem?.contains("wide.zip") == true && results[4].problem?.contains("tensors") == true)
        // info shows each checkpoint's metrics and, when the archive is there, its model card.
        let report = try ModelReport(model: "unet", zoo: zoo)
        #expect(report.checkpoints.map(\.name) == ["emb", "bw", "ma", "em", "wide"])
        #expect(report.checkpoints[0].modelCard?.contains("tiny unet") == true && report.checkpoints[1].modelCard == nil)
        #expect(report.text().contains("MODEL_CARD.md of emb"))
    }

    @Test("verify: every shipped checkpoint passes; a registry without checkpoints has nothing to check")
    func verifyShipped() async throws {
        #expect(await CLITestSupport.dancer(["verify"]) == 0)
        let empty = try Self.zoo(root: try CLITestSupport.scratchDirectory(), checkpoints: [])
        #expect(empty.verifyCheckpoints().isEmpty)
    }

    @Test("export then import round-trips the weights; manifest and model card are written")
    func roundTrip() async throws {
        let directory = try CLITestSupport.scratchDirectory()
        let checkpoint = try CLITestSupport.tinyCheckpoint(in: directory)
        let exported = directory.appendingPathComponent("w.safetensors")
        let imported = directory.appendingPathComponent("back.zip")
        #expect(await CLITestSupport.dancer(["export", "unet", "--checkpoint", checkpoint.path, "-o", exported.path]) == 0)
        // The exported file records its configuration, so no --config is needed.
        #expect(await CLITestSupport.dancer(["import", "unet", exported.path, "-o", imported.path, "--noise", "bw",
                                             "--notes", "round trip"]) == 0)
        let original = try Checkpoint.read(from: checkpoint), back = try Checkpoint.read(from: imported)
        #expect(back.weights.tensors == original.weights.tensors)
        #expect(back.manifest.modelId == "unet" && back.manifest.noise == "bw" && back.manifest.config == original.manifest.config)
        #expect(back.modelCard.contains("round trip") && back.modelCard.contains("Open Data Commons"))
        // With the registry's (wider) configuration the tensors do not fit: a clear error, exit 1.
        let wide = #"{"widths":[16,32],"kernelSize":3}"#
        #expect(throws: DenoiserError.self) {
            try WeightsTransfer(zoo: .shared).checkpoint(model: "unet", weightsAt: exported,
                                                         configuration: JSONDecoder().decode(JSONValue.self, from: Data(wide.utf8)))
        }
        #expect(await CLITestSupport.dancer(["import", "unet", exported.path, "-o", directory.appendingPathComponent("x.zip").path,
                                             "--config", wide]) == 1)
        #expect(await CLITestSupport.dancer(["import", "unet", exported.path, "-o", directory.appendingPathComponent("x.zip").path,
                                             "--config", "{not json"]) == ExitCode.validationFailure.rawValue)
    }

    @Test("export then import keeps a std checkpoint's input scaling; --input-scaling overrides it, a bad recorded value is refused")
    func inputScalingRoundTrip() async throws {
        let directory = try CLITestSupport.scratchDirectory()
        let checkpoint = try CLITestSupport.tinyCheckpoint(in: directory, inputScaling: .standardDeviation)
        let exported = directory.appendingPathComponent("w.safetensors"), imported = directory.appendingPathComponent("back.zip")
        #expect(await CLITestSupport.dancer(["export", "unet", "--checkpoint", checkpoint.path, "-o", exported.path]) == 0)
        #expect(try SafeTensorsFile(contentsOf: exported).metadata[WeightsTransfer.inputScalingKey] == "std")
        #expect(await CLITestSupport.dancer(["import", "unet", exported.path, "-o", imported.path]) == 0)
        let back = try Checkpoint.read(from: imported)
        #expect(back.manifest.inputScaling == .standardDeviation && back.modelCard.contains("std(x) + 1e-8"))
        let overridden = directory.appendingPathComponent("peak.zip")
        #expect(await CLITestSupport.dancer(["import", "unet", exported.path, "-o", overridden.path, "--input-scaling", "peak"]) == 0)
        #expect(try Checkpoint.read(from: overridden).manifest.inputScaling == nil)
        #expect(await CLITestSupport.dancer(["import", "unet", exported.path, "-o", overridden.path, "--input-scaling", "zscore"])
                == ExitCode.validationFailure.rawValue)

        var spoiled = try SafeTensorsFile(contentsOf: exported)
        spoiled.metadata[WeightsTransfer.inputScalingKey] = "zscore"
        let spoiledURL = directory.appendingPathComponent("spoiled.safetensors")
        try spoiled.serialized().write(to: spoiledURL)
        let error = #expect(throws: CommandError.self) {
            try WeightsTransfer(zoo: .shared).checkpoint(model: "unet", weightsAt: spoiledURL)
        }
        #expect("\(error.map(String.init(describing:)) ?? "")".contains("dancer.input_scaling is 'zscore', expected one of peak, std"))
    }

    @Test("the PyTorch parity weights import as unet, and not as dancer")
    func parityWeights() throws {
        let url = URL(fileURLWithPath: "/work/shared/parity/unet.safetensors")
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("ZooCommandsTests.parityWeights: SKIPPED — \(url.path) not present")
            return
        }
        let checkpoint = try WeightsTransfer(zoo: .shared).checkpoint(model: "unet", weightsAt: url, noise: "emb")
        #expect(checkpoint.weights.tensors.count == (try SafeTensorsFile(contentsOf: url)).tensors.count)
        do {
            _ = try WeightsTransfer(zoo: .shared).checkpoint(model: "dancer", weightsAt: url)
            Issue.record("importing unet weights as dancer should fail")
        } catch {
            #expect("\(error)".contains("does not hold weights of 'dancer'"))
        }
    }
}
