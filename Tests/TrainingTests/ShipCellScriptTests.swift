import DenoiserKit
import Foundation
import ProcessTestSupport
import Testing

/// `scripts/ship-cell.sh` on a scratch copy of the repository layout, with a stand-in `dancer`
/// that logs its arguments and writes an evaluation report for `eval -o`: which runs ship,
/// what the registry records for each, and the refusals.
@Suite("ship-cell.sh", .enabled(if: FileManager.default.isExecutableFile(atPath: TestData.python.path),
                                 "needs python3 (register-checkpoint.py, the stand-in dancer)"))
struct ShipCellScriptTests {
    static let bash = URL(fileURLWithPath: "/bin/bash")
    static let scripts = TestData.repository.appendingPathComponent("scripts")

    /// The stand-in: `eval --runs K -o FILE` writes a K-run report of the model and noise it was
    /// given (run r: SNR_out 8 + r at 0 dB, its checkpoint name in `runCheckpoints`).
    static let fakeDancer = #"""
    #!/usr/bin/env python3
    import json, os, sys
    arguments = sys.argv[1:]
    with open(os.environ["CALLS"], "a") as log:
        log.write(" ".join(arguments) + "\n")
    if arguments[0] == "eval":
        value = lambda flag: arguments[arguments.index(flag) + 1]
        runs, noise = int(value("--runs")), value("--noise")
        names = [noise if run == 1 else f"{noise}-run{run}" for run in range(1, runs + 1)]
        report = {"model": value("--model"), "noise": noise, "checkpoint": value("--checkpoint"),
                  "seeds": list(range(1, runs + 1)), "runCheckpoints": names, "segmentsPerLevel": 64,
                  "levels": [{"snr": 0, "runs": [{"snrOut": 8.0 + run, "rmse": 0.1} for run in range(1, runs + 1)]}]}
        with open(value("-o"), "w") as f:
            json.dump(report, f)
    """#

    /// A scratch repository (both scripts, a registry with model `a`), a training output folder
    /// `runs/`, a data folder and the stand-in binary.
    func setUp() throws -> (root: URL, environment: [String: String]) {
        let root = try TestData.scratchDirectory()
        for folder in ["repo/scripts", "runs", "data/mitdb"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for script in ["ship-cell.sh", "register-checkpoint.py"] {
            try FileManager.default.copyItem(at: Self.scripts.appendingPathComponent(script),
                                             to: root.appendingPathComponent("repo/scripts/\(script)"))
        }
        let registry = #"{"formatVersion": 1, "protocolVersion": "p", "models": [{"id": "a", "target": "T", "type": "T", "family": "dance", "summary": "", "reference": "", "checkpoints": []}]}"#
        try Data(registry.utf8).write(to: root.appendingPathComponent("repo/Registry.json"))
        let fake = root.appendingPathComponent("fake-dancer")
        try Data(Self.fakeDancer.utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        var environment = ProcessInfo.processInfo.environment
        environment["DANCER"] = fake.path
        environment["CALLS"] = root.appendingPathComponent("calls.log").path
        environment["DANCER_DATA_DIR"] = root.appendingPathComponent("data").path
        return (root, environment)
    }

    /// A finished run `r` of `a` on emb in `runs/`: archive, done marker, quick check (SNR 20 + r).
    func finish(run: Int, in root: URL) throws {
        let runs = root.appendingPathComponent("runs")
        try Data("weights of run \(run)".utf8).write(to: runs.appendingPathComponent("a-emb-\(run).zip"))
        try Data("2026-11-27T12:00:00".utf8).write(to: runs.appendingPathComponent("a-emb-\(run).zip.done"))
        let quick = #"{"model": "a", "noise": "emb", "checkpoint": "x", "seeds": [\#(run)], "segmentsPerLevel": 256, "levels": [{"snr": 0, "runs": [{"snrOut": \#(20 + run).0, "rmse": 0.2}]}]}"#
        try Data(quick.utf8).write(to: runs.appendingPathComponent("quick-a-emb-\(run).json"))
    }

    func ship(_ root: URL, _ arguments: [String]? = nil, environment: [String: String]) throws -> DancerChild.Outcome {
        let script = root.appendingPathComponent("repo/scripts/ship-cell.sh").path
        return try DancerChild(Self.bash, [script] + (arguments ?? [root.appendingPathComponent("runs").path, "a", "emb"]),
                               environment: environment).wait()
    }

    func checkpoints(_ root: URL) throws -> [Registry.CheckpointEntry] {
        let data = try Data(contentsOf: root.appendingPathComponent("repo/Registry.json"))
        return try Registry(data: data, source: "Registry.json").model("a")?.checkpoints ?? []
    }

    func calls(_ root: URL) throws -> [Substring] {
        try String(contentsOf: root.appendingPathComponent("calls.log"), encoding: .utf8).split(separator: "\n")
    }

    @Test("two finished runs ship as emb and emb-run2, are evaluated together and registered with their own numbers")
    func shipsRuns() throws {
        let (root, environment) = try setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        try finish(run: 1, in: root)
        try finish(run: 2, in: root)
        let outcome = try ship(root, environment: environment)
        #expect(outcome.status == 0, "\(outcome.stderr)")

        let repo = root.appendingPathComponent("repo")
        let entries = try checkpoints(root)
        #expect(entries.map(\.name) == ["emb", "emb-run2"])
        #expect(entries.map(\.file) == ["Models/a/a-emb.zip", "Models/a/a-emb-run2.zip"])
        #expect(try Data(contentsOf: repo.appendingPathComponent("Models/a/a-emb-run2.zip")) == Data("weights of run 2".utf8))
        #expect(entries[0].metrics == ["runs": 1, "snr_out_0dB": 9, "rmse_0dB": 0.1,
                                       "check_segments": 256, "check_snr_out_0dB": 21, "check_rmse_0dB": 0.2])
        #expect(entries[1].metrics?["snr_out_0dB"] == 10 && entries[1].metrics?["check_snr_out_0dB"] == 22)

        let log = try calls(root)
        #expect(log.count == 2)
        #expect(log[0].hasPrefix("eval --model a --checkpoint emb --runs 2 --noise emb --nst"))
        #expect(log[0].hasSuffix("-o \(repo.path)/docs/results/evals/a-emb.json"))
        #expect(log[1].hasPrefix("report --evals \(repo.path)/docs/results/evals --checkpoints \(repo.path)/Models --out \(repo.path)/docs/results"))
    }

    @Test("a registered run 1 is kept with its quick check; a third run finished later joins it")
    func addsLaterRun() throws {
        let (root, environment) = try setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        try finish(run: 1, in: root)
        try finish(run: 2, in: root)
        #expect(try ship(root, environment: environment).status == 0)
        // Runs 1 and 2 now live only in Models/ (another output folder, or cleaned up).
        for file in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("runs").path) {
            try FileManager.default.removeItem(at: root.appendingPathComponent("runs/\(file)"))
        }
        try finish(run: 3, in: root)
        let outcome = try ship(root, environment: environment)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let entries = try checkpoints(root)
        #expect(entries.map(\.name) == ["emb", "emb-run2", "emb-run3"])
        #expect(entries[0].metrics?["check_snr_out_0dB"] == 21, "run 1 keeps its quick check")
        #expect(entries[2].metrics?["snr_out_0dB"] == 11 && entries[2].metrics?["check_snr_out_0dB"] == 23)
        #expect(try calls(root).last { $0.hasPrefix("eval") }?.contains("--runs 3") == true)
    }

    @Test("gaps, nothing to ship and bad arguments are refused before anything is copied or run", arguments: [
        ("gap", "run 3 of a/emb is finished", "but run 2 is neither finished there nor registered"),
        ("none", "a/emb has no finished run", "and none registered"),
        ("noise", "noise 'xyz'", "is not one of emb, bw, ma, em"),
        ("usage", "scripts/ship-cell.sh OUT_DIR model noise", "Runs 1, 2, … of the cell are shipped in order"),
        ("data", "has no mitdb/", "set DANCER_DATA_DIR"),
    ])
    func refusals(situation: String, problem: String, detail: String) throws {
        var (root, environment) = try setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        var arguments: [String]?
        switch situation {
        case "gap":
            try finish(run: 1, in: root)
            try finish(run: 3, in: root)
        case "noise": arguments = [root.appendingPathComponent("runs").path, "a", "xyz"]
        case "usage": arguments = ["a", "emb"]
        case "data": environment["DANCER_DATA_DIR"] = "/nonexistent"
        default: break
        }
        let before = try Data(contentsOf: root.appendingPathComponent("repo/Registry.json"))
        let outcome = try ship(root, arguments, environment: environment)
        #expect(outcome.status == 2 && outcome.stderr.contains(problem) && outcome.stderr.contains(detail), "\(outcome.stderr)")
        #expect(try Data(contentsOf: root.appendingPathComponent("repo/Registry.json")) == before)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("repo/Models").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("calls.log").path))
    }
}
