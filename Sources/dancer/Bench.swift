import ArgumentParser
import Benchmarking
import Foundation
import Tensors

extension Dancer {
    /// `dancer bench`: kernel throughput on this machine.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure sgemm and conv1d GFLOP/s for DANCER's layer shapes (median of repeated runs).")

        @Option(help: "Batch size for the convolution shapes.")
        var batch = 64

        @Option(help: "Timed repetitions per measurement (after 2 warm-up runs).")
        var repetitions = 7

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func validate() throws {
            guard batch >= 1 else { throw ValidationError("--batch must be at least 1, got \(batch)") }
            guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
        }

        func run() throws {
            let benchmark = KernelBenchmark(batch: batch, repetitions: repetitions)
            let machine = MachineDescription.current
            let gemms = [1, Parallel.workerCount].flatMap { threads in
                [benchmark.gemm(m: 1024, n: 1024, k: 1024, threads: threads),
                 benchmark.gemm(m: 128, n: 64 * 64, k: 768, threads: threads)]
            }
            let convolutions = KernelBenchmark.dancerShapes.map(benchmark.convolution)
            if json {
                let report = KernelReport(machine: machine, blasThreads: BLAS.threadCount, gemm: gemms, conv1d: convolutions)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
                return
            }
            print("machine: \(machine.summary); OpenBLAS threads: \(BLAS.threadCount)")
            print("\nsgemm            threads   GFLOP/s")
            for g in gemms {
                print(String(format: "%-16@ %7d %9.1f", "\(g.m)x\(g.n)x\(g.k)", g.threads, g.gflops))
            }
            let peak = gemms.map(\.gflops).max() ?? 1
            print("\nconv1d (batch \(batch))            fwd ms  fwd GFLOP/s  fwd+bwd ms  fwd+bwd GFLOP/s  % of sgemm peak")
            for c in convolutions {
                let s = c.shape
                print(String(format: "%-16@ %3d→%-3d L%-4d %7.2f %11.1f %11.2f %15.1f %15.0f%%",
                             s.name, s.inChannels, s.outChannels, s.length,
                             c.forwardSeconds * 1e3, c.forwardGFLOPS, c.forwardBackwardSeconds * 1e3,
                             c.forwardBackwardGFLOPS, 100 * c.forwardBackwardGFLOPS / peak))
            }
        }
    }
}

/// The JSON form of `dancer bench`.
struct KernelReport: Codable {
    let machine: MachineDescription
    let blasThreads: Int
    let gemm: [KernelBenchmark.GEMMResult]
    let conv1d: [KernelBenchmark.ConvolutionResult]
}
