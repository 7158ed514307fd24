import ArgumentParser
import Benchmarking
import Foundation
import Tensors
import Zoo
import DenoiserKit

extension Dancer {
    /// `dancer bench`: model and kernel throughput on this machine.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure models (throughput, latency, training step, memory) and kernels (sgemm, conv1d GFLOP/s).")

        @Option(help: "Models to measure (comma-separated ids; default: every neural model).")
        var models: String?

        @Flag(help: "Measure only the kernels (sgemm, conv1d).")
        var kernelsOnly = false

        @Option(help: "Timed repetitions per measurement (after 2 warm-up runs).")
        var repetitions = 7

        @Flag(help: "Print JSON instead of tables.")
        var json = false

        func validate() throws {
            guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
        }

        func run() throws {
            let machine = MachineDescription.current
            let kernels = KernelBenchmark(batch: 64, repetitions: repetitions)
            let gemms = [1, Parallel.workerCount].flatMap { threads in
                [kernels.gemm(m: 1024, n: 1024, k: 1024, threads: threads),
                 kernels.gemm(m: 128, n: 64 * 64, k: 768, threads: threads)]
            }
            let convolutions = KernelBenchmark.dancerShapes.map(kernels.convolution)
            var results: [ModelBenchmark.Result] = []
            if !kernelsOnly {
                let zoo = ModelZoo.shared
                let ids = try models.map { $0.split(separator: ",").map(String.init) }
                    ?? zoo.names.filter { try zoo.factory($0).kind == .neural }
                let benchmark = ModelBenchmark(repetitions: repetitions)
                for id in ids {
                    results.append(benchmark.measure(id: id, network: try zoo.makeNetwork(id).layer))
                }
            }
            let report = BenchReport(machine: machine, threads: Parallel.workerCount, blasThreads: BLAS.threadCount,
                                     gemm: gemms, conv1d: convolutions, models: results)
            print(json ? try JSONText.encode(report) : report.text)
        }
    }
}

/// Everything `dancer bench` measured.
struct BenchReport: Codable {
    let machine: MachineDescription
    let threads: Int
    let blasThreads: Int
    let gemm: [KernelBenchmark.GEMMResult]
    let conv1d: [KernelBenchmark.ConvolutionResult]
    let models: [ModelBenchmark.Result]

    var text: String {
        var lines = ["machine: \(machine.summary); worker threads: \(threads); OpenBLAS threads: \(blasThreads)", ""]
        let gemmTable = TextTable(headers: ["sgemm", "threads", "GFLOP/s"])
        for g in gemm { gemmTable.add(["\(g.m)×\(g.n)×\(g.k)", "\(g.threads)", String(format: "%.1f", g.gflops)]) }
        lines.append(gemmTable.render())
        let peak = gemm.map(\.gflops).max() ?? 1
        let convTable = TextTable(headers: ["conv1d (batch 64)", "shape", "fwd ms", "fwd GFLOP/s", "fwd+bwd ms", "fwd+bwd GFLOP/s", "of sgemm peak"])
        for c in conv1d {
            convTable.add([c.shape.name, "\(c.shape.inChannels)→\(c.shape.outChannels) L\(c.shape.length)",
                           String(format: "%.2f", c.forwardSeconds * 1e3), String(format: "%.1f", c.forwardGFLOPS),
                           String(format: "%.2f", c.forwardBackwardSeconds * 1e3), String(format: "%.1f", c.forwardBackwardGFLOPS),
                           String(format: "%.0f%%", 100 * c.forwardBackwardGFLOPS / peak)])
        }
        lines += ["", convTable.render()]
        if !models.isEmpty {
            let modelTable = TextTable(headers: ["model", "params", "seg/s b64", "seg/s b1", "latency b1 ms", "train step b64 ms", "peak MiB"])
            for m in models {
                modelTable.add([m.model, "\(m.parameters)", String(format: "%.0f", m.inferenceBatch64),
                                String(format: "%.0f", m.inferenceBatch1), String(format: "%.2f", m.latencyBatch1Milliseconds),
                                String(format: "%.1f", m.trainingStepMilliseconds), String(format: "%.0f", m.peakMemoryMiB)])
            }
            lines += ["", modelTable.render()]
        }
        return lines.joined(separator: "\n")
    }
}
