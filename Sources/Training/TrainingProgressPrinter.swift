import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders ``TrainingEvent``s as text: a line per report interval and per validation, and on
/// a terminal a `\r`-updated status line between them.
///
/// ```swift
/// let printer = TrainingProgressPrinter()
/// trainer.onEvent = printer.handle
/// ```
public final class TrainingProgressPrinter: @unchecked Sendable {
    private let write: (String) -> Void
    private let isTerminal: Bool
    private var hasStatusLine = false

    /// Prints to standard error; updates a status line in place when it is a terminal.
    public convenience init() {
        self.init(isTerminal: isatty(STDERR_FILENO) == 1) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// Prints through `write` (tests, other streams).
    public init(isTerminal: Bool, write: @escaping (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
    }

    /// Handles one event.
    public func handle(_ event: TrainingEvent) {
        switch event {
        case .started(let start):
            let o = start.options
            line("training \(o.model) on \(o.noise.rawValue) noise, seed \(o.seed): \(start.parameterCount) parameters, "
                 + "\(o.steps) steps × \(o.batchSize) (\(start.segmentsPerEpoch) segments per pass), lr \(o.learningRate) "
                 + "\(o.schedule.rawValue), validation on \(start.validationCount) segments every \(o.validateEvery) steps"
                 + (start.resumedAt > 0 ? "; resumed at step \(start.resumedAt)" : ""))
        case .step(let report):
            let text = String(format: "step %d/%d  loss %.5f  lr %.2e  %.0f seg/s  ETA %@", report.step, report.totalSteps,
                              report.loss, report.learningRate, report.segmentsPerSecond,
                              Self.duration(report.secondsRemaining))
            if report.isReportLine { line(text) } else if isTerminal { status(text) }
        case .validated(let row, let improved, let best):
            line(String(format: "step %d  validation loss %.5f  SNR %.2f dB%@", row.step, row.validationLoss,
                        row.validationSNR, improved ? "  (best, saved)" : String(format: "  (best %.5f)", best)))
        case .finished(let result):
            line(String(format: "done after %d steps (%@): kept step %d, validation loss %.5f → %@", result.steps,
                        result.stopReason, result.bestStep, result.bestLoss, result.checkpoint.path))
        }
    }

    /// `h:mm:ss` for a number of seconds.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        let total = Int(seconds.rounded())
        return String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
    }

    private func line(_ text: String) {
        write((hasStatusLine ? "\r\u{1B}[K" : "") + text + "\n")
        hasStatusLine = false
    }

    private func status(_ text: String) {
        write("\r\u{1B}[K" + text)
        hasStatusLine = true
    }
}
