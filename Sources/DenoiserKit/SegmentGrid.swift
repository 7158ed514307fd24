import ECG

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
    func denoise(_ input: [Float], inputRange: Range<Int>, output: Range<Int>) throws -> [Float] {
        var sum = [Double](repeating: 0, count: output.count), weight = sum
        let used = Array(starts[overlapping(output)])
        for batchStart in stride(from: 0, to: used.count, by: batchSize) {
            let batch = used[batchStart..<min(batchStart + batchSize, used.count)]
            var segments: [Float] = []
            segments.reserveCapacity(batch.count * length)
            for start in batch {
                let piece = SegmentedDenoising.segment(of: input, start: start - inputRange.lowerBound, length: length)
                let mean = piece.reduce(0, +) / Float(length)
                segments += piece.map { $0 - mean }
            }
            let denoised = try denoiser.denoise(segments: segments, length: length)
            for (k, start) in batch.enumerated() {
                let from = max(start, output.lowerBound), to = min(start + length, output.upperBound, count)
                guard from < to else { continue }
                for i in from..<to {
                    let t = i - start
                    sum[i - output.lowerBound] += Double(window[t]) * Double(denoised[k * length + t])
                    weight[i - output.lowerBound] += Double(window[t])
                }
            }
        }
        return zip(sum, weight).map { Float($0 / $1) }
    }
}
