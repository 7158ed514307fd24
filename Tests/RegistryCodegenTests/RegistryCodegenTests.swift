import Foundation
import Testing
@testable import RegistryCodegenCore

@Suite("Registry code generation")
struct RegistryCodegenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func generatesTheGoldenSource() throws {
        let json = try Data(contentsOf: Self.fixtures.appendingPathComponent("registry.json"))
        let source = try RegistryCodegen.generate(registryJSON: json, knownTargets: ["DANCER", "FFTFilter"])
        let golden = try String(contentsOf: Self.fixtures.appendingPathComponent("golden.swift.txt"), encoding: .utf8)
        #expect(source == golden)
    }

    func failure(_ json: String, targets: Set<String> = ["A"]) -> RegistryCodegen.Failure? {
        do {
            _ = try RegistryCodegen.generate(registryJSON: Data(json.utf8), knownTargets: targets)
            return nil
        } catch let failure as RegistryCodegen.Failure {
            return failure
        } catch {
            return nil
        }
    }

    @Test func badRegistriesFailTheBuildNamingTheEntry() {
        let model = #"{"id": "a", "target": "A", "type": "A", "family": "dance", "checkpoints": []}"#
        #expect(failure("[]") == .invalidJSON("not a JSON object"))
        #expect(failure(#"{"models": [\#(model), \#(model)]}"#) == .duplicateID("a"))
        #expect(failure(#"{"models": [\#(model)]}"#, targets: ["B"]) == .unknownTarget(id: "a", target: "A", known: ["B"]))
        #expect(failure(#"{"models": [{"id": "a", "type": "A", "family": "dance"}]}"#) == .missingField(entry: "a", field: "target"))
        #expect(failure(#"{"models": [{"id": "a", "target": "A", "type": "A", "family": "dance", "checkpoints": [{"name": "emb"}]}]}"#)
                == .missingChecksum(id: "a", checkpoint: "emb"))
        #expect(failure(#"{"models": [{"id": "a", "target": "A", "type": "A", "family": "cnn"}]}"#)
                == .unknownFamily(id: "a", family: "cnn"))
        #expect(RegistryCodegen.Failure.duplicateID("a").description == "Registry.json: model id 'a' is registered twice")
    }
}
