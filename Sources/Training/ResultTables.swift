import ECG
import Foundation

/// A table of the results page, independent of the output format.
public struct ResultTable: Equatable, Sendable {
    public var title: String
    /// A sentence under the title (units, runs, source).
    public var caption: String
    public var header: [String]
    public var rows: [[String]]
}

/// One noise type's part of the results page: its tables and plot.
public struct ResultSection: Equatable, Sendable {
    public var noise: NoiseType
    public var tables: [ResultTable]
    public var plotFile: String
    /// The gain-over-the-U-Net plot, when there is a U-Net and another trained model.
    public var gainPlotFile: String?
    /// The validation-curve plot, when training curves were given.
    public var curvePlotFile: String?
}

extension ResultsReport {
    /// The page's sections, one per noise type with results.
    public var sections: [ResultSection] {
        noiseTypes.map { noise in
            var tables = [mainTable(noise)]
            if noise == .emb { tables.append(referenceTable) }
            if let lead = leadTable(noise, lead: "MLII") { tables.append(lead) }
            if let ablation = ablationTable(noise) { tables.append(ablation) }
            if let stress = stressTable(noise) { tables.append(stress) }
            if let budget = budgetTable(noise) { tables.append(budget) }
            return ResultSection(noise: noise, tables: tables, plotFile: Self.plotName(noise),
                                 gainPlotFile: gainPlot(for: noise) == nil ? nil : Self.gainPlotName(noise),
                                 curvePlotFile: curves.contains { $0.noise == noise } ? Self.curvePlotName(noise) : nil)
        }
    }

    func mainTable(_ noise: NoiseType) -> ResultTable {
        let levels = levels(for: noise), reports = reports(for: noise)
        let rows = reports.map { report in
            [ResultFormatting.displayName(report.model)] + levels.map { snr in
                report.levels.first { $0.snr == snr }.map { ResultFormatting.cell($0.statistics) } ?? "–"
            } + [String(report.runs), String(report.segmentsPerLevel), report.runCheckpoints?.joined(separator: ", ") ?? report.checkpoint ?? "–"]
        }
        var caption = "Mean over the test segments (per level and run) of \(testRecords(reports)); mean ± std over runs "
            + "(run r: noise seed r, the same noisy segments for every model). Input SNR in dB."
        if noise == .em {
            caption += " The em noise is reconstructed as nstdb 118e00 − mitdb 118 (the original em record was not available; "
                + "see the data's SOURCES.md), so it is shorter than the original and carries 118e00's em only."
        }
        let evaluated = Set(reports.map(\.model))
        let missing = Set(entries.map(\.report.model)).subtracting(evaluated).sorted { ResultFormatting.rowOrder($0) < ResultFormatting.rowOrder($1) }
        if !missing.isEmpty {
            caption += " Not trained and evaluated on \(noise.rawValue) yet: \(missing.map(ResultFormatting.displayName).joined(separator: ", "))."
        }
        return ResultTable(
            title: "\(noise.rawValue): output SNR (dB) / RMSE (mV)",
            caption: caption,
            header: ["input SNR"] + levels.map(ResultFormatting.level) + ["runs", "segments", "checkpoint"], rows: rows)
    }

    var referenceTable: ResultTable {
        ResultTable(title: "Seed README reference (emb, SNR dB / RMSE), the numbers to reproduce and beat",
                    caption: "Copied from the DANCER paper's README; its number of runs and its exact protocol are not ours. "
                        + "Its SNRs and RMSEs imply clean references about 1.5 times as loud as our test segments "
                        + "(docs/protocol.md, finding 6), so compare margins over the U-Net rather than absolute rows.",
                    header: ["input SNR"] + TestSet.snrLevels.map(ResultFormatting.level),
                    rows: ResultFormatting.seedReference.map { [$0.name] + $0.cells })
    }

    /// The main table's output SNR over one lead's segments alone, for the evaluations that
    /// measured it (mean ± std over runs; segments per level and run).
    func leadTable(_ noise: NoiseType, lead: String) -> ResultTable? {
        let levels = levels(for: noise)
        let rows = reports(for: noise).compactMap { report -> [String]? in
            let runs = levels.map { snr in report.levels.first { $0.snr == snr }?.byLead?[lead] }
            guard let measured = runs.compactMap({ $0 }).first else { return nil }
            return [ResultFormatting.displayName(report.model)]
                + runs.map { $0.map { ResultFormatting.snr(MetricStatistics($0).snrOut) } ?? "–" }
                + [String(report.runs), String(measured.first?.count ?? 0)]
        }
        guard !rows.isEmpty else { return nil }
        return ResultTable(
            title: "\(noise.rawValue): output SNR (dB) on the \(lead) segments alone",
            caption: "The evaluations above restricted to the test segments cut from \(lead). The protocol pools every lead "
                + "of the test records; papers that use only \(lead) report this. Models evaluated before per-lead "
                + "results were recorded are left out.",
            header: ["input SNR"] + levels.map(ResultFormatting.level) + ["runs", "segments"], rows: rows)
    }

    func ablationTable(_ noise: NoiseType) -> ResultTable? {
        let reports = reports(for: noise), levels = levels(for: noise)
        let rows = ResultFormatting.ablation.compactMap { id, name -> [String]? in
            guard let report = reports.first(where: { $0.model == id }) else { return nil }
            return [name] + levels.map { snr in
                report.levels.first { $0.snr == snr }.map { ResultFormatting.snr($0.statistics.snrOut) } ?? "–"
            } + [String(report.runs), trainingSteps(ablationId: id, noise: noise)]
        }
        guard rows.count >= 2 else { return nil }
        var caption = "DANCER's components added to the U-Net, as in the seed README's ablation; mean ± std over runs."
        if Set(rows.map { $0.last! }).count > 1 {
            caption += " The rows were not all trained for the same number of steps (last column), so they do not compare like for like yet."
        }
        return ResultTable(title: "\(noise.rawValue): ablation, output SNR (dB)", caption: caption,
                           header: ["input SNR"] + levels.map(ResultFormatting.level) + ["runs", "steps trained"], rows: rows)
    }

    /// The optimiser steps behind a model's checkpoints on `noise` (from the training curves;
    /// "–" when none was given, several values when seeds differ).
    private func trainingSteps(ablationId id: String, noise: NoiseType) -> String {
        let steps = Set(curves.filter { $0.model == id && $0.noise == noise }.map(\.record.steps)).sorted()
        return steps.isEmpty ? "–" : steps.map(String.init).joined(separator: ", ")
    }

    func stressTable(_ noise: NoiseType) -> ResultTable? {
        let reports = reports(for: noise).filter { $0.stressTest != nil }
        guard let first = reports.first?.stressTest else { return nil }
        let columns = first.results.map { "\($0.record) \($0.leadName)" }
        var rows = [["noisy input"] + first.results.map { ResultFormatting.snr($0.statistics.snrIn) + " dB" }]
        for report in reports {
            guard let stress = report.stressTest else { continue }
            rows.append([ResultFormatting.displayName(report.model)] + columns.map { column in
                stress.results.first { "\($0.record) \($0.leadName)" == column }.map { ResultFormatting.cell($0.statistics) } ?? "–"
            })
        }
        let stretches = first.stretches.map { "\($0.first ?? 0)–\($0.last ?? 0)" }.joined(separator: ", ")
        return ResultTable(
            title: "\(noise.rawValue) models on the real noise-stress records: output SNR (dB) / RMSE (mV)",
            caption: "nstdb 118e24/118e12/118e00 (118 + real em noise at 24/12/0 dB) against clean mitdb 118, per lead, "
                + "non-overlapping \(first.windowLength)-sample windows inside the noisy stretches [\(stretches)] "
                + "(from \(first.stretchSource)). The first row is the measured input SNR; a cell with ± is the mean ± std over "
                + "that model's runs (one checkpoint per training seed). The neural models were trained at input SNRs of "
                + "−6 … 6 dB, so 118e24's cleaner input lies outside what they saw. 118 is a test record, so no clean "
                + "signal of it was seen in training; but the em in these records is the recording our em (and emb) training "
                + "noise is reconstructed from, so the noise overlaps what the models were trained on.",
            header: ["record / lead"] + columns, rows: rows)
    }

    private func testRecords(_ reports: [EvaluationReport]) -> String {
        let all = Set(reports.flatMap(\.testRecords)).sorted()
        return all == RecordSplit.testRecords.sorted() ? "the protocol's \(all.count) test records" : "records " + all.joined(separator: ", ")
    }
}
