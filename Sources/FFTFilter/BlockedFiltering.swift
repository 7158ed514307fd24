/// Filtering a whole lead of any length with bounded memory: short leads in one block, long
/// ones (a 24-hour Holter lead) in overlapping blocks whose margins are thrown away.
///
/// Each block is filtered with its own mirror extension (``SpectralFilter``); the mirror is
/// only a guess of the signal beyond the block, and its influence on a sample decays with
/// the distance from the block edge like the filter's impulse response. Raised-cosine edges
/// of width `w` make that response decay like `1/t³` beyond ≈ `1/w` seconds, so keeping only
/// samples at least `8/w` seconds from an edge gives the whole-lead result to ~1e-4.
struct BlockedFiltering {
    let configuration: FFTFilterConfig
    let sampleRate: Double
    /// Samples discarded at each inner block edge.
    let margin: Int
    /// Samples per full block (≥ 4 margins).
    let blockLength: Int

    init(configuration: FFTFilterConfig, sampleRate: Double, maximumBlockLength: Int) {
        self.configuration = configuration
        self.sampleRate = sampleRate
        let widths = [configuration.lowTransitionWidth, configuration.highTransitionWidth]
        // A brick-wall edge (width 0) rings for ever; treat it as 0.1 Hz wide (80 s margin).
        let narrowest = max(0.1, widths.min() ?? 0.1)
        margin = Int((8 / narrowest * sampleRate).rounded(.up))
        blockLength = max(maximumBlockLength, 4 * margin)
    }

    /// Filters `lead` (≥ 1 sample).
    func apply(_ lead: [Float]) -> [Float] {
        var output = [Float](repeating: 0, count: lead.count)
        let n = lead.count
        guard n > blockLength else {
            let filter = SpectralFilter(count: n, sampleRate: sampleRate, configuration: configuration)
            lead.withUnsafeBufferPointer { x in output.withUnsafeMutableBufferPointer { filter.apply(x, into: $0) } }
            return output
        }
        let core = blockLength - 2 * margin
        var plans: [Int: SpectralFilter] = [:]
        let scratch = UnsafeMutableBufferPointer<Float>.allocate(capacity: blockLength)
        defer { scratch.deallocate() }
        lead.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                for coreStart in stride(from: 0, to: n, by: core) {
                    let coreEnd = min(n, coreStart + core)
                    let lower = max(0, coreStart - margin), upper = min(n, coreEnd + margin)
                    let length = upper - lower
                    let filter = plans[length] ?? SpectralFilter(count: length, sampleRate: sampleRate,
                                                                 configuration: configuration)
                    plans[length] = filter
                    let block = UnsafeMutableBufferPointer(rebasing: scratch[0..<length])
                    filter.apply(UnsafeBufferPointer(rebasing: x[lower..<upper]), into: block)
                    for t in coreStart..<coreEnd { y[t] = block[t - lower] }
                }
            }
        }
        return output
    }
}
