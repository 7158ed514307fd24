import ArgumentParser
import ECG
import Foundation

extension Dancer {
    /// `dancer mix`: a noisy example (and its clean reference) mixed as the benchmark does.
    struct Mix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a noisy example from an MIT-BIH record and NSTDB noise (test portion) at an exact SNR.",
            discussion: "Writes OUTPUT and its clean reference beside it (noisy.csv → noisy.clean.csv).")

        @OptionGroup var data: DataDirectoryOptions

        @Option(help: "MIT-BIH record, e.g. 103.")
        var record: String

        @Option(help: "Lead index within the record.")
        var lead = 0

        @Option(help: "Noise type: emb (em+ma+bw), bw, ma or em.")
        var noise: NoiseTag

        @Option(help: "Target SNR in dB.")
        var snr: Double

        @Option(help: "Length in seconds.")
        var seconds = 10.0

        @Option(help: "Start within the record, in seconds.")
        var start = 0.0

        @Option(help: "Seed of the noise draw.")
        var seed: UInt64 = 0

        @Option(name: .shortAndLong, help: "The noisy CSV to write.")
        var output: String

        func validate() throws {
            guard output.lowercased().hasSuffix(".csv") else { throw ValidationError("-o \(output): the example is written as CSV; name it *.csv") }
            guard snr.isFinite, abs(snr) <= 60 else { throw ValidationError("--snr \(snr): expected a value in −60…60 dB") }
            guard seconds > 0, seconds <= 3600, start >= 0 else { throw ValidationError("--seconds must be in (0, 3600] and --start ≥ 0") }
            guard lead >= 0 else { throw ValidationError("--lead must be 0 or more") }
        }

        /// `noisy.csv` → `noisy.clean.csv`.
        static func cleanPath(for output: String) -> String {
            (output as NSString).deletingPathExtension + ".clean.csv"
        }

        func run() throws {
            let example = try NoisyExample.make(
                dataDirectory: try data.resolved(), record: record, lead: lead, noise: NoiseType(rawValue: noise.rawValue) ?? .emb,
                snr: snr, start: start, seconds: seconds, seed: seed)
            let clean = Self.cleanPath(for: output)
            try CSVSignal.write(example.noisy, to: URL(fileURLWithPath: output))
            try CSVSignal.write(example.clean, to: URL(fileURLWithPath: clean))
            print(String(format: "wrote %@ (SNR %.2f dB, %@ noise) and its clean reference %@", output, example.achievedSNR, noise.rawValue, clean))
        }
    }
}
