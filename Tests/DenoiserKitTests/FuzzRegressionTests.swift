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
