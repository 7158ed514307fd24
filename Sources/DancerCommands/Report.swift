import ArgumentParser
import DenoiserKit
import ECG
import Foundation
import Training
import Zoo

/// `dancer report`: regenerates `docs/results/` from a directory of `dancer eval --output` files,
/// plus the seed-style comparison figure (every model on one two-lead excerpt at −4 dB).
///
/// ```
/// dancer report --evals docs/results/evals --checkpoints Models --out docs/results
/// ```
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Build docs/results (Markdown tables, SVG plots, comparison figure, index.html) from evaluation JSON files.")

    @Option(help: "Directory of evaluation reports (*.json written by `dancer eval --output`).")
    var evals: String

    @Option(help: "Directory searched for trained checkpoints (*.zip) whose budgets and validation curves to publish.")
    var checkpoints: String?

    @Option(help: "Directory to write README.md, index.html and the SVG plots into.")
    var out = "docs/results"

    @Option(help: "Folder holding mitdb/ and nstdb/ for the comparison figure (default: $DANCER_DATA_DIR, else ../shared/data).")
    var dataDir: String?

    @Option(help: "Test record of the comparison figure.")
    var figureRecord = "103"

    @Option(help: "Start (s) of the comparison figure's excerpt.")
    var figureStart = 120.0

    @Option(help: "Length (s) of the comparison figure's excerpt.")
    var figureSeconds = 4.0

    @Option(parsing: .unconditional, help: "Input SNR (dB) of the comparison figure (the seed's figure: −4).")
    var figureSNR = -4.0

    @Flag(help: "Skip the comparison figure (it needs the data directory and the shipped checkpoints).")
    var noFigure = false

    func validate() throws {
        guard figureSeconds > 0, figureSeconds <= 60, figureStart >= 0 else {
            throw ValidationError("--figure-start must be ≥ 0 and --figure-seconds in (0, 60] (got \(figureStart), \(figureSeconds))")
        }
        guard figureSNR.isFinite else { throw ValidationError("--figure-snr must be a finite number of dB") }
    }

    func run() throws {
        var results = try ResultsReport.load(evaluations: URL(fileURLWithPath: evals))
        try results.checkClassicalSettings(against: ModelZoo.shared.registry)
        results.curves = try checkpoints.map { try TrainingCurve.load(checkpoints: URL(fileURLWithPath: $0)) } ?? []
        if !noFigure {
            let data = try DataLocation.resolve(flag: dataDir)
            for noise in results.noiseTypes {
                let excerpt = ComparisonExcerpt(record: figureRecord, start: figureStart, seconds: figureSeconds,
                                                noise: noise, snr: figureSNR, seed: 1)
                results.figures.append(try excerpt.figure(dataDirectory: data.root, zoo: .shared))
            }
        }
        for file in try results.write(to: URL(fileURLWithPath: out)) { print(file.path) }
    }
}
