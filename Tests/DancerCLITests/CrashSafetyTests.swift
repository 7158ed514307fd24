import DenoiserKit
import ECG
import Foundation
import Testing
import ProcessTestSupport
import Zoo
@testable import DancerCommands

/// Bytes of a file, `nil` when absent.
func contents(_ url: URL) -> Data? { FileManager.default.contents(atPath: url.path) }

/// Inode and modification time: an output rewritten (renamed into place again) changes both.
struct FileStamp: Equatable {
    let inode: UInt64
    let modified: Date

    init?(_ url: URL) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value,
              let modified = attributes[.modificationDate] as? Date else { return nil }
        self.inode = inode
        self.modified = modified
    }
}

@Suite("Crash safety: `dancer denoise` killed with SIGKILL never leaves a partial output", .serialized)
struct CrashSafetyTests {
    /// Length of the long synthetic record (2 leads at 360 Hz): long enough to be killed mid-write in a debug build.
    static let recordSeconds = 120.0
    /// Samples per chunk: the temporary output grows chunk by chunk while the run goes on.
    static let chunkLength = 3_600

    static func names(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    /// The files of one output (a WFDB record is its header and data file).
    static func files(of output: URL) -> [URL] { TemporaryLeftovers.files(of: output) }

    @Test("single output killed at seeded random points: no partial file under the final name, the previous one kept; a rerun completes and cleans up")
    func killedSingleDenoise() async throws {
        guard let binary = DancerBinary.url() else {
            print("CrashSafetyTests.killedSingleDenoise: SKIPPED — no dancer binary at \(DancerBinary.hint)")
            return
        }
        let directory = try CLITestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let checkpoints = try (0..<2).map { seed -> String in
            let folder = directory.appendingPathComponent("ck\(seed)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try CLITestSupport.tinyCheckpoint(in: folder, seed: UInt64(seed)).path
        }
        try WFDBWriter.write(CLITestSupport.signal(seconds: Self.recordSeconds, leads: 2), recordName: "long", to: directory, gain: 1000)
        let input = directory.appendingPathComponent("long.hea").path
        func arguments(_ checkpoint: String, _ output: URL) -> [String] {
            ["denoise", "--model", "unet", "--checkpoint", checkpoint, input, "-o", output.path,
             "--chunk-length", String(Self.chunkLength)]
        }

        // Uninterrupted references (and how long a run takes here).
        let reference = directory.appendingPathComponent("reference")
        var seconds: [String: Double] = [:]
        for format in ["hea", "csv"] {
            let (outcome, time) = try await DancerChild.run(binary, arguments(checkpoints[0], reference.appendingPathComponent("long.\(format)")))
            try #require(outcome.status == 0, "reference run failed: \(outcome.stderr)")
            seconds[format] = time
        }

        var random = KillPoints(state: 0xDA_4CE2)
        var killPoints = 0, midWrite = 0
        for (format, withPrevious) in [("hea", false), ("csv", true), ("hea", true)] {
            let out = directory.appendingPathComponent("out-\(format)-\(withPrevious)")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let target = out.appendingPathComponent("long.\(format)")
            let targets = Self.files(of: target)
            let wanted = targets.map { contents(reference.appendingPathComponent($0.lastPathComponent)) }
            if withPrevious {
                // A complete output of another model is in place: a killed run must leave it as it is.
                let (outcome, _) = try await DancerChild.run(binary, arguments(checkpoints[1], target))
                try #require(outcome.status == 0, "\(outcome.stderr)")
                #expect(targets.map(contents) != wanted)
            }
            var killsHere = 0, attempts = 0
            while killsHere < 3, attempts < 6 {
                attempts += 1
                let before = targets.map(contents)
                let oldTemporaries = Set(Self.names(in: out).filter { $0.hasSuffix(".tmp") })
                let started = Date()
                let delay = (seconds[format] ?? 1) * Double.random(in: 0.1...0.9, using: &random)
                let killArguments = arguments(checkpoints[0], target)
                let outcome = try await onOwnThread {
                    let child = try DancerChild(binary, killArguments)
                    Thread.sleep(forTimeInterval: delay)
                    child.sigkill()
                    return child.wait()
                }
                if outcome.killed {
                    (killPoints, killsHere) = (killPoints + 1, killsHere + 1)
                } else {
                    // Done before the kill (the machine got faster): aim by this run's time from now on.
                    try #require(outcome.status == 0, "\(outcome.stderr)")
                    seconds[format] = min(seconds[format] ?? 1, Date().timeIntervalSince(started))
                }
                // Did this run leave a partly written temporary output (killed mid-write)?
                let partial = Self.names(in: out).filter { $0.hasSuffix(".tmp") && !oldTemporaries.contains($0) }.contains { name in
                    ((try? FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path)[.size]) as? NSNumber)?.intValue ?? 0 > 0
                }
                if outcome.killed && partial { midWrite += 1 }
                let now = targets.map(contents)
                // The only states allowed: the previous output (or none), the complete new one, or
                // — WFDB only, in the two renames at the very end — no header at all.
                let headerGone = format == "hea" && now[0] == nil
                #expect(now == before || now == wanted || headerGone,
                        "\(target.lastPathComponent) after a kill is neither the previous nor the complete output")
                let stray = Self.names(in: out).filter { name in
                    !targets.map(\.lastPathComponent).contains(name)
                        && !(name.hasPrefix(".long.") && name.hasSuffix(".tmp"))
                }
                #expect(stray.isEmpty, "unexpected files after a kill: \(stray)")
            }
            // The rerun completes, equals the uninterrupted output and removes the killed runs' temporaries.
            let (outcome, _) = try await DancerChild.run(binary, arguments(checkpoints[0], target))
            try #require(outcome.status == 0, "\(outcome.stderr)")
            #expect(targets.map(contents) == wanted)
            #expect(Self.names(in: out) == targets.map(\.lastPathComponent).sorted())
        }
        print("CrashSafetyTests.killedSingleDenoise: \(killPoints) kill points (SIGKILL mid-run) exercised, \(midWrite) of them with a partly written temporary output on disk")
        #expect(killPoints >= 6)
    }

    @Test("a batch killed midway, rerun: finished outputs skipped (not rewritten), unfinished redone, all equal to a clean run; --overwrite redoes all")
    func killedBatch() async throws {
        guard let binary = DancerBinary.url() else {
            print("CrashSafetyTests.killedBatch: SKIPPED — no dancer binary at \(DancerBinary.hint)")
            return
        }
        let directory = try CLITestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let checkpoint = try CLITestSupport.tinyCheckpoint(in: directory).path
        var lines: [String] = []
        var outputs: [String] = []
        for i in 0..<6 {
            let signal = CLITestSupport.signal(seconds: 40 + 5 * Double(i), leads: 2)
            if i % 2 == 0 {
                try WFDBWriter.write(signal, recordName: "rec\(i)", to: directory, gain: 1000)
                lines.append("rec\(i).hea")
                outputs.append("rec\(i).hea")
            } else {
                try CSVSignal.write(signal, to: directory.appendingPathComponent("rec\(i).csv"))
                lines.append("rec\(i).csv")
                outputs.append("rec\(i).csv")
            }
        }
        let manifest = directory.appendingPathComponent("inputs.txt")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: manifest)
        func arguments(_ out: URL, _ extra: [String] = []) -> [String] {
            ["denoise", "--model", "unet", "--checkpoint", checkpoint, "--manifest", manifest.path, "--out-dir", out.path,
             "--chunk-length", "3600"] + extra
        }
        func files(_ out: URL) -> [URL] { outputs.flatMap { Self.files(of: out.appendingPathComponent($0)) } }
        func finished(_ out: URL) -> [String] { outputs.filter { BatchDenoising.isFinished(out.appendingPathComponent($0).path) } }

        let reference = directory.appendingPathComponent("reference")
        let (clean, seconds) = try await DancerChild.run(binary, arguments(reference))
        try #require(clean.status == 0, "\(clean.stderr)")
        let wanted = Dictionary(uniqueKeysWithValues: files(reference).map { ($0.lastPathComponent, contents($0)) })

        let out = directory.appendingPathComponent("out")
        var random = KillPoints(state: 0xBA7C4)
        var killPoints = 0
        var stamps: [String: FileStamp] = [:]
        for _ in 0..<5 where killPoints < 3 {
            let done = finished(out).count
            guard done < outputs.count - 1 else { break }
            // Kill after the next output appears, a seeded fraction of one input's time later.
            let delay = seconds / Double(outputs.count) * Double.random(in: 0...0.9, using: &random)
            let killArguments = arguments(out)
            let outcome = try await onOwnThread {
                let child = try DancerChild(binary, killArguments)
                let deadline = Date().addingTimeInterval(4 * seconds + 30)
                while child.isRunning, finished(out).count <= done, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
                Thread.sleep(forTimeInterval: delay)
                child.sigkill()
                return child.wait()
            }
            if outcome.killed { killPoints += 1 }
            // Every output under its final name is complete (equal to the clean run's);
            // those finished earlier were not rewritten.
            for url in files(out) where FileManager.default.fileExists(atPath: url.path) {
                #expect(contents(url) == wanted[url.lastPathComponent], "\(url.lastPathComponent) is incomplete after a kill")
            }
            for (name, stamp) in stamps { #expect(FileStamp(out.appendingPathComponent(name)) == stamp, "\(name) was rewritten") }
            for name in finished(out) {
                for url in Self.files(of: out.appendingPathComponent(name)) where stamps[url.lastPathComponent] == nil {
                    stamps[url.lastPathComponent] = FileStamp(url)
                }
            }
        }
        let finishedBefore = finished(out)
        let (rerun, _) = try await DancerChild.run(binary, arguments(out))
        try #require(rerun.status == 0, "\(rerun.stderr)")
        for name in finishedBefore {
            #expect(rerun.stdout.contains("\(directory.appendingPathComponent(name).path): done already"), "\(name) not skipped")
        }
        #expect(rerun.stdout.contains("\(outputs.count - finishedBefore.count) denoised, \(finishedBefore.count) done already, 0 failed"))
        for (name, stamp) in stamps { #expect(FileStamp(out.appendingPathComponent(name)) == stamp, "\(name) was rewritten by the rerun") }
        for url in files(out) { #expect(contents(url) == wanted[url.lastPathComponent], "\(url.lastPathComponent) differs from the clean run") }
        #expect(Self.names(in: out) == files(out).map(\.lastPathComponent).sorted(), "temporary files left: \(Self.names(in: out))")

        // --overwrite redoes every input (new files renamed into place), with the same result.
        let (again, _) = try await DancerChild.run(binary, arguments(out, ["--overwrite"]))
        try #require(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\(outputs.count) denoised, 0 done already, 0 failed"))
        for (name, stamp) in stamps { #expect(FileStamp(out.appendingPathComponent(name))?.inode != stamp.inode, "\(name) not redone") }
        for url in files(out) { #expect(contents(url) == wanted[url.lastPathComponent]) }
        print("CrashSafetyTests.killedBatch: \(killPoints) kill points exercised; \(finishedBefore.count) of \(outputs.count) outputs finished before the rerun")
        #expect(killPoints >= 2)
    }
}

/// A denoiser whose every output is NaN (a broken model).
final class NaNDenoiser: Denoiser {
    let card = ModelCard(id: "nan", family: .classical, summary: "returns NaN", reference: "test")
    func denoise(segments: [Float], length: Int) throws -> [Float] { [Float](repeating: .nan, count: segments.count) }
}

@Suite("Numerics of dancer denoise: non-finite inputs and outputs, flat lines")
struct DenoiseNumericsTests {
    @Test("a NaN or ∞ input sample is refused, naming the file, lead and sample; nothing is written")
    func nonFiniteInput() throws {
        let directory = try CLITestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let job = DenoiseJob(denoiser: try CLITestSupport.tinyDenoiser(), progressStyle: .silent)
        for bad in ["nan", "inf", "-inf"] {
            let input = directory.appendingPathComponent("bad-\(bad).csv")
            var rows = ["time,I,II"]
            for i in 0..<720 { rows.append("\(Double(i) / 360),0.1,\(i == 5 ? bad : "0.2")") }
            try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: input)
            let out = directory.appendingPathComponent("out-\(bad)")
            let error = #expect(throws: ECGError.self) { try job.run(input: input.path, output: out.appendingPathComponent("x.hea").path) }
            let message = "\(error.map { "\($0)" } ?? "")"
            #expect(message.contains(input.path) && message.contains("lead 1") && message.contains("sample 5"), "\(message)")
            #expect(CrashSafetyTests.names(in: out).isEmpty)
        }
        // A WFDB record whose gain turns samples into ∞ (100 / 1e-300 overflows a Float): the
        // streaming path's check names the file, lead and sample too (neural and classical models).
        let samples = [Int16](repeating: 100, count: 2 * 1000)
        try Data(samples.flatMap { [UInt8(UInt16(bitPattern: $0) & 0xFF), UInt8(UInt16(bitPattern: $0) >> 8)] })
            .write(to: directory.appendingPathComponent("huge.dat"))
        try Data("huge 2 360 1000\nhuge.dat 16 200/mV 16 0 100 0 0 I\nhuge.dat 16 1e-300/mV 16 0 100 0 0 II\n".utf8)
            .write(to: directory.appendingPathComponent("huge.hea"))
        let input = directory.appendingPathComponent("huge.hea").path
        for denoiser in [try CLITestSupport.tinyDenoiser(), try ModelZoo.shared.load("fft")] {
            let out = directory.appendingPathComponent("out-huge-\(denoiser.card.id)")
            let error = #expect(throws: (any Error).self) {
                try DenoiseJob(denoiser: denoiser, progressStyle: .silent).run(input: input, output: out.appendingPathComponent("x.csv").path)
            }
            let message = "\(error.map { "\($0)" } ?? "")"
            #expect(message.contains(input), "\(message)")
            if case ECGError.nonFiniteSample? = error { #expect(message.contains("lead 1, sample 0"), "\(message)") }
            #expect(CrashSafetyTests.names(in: out).isEmpty)
        }
    }

    @Test("a non-finite denoised output is an error naming the input; nothing is written (WFDB, CSV, EDF)")
    func nonFiniteOutput() throws {
        let directory = try CLITestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("rec.csv")
        try CSVSignal.write(CLITestSupport.signal(seconds: 5, leads: 2), to: input)
        let job = DenoiseJob(denoiser: NaNDenoiser(), progressStyle: .silent)
        for format in ["hea", "csv", "edf"] {
            let out = directory.appendingPathComponent("out-\(format)")
            let error = #expect(throws: CommandError.self) { try job.run(input: input.path, output: out.appendingPathComponent("x.\(format)").path) }
            let message = error?.description ?? ""
            #expect(message.contains(input.path) && message.contains("not finite") && message.contains("nothing was written"), "\(message)")
            #expect(CrashSafetyTests.names(in: out).isEmpty, "\(format): \(CrashSafetyTests.names(in: out))")
        }
    }

    @Test("a flat-line lead is denoised to (near) zero, finite, with every model family and with resampling")
    func flatLine() throws {
        let directory = try CLITestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for rate in [360.0, 250.0] {
            let count = Int(20 * rate)
            let input = directory.appendingPathComponent("flat-\(Int(rate)).csv")
            // Constant leads: an offset, zero, and a large value.
            try CSVSignal.write(Signal(leads: [[Float](repeating: 1.5, count: count), [Float](repeating: 0, count: count),
                                               [Float](repeating: -250, count: count)],
                                       sampleRate: rate, leadNames: ["a", "b", "c"]), to: input)
            for (name, denoiser) in [("unet", try CLITestSupport.tinyDenoiser()), ("fft", try ModelZoo.shared.load("fft")),
                                     ("dwt", try ModelZoo.shared.load("dwt"))] {
                let output = directory.appendingPathComponent("flat-\(Int(rate))-\(name).csv")
                try DenoiseJob(denoiser: denoiser, progressStyle: .silent).run(input: input.path, output: output.path)
                let leads = try CSVSignal.read(from: output).leads
                #expect(leads.count == 3 && leads.allSatisfy { $0.count == count })
                #expect(leads.allSatisfy { $0.allSatisfy(\.isFinite) }, "\(name) at \(rate) Hz: non-finite output")
                let largest = leads.map { $0.map(abs).max() ?? 0 }
                print("DenoiseNumericsTests.flatLine: \(name) at \(Int(rate)) Hz, constants 1.5, 0, -250 → max |output| \(largest)")
                // The rule stated in `dancer denoise --help`: zero up to rounding, below 1e-6 of the constant.
                #expect(largest[1] < 1e-6, "\(name) at \(rate) Hz: a zero lead gives \(largest[1])")
                #expect(largest[0] < 1e-6 * 1.5 && largest[2] < 1e-6 * 250, "\(name) at \(rate) Hz: \(largest)")
            }
        }
    }

    @Test("--overwrite is a batch flag")
    func overwriteNeedsBatch() throws {
        #expect(throws: (any Error).self) { try Dancer.parseAsRoot(["denoise", "--model", "fft", "--overwrite", "a.csv", "-o", "b.csv"]) }
    }
}
