import ECG
import Tensors

/// ``SegmentedDenoising``'s segment grid over a whole lead at the model's rate, evaluated one
/// output range at a time: the segments overlapping the range are denoised and blended exactly
/// as the whole-lead pass blends them.
struct SegmentGrid {
    let denoiser: any Denoiser
    let length: Int
    let starts: [Int]
    let window: [Float]
    let count: Int
    let batchSize: Int

    init(denoiser: any Denoiser, count: Int, batchSize: Int) {
        self.denoiser = denoiser
        length = denoiser.card.segmentLength
        starts = SegmentedDenoising.segmentStarts(count: count, length: length, hop: length / 2)
        window = SegmentedDenoising.blendingWindow(length: length)
        self.count = count
        self.batchSize = max(1, batchSize)
    }

    /// Indices into `starts` of the segments overlapping `output`.
    func overlapping(_ output: Range<Int>) -> Range<Int> {
        let first = starts.firstIndex { $0 + length > output.lowerBound } ?? starts.count
        let end = starts[first...].firstIndex { $0 >= output.upperBound } ?? starts.count
        return first..<max(first, end)
    }

    /// The input samples the segments overlapping `output` read.
    func inputRange(for output: Range<Int>) -> Range<Int> {
        let used = overlapping(output)
        guard let first = used.first, count > length else { return 0..<count }
        return starts[first]..<min(count, starts[used.upperBound - 1] + length)
    }

    /// Denoised samples of `output`; `input` holds the samples of `inputRange(for: output)`.
    /// Batches run on one lane per core when the denoiser allows concurrent calls; the
    /// blending that follows is the same either way, so the output does not depend on it.
    func denoise(_ input: [Float], inputRange: Range<Int>, output: Range<Int>) throws -> [Float] {
        let used = Array(starts[overlapping(output)])
        let batches = stride(from: 0, to: used.count, by: batchSize).map { $0..<min($0 + batchSize, used.count) }
        let denoised = try Parallel.mapItems(batches.count, concurrently: denoiser.allowsConcurrentCalls) { b in
            try denoiser.denoise(segments: centredSegments(used[batches[b]], of: input, inputRange: inputRange),
                                 length: length)
        }
        var sum = [Double](repeating: 0, count: output.count), weight = sum
        for (batch, outputs) in zip(batches, denoised) {
            for (k, start) in used[batch].enumerated() {
                let from = max(start, output.lowerBound), to = min(start + length, output.upperBound, count)
                guard from < to else { continue }
                for i in from..<to {
                    let t = i - start
                    sum[i - output.lowerBound] += Double(window[t]) * Double(outputs[k * length + t])
                    weight[i - output.lowerBound] += Double(window[t])
                }
            }
        }
        return zip(sum, weight).map { Float($0 / $1) }
    }

    /// The segments starting at `starts`, each mean-centred, row-major.
    private func centredSegments(_ starts: ArraySlice<Int>, of input: [Float], inputRange: Range<Int>) -> [Float] {
        var segments: [Float] = []
        segments.reserveCapacity(starts.count * length)
        for start in starts {
            let piece = SegmentedDenoising.segment(of: input, start: start - inputRange.lowerBound, length: length)
            let mean = piece.reduce(0, +) / Float(length)
            segments += piece.map { $0 - mean }
        }
        return segments
    }
}
