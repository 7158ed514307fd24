import DenoiserKit
import Foundation
import Layers
import Testing
import Zoo

/// Archives found by the checkpoint fuzzer (scripts/fuzz, `make fuzz`), kept in
/// `Fixtures/fuzz-regressions/`: each must read and load (as `ModelZoo.load` would) or throw a
/// `ZooError`/`DenoiserError`, never trap.
@Suite("Checkpoint fuzz regressions")
struct FuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions")

    static let inputs: [URL] = {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "zip" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }()

    @Test func regressionInputsArePresent() {
        #expect(!Self.inputs.isEmpty, "no .zip files in \(Self.directory.path)")
    }

    @Test(arguments: inputs)
    func readsOrThrowsTypedError(_ url: URL) {
        do {
            let checkpoint = try Checkpoint.read(from: url)
            // Build the model its manifest describes and load the weights, as `ModelZoo.load` does.
            let entry = try ModelZoo.shared.entry(checkpoint.manifest.modelId)
            _ = try ModelZoo.shared.denoiser(entry, from: checkpoint, path: url.path)
        } catch is ZooError {
        } catch is DenoiserError {
            // Typed errors are the expected outcome for a malformed archive.
        } catch {
            Issue.record("\(url.lastPathComponent): untyped error \(error)")
        }
    }
}

/// Configurations a manifest may carry that no network can be built from: each is a
/// `ZooError.invalidConfiguration` naming the model, never a trap inside the model's `init`.
@Suite("Unbuildable model configurations")
struct UnbuildableConfigurationTests {
    static let cases: [(model: String, json: String)] = [
        ("unet", #"{"widths":[4],"kernelSize":3}"#),
        ("unet", #"{"widths":[-1,8],"kernelSize":3}"#),
        ("dancer", #"{"widths":[4,8],"kernelSize":-3}"#),
        ("dacnn", #"{"channels":[],"kernelSize":7,"attentionReduction":4}"#),
        ("dacnn", #"{"channels":[16,-32],"kernelSize":7,"attentionReduction":4}"#),
        ("dacnn", #"{"channels":[16,32],"kernelSize":6,"attentionReduction":4}"#),
        ("dacnn", #"{"channels":[16,32],"kernelSize":7,"attentionReduction":0}"#),
        ("dacnn", #"{"channels":[2,32],"kernelSize":7,"attentionReduction":4}"#),
        ("acdae", #"{"channels":[],"kernelSizes":[],"leakySlope":0.2,"attentiveDecoderBlocks":3}"#),
        ("acdae", #"{"channels":[16,32],"kernelSizes":[13],"leakySlope":0.2,"attentiveDecoderBlocks":3}"#),
        ("acdae", #"{"channels":[16,32],"kernelSizes":[13,-7],"leakySlope":0.2,"attentiveDecoderBlocks":3}"#),
        ("acdae", #"{"channels":[16,0],"kernelSizes":[13,7],"leakySlope":0.2,"attentiveDecoderBlocks":3}"#),
        ("acdae", #"{"channels":[16,32],"kernelSizes":[13,7],"leakySlope":0.2,"attentiveDecoderBlocks":-1}"#),
    ]

    @Test(arguments: cases.indices)
    func isRefusedWithATypedError(_ index: Int) throws {
        let (model, json) = Self.cases[index]
        let configuration = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        let error = #expect(throws: ZooError.self) { try ModelZoo.shared.makeNetwork(model, configuration: configuration) }
        #expect(error.map { "\($0)" }?.contains("configuration of '\(model)' is invalid") == true, "\(model) \(json): \(String(describing: error))")
    }
}
