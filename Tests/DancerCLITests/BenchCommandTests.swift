import ArgumentParser
import Benchmarking
import DenoiserKit
import Foundation
import Testing
import Zoo
@testable import DancerCommands

/// `dancer bench` for classical filters: what it measures, and the flags it refuses.
@Suite("dancer bench")
struct BenchCommandTests {
    @Test("a classical filter is timed on segments and on a whole recording of the asked length")
    func classicalFigures() throws {
        let benchmark = ClassicalBenchmark(recordMinutes: 0.1, recordLeads: 3, repetitions: 1)
        for id in ["fft", "dwt"] {
            let result = try benchmark.measure(id: id, denoiser: try ModelZoo.shared.load(id))
            #expect(result.model == id && result.settings == nil)
            #expect(result.recordSamplesPerLead == 2_160 && result.recordLeads == 3, "\(id): 6 s at 360 Hz, 3 leads")
            #expect(result.segmentsPerSecond > 0 && result.recordSeconds > 0 && result.peakMemoryMiB > 0, "\(id)")
        }
        let decimated = try ModelZoo.shared.classicalFilter("dwt", overriding: .object(["transform": .string("decimated")]))
        let result = try benchmark.measure(id: "dwt", denoiser: decimated, settings: #"{"transform":"decimated"}"#)
        #expect(result.settings == #"{"transform":"decimated"}"#)
    }

    @Test("a filter that refuses its input throws before anything is timed")
    func refusedInput() throws {
        let invalid = try ModelZoo.shared.classicalFilter("dwt", overriding: .object(["levels": .number(0)]))
        #expect(throws: ZooError.self) {
            try ClassicalBenchmark(recordMinutes: 0.1, repetitions: 1).measure(id: "dwt", denoiser: invalid)
        }
    }

    @Test("bad flags are refused with a message naming them",
          arguments: [
              (["--config", "{}"], "--config needs --models"),
              (["--models", "dwt,dancer", "--config", "{}"], "'dancer' is a neural model"),
              (["--models", "dwt", "--config", "[1]"], "not a JSON object"),
              (["--models", "dwt", "--config", "{"], "not valid JSON"),
              (["--models", "nosuch", "--config", "{}"], "unknown model 'nosuch'"),
              (["--record-minutes", "0"], "--record-minutes must be more than 0"),
              (["--record-minutes", "nan"], "--record-minutes must be more than 0"),
              (["--repetitions", "0"], "--repetitions must be at least 1"),
          ])
    func badFlags(arguments: [String], message: String) {
        do {
            _ = try Dancer.parseAsRoot(["bench"] + arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            let text = Dancer.message(for: error)
            #expect(text.contains(message), "\(arguments): \(text)")
        }
    }

    @Test("the report shows the classical table with the settings used")
    func reportText() throws {
        let row = try ClassicalBenchmark(recordMinutes: 0.5, repetitions: 1).measure(id: "fft", denoiser: try ModelZoo.shared.load("fft"))
        let report = BenchReport(machine: .current, threads: 2, blasThreads: 1, gemm: [], conv1d: [], models: [],
                                 classical: [row], holter: nil)
        #expect(report.text.contains("classical filter") && report.text.contains("registry's")
                && report.text.contains("2 × 10800 samples"))
        #expect(try JSONText.encode(report).contains("\"recordSeconds\""))
    }
}
