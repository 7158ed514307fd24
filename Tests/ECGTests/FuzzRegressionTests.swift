import Foundation
import Testing
import ECG

/// Inputs found by the WFDB header fuzzer (scripts/fuzz, `make fuzz`), kept in
/// `Fixtures/fuzz-regressions/`: each must parse or throw an `ECGError`, never trap.
@Suite("WFDB header fuzz regressions")
struct FuzzRegressionTests {
    static let inputs: [URL] = {
        guard let directory = TestData.fixture("fuzz-regressions"),
              let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        else { return [] }
        return files.filter { $0.pathExtension != "md" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }()

    @Test func regressionInputsArePresent() {
        #expect(!Self.inputs.isEmpty, "no files in ECGTests/Fixtures/fuzz-regressions")
    }

    @Test(arguments: inputs)
    func parsesOrThrowsECGError(_ url: URL) {
        do {
            let header = try WFDBHeader(contentsOf: url)
            // What the writer makes of a parsed header must not trap either.
            _ = try? WFDBHeader(parsing: header.text(), file: "\(url.lastPathComponent) (rewritten)")
        } catch is ECGError {
            // A typed error is the expected outcome for a malformed header.
        } catch {
            Issue.record("\(url.lastPathComponent): untyped error \(error)")
        }
    }
}
