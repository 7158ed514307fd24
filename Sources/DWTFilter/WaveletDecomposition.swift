/// A multi-level wavelet decomposition: the detail bands from finest to coarsest and the
/// approximation left at the deepest level, plus the lengths needed to invert it exactly.
///
/// At sampling rate `fs`, detail level `j` covers roughly `fs/2^(j+1) … fs/2^j` and the
/// approximation of a `J`-level decomposition `0 … fs/2^(J+1)`.
///
/// ```swift
/// var bands = transform.decompose(samples, levels: 5)
/// bands.details[0] = bands.details[0].map { _ in 0 }     // drop the finest band
/// let smoothed = transform.reconstruct(bands)
/// ```
public struct WaveletDecomposition: Equatable, Sendable {
    /// Detail coefficients; `details[0]` is level 1 (the finest, highest frequencies).
    public var details: [[Double]]
    /// Approximation coefficients of the deepest level.
    public var approximation: [Double]
    /// `inputLengths[j]` is the length of the input transformed at level `j + 1`
    /// (`inputLengths[0]` is the signal length).
    public let inputLengths: [Int]

    /// Number of levels.
    public var levels: Int { details.count }

    /// The length of the decomposed signal.
    public var signalLength: Int { inputLengths.first ?? approximation.count }
}
