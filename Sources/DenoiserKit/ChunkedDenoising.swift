import ECG
import Foundation

/// Whole-recording denoising of a ``SignalSource`` in chunks, for records too long to hold in
/// memory (a 24-hour Holter record): the output equals ``SegmentedDenoising``'s on the whole
/// signal (same segment grid, same tapered blending, same resampling), chunk seams included.
///
/// Each output chunk is computed from the input it depends on: the segments that overlap it
/// (one segment of context on each side) and the resampling filter's support. Denoisers other
/// than ``NeuralDenoiser`` (classical filters work on whole leads) get the whole signal at once,
/// so the output always equals `denoiser.denoise(signal)`.
///
/// ```swift
/// let source = try WFDBStreamReader(headerAt: url)
/// try ChunkedDenoising(denoiser: denoiser).denoise(source, into: sink) { done, total in print(done, total) }
/// ```
public struct ChunkedDenoising {
    public let denoiser: any Denoiser
    /// Output samples per lead and chunk, at the input's rate.
    public var chunkLength: Int
    /// Segments per call to ``Denoiser/denoise(segments:length:)``.
    public var batchSize = 64

    public init(denoiser: any Denoiser, chunkLength: Int = 1 << 20) {
        self.denoiser = denoiser
        self.chunkLength = max(1, chunkLength)
    }

    /// Denoises every lead of `source` and appends the result to `sink` chunk by chunk, then
    /// finishes it. On failure the sink is cancelled (nothing is left at the destination).
    public func denoise(_ source: SignalSource, into sink: SignalSink,
                        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws {
        do {
            guard denoiser is NeuralDenoiser else {
                try denoiseWhole(source, into: sink, progress: progress)
                return
            }
            let plan = try Plan(source: source, denoiser: denoiser, batchSize: batchSize)
            let total = source.sampleCount
            for start in stride(from: 0, to: total, by: chunkLength) {
                let output = start..<min(total, start + chunkLength)
                try sink.append(try plan.denoise(output, from: source))
                progress(output.upperBound, total)
            }
            try sink.finish()
        } catch {
            sink.cancel()
            throw error
        }
    }

    /// Reads the whole signal, denoises it in one call and writes it out in chunks.
    private func denoiseWhole(_ source: SignalSource, into sink: SignalSink, progress: (Int, Int) -> Void) throws {
        let total = source.sampleCount
        let signal = Signal(leads: try source.read(frames: 0..<total), sampleRate: source.sampleRate,
                            leadNames: source.leadNames, units: source.units)
        let clean = try denoiser.denoise(signal)
        for start in stride(from: 0, to: total, by: chunkLength) {
            let range = start..<min(total, start + chunkLength)
            try sink.append(clean.leads.map { Array($0[range]) })
            progress(range.upperBound, total)
        }
        try sink.finish()
    }

    /// The stages for one source: resample to the model's rate, denoise, resample back.
    struct Plan {
        let forward: ChunkedResampling?, backward: ChunkedResampling?
        let segments: SegmentGrid
        let count: Int

        init(source: SignalSource, denoiser: any Denoiser, batchSize: Int) throws {
            try Signal.checkSampleRate(source.sampleRate, context: "input signal")
            guard source.sampleCount > 0, source.leadCount > 0 else { throw ECGError.emptySignal(context: "input signal") }
            count = source.sampleCount
            let rate = denoiser.card.sampleRate
            if source.sampleRate == rate {
                forward = nil
                backward = nil
                segments = SegmentGrid(denoiser: denoiser, count: count, batchSize: batchSize)
            } else {
                let up = try ChunkedResampling(from: source.sampleRate, to: rate, inputCount: count)
                forward = up
                backward = try ChunkedResampling(from: rate, to: source.sampleRate, inputCount: up.outputCount)
                segments = SegmentGrid(denoiser: denoiser, count: up.outputCount, batchSize: batchSize)
            }
        }

        /// Every lead's denoised samples in `output` (input-rate indices).
        func denoise(_ output: Range<Int>, from source: SignalSource) throws -> [[Float]] {
            guard let forward, let backward else {
                let needed = segments.inputRange(for: output)
                return try read(source, needed).map { try segments.denoise($0, inputRange: needed, output: output) }
            }
            // Resampling round trips can differ by a sample: the input's length is kept by
            // repeating the last output sample (as SegmentedDenoising does).
            let last = backward.outputCount - 1
            let first = min(output.lowerBound, last)
            let back = first..<max(first + 1, min(output.upperBound, last + 1))
            let atModelRate = backward.inputRange(for: back)
            let denoiseInput = segments.inputRange(for: atModelRate)
            let native = forward.inputRange(for: denoiseInput)
            return try read(source, native).map { lead in
                let up = forward.resample(lead, inputRange: native, output: denoiseInput)
                let clean = try segments.denoise(up, inputRange: denoiseInput, output: atModelRate)
                let restored = backward.resample(clean, inputRange: atModelRate, output: back)
                return output.map { restored[min($0, last) - back.lowerBound] }
            }
        }

        private func read(_ source: SignalSource, _ frames: Range<Int>) throws -> [[Float]] {
            let leads = try source.read(frames: frames)
            for (l, lead) in leads.enumerated() {
                if let bad = lead.firstIndex(where: { !$0.isFinite }) {
                    throw ECGError.nonFiniteSample(context: "input signal", lead: l, index: frames.lowerBound + bad)
                }
            }
            return leads
        }
    }
}
