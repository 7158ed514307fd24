import ArgumentParser
import Benchmarking
import DenoiserKit
import Foundation
import Layers
import Tensors
import Training
import Zoo

extension Dancer {
    /// `dancer bench`: model and kernel throughput on this machine, and the 24-hour pipeline.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure models (throughput, latency, training step, memory), kernels (sgemm, conv1d GFLOP/s) and, with --holter, a whole-record denoise.",
            discussion: """
            Every figure is the median of --repetitions timed runs after 2 warm-up runs. A classical
            filter gets segments/s and the time and memory of one whole recording (--record-minutes,
            2 leads, at its rate) instead of the neural figures.
              dancer bench --models dancer,unet
              dancer bench --no-kernels --models dwt --config '{"transform": "decimated"}'
              dancer bench --models dancer --holter /tmp/holter24.hea     (a 24-h WFDB record, end to end)
            """)

        @Option(help: "Models to measure (comma-separated ids; default: every model, neural and classical).")
        var models: String?

        @Option(help: ArgumentHelp("Settings replacing the classical filters' registered ones, as a JSON object, e.g. '{\"transform\": \"decimated\"}'.",
                                   discussion: "Only with --models naming classical filters.", valueName: "json"))
        var config: String?

        @Option(help: "Minutes of the whole recording a classical filter denoises (2 leads at its rate).")
        var recordMinutes = 30.0

        @Flag(help: "Measure only the kernels (sgemm, conv1d).")
        var kernelsOnly = false

        @Flag(help: "Skip the kernels (sgemm, conv1d).")
        var noKernels = false

        @Option(help: ArgumentHelp("Denoise this WFDB record end to end with DANCER (random weights: speed does not depend on them) and report seconds and peak memory.", valueName: "record.hea"))
        var holter: String?

        @Option(help: "Where --holter writes its output.")
        var holterOutput = "/tmp/holter24_dancer.hea"

        @Option(help: "Timed repetitions per measurement (after 2 warm-up runs).")
        var repetitions = 7

        @Option(help: .hidden)
        var profile: String?

        @Flag(help: "Print JSON instead of tables.")
        var json = false

        func validate() throws {
            guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
            guard recordMinutes.isFinite, recordMinutes > 0, recordMinutes <= 24 * 60 else {
                throw ValidationError("--record-minutes must be more than 0 and at most 1440 (24 h), got \(recordMinutes)")
            }
            if let config {
                guard let ids = modelIDs else {
                    throw ValidationError("--config needs --models naming the classical filters it is for, e.g. --models dwt")
                }
                _ = try TrainingFlags.check { try OptionParsing.jsonObject(config, option: "--config") }
                for id in ids where try TrainingFlags.check({ try ModelZoo.shared.factory(id).kind }) == .neural {
                    throw ValidationError("--config applies to classical filters only; '\(id)' is a neural model, whose settings come with its checkpoint")
                }
            }
            if let profile, !["infer64", "infer1", "train"].contains(profile) {
                throw ValidationError("--profile is infer64, infer1 or train")
            }
        }

        /// The ids of --models, when given.
        var modelIDs: [String]? { models.map { $0.split(separator: ",").map(String.init) } }

        func run() throws {
            let zoo = ModelZoo.shared
            if let profile {
                // A steady loop for perf/callgrind: `dancer bench --profile train --models dancer --repetitions 5`.
                let id = models ?? "dancer"
                let network = try zoo.makeNetwork(id).layer
                ModelBenchmark(repetitions: repetitions).loop(profile, network: network)
                return
            }
            let machine = MachineDescription.current
            var gemms: [KernelBenchmark.GEMMResult] = [], convolutions: [KernelBenchmark.ConvolutionResult] = []
            if !noKernels {
                let kernels = KernelBenchmark(batch: 64, repetitions: repetitions)
                gemms = [1, Parallel.workerCount].flatMap { threads in
                    [kernels.gemm(m: 1024, n: 1024, k: 1024, threads: threads),
                     kernels.gemm(m: 128, n: 64 * 64, k: 768, threads: threads)]
                }
                convolutions = KernelBenchmark.dancerShapes.map(kernels.convolution)
            }
            var results: [ModelBenchmark.Result] = [], filters: [ClassicalBenchmark.Result] = []
            if !kernelsOnly {
                let ids = modelIDs ?? zoo.names
                let settings = try config.map { try OptionParsing.jsonObject($0, option: "--config") }
                let benchmark = ModelBenchmark(repetitions: repetitions)
                let filterBenchmark = ClassicalBenchmark(recordMinutes: recordMinutes, repetitions: repetitions)
                for id in ids {
                    if try zoo.factory(id).kind == .classical {
                        let filter = try settings.map { try zoo.classicalFilter(id, overriding: $0) } ?? zoo.load(id)
                        filters.append(try filterBenchmark.measure(id: id, denoiser: filter, settings: config))
                    } else {
                        results.append(benchmark.measure(id: id, network: try zoo.makeNetwork(id).layer))
                    }
                }
            }
            var holterResult: HolterResult?
            if let holter, !kernelsOnly {
                let network = try zoo.makeNetwork("dancer")
                let denoiser = NeuralDenoiser(network: network.layer, card: try zoo.card("dancer"),
                                              lengthMultiple: network.lengthMultiple)
                var job = DenoiseJob(denoiser: denoiser)
                job.progressStyle = .silent
                MemoryProbe.resetPeak()
                let start = Stopwatch.now()
                try job.run(input: holter, output: holterOutput)
                let seconds = Stopwatch.now() - start
                let samples = try SignalFiles.openSource(holter, sampleRate: nil).sampleCount
                holterResult = HolterResult(record: holter, samplesPerLead: samples, seconds: seconds,
                                            peakMemoryMiB: MemoryProbe.peakMiB())
            }
            let report = BenchReport(machine: machine, threads: Parallel.workerCount, blasThreads: BLAS.threadCount,
                                     gemm: gemms, conv1d: convolutions, models: results,
                                     classical: filters, holter: holterResult)
            print(json ? try JSONText.encode(report) : report.text)
        }
    }
}

/// The end-to-end figure: one whole record denoised by `dancer` (read, segment, infer,
/// overlap-add, write).
struct HolterResult: Codable {
    let record: String
    let samplesPerLead: Int
    let seconds: Double
    let peakMemoryMiB: Double
}

/// Everything `dancer bench` measured.
struct BenchReport: Codable {
    let machine: MachineDescription
    let threads: Int
    let blasThreads: Int
    let gemm: [KernelBenchmark.GEMMResult]
    let conv1d: [KernelBenchmark.ConvolutionResult]
    let models: [ModelBenchmark.Result]
    let classical: [ClassicalBenchmark.Result]
    let holter: HolterResult?

    var text: String {
        var lines = ["machine: \(machine.summary); worker threads: \(threads); OpenBLAS threads: \(blasThreads)"]
        if !gemm.isEmpty {
            let gemmTable = TextTable(headers: ["sgemm", "threads", "GFLOP/s"])
            for g in gemm { gemmTable.add(["\(g.m)×\(g.n)×\(g.k)", "\(g.threads)", String(format: "%.1f", g.gflops)]) }
            lines += ["", gemmTable.render()]
        }
        if !conv1d.isEmpty {
            let peak = gemm.map(\.gflops).max() ?? 1
            let convTable = TextTable(headers: ["conv1d (batch 64)", "shape", "fwd ms", "fwd GFLOP/s", "fwd+bwd ms", "fwd+bwd GFLOP/s", "of sgemm peak"])
            for c in conv1d {
                convTable.add([c.shape.name, "\(c.shape.inChannels)→\(c.shape.outChannels) L\(c.shape.length)",
                               String(format: "%.2f", c.forwardSeconds * 1e3), String(format: "%.1f", c.forwardGFLOPS),
                               String(format: "%.2f", c.forwardBackwardSeconds * 1e3), String(format: "%.1f", c.forwardBackwardGFLOPS),
                               String(format: "%.0f%%", 100 * c.forwardBackwardGFLOPS / peak)])
            }
            lines += ["", convTable.render()]
        }
        if !models.isEmpty {
            let modelTable = TextTable(headers: ["model", "params", "seg/s b64", "seg/s b1", "latency b1 ms", "train step b64 ms", "peak MiB"])
            for m in models {
                modelTable.add([m.model, "\(m.parameters)", String(format: "%.0f", m.inferenceBatch64),
                                String(format: "%.0f", m.inferenceBatch1), String(format: "%.2f", m.latencyBatch1Milliseconds),
                                String(format: "%.1f", m.trainingStepMilliseconds), String(format: "%.0f", m.peakMemoryMiB)])
            }
            lines += ["", modelTable.render()]
        }
        if !classical.isEmpty {
            let filterTable = TextTable(headers: ["classical filter", "settings", "seg/s b64", "whole record", "seconds", "peak MiB"])
            for f in classical {
                filterTable.add([f.model, f.settings ?? "registry's", String(format: "%.0f", f.segmentsPerSecond),
                                 "\(f.recordLeads) × \(f.recordSamplesPerLead) samples", String(format: "%.2f", f.recordSeconds),
                                 String(format: "%.0f", f.peakMemoryMiB)])
            }
            lines += ["", filterTable.render()]
        }
        if let holter {
            lines += ["", String(format: "24-h pipeline (dancer, %@, %d samples/lead): %.1f s, peak %.0f MiB",
                                 holter.record, holter.samplesPerLead, holter.seconds, holter.peakMemoryMiB)]
        }
        return lines.joined(separator: "\n")
    }
}
