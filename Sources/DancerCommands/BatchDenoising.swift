import ECG
import Foundation

/// Batch denoising over a manifest, one shard of it: every input whose line index ≡ i (mod n)
/// is denoised into `outDir` unless its output already exists (outputs are renamed into place
/// when complete, so existence means done; `overwrite` redoes them). A killed batch is resumed
/// by running it again: finished outputs are skipped, unfinished ones redone from the start.
/// Failures are collected, not fatal.
///
/// ```swift
/// let report = try BatchDenoising(job: job, manifest: url, outDir: out, shard: Shard(index: 0, count: 4)).run()
/// ```
struct BatchDenoising {
    let job: DenoiseJob
    let manifest: URL
    let outDir: URL
    var shard = Shard(index: 0, count: 1)
    /// Output format; `nil` keeps each input's.
    var format: SignalFileKind?
    /// Redo inputs whose output exists already (`--overwrite`); by default they are skipped.
    var overwrite = false

    /// What one shard did.
    struct Report: Equatable {
        var denoised: [String] = []
        var skipped: [String] = []
        var failed: [(input: String, reason: String)] = []

        static func == (a: Report, b: Report) -> Bool {
            a.denoised == b.denoised && a.skipped == b.skipped && a.failed.map(\.input) == b.failed.map(\.input)
        }
    }

    /// The manifest's inputs in order (absolute, or relative to the manifest's directory).
    static func inputs(of manifest: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: manifest.path) else { throw ECGError.fileNotFound(path: manifest.path) }
        let text: String
        do { text = try String(contentsOf: manifest, encoding: .utf8) } catch {
            throw CommandError("--manifest \(manifest.path): cannot read: \(error.localizedDescription)")
        }
        let base = manifest.deletingLastPathComponent()
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            .map { $0.hasPrefix("/") ? $0 : base.appendingPathComponent($0).standardizedFileURL.path }
    }

    /// The output path of `input`: `outDir/<base name>.<ext>`.
    func output(for input: String) throws -> String {
        let kind = try format ?? SignalFileKind(path: input, role: "input")
        let name = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        return outDir.appendingPathComponent(name + "." + kind.fileExtension).path
    }

    /// Whether `output` is a finished output: it exists under its final name (outputs are
    /// renamed into place only when complete; for WFDB the header, renamed after its data
    /// file, and the data file it describes).
    static func isFinished(_ output: String) -> Bool {
        TemporaryLeftovers.files(of: URL(fileURLWithPath: output)).allSatisfy { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Runs this shard; `log` receives one line per input.
    func run(log: (String) -> Void = { _ in }) throws -> Report {
        let all = try Self.inputs(of: manifest)
        var names: [String: String] = [:]
        for input in all {
            let name = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
            if let other = names.updateValue(input, forKey: name) {
                throw CommandError("--manifest \(manifest.path): \(other) and \(input) would both be written as \(name); rename one")
            }
        }
        try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
        var report = Report()
        let mine = all.enumerated().filter { shard.contains($0.offset) }.map(\.element)
        for (k, input) in mine.enumerated() {
            let position = "[\(k + 1)/\(mine.count)]"
            do {
                let output = try output(for: input)
                if !overwrite, Self.isFinished(output) {
                    report.skipped.append(input)
                    log("\(position) \(input): done already (\(output))")
                    continue
                }
                try job.run(input: input, output: output)
                report.denoised.append(input)
                log("\(position) \(input) → \(output)")
            } catch {
                report.failed.append((input, DancerMain.message(for: error)))
                log("\(position) \(input): failed: \(DancerMain.message(for: error))")
            }
        }
        return report
    }
}
