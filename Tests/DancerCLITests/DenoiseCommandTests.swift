import ArgumentParser
import DenoiserKit
import ECG
import Foundation
import Testing
@testable import DancerCommands

@Suite("dancer denoise: single inputs, formats, errors")
struct DenoiseCommandTests {
    @Test("WFDB in → WFDB, CSV and EDF out (chunked WFDB equals unchunked), plus an SVG plot")
    func formats() async throws {
        let directory = try CLITestSupport.scratchDirectory()
        let checkpoint = try CLITestSupport.tinyCheckpoint(in: directory).path
        let signal = CLITestSupport.signal(seconds: 12)
        let input = try WFDBWriter.write(signal, recordName: "rec", to: directory, format: 212, gain: 200).path
        let out = directory.appendingPathComponent("out")
        let base = ["denoise", "--model", "unet", "--checkpoint", checkpoint, input]
        #expect(await CLITestSupport.dancer(base + ["-o", out.appendingPathComponent("whole.hea").path]) == 0)
        #expect(await CLITestSupport.dancer(base + ["-o", out.appendingPathComponent("chunked.hea").path, "--chunk-length", "1000",
                                                    "--plot", out.appendingPathComponent("plot.svg").path]) == 0)
        #expect(await CLITestSupport.dancer(base + ["-o", out.appendingPathComponent("d.csv").path]) == 0)
        #expect(await CLITestSupport.dancer(base + ["-o", out.appendingPathComponent("d.edf").path]) == 0)
        let whole = try WFDBRecord.read(headerAt: out.appendingPathComponent("whole.hea"))
        let chunked = try WFDBRecord.read(headerAt: out.appendingPathComponent("chunked.hea"))
        #expect(whole.sampleCount == signal.sampleCount && whole.leadNames == signal.leadNames)
        #expect(CLITestSupport.maxDifference(whole.leads, chunked.leads) <= 0.0011)  // one ADC step at gain 1000
        let csv = try CSVSignal.read(from: out.appendingPathComponent("d.csv"))
        #expect(CLITestSupport.maxDifference(csv.leads, whole.leads) <= 0.0006)
        let edf = try EDFReader.read(from: out.appendingPathComponent("d.edf"))
        #expect(edf.sampleCount >= signal.sampleCount && edf.leadCount == 2)
        let svg = try String(contentsOf: out.appendingPathComponent("plot.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("polyline"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("CSV without a time column needs --sample-rate; with it, it is denoised")
    func csvSampleRate() async throws {
        let directory = try CLITestSupport.scratchDirectory()
        let checkpoint = try CLITestSupport.tinyCheckpoint(in: directory).path
        let input = directory.appendingPathComponent("plain.csv")
        try CSVSignal.write(CLITestSupport.signal(seconds: 3, rate: 250, leads: 1), to: input, includeTime: false)
        let output = directory.appendingPathComponent("o.csv").path
        var command = try #require(try Dancer.parseAsRoot(["denoise", "--model", "unet", "--checkpoint", checkpoint,
                                                           input.path, "-o", output]) as? Dancer.Denoise)
        #expect(throws: ECGError.missingSampleRate(file: input.path)) { try command.run() }
        #expect(await CLITestSupport.dancer(["denoise", "--model", "unet", "--checkpoint", checkpoint, input.path, "-o", output]) == 1)
        command.sampleRate = 250
        try command.run()
        #expect(try CSVSignal.read(from: URL(fileURLWithPath: output)).sampleRate == 250)
    }

    @Test("bad inputs: unknown model, missing file, unsupported extension, no output, bad flags")
    func badInputs() async throws {
        let directory = try CLITestSupport.scratchDirectory()
        let input = try WFDBWriter.write(CLITestSupport.signal(seconds: 2), recordName: "r", to: directory).path
        let out = directory.appendingPathComponent("o.csv").path
        // Unknown model: ZooError with the closest match, exit 1, no output.
        let command = try #require(try Dancer.parseAsRoot(["denoise", "--model", "dancr", input, "-o", out]) as? Dancer.Denoise)
        #expect(throws: ZooError.self) { try command.run() }
        do { try command.run() } catch { #expect("\(error)".contains("Did you mean 'dancer'?")) }
        #expect(await CLITestSupport.dancer(["denoise", "--model", "dancr", input, "-o", out]) == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
        // Flag problems are ValidationErrors (usage exit code 64).
        for arguments in [["denoise", "--model", "unet", directory.appendingPathComponent("missing.hea").path, "-o", out],
                          ["denoise", "--model", "unet", input, "-o", directory.appendingPathComponent("o.wav").path],
                          ["denoise", "--model", "unet", directory.appendingPathComponent("x.mat").path, "-o", out],
                          ["denoise", "--model", "unet", input],
                          ["denoise", "--model", "unet", input, "-o", out, "--plot", "p.png"],
                          ["denoise", "--model", "unet", "--manifest", "m.txt", "--out-dir", "o", "--shard", "3/2"],
                          ["denoise", "--model", "unet", "--manifest", "m.txt"]] {
            #expect(throws: (any Error).self) { try Dancer.parseAsRoot(arguments) }
            #expect(await CLITestSupport.dancer(arguments) == ExitCode.validationFailure.rawValue, "\(arguments)")
        }
    }

    @Test("help is printed with exit code 0, from the root, a subcommand and `help`")
    func help() async {
        for arguments in [["--help"], ["denoise", "--help"], ["help", "denoise"], ["data", "verify", "-h"]] {
            #expect(await CLITestSupport.dancer(arguments) == 0, "\(arguments)")
        }
        #expect(await CLITestSupport.dancer(["nonsense"]) == ExitCode.validationFailure.rawValue)
    }

    @Test("messages of validation errors name the flag or file")
    func validationMessages() throws {
        func message(_ arguments: [String]) -> String {
            do { _ = try Dancer.parseAsRoot(arguments); return "" } catch { return Dancer.message(for: error) }
        }
        #expect(message(["denoise", "--model", "unet", "--manifest", "m", "--out-dir", "o", "--shard", "3/2"]).contains("--shard 3/2"))
        #expect(message(["denoise", "--model", "unet", "a.wav", "-o", "b.csv"]).contains("a.wav"))
        #expect(message(["denoise", "--model", "unet", "/nonexistent/a.hea", "-o", "b.csv"]).contains("/nonexistent/a.hea"))
    }
}
