/// Checks the input of ``Denoiser/denoise(segments:length:)``: a positive length that
/// divides a non-empty buffer of finite values. Returns the number of segments.
///
/// ```swift
/// let count = try validateSegments(segments, length: 512)
/// ```
public func validateSegments(_ segments: [Float], length: Int) throws -> Int {
    guard length > 0 else {
        throw DenoiserError.badSegments(reason: "segment length must be positive, got \(length)")
    }
    guard !segments.isEmpty else {
        throw DenoiserError.badSegments(reason: "no samples given")
    }
    guard segments.count % length == 0 else {
        throw DenoiserError.badSegments(reason: "\(segments.count) values are not a whole number of \(length)-sample segments")
    }
    if let bad = segments.firstIndex(where: { !$0.isFinite }) {
        throw DenoiserError.badSegments(
            reason: "sample \(bad % length) of segment \(bad / length) is \(segments[bad]), not a finite number")
    }
    return segments.count / length
}
