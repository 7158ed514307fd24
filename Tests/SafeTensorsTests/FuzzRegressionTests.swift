import Foundation
import Testing
import SafeTensors

/// Inputs found by the safetensors fuzzer (scripts/fuzz, `make fuzz`), kept in
/// `Fixtures/fuzz-regressions/`: each must parse or throw a `SafeTensorsError`, never trap.
@Suite("safetensors fuzz regressions")
struct FuzzRegressionTests {
    static let inputs: [URL] = {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/fuzz-regressions"),
              let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        else { return [] }
        return files.filter { $0.pathExtension != "md" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }()

    @Test func regressionInputsArePresent() {
        #expect(!Self.inputs.isEmpty, "no files in SafeTensorsTests/Fixtures/fuzz-regressions")
    }

    @Test(arguments: inputs)
    func parsesOrThrowsSafeTensorsError(_ url: URL) throws {
        let data = try Data(contentsOf: url)
        do {
            let file = try SafeTensorsFile(data: data)
            // What a caller does with a file that parsed: convert, write back, read again.
            for tensor in file.tensors.values {
                _ = try? tensor.floats()
                _ = try? tensor.int64s()
            }
            _ = try SafeTensorsFile(data: try file.serialized())
        } catch is SafeTensorsError {
            // A typed error is the expected outcome for a malformed file.
        } catch {
            Issue.record("\(url.lastPathComponent): untyped error \(error)")
        }
    }
}
