import ECG
import Foundation

extension ResultsReport {
    /// The seed README's margin of DANCER over its U-Net on emb (output SNR dB per input level),
    /// derived from ``ResultFormatting/seedReference``: the margin to beat.
    static var seedMarginOverUNet: [(snr: Double, gain: Double)] {
        // A reference cell is "SNR / RMSE"; its SNR is the number before the first space.
        func snrs(_ name: String) -> [Double] {
            ResultFormatting.seedReference.first { $0.name == name }?.cells.compactMap { Double($0.prefix { $0 != " " }) } ?? []
        }
        return zip(TestSet.snrLevels, zip(snrs("DANCER"), snrs("U-Net"))).map { ($0, $1.0 - $1.1) }
    }

    /// The trained models' output SNR minus the U-Net's, per input level, on one noise type:
    /// the differences the full plot squeezes into a 1 dB band. `nil` without a U-Net evaluation
    /// or without another trained model. On emb the seed README's DANCER − U-Net margin is drawn
    /// as a dashed reference.
    public func gainPlot(for noise: NoiseType) -> SVGLinePlot? {
        let reports = reports(for: noise)
        guard let unet = reports.first(where: { $0.model == "unet" }) else { return nil }
        let trained = reports.filter { $0.model != "unet" && ($0.checkpoint != nil || $0.runCheckpoints != nil) }
        guard !trained.isEmpty else { return nil }
        let baseline = Dictionary(unet.levels.map { ($0.snr, $0.statistics.snrOut.mean) }, uniquingKeysWith: { first, _ in first })
        var plot = SVGLinePlot(title: "Gain over the U-Net — \(noise.rawValue) noise", xLabel: "input SNR (dB)",
                               yLabel: "output SNR − U-Net's (dB), means over runs")
        let levels = unet.levels.map(\.snr).sorted()
        plot.series.append(.init(name: "U-Net (y = 0)", points: levels.map { .init(x: $0, y: 0) }, isReference: true))
        func colour(_ model: String) -> String? { self.colour(of: model, noise: noise) }
        if noise == .emb {
            plot.series.append(.init(name: "seed README: DANCER − U-Net (dashed, to beat)",
                                     points: Self.seedMarginOverUNet.map { .init(x: $0.snr, y: $0.gain) },
                                     isReference: true, colour: colour("dancer")))
        }
        for report in trained {
            let points = report.levels.compactMap { level in
                baseline[level.snr].map { SVGLinePlot.Point(x: level.snr, y: level.statistics.snrOut.mean - $0) }
            }
            if !points.isEmpty {
                plot.series.append(.init(name: ResultFormatting.displayName(report.model), points: points, colour: colour(report.model)))
            }
        }
        return plot
    }

    /// A model's colour in the output-SNR plot of `noise` (its row's palette colour), so that
    /// the gain and training-curve plots draw it alike; `nil` when it was not evaluated there.
    func colour(of model: String, noise: NoiseType) -> String? {
        reports(for: noise).firstIndex { $0.model == model }.map { SVGLinePlot.palette[$0 % SVGLinePlot.palette.count] }
    }

    /// The file name of a noise type's gain plot.
    public static func gainPlotName(_ noise: NoiseType) -> String { "gain-\(noise.rawValue).svg" }
}
