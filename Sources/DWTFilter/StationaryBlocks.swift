/// The stationary transform of a long period, computed block by block so that memory does not
/// grow with the lead: a 24-hour lead's period holds 62 million samples, and all its bands at
/// once would take gigabytes.
///
/// Each block of `blockLength` period positions is transformed inside a window that adds
/// ``margin`` positions on either side (read from the period, wrapping around it). In the
/// circular transform of the window, only coefficients whose filter chain wraps around the
/// window's ends are wrong, and those lie in the margins: level `j` reaches back
/// `(taps − 1)·2^(j−1)` positions, so `J` levels of analysis reach `(taps − 1)(2^J − 1)`, and the
/// synthesis reaches as far forward. The block's own coefficients and its reconstruction are
/// therefore those of the transform of the whole period, to rounding.
struct StationaryBlocks {
    /// The transform applied to each window.
    let transform: StationaryWaveletTransform
    /// The period's length.
    let periodLength: Int
    /// The period's sample at position `0 ..< periodLength`.
    let sample: (Int) -> Double
    /// Period positions per block.
    let blockLength: Int

    /// Positions added on either side of a block for `levels` levels of a `taps`-tap filter
    /// bank (see the type's description).
    static func margin(levels: Int, taps: Int) -> Int {
        (taps - 1) * ((1 << levels) - 1)
    }

    /// Calls `body` for each block of the first `count` period positions, in order, with the
    /// `levels`-level decomposition of its window and the range of window positions that belong
    /// to the block.
    func forEachBlock(covering count: Int, levels: Int,
                      _ body: (_ bands: inout WaveletDecomposition, _ block: Range<Int>) -> Void) {
        let margin = Self.margin(levels: levels, taps: transform.filterBank.length)
        for start in stride(from: 0, to: count, by: blockLength) {
            let length = min(blockLength, count - start)
            let window = (0..<(length + 2 * margin)).map { offset -> Double in
                let position = (start - margin + offset) % periodLength
                return sample(position < 0 ? position + periodLength : position)
            }
            var bands = transform.decompose(window, levels: levels)
            body(&bands, margin..<(margin + length))
        }
    }

    /// The first `count` samples of the period reconstructed after `change` has modified each
    /// block window's `levels`-level decomposition (the same change everywhere, coefficient by
    /// coefficient, e.g. thresholding at fixed levels).
    func reconstruct(count: Int, levels: Int, changing change: (inout WaveletDecomposition) -> Void) -> [Double] {
        var output: [Double] = []
        output.reserveCapacity(count)
        forEachBlock(covering: count, levels: levels) { bands, block in
            change(&bands)
            output += transform.reconstruct(bands)[block]
        }
        return output
    }
}
