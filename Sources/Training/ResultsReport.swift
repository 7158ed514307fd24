import ECG
import Foundation

/// The published results (`docs/results/`), built from a directory of `dancer eval --output`
/// JSON files: per noise type a table laid out like the seed README (rows = models, columns =
/// input SNR, cells `SNR / RMSE` mean ± std, runs stated), the ablation table, a plot of
/// output vs input SNR, the real stress-test records and, when checkpoints are given, the
/// training budgets and validation curves — as Markdown, SVG and HTML.
///
/// ```swift
/// let results = try ResultsReport.load(evaluations: URL(fileURLWithPath: "evals"))
/// try results.write(to: URL(fileURLWithPath: "docs/results"))
/// ```
public struct ResultsReport {
    /// One evaluation and the file it came from.
    public struct Entry: Sendable {
        public var source: String
        public var report: EvaluationReport
    }

    /// Every evaluation, in file-name order.
    public let entries: [Entry]
    /// Training curves of the evaluated checkpoints (optional).
    public var curves: [TrainingCurve] = []
    /// Figures published after the tables (optional), e.g. the comparison on one excerpt.
    public var figures: [ResultsFigure] = []

    /// Wraps evaluations; two of the same model and noise type are an error naming both files,
    /// and so is a diagnostic evaluation on the training noise or on training/validation
    /// records, a tuned classical filter, or checkpoints trained off the protocol (not
    /// benchmark numbers).
    public init(entries: [Entry]) throws {
        var seen: [String: String] = [:]
        for entry in entries {
            if let portion = entry.report.noisePortion, portion != .test {
                throw TrainingError.invalidReport(path: entry.source, reason: "draws its test noise from the \(portion.rawValue) portion "
                    + "(`dancer eval --noise-portion train`), a diagnostic rather than a benchmark result; keep it out of the results folder")
            }
            if let settings = entry.report.settings {
                throw TrainingError.invalidReport(path: entry.source, reason: "evaluates \(entry.report.model) with changed settings "
                    + "\(EvaluationReport.compactJSON(settings)) (`dancer eval --config`), a tuning run rather than the zoo's "
                    + "configuration; keep it out of the results folder, or change the registry's configuration and evaluate again")
            }
            if let departures = entry.report.trainingDepartures, !departures.isEmpty {
                throw TrainingError.invalidReport(path: entry.source, reason: "evaluates checkpoints of \(entry.report.model) trained off the protocol ("
                    + departures.joined(separator: "; ") + "), an experiment rather than a benchmark result; keep it out of the results folder")
            }
            let trainedOn = entry.report.testRecords.filter { RecordSplit.trainRecords.contains($0) || RecordSplit.validationRecords.contains($0) }
            if !trainedOn.isEmpty {
                throw TrainingError.invalidReport(path: entry.source, reason: "tests on records the models were trained or validated on ("
                    + trainedOn.joined(separator: ", ") + "), a diagnostic rather than a benchmark result; keep it out of the results folder")
            }
            let key = "\(entry.report.model)/\(entry.report.noise.rawValue)"
            if let other = seen[key] {
                throw TrainingError.invalidReport(path: entry.source, reason: "evaluates \(entry.report.model) on \(entry.report.noise.rawValue) like \(other); keep one of them")
            }
            seen[key] = entry.source
        }
        self.entries = entries
    }

    /// Reads every `*.json` file of `directory` as an ``EvaluationReport``.
    public static func load(evaluations directory: URL) throws -> ResultsReport {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw TrainingError.invalidReport(path: directory.path, reason: "cannot list the directory (\(error.localizedDescription))")
        }
        guard !names.isEmpty else { throw TrainingError.invalidReport(path: directory.path, reason: "holds no .json evaluation (write them with `dancer eval --output`)") }
        return try ResultsReport(entries: names.map { name in
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw TrainingError.invalidReport(path: url.path, reason: "cannot read the file")
            }
            return Entry(source: url.path, report: try EvaluationReport.decode(data, source: url.path))
        })
    }

    /// Noise types with results, in the protocol's order.
    public var noiseTypes: [NoiseType] {
        NoiseType.allCases.filter { noise in entries.contains { $0.report.noise == noise } || curves.contains { $0.noise == noise } }
    }

    /// The evaluations of one noise type, in the seed's row order.
    public func reports(for noise: NoiseType) -> [EvaluationReport] {
        entries.map(\.report).filter { $0.noise == noise }.sorted { ResultFormatting.rowOrder($0.model) < ResultFormatting.rowOrder($1.model) }
    }

    /// The input SNR columns of one noise type (every level any model was evaluated at).
    public func levels(for noise: NoiseType) -> [Double] {
        Set(reports(for: noise).flatMap { $0.levels.map(\.snr) }).sorted()
    }

    /// The output-vs-input SNR plot of one noise type.
    public func plot(for noise: NoiseType) -> SVGLinePlot {
        var plot = SVGLinePlot(title: "Output SNR vs input SNR — \(noise.rawValue) noise", xLabel: "input SNR (dB)",
                               yLabel: "output SNR (dB), mean ± std over runs")
        let levels = levels(for: noise)
        plot.series.append(.init(name: "noisy input (y = x)", points: levels.map { .init(x: $0, y: $0) }, isReference: true))
        for report in reports(for: noise) {
            plot.series.append(.init(name: ResultFormatting.displayName(report.model), points: report.levels.map {
                .init(x: $0.snr, y: $0.statistics.snrOut.mean, error: $0.statistics.snrOut.count > 1 ? $0.statistics.snrOut.std : nil)
            }))
        }
        return plot
    }

    /// The file name of a noise type's plot.
    public static func plotName(_ noise: NoiseType) -> String { "snr-\(noise.rawValue).svg" }

    /// Writes `README.md`, `index.html`, one `snr-<noise>.svg` per noise type (with `gain-<noise>.svg`
    /// and `training-<noise>.svg` when they apply) and the figures into
    /// `directory` (created if needed), each atomically. Returns the files written.
    @discardableResult
    public func write(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var files: [(String, String)] = noiseTypes.map { (Self.plotName($0), plot(for: $0).render()) }
        files += noiseTypes.compactMap { noise in gainPlot(for: noise).map { (Self.gainPlotName(noise), $0.render()) } }
        files += noiseTypes.compactMap { noise in curvePlot(for: noise).map { (Self.curvePlotName(noise), $0.render()) } }
        files += figures.map { ($0.fileName, $0.svg) }
        files.append(("README.md", MarkdownResults(results: self).render()))
        files.append(("index.html", HTMLResults(results: self).render()))
        return try files.map { name, text in
            let url = directory.appendingPathComponent(name)
            do {
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw TrainingError.invalidReport(path: url.path, reason: "cannot write (\(error.localizedDescription))")
            }
            return url
        }
    }
}
