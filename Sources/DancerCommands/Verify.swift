import ArgumentParser
import DenoiserKit
import Zoo

extension Dancer {
    /// `dancer verify`: every registered checkpoint against the registry.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every registered checkpoint: present, registered size and sha256, loads into its model.")

        @Flag(help: "Print JSON instead of text.")
        var json = false

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
        }
    }
}
