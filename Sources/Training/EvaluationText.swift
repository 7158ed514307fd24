import DenoiserKit
import Foundation

extension EvaluationReport {
    /// What `dancer eval` prints: the seed-style `SNR / RMSE` row, then every metric per level
    /// and, when evaluated, the real stress-test records.
    ///
    /// ```swift
    /// print(report.text())
    /// ```
    public func text() -> String {
        let seedList = seeds.count > 1 ? "seeds \(seeds.first ?? 0)…\(seeds.last ?? 0)" : "seed \(seeds.first ?? 0)"
        var lines = [
            "\(model) (checkpoint \(checkpoint ?? "default")) on \(noise.rawValue) noise: \(runs) run(s), \(seedList), "
                + "\(segmentsPerLevel) segments per level from records \(testRecords.joined(separator: ","))"
                + (noisePortion.map { ", noise from its \($0.rawValue) portion (a diagnostic, not a benchmark number)" } ?? "")
                + (settings.map { ", settings changed to \(Self.compactJSON($0)) (tuning, not the zoo's configuration)" } ?? "")
                + (trainingDepartures.map { "; trained off the protocol (an experiment, not a benchmark number): " + $0.joined(separator: "; ") } ?? ""),
            "",
            ResultFormatting.markdownHeader(first: "input SNR", levels: levels.map(\.snr)),
            ResultFormatting.markdownRow(label: ResultFormatting.displayName(model), levels: levels),
            "",
            "| input SNR | SNR_in dB | SNR_out dB | improvement dB | RMSE mV | PRD % | cosine | SSD mV² | MAD mV |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for level in levels {
            lines.append(Self.row(ResultFormatting.level(level.snr), level.statistics))
        }
        if let stressTest {
            lines += ["", "Real noise-stress records vs clean mitdb 118 (\(stressTest.windowLength)-sample windows in the noisy stretches, from \(stressTest.stretchSource)):",
                      "| record / lead | windows | SNR_in dB | SNR_out dB | improvement dB | RMSE mV | PRD % | cosine | SSD mV² | MAD mV |",
                      "|---|---|---|---|---|---|---|---|---|---|"]
            for result in stressTest.results {
                lines.append(Self.row("\(result.record) \(result.leadName) | \(result.windows)", result.statistics))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `value` on one line with sorted keys, as a user would type it after `--config`.
    static func compactJSON(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
    }

    private static func row(_ label: String, _ s: MetricStatistics) -> String {
        let cells = [ResultFormatting.snr(s.snrIn), ResultFormatting.snr(s.snrOut), ResultFormatting.snr(s.improvement),
                     ResultFormatting.rmse(s.rmse), ResultFormatting.snr(s.prd), String(format: "%.4f", s.cosine.mean),
                     String(format: "%.3f", s.ssd.mean), ResultFormatting.rmse(s.mad)]
        return "| \(label) | " + cells.joined(separator: " | ") + " |"
    }
}
