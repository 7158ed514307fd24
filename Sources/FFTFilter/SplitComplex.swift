/// Complex samples stored as two parallel arrays (real parts, imaginary parts): the layout
/// every transform in this module reads and writes.
///
/// ```swift
/// var x = SplitComplex(real: [1, 0, 0, 0])        // imaginary parts default to zero
/// x = FFT(count: 4).forward(x)                      // [1, 1, 1, 1]
/// ```
public struct SplitComplex: Equatable, Sendable {
    /// Real parts.
    public var real: [Double]
    /// Imaginary parts, as many as `real`.
    public var imaginary: [Double]

    /// Creates complex samples; `imaginary` defaults to zeros and must match `real` in length.
    ///
    /// ```swift
    /// let z = SplitComplex(real: [1, 2], imaginary: [0, -1])
    /// ```
    public init(real: [Double], imaginary: [Double]? = nil) {
        let imaginary = imaginary ?? [Double](repeating: 0, count: real.count)
        precondition(imaginary.count == real.count, "SplitComplex: \(real.count) real parts, \(imaginary.count) imaginary")
        self.real = real
        self.imaginary = imaginary
    }

    /// `count` zeros.
    ///
    /// ```swift
    /// let z = SplitComplex(zeros: 8)
    /// ```
    public init(zeros count: Int) {
        real = [Double](repeating: 0, count: count)
        imaginary = real
    }

    /// Number of complex samples.
    public var count: Int { real.count }

    /// Calls `body` with mutable pointers to the real and imaginary parts.
    mutating func withUnsafeMutableParts<R>(
        _ body: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        try real.withUnsafeMutableBufferPointer { re in
            try imaginary.withUnsafeMutableBufferPointer { im in try body(re, im) }
        }
    }
}
