import ECG

/// Resampling of one output range from only the input samples it depends on, bit-identical to
/// resampling the whole signal with ``Resampler`` (including the even reflection at both ends).
///
/// The slice handed to ``Resampler/resample(_:)`` starts at a multiple of `down`, so its output
/// grid coincides with the whole signal's, and reaches `support` samples past the range on each
/// side, so no output in the range sees the slice's own edges.
struct ChunkedResampling {
    let resampler: Resampler
    /// Samples in the whole input.
    let inputCount: Int
    /// Input samples an output depends on, each side (generous: the filter spans 24 zero
    /// crossings of the lower rate; 32 are allowed for).
    let support: Int

    init(from sourceRate: Double, to targetRate: Double, inputCount: Int) throws {
        resampler = try Resampler(from: sourceRate, to: targetRate)
        self.inputCount = inputCount
        support = 32 * max(resampler.up, resampler.down) / resampler.up + 2
    }

    /// Samples in the whole output.
    var outputCount: Int { resampler.outputCount(for: inputCount) }

    /// The input range that ``resample(_:inputRange:output:)`` needs for `output`.
    func inputRange(for output: Range<Int>) -> Range<Int> {
        let up = resampler.up, down = resampler.down, n = inputCount
        let edge = 2 * support + 2
        var low = max(0, (output.lowerBound * down) / up - support)
        var high = min(n, ((output.upperBound - 1) * down) / up + support + 2)
        if high == n { low = min(low, max(0, n - edge)) }
        if low == 0 { high = max(high, min(n, edge)) }
        low = (low / down) * down
        return low..<high
    }

    /// The outputs in `output`, from `input` = the samples of `inputRange(for: output)`.
    func resample(_ input: [Float], inputRange: Range<Int>, output: Range<Int>) -> [Float] {
        let local = resampler.resample(input)
        let shift = inputRange.lowerBound * resampler.up / resampler.down
        return Array(local[(output.lowerBound - shift)..<(output.upperBound - shift)])
    }
}
