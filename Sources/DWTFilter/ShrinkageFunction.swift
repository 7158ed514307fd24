/// How ``DWTFilter`` shrinks a detail coefficient once the threshold `λ` is chosen.
///
/// ```swift
/// let config = DWTFilterConfig(shrinkage: .garrote)
/// ```
public enum ShrinkageFunction: String, Codable, CaseIterable, Sendable {
    /// `sign(c)·max(|c| − λ, 0)` (Donoho 1995): every surviving coefficient loses `λ`.
    case soft
    /// `c` where `|c| > λ`, else 0: no bias on what survives, a jump at `±λ`.
    case hard
    /// The non-negative garrote (Gao 1998), `c − λ²/c` where `|c| > λ`: continuous, with a
    /// shrinkage that fades as `|c|` grows.
    case garrote

    /// Applies the function to `coefficients` in place.
    ///
    /// ```swift
    /// ShrinkageFunction.soft.apply(to: &details, threshold: 0.1)
    /// ```
    public func apply(to coefficients: inout [Double], threshold lambda: Double) {
        switch self {
        case .soft: WaveletShrinkage.softThreshold(&coefficients, by: lambda)
        case .hard: WaveletShrinkage.hardThreshold(&coefficients, by: lambda)
        case .garrote: WaveletShrinkage.garrote(&coefficients, by: lambda)
        }
    }
}
