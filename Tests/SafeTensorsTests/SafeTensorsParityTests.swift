import Foundation
import Testing
import SafeTensors

/// Reads every PyTorch-written reference file in the shared parity directory.
@Suite(.enabled(if: TestSupport.hasParityDirectory,
                "parity directory not found (set DANCER_SHARED_DIR or place ../shared beside the repo); skipped"))
struct SafeTensorsParityTests {
    @Test func readsEveryParityFile() throws {
        let urls = try FileManager.default.contentsOfDirectory(
            at: TestSupport.parityDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "safetensors" }
        #expect(urls.count >= 7)
        for url in urls {
            let file = try SafeTensorsFile(contentsOf: url)
            #expect(!file.tensors.isEmpty, "\(url.lastPathComponent) has no tensors")
            for (name, tensor) in file.tensors {
                #expect([.f32, .i64].contains(tensor.dtype), "\(url.lastPathComponent): \(name) is \(tensor.dtype)")
                #expect(tensor.data.count == tensor.elementCount * tensor.dtype.elementSize)
            }
        }
    }

    @Test func dancerStateDictHasExpectedLayout() throws {
        let file = try SafeTensorsFile(contentsOf: TestSupport.parityDirectory.appendingPathComponent("dancer.safetensors"))
        #expect(file.tensors.count == 245)
        #expect(file.metadata["format"] == "pt")
        let weight = try file.tensor(named: "enc1.conv1.weight")
        #expect(weight.shape == [16, 1, 3])
        #expect(weight.dtype == .f32)
        #expect(try weight.floats().count == 48)
        let tracked = file.tensors.filter { $0.key.hasSuffix("num_batches_tracked") }
        #expect(!tracked.isEmpty)
        for (_, tensor) in tracked {
            #expect(tensor.dtype == .i64)
            #expect(tensor.shape == [])
            #expect(try tensor.int64s().count == 1)
        }
    }

    @Test func rewritingAParityFilePreservesEveryTensor() throws {
        let url = TestSupport.parityDirectory.appendingPathComponent("dancer-io.safetensors")
        let original = try SafeTensorsFile(contentsOf: url)
        let reread = try SafeTensorsFile(data: try original.serialized())
        #expect(reread == original)
        #expect(try reread.tensor(named: "input").shape == [2, 1, 512])
    }
}
