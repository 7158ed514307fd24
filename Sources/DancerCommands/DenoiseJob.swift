import DenoiserKit
import ECG
import Foundation

/// Denoising one input file into one output file, streaming: WFDB inputs are read chunk by
/// chunk, CSV and WFDB outputs written chunk by chunk to a temporary file renamed at the end.
///
/// Crash safety and numerics: nothing appears under the output's name until it is complete
/// (WFDB: data file first, header last, see `WFDBRecordFiles`); a killed run leaves only
/// temporary files (`.<name>.<uuid>.tmp`), removed by the next successful run of the same
/// output. A NaN/∞ input sample fails with the file, lead and sample index; a non-finite
/// denoised sample fails naming the input, and nothing is written.
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
        let sink = FiniteOutputSink(try SignalFiles.makeSink(output, like: source, gain: gain, comments: [comment]),
                                    input: input)
        let plotLength = min(source.sampleCount, max(1, Int(plotSeconds * source.sampleRate)))
        let capture = plotPath.map { _ in FirstLeadCapture(sink, limit: plotLength) }
        let bar = ProgressBar(label: inputURL.lastPathComponent, total: source.sampleCount, unit: "samples",
                              style: progressStyle)
        do {
            try ChunkedDenoising(denoiser: denoiser, chunkLength: chunkLength)
                .denoise(source, into: capture ?? sink) { done, _ in bar.update(done) }
        } catch ECGError.nonFiniteSample(let context, let lead, let index) where !context.contains(input) {
            // The input's check inside the denoising does not know the file: name it.
            if context == "input signal" { throw ECGError.nonFiniteSample(context: input, lead: lead, index: index) }
            // The input was checked before any processing, so any other NaN/∞ (e.g. met by the
            // resampling back to the input's rate) was produced by the model.
            throw CommandError("\(input): the denoised output is not finite (\(context): lead \(lead), sample \(index) is NaN or infinite); nothing was written")
        }
        bar.finish()
        // The output is complete and in place: temporary files of earlier, killed runs go.
        TemporaryLeftovers.remove(of: URL(fileURLWithPath: output))
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
