import DenoiserKit
import ECG
import Foundation

/// Denoising one input file into one output file, streaming: WFDB inputs are read chunk by
/// chunk, CSV and WFDB outputs written chunk by chunk to a temporary file renamed at the end.
///
/// ```swift
/// try DenoiseJob(denoiser: try ModelZoo.shared.load("dancer")).run(input: "100.hea", output: "out.hea")
/// ```
struct DenoiseJob {
    let denoiser: any Denoiser
    /// The CSV sample rate when the file has no time column.
    var sampleRate: Double?
    /// ADC units per mV of WFDB outputs.
    var gain = 1000.0
    /// Samples per lead and chunk.
    var chunkLength = 1 << 20
    /// Where to write an SVG of the first lead's first seconds, noisy vs denoised.
    var plotPath: String?
    var plotSeconds = 10.0
    var progressStyle: ProgressBar.Style?

    func run(input: String, output: String) throws {
        let inputURL = URL(fileURLWithPath: input).standardizedFileURL
        guard inputURL.path != URL(fileURLWithPath: output).standardizedFileURL.path else {
            throw CommandError("output \(output) is the input; choose another output path")
        }
        let source = try SignalFiles.openSource(input, sampleRate: sampleRate)
        let comment = "denoised by dancer (model \(denoiser.card.id)) from \(inputURL.lastPathComponent)"
        let sink = try SignalFiles.makeSink(output, like: source, gain: gain, comments: [comment])
        let plotLength = min(source.sampleCount, max(1, Int(plotSeconds * source.sampleRate)))
        let capture = plotPath.map { _ in FirstLeadCapture(sink, limit: plotLength) }
        let bar = ProgressBar(label: inputURL.lastPathComponent, total: source.sampleCount, unit: "samples",
                              style: progressStyle)
        try ChunkedDenoising(denoiser: denoiser, chunkLength: chunkLength)
            .denoise(source, into: capture ?? sink) { done, _ in bar.update(done) }
        bar.finish()
        if let plotPath, let capture {
            let noisy = try source.read(frames: 0..<plotLength)[0]
            let title = "\(inputURL.lastPathComponent), \(source.leadNames.first ?? "lead 0"), model \(denoiser.card.id)"
            let svg = SVGPlot(title: title, sampleRate: source.sampleRate, noisy: noisy, denoised: capture.captured).render()
            do { try Data(svg.utf8).write(to: URL(fileURLWithPath: plotPath), options: .atomic) } catch {
                throw CommandError("--plot \(plotPath): cannot write: \(error.localizedDescription)")
            }
        }
    }
}
