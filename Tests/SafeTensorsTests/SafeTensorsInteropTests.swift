import Foundation
import Testing
import SafeTensors

/// Cross-checks against the reference implementation (Python `safetensors`).
@Suite struct SafeTensorsInteropTests {
    @Test func readsPythonWrittenFixture() throws {
        let url = try #require(Bundle.module.url(
            forResource: "python-written", withExtension: "safetensors", subdirectory: "Fixtures"))
        let file = try SafeTensorsFile(contentsOf: url)
        #expect(file.metadata == ["format": "np", "note": "DANCER Zoo fixture"])
        #expect(Set(file.tensors.keys) == ["weight", "half", "double", "steps", "index", "bytes", "mask", "empty"])
        let weight = try file.tensor(named: "weight")
        #expect(weight.dtype == .f32 && weight.shape == [2, 3])
        #expect(try weight.floats() == [-1, -0.5, 0, 0.5, 1, 1.5])
        #expect(try file.tensor(named: "half").floats() == [1, -2.5, 65504, 0])
        #expect(try file.tensor(named: "double").floats() == [3.25, -0.125])
        let steps = try file.tensor(named: "steps")
        #expect(steps.dtype == .i64 && steps.shape == [])
        #expect(try steps.int64s() == [7])
        #expect(try file.tensor(named: "index").int64s() == [-3, 0, 2_147_483_647])
        #expect(try file.tensor(named: "bytes").int64s() == [0, 128, 255])
        #expect(try file.tensor(named: "mask").dtype == .bool)
        #expect(try file.tensor(named: "mask").int64s() == [1, 0, 1])
        let empty = try file.tensor(named: "empty")
        #expect(empty.shape == [0, 4] && empty.data.isEmpty)
    }

    @Test(.enabled(if: TestSupport.hasPythonSafetensors,
                   "python3 with `safetensors` and `numpy` not importable; Python interop skipped"))
    func pythonReadsOurOutput() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("safetensors-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("ours.safetensors")
        let file = SafeTensorsFile(
            tensors: [
                "weight": SafeTensor(floats: [0.5, -1.5, 2, 4], shape: [2, 2]),
                "steps": SafeTensor(int64s: [9], shape: []),
                "empty": SafeTensor(floats: [], shape: [3, 0]),
                "half": SafeTensor(dtype: .f16, shape: [2], data: Data([0x00, 0x3C, 0x00, 0xC0])),
                "mask": SafeTensor(dtype: .bool, shape: [2], data: Data([0, 1])),
            ],
            metadata: ["format": "pt", "model": "dancer"])
        try file.write(to: url)

        let script = """
            import json, sys
            from safetensors import safe_open
            from safetensors.numpy import load_file
            tensors = load_file(sys.argv[1])
            with safe_open(sys.argv[1], framework="np") as f:
                meta = f.metadata()
            out = {k: [str(v.dtype), list(v.shape), v.flatten().tolist()] for k, v in tensors.items()}
            print(json.dumps({"tensors": out, "metadata": meta}, sort_keys=True))
            """
        let result = try TestSupport.runPython(script, [url.path])
        #expect(result.status == 0)
        let expected = """
            {"metadata": {"format": "pt", "model": "dancer"}, "tensors": {"empty": ["float32", [3, 0], []], \
            "half": ["float16", [2], [1.0, -2.0]], "mask": ["bool", [2], [false, true]], \
            "steps": ["int64", [], [9]], "weight": ["float32", [2, 2], [0.5, -1.5, 2.0, 4.0]]}}
            """
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
    }
}
