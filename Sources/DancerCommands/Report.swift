import ArgumentParser
import Foundation
import Training

/// `dancer report`: regenerates `docs/results/` from a directory of `dancer eval --output` files.
///
/// ```
/// dancer report --evals evals --checkpoints Models --out docs/results
/// ```
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Build docs/results (Markdown tables, SVG plots, index.html) from evaluation JSON files.")

    @Option(help: "Directory of evaluation reports (*.json written by `dancer eval --output`).")
    var evals: String

    @Option(help: "Directory searched for trained checkpoints (*.zip) whose budgets and validation curves to publish.")
    var checkpoints: String?

    @Option(help: "Directory to write README.md, index.html and the SVG plots into.")
    var out = "docs/results"

    func run() throws {
        var results = try ResultsReport.load(evaluations: URL(fileURLWithPath: evals))
        results.curves = try checkpoints.map { try TrainingCurve.load(checkpoints: URL(fileURLWithPath: $0)) } ?? []
        for file in try results.write(to: URL(fileURLWithPath: out)) { print(file.path) }
    }
}
