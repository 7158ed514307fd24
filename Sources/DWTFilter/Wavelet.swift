/// The orthogonal wavelets ``DWTFilter`` can use, with their filter banks.
///
/// The decomposition low-pass coefficients below are the published values as tabulated by
/// PyWavelets (`pywt/_extensions/c/wavelets_coeffs.template.h`, first row of `db4` and `sym8`),
/// normalised to `Σh = √2`; they are I. Daubechies' filters (*Ten Lectures on Wavelets*, SIAM
/// 1992: ch. 6 for the extremal-phase `dbN`, ch. 8 for the least-asymmetric "symlets"). The
/// other filters follow from the quadrature-mirror relation in ``FilterBank``.
///
/// ```swift
/// let bank = Wavelet.sym8.filterBank     // 16 taps each
/// ```
public enum Wavelet: String, Codable, CaseIterable, Sendable {
    /// Daubechies 4 (8 taps, 4 vanishing moments): short support, clearly asymmetric.
    case db4
    /// Symlet 8 (16 taps, 8 vanishing moments): the least-asymmetric Daubechies-type wavelet
    /// of its length, so phase distortion of QRS complexes is smallest.
    case sym8

    /// The decomposition low-pass filter `h` (orthonormal: `Σh = √2`, `Σh² = 1`).
    public var decompositionLowPass: [Double] {
        switch self {
        case .db4:
            return [
                -0.010597401784997278, 0.032883011666982945, 0.030841381835986965, -0.18703481171888114,
                -0.027983769416983849, 0.63088076792959036, 0.71484657055254153, 0.23037781330885523,
            ]
        case .sym8:
            return [
                -0.0033824159510061256, -0.00054213233179114812, 0.031695087811492981, 0.0076074873249176054,
                -0.14329423835080971, -0.061273359067658524, 0.48135965125837221, 0.77718575170052351,
                0.3644418948353314, -0.051945838107709037, -0.027219029917056003, 0.049137179673607506,
                0.0038087520138906151, -0.014952258337048231, -0.0003029205147213668, 0.0018899503327594609,
            ]
        }
    }

    /// The analysis filter pair.
    public var filterBank: FilterBank { FilterBank(lowPass: decompositionLowPass) }
}

/// An orthonormal two-channel analysis filter pair: low-pass `h` and high-pass
/// `g[k] = (−1)^(k+1) · h[L−1−k]` (the quadrature mirror). Synthesis uses the same filters
/// time-reversed, so one pair describes the whole transform.
///
/// ```swift
/// let bank = FilterBank(lowPass: Wavelet.db4.decompositionLowPass)
/// ```
public struct FilterBank: Equatable, Sendable {
    /// Decomposition low-pass (scaling) filter.
    public let lowPass: [Double]
    /// Decomposition high-pass (wavelet) filter.
    public let highPass: [Double]

    /// Builds the pair from the low-pass filter (even length).
    public init(lowPass: [Double]) {
        precondition(!lowPass.isEmpty && lowPass.count % 2 == 0, "a wavelet filter has an even number of taps")
        self.lowPass = lowPass
        let length = lowPass.count
        highPass = (0..<length).map { k in (k % 2 == 0 ? -1 : 1) * lowPass[length - 1 - k] }
    }

    /// Taps per filter.
    public var length: Int { lowPass.count }
}
