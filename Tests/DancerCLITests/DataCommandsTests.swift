import ArgumentParser
import ECG
import Foundation
import Testing
@testable import DancerCommands

@Suite("dancer mix, dancer data verify, progress bar")
struct DataCommandsTests {
    /// The shared MIT-BIH/NSTDB directory, when present.
    static let dataDirectory: URL? = {
        let candidates = [ProcessInfo.processInfo.environment["DANCER_DATA_DIR"], "/work/shared/data"].compactMap { $0 }
        return candidates.map { URL(fileURLWithPath: $0) }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("mitdb/103.hea").path) }
    }()

    @Test("mix writes the noisy example and its clean reference at the target SNR")
    func mix() async throws {
        guard let data = Self.dataDirectory else {
            print("DataCommandsTests.mix: SKIPPED — MIT-BIH/NSTDB data not found (set DANCER_DATA_DIR)")
            return
        }
        let directory = try CLITestSupport.scratchDirectory()
        let output = directory.appendingPathComponent("noisy.csv").path
        #expect(await CLITestSupport.dancer(["mix", "--data-dir", data.path, "--record", "103", "--noise", "emb", "--snr", "0",
                                             "--seconds", "4", "-o", output]) == 0)
        let noisy = try CSVSignal.read(from: URL(fileURLWithPath: output))
        let clean = try CSVSignal.read(from: URL(fileURLWithPath: Dancer.Mix.cleanPath(for: output)))
        #expect(noisy.sampleCount == 1440 && clean.sampleCount == 1440 && noisy.sampleRate == 360)
        #expect(abs(NoiseMixer.snr(clean: clean.leads[0], noisy: noisy.leads[0])) < 0.05)
        // Same seed, same example; a missing record names the file.
        let again = try NoisyExample.make(dataDirectory: data, record: "103", lead: 0, noise: .emb, snr: 0, start: 0, seconds: 4, seed: 0)
        #expect(CLITestSupport.maxDifference(again.noisy.leads, noisy.leads) < 1e-5)
        #expect(throws: CommandError.self) {
            try NoisyExample.make(dataDirectory: data, record: "999", lead: 0, noise: .em, snr: 0, start: 0, seconds: 4, seed: 0)
        }
        #expect(await CLITestSupport.dancer(["mix", "--data-dir", data.path, "--record", "999", "--noise", "em", "--snr", "0", "-o", output]) == 1)
    }

    @Test("mix flag errors")
    func mixFlags() {
        for arguments in [["mix", "--record", "103", "--noise", "xx", "--snr", "0", "-o", "a.csv"],
                          ["mix", "--record", "103", "--noise", "em", "--snr", "0", "-o", "a.edf"],
                          ["mix", "--record", "103", "--noise", "em", "--snr", "0", "--seconds", "0", "-o", "a.csv"]] {
            #expect(throws: (any Error).self) { try Dancer.parseAsRoot(arguments) }
        }
    }

    @Test("data verify: intact directory passes, a corrupt file fails naming it")
    func dataVerify() async throws {
        let directory = try CLITestSupport.scratchDirectory()
        let file = directory.appendingPathComponent("mitdb/x.txt")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("hello".utf8).write(to: file)
        let sums = "\(SHA256.hash(data: Data("hello".utf8)))  mitdb/x.txt\n"
        try Data(sums.utf8).write(to: directory.appendingPathComponent("SHA256SUMS"))
        #expect(await CLITestSupport.dancer(["data", "verify", "--data-dir", directory.path]) == 0)
        try Data("hullo".utf8).write(to: file)
        #expect(await CLITestSupport.dancer(["data", "verify", "--data-dir", directory.path]) == 1)
        #expect(await CLITestSupport.dancer(["data", "download", "--to", directory.path, "--base-url", "ftp://x"])
                == ExitCode.validationFailure.rawValue)
    }

    @Test("progress line: bar, percentage, rate, ETA")
    func progressLine() {
        let bar = ProgressBar(label: "x", total: 2_000_000, unit: "samples", style: .silent)
        bar.update(1_000_000)
        let line = bar.line(width: 10)
        #expect(line.contains("█████░░░░░") && line.contains("50%") && line.contains("1.0M/2.0M samples") && line.contains("ETA"))
        #expect(ProgressBar.clock(3725) == "1:02:05" && ProgressBar.clock(65) == "1:05")
    }
}
