import DenoiserKit
import Foundation
import Testing

@Suite("Checkpoint runs")
struct CheckpointRunsTests {
    @Test("run 1 keeps the plain name; run r is <name>-run<r>, and parsing inverts it")
    func namesRoundTrip() {
        #expect(CheckpointRuns.name("emb", run: 1) == "emb")
        #expect(CheckpointRuns.name("emb", run: 3) == "emb-run3")
        for base in ["emb", "bw", "my-tag", "emb-run"] {
            for run in [1, 2, 10, 123] {
                let parsed = CheckpointRuns.parse(CheckpointRuns.name(base, run: run))
                #expect(parsed.base == base && parsed.run == run, "\(base) run \(run)")
            }
        }
    }

    @Test("names that only look like runs are run 1 of themselves", arguments: [
        "emb-run1", "emb-run0", "emb-run02", "emb-run+3", "emb-run-3", "emb-run", "-run2", "emb-run3x", "emb-run٣", "emb-run 3",
    ])
    func notARun(_ name: String) {
        let parsed = CheckpointRuns.parse(name)
        #expect(parsed.base == name && parsed.run == 1)
    }

    @Test("a registry entry groups its checkpoints by run of a base name")
    func runsOfABase() throws {
        let sha = String(repeating: "0", count: 64)
        let checkpoints = ["emb", "bw", "emb-run2", "emb-run3", "bw-run2"].map {
            #"{"name": "\#($0)", "file": "Models/a/a-\#($0).zip", "sha256": "\#(sha)", "size": 1}"#
        }.joined(separator: ", ")
        let json = #"{"formatVersion": 1, "protocolVersion": "p", "models": [{"id": "a", "target": "T", "type": "T", "family": "dance", "summary": "", "reference": "", "checkpoints": [\#(checkpoints)]}]}"#
        let entry = try #require(try Registry(data: Data(json.utf8), source: "test.json").model("a"))
        #expect(entry.runs(of: "emb").mapValues(\.name) == [1: "emb", 2: "emb-run2", 3: "emb-run3"])
        #expect(entry.runs(of: "bw").mapValues(\.name) == [1: "bw", 2: "bw-run2"])
        #expect(entry.runs(of: "ma").isEmpty)
    }
}
