import ArgumentParser
import DenoiserKit
import Foundation

extension Dancer {
    /// `dancer denoise`: one recording, or a shard of a manifest of recordings.
    struct Denoise: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Denoise a recording (WFDB .hea, .csv, .edf; any length, rate and leads), or a manifest of them.",
            discussion: """
            Single:  dancer denoise --model dancer rec.hea -o rec_denoised.hea [--plot rec.svg]
            Batch:   dancer denoise --model dancer --manifest inputs.txt --out-dir out/ [--shard 0/4]
            The output format follows the extension (.hea: WFDB format 16, .csv, .edf). WFDB inputs \
            are streamed, so day-long Holter records fit in little memory.

            Crash safety: outputs are written to hidden temporary files beside the target (recordings: \
            .<name>.<id>.tmp), flushed to disk and renamed into place when complete, so the output name only ever holds a complete file \
            (or the previous one). A WFDB record is two files: the data file is renamed first and the \
            header last (an older header of the same name is removed just before), so a header always \
            describes its complete data. A batch skips inputs whose output exists, so rerunning a \
            killed batch finishes only the rest; --overwrite redoes them all. A successful run removes \
            the temporary files a killed run left for the same output.

            Numerics: an input with a NaN or infinite sample is refused (the error names the file, \
            lead and sample index); a denoised output that is not finite is an error naming the \
            input, and nothing is written. Each segment is mean-centred before denoising (its mean, \
            mostly baseline, is not added back), so a flat-line (constant) lead comes out as zero up to \
            rounding (below 1e-6 of the constant): the constant is removed like baseline, with no \
            division by zero and no NaN.
            """)

        @OptionGroup var modelOptions: ModelOptions

        @Argument(help: ArgumentHelp("The noisy recording (.hea, .csv or .edf).", valueName: "input"))
        var input: String?

        @Option(name: .shortAndLong, help: "Where to write the denoised recording (.hea, .csv or .edf).")
        var output: String?

        @OptionGroup var batch: BatchOptions

        @Option(help: "Sample rate (Hz) of a CSV input without a time column.")
        var sampleRate: Double?

        @Option(help: ArgumentHelp("Also write an SVG of the first lead's first 10 s, noisy vs denoised.", valueName: "file.svg"))
        var plot: String?

        @Option(help: "ADC units per mV of a WFDB output (format 16; 1000 → 1 µV steps, ±32.7 mV range).")
        var gain = 1000.0

        @Option(help: .hidden)
        var chunkLength = 1 << 20

        func validate() throws {
            if let sampleRate, !(sampleRate.isFinite && sampleRate >= 0.1 && sampleRate <= 1_000_000) {
                throw ValidationError("--sample-rate \(sampleRate): expected a rate in 0.1…1,000,000 Hz")
            }
            guard gain.isFinite, gain > 0 else { throw ValidationError("--gain must be a positive number of ADC units per mV") }
            guard chunkLength >= 1 else { throw ValidationError("--chunk-length must be at least 1") }
            if let plot, !plot.lowercased().hasSuffix(".svg") { throw ValidationError("--plot \(plot): the plot is an SVG; name it *.svg") }
            if batch.isBatch {
                guard input == nil, output == nil else {
                    throw ValidationError("give either an input and -o OUTPUT, or --manifest with --out-dir, not both")
                }
                guard plot == nil else { throw ValidationError("--plot works on a single input, not with --manifest") }
                return
            }
            guard let input else { throw ValidationError("missing input: dancer denoise --model MODEL INPUT -o OUTPUT (or --manifest FILE --out-dir DIR)") }
            guard let output else { throw ValidationError("missing -o OUTPUT (.hea, .csv or .edf) for \(input)") }
            _ = try SignalFileKind(path: input, role: "input")
            _ = try SignalFileKind(path: output, role: "output")
            guard FileManager.default.fileExists(atPath: input) else { throw ValidationError("input \(input) does not exist") }
        }

        func run() throws {
            let job = DenoiseJob(denoiser: try modelOptions.load(), sampleRate: sampleRate, gain: gain,
                                 chunkLength: chunkLength, plotPath: plot)
            if let input, let output {
                try job.run(input: input, output: output)
                print("wrote \(output)" + (plot.map { " and \($0)" } ?? ""))
                return
            }
            guard let manifest = batch.manifest, let outDir = batch.outDir else { return }
            var quiet = job
            quiet.progressStyle = StandardError.isTerminal ? nil : .silent
            let runner = BatchDenoising(job: quiet, manifest: URL(fileURLWithPath: manifest),
                                        outDir: URL(fileURLWithPath: outDir),
                                        shard: batch.shard ?? Shard(index: 0, count: 1), format: batch.outputFormat,
                                        overwrite: batch.overwrite)
            let report = try runner.run { print($0) }
            print("shard \(runner.shard): \(report.denoised.count) denoised, \(report.skipped.count) done already, \(report.failed.count) failed")
            guard report.failed.isEmpty else {
                StandardError.print("error: \(report.failed.count) input(s) failed: " + report.failed.map(\.input).joined(separator: ", "))
                throw ExitCode.failure
            }
        }
    }
}
