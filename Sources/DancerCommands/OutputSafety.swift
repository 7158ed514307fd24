import AtomicFiles
import ECG
import Foundation

/// Passes chunks on to the real output only when every sample is finite: a model that
/// produces NaN or ∞ stops the job with an error naming the input, and the output's
/// temporary file is discarded (``ChunkedDenoising`` cancels the sink), so nothing is written.
final class FiniteOutputSink: SignalSink {
    private let wrapped: SignalSink
    private let input: String
    private var written = 0

    init(_ wrapped: SignalSink, input: String) {
        self.wrapped = wrapped
        self.input = input
    }

    func append(_ leads: [[Float]]) throws {
        for (l, lead) in leads.enumerated() {
            if let bad = lead.firstIndex(where: { !$0.isFinite }) {
                throw CommandError("\(input): the denoised output is not finite (lead \(l), sample \(written + bad) is \(lead[bad])); nothing was written")
            }
        }
        try wrapped.append(leads)
        written += leads.first?.count ?? 0
    }

    func finish() throws { try wrapped.finish() }
    func cancel() { wrapped.cancel() }
}

/// Temporary files left beside an output by a killed run (`.<name>.<anything>.tmp`, the
/// names every atomic writer of the CLI uses).
enum TemporaryLeftovers {
    /// The files of an output: a WFDB record is its header and its data file.
    static func files(of output: URL) -> [URL] {
        guard output.pathExtension.lowercased() == "hea" else { return [output] }
        return [output, output.deletingPathExtension().appendingPathExtension("dat")]
    }

    /// The leftover temporary files of `output` (and of its data file for WFDB).
    static func find(of output: URL) -> [URL] {
        files(of: output).flatMap(AtomicFile.leftovers(of:)).sorted { $0.path < $1.path }
    }

    /// Removes them; called after `output` was written completely, so none is in use by this run.
    static func remove(of output: URL) {
        for url in find(of: output) { try? FileManager.default.removeItem(at: url) }
    }
}
