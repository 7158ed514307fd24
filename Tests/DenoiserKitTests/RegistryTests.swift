import DenoiserKit
import Foundation
import Testing

@Suite("Registry.json")
struct RegistryTests {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func theShippedRegistryIsValid() throws {
        let url = Self.repositoryRoot.appendingPathComponent("Registry.json")
        let registry = try Registry(data: Data(contentsOf: url), source: url.path)
        #expect(!registry.models.isEmpty)
        for entry in registry.models {
            for checkpoint in entry.checkpoints {
                let file = Self.repositoryRoot.appendingPathComponent(checkpoint.file)
                let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? -1
                #expect(size == checkpoint.size, "\(entry.id)/\(checkpoint.name): \(checkpoint.file) size \(size)")
            }
        }
    }

    /// The registry also validates against the JSON Schema in docs/ (checked with Python's
    /// `jsonschema` when it is installed).
    @Test func theShippedRegistryMatchesItsSchema() throws {
        let root = Self.repositoryRoot
        let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("SKIP"); sys.exit(0)
        jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
        print("OK")
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, root.appendingPathComponent("Registry.json").path,
                             root.appendingPathComponent("docs/registry.schema.json").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { print("python3 not available: schema check skipped"); return }
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        if output.contains("SKIP") { print("jsonschema not installed: schema check skipped"); return }
        #expect(process.terminationStatus == 0 && output.contains("OK"), "\(output)")
    }

    @Test(arguments: [
        (#"{"formatVersion": 1, "protocolVersion": "p", "models": [{"id": "Bad Id", "target": "T", "type": "T", "family": "dance", "summary": "", "reference": "", "checkpoints": []}]}"#, "must be lowercase"),
        (#"{"formatVersion": 1, "protocolVersion": "p", "models": [{"id": "a", "target": "T", "type": "T", "family": "dance", "summary": "", "reference": "", "checkpoints": []}, {"id": "a", "target": "T", "type": "T", "family": "dance", "summary": "", "reference": "", "checkpoints": []}]}"#, "registered twice"),
        (#"{"formatVersion": 9, "protocolVersion": "p", "models": []}"#, "newer than this code reads"),
        (#"{"formatVersion": 1, "protocolVersion": "p", "models": [{"id": "a", "target": "T", "type": "T", "family": "other", "summary": "", "reference": "", "checkpoints": []}]}"#, "at models.[0].family"),
        (#"{"formatVersion": 1, "protocolVersion": "p", "models": [{"id": "a", "target": "T", "type": "T", "family": "dance", "summary": "", "reference": "", "checkpoints": [{"name": "emb", "file": "Models/a.zip", "sha256": "xyz", "size": 1}]}]}"#, "sha256 must be 64"),
        (#"{"formatVersion": 1, "protocolVersion": "p", "models": [{"id": "a", "target": "T", "type": "T", "family": "dance", "summary": "", "reference": "", "checkpoints": [{"name": "emb", "file": "../a.zip", "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "size": 1}]}]}"#, "relative .zip path"),
        (#"{"formatVersion": 1, "models": []}"#, "missing field 'protocolVersion'"),
    ])
    func invalidRegistriesAreExplained(json: String, message: String) {
        let error = #expect(throws: ZooError.self) { try Registry(data: Data(json.utf8), source: "test.json") }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains(message) && text.hasPrefix("test.json: "), "\(text)")
    }
}
