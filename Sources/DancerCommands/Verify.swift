import ArgumentParser
import DenoiserKit
import Foundation
import Training
import Zoo

extension Dancer {
    /// `dancer verify`: every registered checkpoint against the registry; with `--metrics`,
    /// also re-evaluated against the metrics the registry records for it.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every registered checkpoint: present, registered size and sha256, loads into its model; with --metrics, reproduces its registered metrics.")

        @Flag(help: "Print JSON instead of text.")
        var json = false

        @Option(help: ArgumentHelp("Also re-evaluate each checkpoint: quick (its check_* numbers: a few hundred segments at 0 dB) or full (every snr_out_*/rmse_* on the whole test set; minutes per model).",
                                   valueName: "quick|full"))
        var metrics: RegisteredMetricsCheck.Scope?

        @Option(help: "Only these models (comma-separated ids) for --metrics.")
        var models: String?

        @Option(help: "Folder holding mitdb/ and nstdb/ for --metrics (default: $DANCER_DATA_DIR, else ../shared/data).")
        var dataDir: String?

        func run() throws {
            let results = ModelZoo.shared.verifyCheckpoints()
            let failures = results.filter { !$0.isValid }
            if json {
                print(try JSONText.encode(results))
            } else if results.isEmpty {
                print("no checkpoints are registered in Registry.json; nothing to verify")
            } else {
                for r in results { print("\(r.isValid ? "ok  " : "FAIL") \(r.model)/\(r.checkpoint) \(r.file)\(r.problem.map { ": " + $0 } ?? "")") }
                print("\(results.count - failures.count) of \(results.count) checkpoints verified")
            }
            guard failures.isEmpty else {
                StandardError.print("error: \(failures.count) checkpoint(s) failed: " + failures.map { "\($0.model)/\($0.checkpoint)" }.joined(separator: ", "))
                throw ExitCode.failure
            }
            if let metrics { try reproduce(metrics) }
        }

        /// Re-evaluates the selected checkpoints and fails when a registered number is not reproduced.
        private func reproduce(_ scope: RegisteredMetricsCheck.Scope) throws {
            let data = try DataLocation.resolve(flag: dataDir)
            let selected = models.map { Set($0.split(separator: ",").map(String.init)) }
            var misses: [String] = []
            for entry in ModelZoo.shared.registry.models where selected?.contains(entry.id) ?? true {
                for checkpoint in entry.checkpoints {
                    let check = RegisteredMetricsCheck(model: entry.id, checkpoint: checkpoint, scope: scope)
                    // Progress goes to stderr, beside stdout's verdicts: name the checkpoint on it.
                    let label = "\(entry.id)/\(checkpoint.name)"
                    for c in try check.run(data: data, progress: { StandardError.print("  \(label): \($0)") }) {
                        let line = String(format: "%@ %@ %@: registered %.4f, measured %.4f", c.holds ? "ok  " : "FAIL",
                                          label, c.key, c.registered, c.measured)
                        print(line)
                        if !c.holds { misses.append("\(label) \(c.key)") }
                    }
                }
            }
            guard misses.isEmpty else {
                StandardError.print("error: \(misses.count) registered metric(s) not reproduced: \(misses.joined(separator: ", "))")
                throw ExitCode.failure
            }
        }
    }
}

extension RegisteredMetricsCheck.Scope: ExpressibleByArgument {}
