import ArgumentParser
import DenoiserKit
import ECG
import Foundation
import Zoo

extension Dancer {
    /// `dancer demo`: the README's first command — denoise the bundled noisy example with a
    /// pretrained model, write the cleaned signal and a plot, print the SNR gain.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Denoise the bundled example (MIT-BIH 103 + NSTDB noise, 0 dB) with a pretrained model; write CSV + SVG, print the SNR gain.")

        @Option(name: .shortAndLong, help: "Model id (see `dancer list`).")
        var model = "dancer"

        @Option(help: ArgumentHelp("Checkpoint: a registered name or a path to a .zip (default: the first registered).",
                                   valueName: "name|path.zip"))
        var checkpoint: String?

        @Option(help: "Models to compare against (comma-separated ids; empty for none).")
        var compare = "fft,dwt"

        @Option(name: .customLong("out-dir"), help: "Where to write the denoised CSV and the SVG plot.")
        var outputDirectory = "demo-output"

        func run() throws {
            let example = try DemoExample.load()
            let output = URL(fileURLWithPath: outputDirectory)
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            print("example: \(example.name) — \(example.description)")
            let result = try example.run(model: model, checkpoint: checkpoint)
            let stem = output.appendingPathComponent("\(example.name).\(model)")
            try CSVSignal.write(result.denoised, to: stem.appendingPathExtension("csv"))
            let svg = SVGPlot(title: "\(example.name), \(model) (\(result.checkpoint))", sampleRate: example.noisy.sampleRate,
                              noisy: example.noisy.leads[0], denoised: result.denoised.leads[0], clean: example.clean.leads[0])
            try Data(svg.render().utf8).write(to: stem.appendingPathExtension("svg"), options: .atomic)
            print(result.line)
            for other in compare.split(separator: ",").map(String.init) where other != model {
                do { print(try example.run(model: other, checkpoint: nil).line) } catch { print("\(other): skipped (\(error))") }
            }
            print("wrote \(stem.path).csv and \(stem.path).svg")
        }
    }
}

/// The bundled example (docs/examples): a noisy recording and its clean reference.
struct DemoExample {
    let name: String
    let description: String
    let noisy: Signal
    let clean: Signal

    /// What one model did with it.
    struct Outcome {
        let denoised: Signal
        let checkpoint: String
        let line: String
    }

    static func load() throws -> DemoExample {
        let directory = try ModelZoo.shared.resolveRepositoryRoot().appendingPathComponent("docs/examples")
        let name = "103-emb-0dB"
        let noisy = try CSVSignal.read(from: directory.appendingPathComponent("\(name).csv"))
        let clean = try CSVSignal.read(from: directory.appendingPathComponent("\(name).clean.csv"))
        return DemoExample(name: name, description: "MIT-BIH record 103 (MLII, 10 s) + NSTDB em+ma+bw noise at 0 dB (ODC-By 1.0, see docs/examples/README.md)",
                           noisy: noisy, clean: clean)
    }

    func run(model: String, checkpoint: String?) throws -> Outcome {
        let entry = try ModelZoo.shared.entry(model)
        let used = checkpoint ?? entry.checkpoints.first?.name ?? "no weights"
        let denoiser = try ModelZoo.shared.load(model, checkpoint: checkpoint)
        let denoised = try denoiser.denoise(noisy)
        let metrics = try Metrics.evaluate(clean: clean.leads[0], denoised: denoised.leads[0], noisy: noisy.leads[0])
        let line = String(format: "%@ (%@): SNR %.2f dB → %.2f dB, gain %+.2f dB, RMSE %.4f mV",
                          model, used, metrics.snrIn, metrics.snrOut, metrics.snrImprovement, metrics.rmse)
        return Outcome(denoised: denoised, checkpoint: used, line: line)
    }
}
