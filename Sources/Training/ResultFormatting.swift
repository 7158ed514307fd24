import ECG
import Foundation

/// How results are written in tables, following the seed README: `SNR / RMSE` per input
/// level (`8.28 / .1952`), with `± std` across runs when there is more than one.
///
/// ```swift
/// ResultFormatting.cell(level.statistics)   // "8.28 ± 0.10 / .1952 ± .0012"
/// ```
public enum ResultFormatting {
    /// Display names of the zoo's models in tables, and their row order.
    public static let displayNames: [(id: String, name: String)] = [
        ("fft", "FFT"), ("dwt", "DWT"), ("unet", "U-Net"), ("dacnn", "DACNN"), ("acdae", "ACDAE"),
        ("dancer-channel", "DANCER channel shrink"), ("dancer-spatial", "DANCER spatial shrink"),
        ("dancer-dual", "DANCER channel & spatial"), ("dancer", "DANCER"),
    ]

    /// The ablation rows (seed README), in order, with their labels.
    public static let ablation: [(id: String, name: String)] = [
        ("unet", "U-Net"), ("dancer-channel", "+ channel shrink"), ("dancer-spatial", "+ spatial shrink"),
        ("dancer-dual", "+ channel & spatial shrink"), ("dancer", "DANCER (DANCE + gates)"),
    ]

    /// The table name of a model id.
    public static func displayName(_ id: String) -> String {
        displayNames.first { $0.id == id }?.name ?? id
    }

    /// Sort key: the seed's row order, then unknown ids alphabetically.
    public static func rowOrder(_ id: String) -> (Int, String) {
        (displayNames.firstIndex { $0.id == id } ?? displayNames.count, id)
    }

    /// An input SNR heading with a true minus sign: `−4`, `0`, `2.5`.
    public static func level(_ snr: Double) -> String {
        let text = snr == snr.rounded() ? String(Int(snr)) : String(format: "%g", snr)
        return text.replacingOccurrences(of: "-", with: "−")
    }

    /// An SNR in dB with two decimals, `± std` when several runs.
    public static func snr(_ value: MeanStd) -> String {
        value.count > 1 ? String(format: "%.2f ± %.2f", value.mean, value.std) : String(format: "%.2f", value.mean)
    }

    /// An RMSE in mV as the seed writes it (`.1952`), `± std` when several runs.
    public static func rmse(_ value: MeanStd) -> String {
        let mean = decimal(value.mean)
        return value.count > 1 ? "\(mean) ± \(decimal(value.std))" : mean
    }

    /// `SNR / RMSE` of one level.
    public static func cell(_ statistics: MetricStatistics) -> String {
        "\(snr(statistics.snrOut)) / \(rmse(statistics.rmse))"
    }

    /// Four decimals without the leading zero below 1.
    static func decimal(_ value: Double) -> String {
        let text = String(format: "%.4f", value)
        if text.hasPrefix("0.") { return String(text.dropFirst()) }
        return text
    }

    /// The header and rule of a table with one column per level, e.g. for `[-4, …, 4]`.
    public static func markdownHeader(first: String, levels: [Double], extra: [String] = []) -> String {
        let columns = [first] + levels.map(level) + extra
        return "| " + columns.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: columns.count)
    }

    /// One table row: the label, then `SNR / RMSE` per level (`–` when a level is missing).
    ///
    /// ```swift
    /// ResultFormatting.markdownRow(label: "DANCER", levels: report.levels)
    /// ```
    public static func markdownRow(label: String, levels: [EvaluationLevel], columns: [Double]? = nil,
                                   extra: [String] = []) -> String {
        let cells = (columns ?? levels.map(\.snr)).map { snr in
            levels.first { $0.snr == snr }.map { cell($0.statistics) } ?? "–"
        }
        return "| " + ([label] + cells + extra).joined(separator: " | ") + " |"
    }

    /// The seed README's `emb` results (`SNR / RMSE` at −4…4 dB), the numbers to reproduce and beat.
    public static let seedReference: [(name: String, cells: [String])] = [
        ("FFT", ["1.50 / .4009", "3.49 / .3190", "5.47 / .2539", "7.47 / .2019", "9.47 / .1604"]),
        ("DWT", ["1.72 / .3920", "3.67 / .3131", "5.62 / .2499", "7.58 / .2015", "9.56 / .1587"]),
        ("U-Net", ["6.96 / .2151", "7.81 / .1945", "8.66 / .1759", "9.60 / .1573", "10.56 / .1402"]),
        ("DACNN", ["7.87 / .1921", "8.69 / .1733", "9.63 / .1553", "10.53 / .1400", "11.45 / .1260"]),
        ("ACDAE", ["8.05 / .1899", "8.83 / .1728", "9.63 / .1575", "10.51 / .1416", "11.40 / .1279"]),
        ("DANCER", ["8.28 / .1952", "9.06 / .1767", "10.07 / .1606", "10.76 / .1482", "11.67 / .1318"]),
    ]
}
