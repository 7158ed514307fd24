import DenoiserKit
import ECG
import Foundation

/// A trained checkpoint's budget and validation curve (its `training-log.csv`), published
/// with the results (PROTOCOL.md: "publish the budget and the curve with the results").
///
/// ```swift
/// let curves = try TrainingCurve.load(checkpoints: URL(fileURLWithPath: "Models"))
/// ```
public struct TrainingCurve: Sendable {
    public var model: String
    public var noise: NoiseType
    /// The manifest's training record (seed, steps, best step, notes).
    public var record: TrainingRecord
    public var log: TrainingLog
    /// The archive it was read from.
    public var source: String

    /// Every checkpoint `.zip` under `directory` (recursively) that carries a training record and
    /// log, in the tables' row order and then by seed; resumable states (`*.training.zip`) and
    /// archives without a log are skipped.
    public static func load(checkpoints directory: URL) throws -> [TrainingCurve] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            throw TrainingError.invalidReport(path: directory.path, reason: "cannot list the directory")
        }
        let archives = enumerator.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "zip" && !$0.lastPathComponent.hasSuffix(".training.zip") }
            .sorted { $0.path < $1.path }
        return try archives.compactMap { url in
            let checkpoint = try Checkpoint.read(from: url)
            guard let record = checkpoint.manifest.training, let noise = checkpoint.manifest.noise.flatMap(NoiseType.init),
                  let csv = checkpoint.attachments[TrainingLog.entryName] else { return nil }
            let log = try TrainingLog(csv: String(decoding: csv, as: UTF8.self), source: url.path)
            return TrainingCurve(model: checkpoint.manifest.modelId, noise: noise, record: record, log: log, source: url.path)
        }.sorted { a, b in
            let (orderA, orderB) = (ResultFormatting.rowOrder(a.model), ResultFormatting.rowOrder(b.model))
            return orderA != orderB ? orderA < orderB : (a.record.seed, a.source) < (b.record.seed, b.source)
        }
    }

    /// The label of the curve in plots and tables.
    var label: String { "\(ResultFormatting.displayName(model)) (seed \(record.seed))" }
}

extension ResultsReport {
    /// The validation-loss curves of one noise type, or `nil` without curves.
    public func curvePlot(for noise: NoiseType) -> SVGLinePlot? {
        let curves = curves.filter { $0.noise == noise }
        guard !curves.isEmpty else { return nil }
        var plot = SVGLinePlot(title: "Validation loss during training — \(noise.rawValue) noise", xLabel: "optimiser step",
                               yLabel: "validation loss (\(ModelCardText.loss(similarityWeight: DenoisingLoss.similarityWeight)))")
        // A model's runs share its colour (that of the output-SNR plot); its first run is solid,
        // the others dashed or dotted, so that many seeds stay apart.
        let patterns: [String?] = [nil, "8 4", "2 3", "10 3 2 3", "5 5"]
        var runsSoFar: [String: Int] = [:]
        plot.series = curves.map { curve in
            let rank = runsSoFar[curve.model, default: 0]
            runsSoFar[curve.model] = rank + 1
            return .init(name: curve.label, points: curve.log.rows.map { .init(x: Double($0.step), y: $0.validationLoss) },
                         colour: colour(of: curve.model, noise: noise), dashes: patterns[rank % patterns.count])
        }
        return plot
    }

    /// The file name of a noise type's curve plot.
    public static func curvePlotName(_ noise: NoiseType) -> String { "training-\(noise.rawValue).svg" }

    /// Budget and outcome of each trained checkpoint of one noise type.
    func budgetTable(_ noise: NoiseType) -> ResultTable? {
        let curves = curves.filter { $0.noise == noise }
        guard !curves.isEmpty else { return nil }
        let rows = curves.map { curve -> [String] in
            let best = curve.log.rows.first { $0.step == curve.record.bestStep }
            return [curve.label, String(curve.record.steps), curve.record.bestStep.map(String.init) ?? "–",
                    best.map { String(format: "%.5f", $0.validationLoss) } ?? "–",
                    best.map { String(format: "%.2f", $0.validationSNR) } ?? "–",
                    String(curve.record.batchSize), String(curve.record.learningRate), curve.record.notes ?? ""]
        }
        return ResultTable(title: "\(noise.rawValue): training budgets and kept steps",
                           caption: "From each checkpoint's manifest and training-log.csv; the kept weights are those of the best validation.",
                           header: ["model", "steps run", "kept step", "val loss", "val SNR dB", "batch", "lr", "notes"], rows: rows)
    }
}
