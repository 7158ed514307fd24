/// How a segment is scaled before a network sees it: the segment is divided by its scale
/// `s`, the network's output multiplied by `s` (PROTOCOL.md "Model input scaling").
///
/// The protocol divides by the peak. Dividing by the standard deviation instead (z-scoring)
/// gives every input unit power, so one noise spike no longer shrinks the whole segment;
/// a network trained one way must be run the same way, so checkpoints record theirs.
///
/// ```swift
/// let s = InputScaling.standardDeviation.scale(of: [0.5, -0.5, 0.5, -0.5])   // 0.5
/// ```
public enum InputScaling: String, Codable, CaseIterable, Sendable {
    /// `s = max|x| + 1e-8`: the protocol's.
    case peak
    /// `s = std(x) + 1e-8`, the root mean square about the segment's mean.
    case standardDeviation = "std"

    /// Added to every scale so that a silent segment divides by a positive number.
    public static let epsilon: Float = 1e-8

    /// The scale `s` of one segment.
    ///
    /// ```swift
    /// InputScaling.peak.scale(of: [0.2, -0.9, 0.4])   // 0.9 + 1e-8
    /// ```
    public func scale<Values: Collection>(of segment: Values) -> Float where Values.Element == Float {
        switch self {
        case .peak:
            return segment.reduce(0) { max($0, abs($1)) } + Self.epsilon
        case .standardDeviation:
            guard !segment.isEmpty else { return Self.epsilon }
            // In Double: a long segment's sums lose digits in Float.
            let count = Double(segment.count)
            let mean = segment.reduce(0.0) { $0 + Double($1) } / count
            let power = segment.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / count
            return Float(power.squareRoot()) + Self.epsilon
        }
    }
}
