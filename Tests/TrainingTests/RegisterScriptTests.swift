import DenoiserKit
import Foundation
import ProcessTestSupport
import Testing

/// `scripts/register-checkpoint.py` on a scratch copy of the repository layout: run 1 and a
/// later run of one cell, each with its own numbers from one multi-run report, and every
/// refusal with the reason.
@Suite("register-checkpoint.py")
struct RegisterScriptTests {
    static let python = TestData.python
    static let script = TestData.repository.appendingPathComponent("scripts/register-checkpoint.py")

    /// A scratch repository: the script, a registry with model `a` and no checkpoint, two archives.
    func repository() throws -> URL {
        let root = try TestData.scratchDirectory()
        for folder in ["scripts", "Models/a"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(at: Self.script, to: root.appendingPathComponent("scripts/register-checkpoint.py"))
        let registry = #"{"formatVersion": 1, "protocolVersion": "p", "models": [{"id": "a", "target": "T", "type": "T", "family": "dance", "summary": "", "reference": "", "checkpoints": []}]}"#
        try Data(registry.utf8).write(to: root.appendingPathComponent("Registry.json"))
        try Data("run one".utf8).write(to: root.appendingPathComponent("Models/a/a-emb.zip"))
        try Data("run two".utf8).write(to: root.appendingPathComponent("Models/a/a-emb-run2.zip"))
        return root
    }

    /// An evaluation report of model `a` on emb: one level (0 dB), SNR_out 8 + seed per run.
    func report(seeds: [Int], checkpoints: [String]? = nil, model: String = "a", in root: URL, name: String) throws -> String {
        let runs = seeds.map { #"{"snrOut": \#(8 + $0).0, "rmse": 0.1\#($0)}"# }.joined(separator: ", ")
        let loaded = checkpoints.map { #", "runCheckpoints": [\#($0.map { "\"\($0)\"" }.joined(separator: ", "))]"# } ?? ""
        let json = #"{"model": "\#(model)", "noise": "emb", "checkpoint": "emb", "seeds": \#(seeds), "segmentsPerLevel": 64\#(loaded), "levels": [{"snr": 0, "runs": [\#(runs)]}]}"#
        let url = root.appendingPathComponent(name)
        try Data(json.utf8).write(to: url)
        return url.path
    }

    func register(_ root: URL, _ arguments: [String]) throws -> DancerChild.Outcome {
        try DancerChild(Self.python, [root.appendingPathComponent("scripts/register-checkpoint.py").path] + arguments).wait()
    }

    func checkpoints(_ root: URL) throws -> [Registry.CheckpointEntry] {
        let data = try Data(contentsOf: root.appendingPathComponent("Registry.json"))
        return try Registry(data: data, source: "Registry.json").model("a")?.checkpoints ?? []
    }

    @Test("runs 1 and 2 of emb get their own numbers from one two-run report; the registry stays valid")
    func registersRuns() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python.path) else {
            print("python3 not available: register-checkpoint.py test skipped"); return
        }
        let root = try repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let full = try report(seeds: [1, 2], checkpoints: ["emb", "emb-run2"], in: root, name: "full.json")
        let quick2 = try report(seeds: [2], in: root, name: "quick2.json")

        let early = try register(root, ["a", "emb-run2"])
        #expect(early.status != 0 && early.stderr.contains("register run 1 ('emb') of a before 'emb-run2'"), "\(early.stderr)")

        #expect(try register(root, ["a", "emb", "--full", full]).status == 0)
        let second = try register(root, ["a", "emb-run2", "--full", full, "--quick", quick2])
        #expect(second.status == 0, "\(second.stderr)")
        let entries = try checkpoints(root)
        #expect(entries.map(\.name) == ["emb", "emb-run2"])
        #expect(entries[0].metrics == ["runs": 1, "snr_out_0dB": 9, "rmse_0dB": 0.11])
        #expect(entries[1].metrics == ["runs": 1, "snr_out_0dB": 10, "rmse_0dB": 0.12,
                                       "check_segments": 64, "check_snr_out_0dB": 10, "check_rmse_0dB": 0.12])
        #expect(entries[1].file == "Models/a/a-emb-run2.zip" && entries[1].size == 7)
    }

    @Test("refusals name the problem and leave Registry.json as it was", arguments: [
        (["a", "emb-run02"], "is not a noise type"),
        (["a", "nothing"], "is not a noise type"),
        (["b", "emb"], "Registry.json has no model 'b'"),
        (["a", "emb", "--full", "{one-run}"], ""),   // the valid baseline of this table: no refusal
        (["a", "emb-run2", "--full", "{one-run}"], "has no run with noise seed 2"),
        (["a", "emb-run2", "--full", "{run2-from-emb}"], "its run 2 loaded 'emb', not emb-run2"),
        (["a", "emb-run2", "--quick", "{one-run}"], "has no run with noise seed 2"),
        (["a", "emb-run2", "--quick", "{two-runs}"], "the quick check is one run (noise seed 2"),
        (["a", "emb", "--full", "{other-model}"], "evaluates z/emb, not a/emb"),
    ])
    func refusals(arguments: [String], problem: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python.path) else {
            print("python3 not available: register-checkpoint.py test skipped"); return
        }
        let root = try repository()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try register(root, ["a", "emb"]).status == 0)   // run 1 is there, without metrics
        let files = [
            "{one-run}": try report(seeds: [1], in: root, name: "one.json"),
            "{two-runs}": try report(seeds: [1, 2], checkpoints: ["emb", "emb-run2"], in: root, name: "two.json"),
            "{run2-from-emb}": try report(seeds: [1, 2], in: root, name: "same.json"),
            "{other-model}": try report(seeds: [1], model: "z", in: root, name: "z.json"),
        ]
        let before = try Data(contentsOf: root.appendingPathComponent("Registry.json"))
        let outcome = try register(root, arguments.map { files[$0] ?? $0 })
        if problem.isEmpty {
            #expect(outcome.status == 0, "\(outcome.stderr)")
        } else {
            #expect(outcome.status != 0 && outcome.stderr.contains(problem), "\(outcome.stderr)")
            #expect(try Data(contentsOf: root.appendingPathComponent("Registry.json")) == before)
        }
    }
}
