import DenoiserKit
import Foundation

extension ResultsReport {
    /// The settings each classical filter was evaluated with (from its evaluation files), one
    /// row per filter and distinct configuration; `nil` when no evaluation recorded one.
    public var classicalSettingsTable: ResultTable? {
        var rows: [(model: String, settings: String, noises: [String])] = []
        for entry in entries {
            guard let configuration = entry.report.configuration else { continue }
            let model = entry.report.model, settings = EvaluationReport.compactJSON(configuration)
            if let row = rows.firstIndex(where: { $0.model == model && $0.settings == settings }) {
                rows[row].noises.append(entry.report.noise.rawValue)
            } else {
                rows.append((model, settings, [entry.report.noise.rawValue]))
            }
        }
        guard !rows.isEmpty else { return nil }
        return ResultTable(
            title: "Settings of the classical filters",
            caption: "The configuration each filter was evaluated with, as recorded in its evaluation file and checked against Registry.json by `dancer report`; how they were chosen on the validation records: docs/protocol.md, \"The classical filters\".",
            header: ["filter", "zoo id", "settings", "noise types"],
            rows: rows.map { [ResultFormatting.displayName($0.model), $0.model, $0.settings, $0.noises.joined(separator: ", ")] })
    }

    /// Throws, naming the file, when a classical filter's evaluation was made with settings other
    /// than `registry`'s — or recorded none (made before settings were recorded) — so the page
    /// never shows numbers of a filter the zoo no longer ships. Models `registry` does not
    /// list as classical are not checked (their weights are checked by sha256 instead).
    ///
    /// ```swift
    /// try results.checkClassicalSettings(against: ModelZoo.shared.registry)
    /// ```
    public func checkClassicalSettings(against registry: Registry) throws {
        for entry in entries {
            guard let model = registry.model(entry.report.model), model.family == .classical else { continue }
            let registered = model.config ?? .object([:])
            guard let recorded = entry.report.configuration else {
                throw TrainingError.invalidReport(path: entry.source, reason: "records no settings of the classical filter \(model.id) "
                    + "(evaluated before settings were recorded); evaluate it again with `dancer eval --model \(model.id) --noise \(entry.report.noise.rawValue)`")
            }
            guard recorded == registered else {
                throw TrainingError.invalidReport(path: entry.source, reason: "evaluated \(model.id) with \(EvaluationReport.compactJSON(recorded)), "
                    + "but Registry.json now configures it as \(EvaluationReport.compactJSON(registered)); evaluate it again "
                    + "with `dancer eval --model \(model.id) --noise \(entry.report.noise.rawValue)`")
            }
        }
    }
}
