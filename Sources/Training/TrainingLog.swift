import Foundation

/// One row of the training curve, written at every validation.
public struct TrainingLogRow: Codable, Equatable, Sendable {
    /// Optimiser steps done.
    public var step: Int
    /// Mean training loss over the steps since the previous row.
    public var trainLoss: Double
    /// Validation loss at this step.
    public var validationLoss: Double
    /// Mean validation SNR_out (dB, restored scale) at this step.
    public var validationSNR: Double
    /// Learning rate of the last step.
    public var learningRate: Double
    /// Training throughput since the previous row (segments per second, wall clock).
    public var segmentsPerSecond: Double
}

/// The training curve: rows at each validation, and its `training-log.csv` form.
///
/// ```swift
/// var log = TrainingLog()
/// log.rows.append(row)
/// let csv = log.csv()   // "step,train_loss,val_loss,val_snr_db,lr,segments_per_s\n…"
/// ```
public struct TrainingLog: Codable, Equatable, Sendable {
    /// The file name inside a checkpoint archive.
    public static let entryName = "training-log.csv"

    /// Rows in step order.
    public var rows: [TrainingLogRow] = []

    public init(rows: [TrainingLogRow] = []) { self.rows = rows }

    /// The CSV text with a header line.
    public func csv() -> String {
        var lines = ["step,train_loss,val_loss,val_snr_db,lr,segments_per_s"]
        for row in rows {
            lines.append([
                String(row.step), Self.format(row.trainLoss), Self.format(row.validationLoss),
                String(format: "%.4f", row.validationSNR), Self.format(row.learningRate),
                String(format: "%.1f", row.segmentsPerSecond),
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses what ``csv()`` wrote (e.g. from a checkpoint's `training-log.csv`).
    ///
    /// ```swift
    /// let log = try TrainingLog(csv: text, source: "dancer-emb.zip")
    /// ```
    public init(csv: String, source: String) throws {
        let lines = csv.split(whereSeparator: \.isNewline)
        guard lines.first?.hasPrefix("step,") == true else {
            throw TrainingError.invalidReport(path: source, reason: "training log has no 'step,…' header")
        }
        rows = try lines.dropFirst().enumerated().map { index, line in
            let cells = line.split(separator: ",").map(String.init)
            guard cells.count == 6, let step = Int(cells[0]),
                  let values = Optional(cells.dropFirst().compactMap(Double.init)), values.count == 5 else {
                throw TrainingError.invalidReport(path: source, reason: "training log line \(index + 2) is not 6 numbers")
            }
            return TrainingLogRow(step: step, trainLoss: values[0], validationLoss: values[1], validationSNR: values[2],
                                  learningRate: values[3], segmentsPerSecond: values[4])
        }
    }

    private static func format(_ value: Double) -> String { String(format: "%.6g", value) }
}
