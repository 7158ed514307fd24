/// Which wavelet transform ``DWTFilter`` thresholds.
///
/// ```swift
/// let config = DWTFilterConfig(transform: .stationary)
/// ```
public enum TransformKind: String, Codable, CaseIterable, Sendable {
    /// Mallat's decimated pyramid (``WaveletTransform``): `N` coefficients in all, but the
    /// result depends on where the signal falls on the dyadic grid.
    case decimated
    /// The undecimated transform (``StationaryWaveletTransform``) of the signal mirrored into
    /// one period (`x₀ … xₙ₋₁ xₙ₋₁ … x₀`, the ``BoundaryMode/symmetric`` extension; with
    /// ``BoundaryMode/periodic``, the signal itself): translation-invariant denoising, about
    /// `levels` times the decimated transform's work.
    case stationary
}
