import Foundation
import ECG
import ProcessTestSupport
import Testing
@testable import DancerCommands

@Suite("dancer denoise --manifest --shard: deterministic shards, atomic outputs, resumable")
struct BatchDenoisingTests {
    /// A manifest of `count` short CSV recordings (plus one broken input when `broken`).
    static func manifest(in directory: URL, count: Int, broken: Bool = false) throws -> URL {
        var lines = ["# inputs"]
        for i in 0..<count {
            let name = "rec\(i).csv"
            try CSVSignal.write(CLITestSupport.signal(seconds: 2, leads: 1), to: directory.appendingPathComponent(name))
            lines.append(name)
        }
        if broken {
            try Data("time,a\nx,y\n".utf8).write(to: directory.appendingPathComponent("broken.csv"))
            lines.append("broken.csv")
        }
        let url = directory.appendingPathComponent("inputs.txt")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    static func runner(_ manifest: URL, out: URL, shard: Shard) throws -> BatchDenoising {
        var job = DenoiseJob(denoiser: try CLITestSupport.tinyDenoiser())
        job.progressStyle = .silent
        return BatchDenoising(job: job, manifest: manifest, outDir: out, shard: shard)
    }

    @Test("three concurrent shards: union is every input, none done twice; a rerun skips them all")
    func concurrentShards() async throws {
        let directory = try CLITestSupport.scratchDirectory()
        let manifest = try Self.manifest(in: directory, count: 7)
        let out = directory.appendingPathComponent("out")
        let runners = try (0..<3).map { try Self.runner(manifest, out: out, shard: Shard(index: $0, count: 3)) }
        let reports = await withTaskGroup(of: BatchDenoising.Report?.self) { group in
            for runner in runners { group.addTask { try? runner.run() } }
            var all: [BatchDenoising.Report?] = []
            for await report in group { all.append(report) }
            return all
        }.compactMap { $0 }
        #expect(reports.count == 3)
        let done = reports.flatMap(\.denoised)
        #expect(done.count == 7 && Set(done).count == 7)
        #expect(Set(done) == Set(try BatchDenoising.inputs(of: manifest)))
        let rerun = try Self.runner(manifest, out: out, shard: Shard(index: 1, count: 3)).run()
        #expect(rerun.denoised.isEmpty && rerun.skipped.count == 2)
    }

    @Test("a killed shard's rerun finishes only the rest; a broken input fails alone and is named")
    func resumeAndFailures() throws {
        let directory = try CLITestSupport.scratchDirectory()
        let manifest = try Self.manifest(in: directory, count: 4, broken: true)
        let out = directory.appendingPathComponent("out")
        let runner = try Self.runner(manifest, out: out, shard: Shard(index: 0, count: 1))
        // "Killed" after the first input: its output exists, a stale temp file of the second remains.
        try runner.job.run(input: directory.appendingPathComponent("rec0.csv").path, output: out.appendingPathComponent("rec0.csv").path)
        try Data("partial".utf8).write(to: out.appendingPathComponent(".rec1.csv.dead.tmp"))
        let report = try runner.run()
        #expect(report.skipped == [directory.appendingPathComponent("rec0.csv").path])
        #expect(report.denoised.count == 3)
        #expect(report.failed.map(\.input) == [directory.appendingPathComponent("broken.csv").path])
        #expect(report.failed.first?.reason.contains("broken.csv") == true)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("broken.csv").path))
    }

    @Test("two inputs with one output name are refused up front")
    func duplicateNames() throws {
        let directory = try CLITestSupport.scratchDirectory()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("b"), withIntermediateDirectories: true)
        let manifest = directory.appendingPathComponent("m.txt")
        try Data("a/x.csv\nb/x.csv\n".utf8).write(to: manifest)
        #expect(throws: CommandError.self) { try Self.runner(manifest, out: directory, shard: Shard(index: 0, count: 1)).run() }
    }

    @Test("shard parsing and membership")
    func shards() throws {
        #expect(Shard(argument: "2/5") == Shard(index: 2, count: 5))
        #expect(Shard(argument: "2") == nil && Shard(argument: "a/b") == nil)
        #expect(throws: (any Error).self) { try Shard(index: 3, count: 2).validate() }
        #expect(throws: (any Error).self) { try Shard(index: 0, count: 0).validate() }
        #expect((0..<10).filter(Shard(index: 1, count: 3).contains) == [1, 4, 7])
    }

    @Test("three dancer processes at once (the built binary), exit codes name failures")
    func processes() async throws {
        guard let binary = DancerBinary.url() else {
            print("BatchDenoisingTests.processes: SKIPPED — no dancer binary at \(DancerBinary.hint)")
            return
        }
        let directory = try CLITestSupport.scratchDirectory()
        let manifest = try Self.manifest(in: directory, count: 6, broken: true)
        let checkpoint = try CLITestSupport.tinyCheckpoint(in: directory).path
        let out = directory.appendingPathComponent("out").path
        let processes = try (0..<3).map { i -> Process in
            let process = Process()
            process.executableURL = binary
            process.arguments = ["denoise", "--model", "unet", "--checkpoint", checkpoint, "--manifest", manifest.path,
                                 "--out-dir", out, "--shard", "\(i)/3"]
            process.standardOutput = Pipe()  // not FileHandle.nullDevice, whose shared descriptor Process handling can close under other tests
            process.standardError = Pipe()  // not FileHandle.nullDevice, whose shared descriptor Process handling can close under other tests
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        // broken.csv is line 6 → shard 0 fails, the others succeed.
        #expect(processes.map(\.terminationStatus) == [1, 0, 0])
        let written = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(written == (0..<6).map { "rec\($0).csv" })
    }
}
