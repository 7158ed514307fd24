import Foundation
import ProcessTestSupport
import Testing

/// `scripts/train-cells.sh` with a stand-in `dancer` that logs its arguments and writes its
/// `-o` file: the commands each cell runs, skipping what is done on a rerun, and refusals.
@Suite("train-cells.sh")
struct TrainCellsScriptTests {
    static let bash = URL(fileURLWithPath: "/bin/bash")
    static let script = TestData.repository.appendingPathComponent("scripts/train-cells.sh")

    /// A scratch folder with a fake data directory and a fake `dancer` logging to `calls.log`.
    func setUp() throws -> (root: URL, environment: [String: String]) {
        let root = try TestData.scratchDirectory()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("data/mitdb"), withIntermediateDirectories: true)
        let fake = root.appendingPathComponent("fake-dancer")
        let body = """
        #!/bin/bash
        echo "$*" >> "\(root.path)/calls.log"
        [ "$1 $2 $3" = "train --model broken" ] && { echo "diverged" >&2; exit 3; }
        while [ $# -gt 0 ]; do [ "$1" = "-o" ] && echo made > "$2"; shift; done
        """
        try Data(body.utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        var environment = ProcessInfo.processInfo.environment
        environment["DANCER"] = fake.path
        environment["DANCER_DATA_DIR"] = root.appendingPathComponent("data").path
        environment["STEPS"] = "7"
        environment["TRAIN_FLAGS"] = nil
        return (root, environment)
    }

    func run(_ arguments: [String], environment: [String: String]) throws -> DancerChild.Outcome {
        try DancerChild(Self.bash, [Self.script.path] + arguments, environment: environment).wait()
    }

    @Test("each cell trains resumably, then evaluates with its own noise seed; a rerun redoes nothing")
    func trainsAndEvaluates() throws {
        let (root, environment) = try setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("runs").path
        #expect(try run([out, "unet:emb:1", "dancer:bw:2"], environment: environment).status == 0)
        let calls = try String(contentsOf: root.appendingPathComponent("calls.log"), encoding: .utf8).split(separator: "\n")
        #expect(calls.count == 6)
        #expect(calls[0].hasPrefix("train --model unet --noise emb --seed 1 --steps 7 --schedule cosine") && calls[0].contains("--resume"))
        #expect(calls[0].hasSuffix("-o \(out)/unet-emb-1.zip --resume"))
        #expect(calls[1].hasPrefix("eval --model unet --checkpoint \(out)/unet-emb-1.zip --noise emb --first-seed 1 --nst"))
        #expect(calls[2].contains("--snr 0 --segments 256") && calls[2].hasSuffix("-o \(out)/quick-unet-emb-1.json"))
        #expect(calls[3].hasPrefix("train --model dancer --noise bw --seed 2"))
        #expect(calls[4].contains("--noise bw --first-seed 2 --nst"))
        for file in ["unet-emb-1.zip.done", "eval-dancer-bw-2.json", "quick-dancer-bw-2.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(file)")
        }
        #expect(try run([out, "unet:emb:1", "dancer:bw:2"], environment: environment).status == 0)
        let again = try String(contentsOf: root.appendingPathComponent("calls.log"), encoding: .utf8).split(separator: "\n")
        #expect(again.count == 6)
    }

    @Test("TRAIN_FLAGS go to every cell's training, not to its evaluations")
    func extraTrainingFlags() throws {
        var (root, environment) = try setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        environment["TRAIN_FLAGS"] = "--similarity-weight 0  --input-snr -6,30"
        let out = root.appendingPathComponent("runs").path
        #expect(try run([out, "unet:emb:1"], environment: environment).status == 0)
        let calls = try String(contentsOf: root.appendingPathComponent("calls.log"), encoding: .utf8).split(separator: "\n")
        #expect(calls.count == 3)
        #expect(calls[0].hasSuffix("--resume --similarity-weight 0 --input-snr -6,30"), "\(calls[0])")
        #expect(!calls[1].contains("--similarity-weight") && !calls[2].contains("--similarity-weight"))
    }

    @Test("a failed cell is reported and skipped; the queue goes on and exits 1")
    func failedCell() throws {
        let (root, environment) = try setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("runs").path
        let outcome = try run([out, "broken:emb:1", "unet:emb:1"], environment: environment)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("FAILED training broken-emb-1") && outcome.stderr.contains("1 cell(s) failed: broken-emb-1"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(out)/broken-emb-1.zip.done"))
        #expect(FileManager.default.fileExists(atPath: "\(out)/quick-unet-emb-1.json"))
        let calls = try String(contentsOf: root.appendingPathComponent("calls.log"), encoding: .utf8).split(separator: "\n")
        #expect(calls.count == 4 && calls.filter { $0.contains("--model broken") }.count == 1)
    }

    @Test("bad cells, a missing binary and a missing data directory are refused before anything runs", arguments: [
        (["OUT", "dancer:emb"], [:], "cell 'dancer:emb' is not model:noise:seed"),
        (["OUT", "dancer:emb:0"], [:], "cell 'dancer:emb:0' is not model:noise:seed"),
        (["OUT", "dancer:emb:1:2"], [:], "cell 'dancer:emb:1:2' is not model:noise:seed"),
        (["OUT", "dancer:emb:x"], [:], "cell 'dancer:emb:x' is not model:noise:seed"),
        (["OUT", "dancer:emb:1"], ["DANCER": "/nonexistent/dancer"], "/nonexistent/dancer is not an executable dancer binary"),
        (["OUT", "dancer:emb:1"], ["DANCER_DATA_DIR": "/nonexistent"], "/nonexistent has no mitdb/"),
        (["OUT"], [:], "scripts/train-cells.sh OUT_DIR model:noise:seed"),
    ] as [([String], [String: String], String)])
    func refusals(arguments: [String], overrides: [String: String], problem: String) throws {
        let (root, environment) = try setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("runs")
        let outcome = try run(arguments.map { $0 == "OUT" ? out.path : $0 }, environment: environment.merging(overrides) { $1 })
        #expect(outcome.status == 2 && outcome.stderr.contains(problem), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("calls.log").path))
    }
}
