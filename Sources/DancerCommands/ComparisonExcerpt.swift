import DenoiserKit
import ECG
import Foundation
import Training
import Zoo

/// The excerpt behind the seed-style comparison figure: both leads of one test record, mixed
/// with test-portion noise at one SNR as the protocol mixes test examples, denoised by every
/// zoo model that has a checkpoint for that noise type (classical filters need none).
///
/// ```swift
/// let excerpt = ComparisonExcerpt(record: "103", start: 120, seconds: 4, noise: .emb, snr: -4, seed: 1)
/// let figure = try excerpt.figure(dataDirectory: data.root, zoo: .shared)
/// ```
struct ComparisonExcerpt {
    var record: String
    var start: Double
    var seconds: Double
    var noise: NoiseType
    var snr: Double
    var seed: UInt64

    /// The figure's file name in docs/results.
    var fileName: String { "comparison-\(noise.rawValue).svg" }

    /// Mixes both leads (noise seed `seed + lead`), runs every eligible model, and returns the
    /// figure with a caption naming the excerpt and the checkpoints used.
    func figure(dataDirectory: URL, zoo: ModelZoo) throws -> ResultsFigure {
        let header = try WFDBHeader(contentsOf: dataDirectory.appendingPathComponent("mitdb/\(record).hea"))
        let examples = try (0..<header.signals.count).map { lead in
            try NoisyExample.make(dataDirectory: dataDirectory, record: record, lead: lead, noise: noise, snr: snr,
                                  start: start, seconds: seconds, seed: seed + UInt64(lead))
        }
        let rate = examples[0].clean.sampleRate
        var figure = ComparisonFigure(title: "\(noise.rawValue) noise at \(ResultFormatting.level(snr)) dB — MIT-BIH \(record)",
                                      sampleRate: rate, leadNames: examples.map { $0.clean.leadNames[0] },
                                      clean: examples.map { $0.clean.leads[0] })
        figure.rows.append(.init(method: "noisy input", outputs: examples.map { $0.noisy.leads[0] }))
        var used: [String] = []
        for id in zoo.names.sorted(by: { ResultFormatting.rowOrder($0) < ResultFormatting.rowOrder($1) }) {
            let entry = try zoo.entry(id)
            let isNeural = try zoo.factory(id).kind == .neural
            guard !isNeural || entry.checkpoints.contains(where: { $0.name == noise.rawValue }) else { continue }
            let denoiser = try zoo.load(id, checkpoint: isNeural ? noise.rawValue : nil)
            let outputs = try examples.map { try denoiser.denoise($0.noisy).leads[0] }
            figure.rows.append(.init(method: ResultFormatting.displayName(id), outputs: outputs))
            used.append(isNeural ? "\(id) (\(noise.rawValue) checkpoint)" : id)
        }
        let caption = "MIT-BIH record \(record) (a test record), \(String(format: "%g", start))–\(String(format: "%g", start + seconds)) s, "
            + "both leads, each mixed with \(noise.rawValue) noise from the test portion at \(ResultFormatting.level(snr)) dB (noise seed \(seed) + lead). "
            + "Every model denoises the whole excerpt as `dancer denoise` does. Models: \(used.joined(separator: ", "))."
        return ResultsFigure(fileName: fileName, title: "All methods on one two-lead excerpt (\(noise.rawValue), \(ResultFormatting.level(snr)) dB)",
                             caption: caption, svg: figure.render())
    }
}
