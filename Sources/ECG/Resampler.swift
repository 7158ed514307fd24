import Foundation

/// Rational-ratio resampling with a polyphase, Kaiser-windowed-sinc anti-aliasing filter
/// (e.g. 250 → 360 Hz is up 36, down 25). Edges are extended by even reflection.
///
/// The pass band reaches `passBandFraction` (0.9) of the lower Nyquist frequency; the stop band
/// attenuation is about 80 dB (Kaiser β = 8) with `zeroCrossings` (24) sinc lobes on each side.
///
/// ```swift
/// let at360 = try Resampler.resample(signal, to: 360)
/// ```
public struct Resampler: Sendable {
    /// Upsampling factor L.
    public let up: Int
    /// Downsampling factor M.
    public let down: Int
    private let taps: [Float]       // filter at the upsampled rate, centred at index halfLength
    private let halfLength: Int

    /// Builds a resampler from `sourceRate` to `targetRate` (their ratio must be rational with
    /// terms ≤ 10,000, as for all usual ECG rates).
    ///
    /// ```swift
    /// let r = try Resampler(from: 250, to: 360)   // up 36, down 25
    /// ```
    public init(from sourceRate: Double, to targetRate: Double, zeroCrossings: Int = 24,
                passBandFraction: Double = 0.9, kaiserBeta: Double = 8) throws {
        try Signal.checkSampleRate(sourceRate, context: "resampling source")
        try Signal.checkSampleRate(targetRate, context: "resampling target")
        guard let (l, m) = Resampler.ratio(targetRate / sourceRate) else {
            throw ECGError.invalidArgument("rate ratio \(targetRate)/\(sourceRate) is not a ratio of integers ≤ 10,000")
        }
        up = l
        down = m
        let cutoff = passBandFraction * 0.5 / Double(max(l, m))  // cycles per upsampled sample
        let half = max(1, zeroCrossings) * max(l, m)
        halfLength = half
        let beta = kaiserBeta, norm = Resampler.besselI0(beta)
        taps = (-half...half).map { i in
            let t = Double(i)
            let sinc = i == 0 ? 2 * cutoff : sin(2 * .pi * cutoff * t) / (.pi * t)
            let r = t / Double(half)
            let window = Resampler.besselI0(beta * max(0, 1 - r * r).squareRoot()) / norm
            return Float(Double(l) * sinc * window)
        }
    }

    /// Number of output samples for `count` input samples: `ceil(count · up / down)`.
    ///
    /// ```swift
    /// r.outputCount(for: 250) // 360
    /// ```
    public func outputCount(for count: Int) -> Int { (count * up + down - 1) / down }

    /// Resamples one lead.
    ///
    /// ```swift
    /// let y = r.resample(samples)
    /// ```
    public func resample(_ x: [Float]) -> [Float] {
        guard !x.isEmpty else { return [] }
        if up == 1 && down == 1 { return x }
        let n = x.count, outCount = outputCount(for: n)
        return [Float](unsafeUninitializedCapacity: outCount) { out, count in
            x.withUnsafeBufferPointer { src in
                taps.withUnsafeBufferPointer { h in
                    for k in 0..<outCount {
                        let p = k * down                    // position on the upsampled grid
                        let first = Resampler.ceilDiv(p - halfLength, up), last = Resampler.floorDiv(p + halfLength, up)
                        var acc: Float = 0
                        var j = first
                        while j <= last {
                            acc += h[p - j * up + halfLength] * src[Resampler.reflect(j, n)]
                            j += 1
                        }
                        out[k] = acc
                    }
                }
            }
            count = outCount
        }
    }

    /// Resamples every lead of `signal` to `rate`.
    ///
    /// ```swift
    /// let s360 = try Resampler.resample(s250, to: 360)
    /// ```
    public static func resample(_ signal: Signal, to rate: Double) throws -> Signal {
        try signal.validate(context: "resampling input")
        let r = try Resampler(from: signal.sampleRate, to: rate)
        var result = signal
        result.leads = signal.leads.map(r.resample)
        result.sampleRate = rate
        return result
    }

    // MARK: - Helpers

    /// Smallest (up, down) with up/down ≈ `x` within 1e-9 relative, terms ≤ 10,000.
    static func ratio(_ x: Double) -> (Int, Int)? {
        for m in 1...10_000 {
            let l = (x * Double(m)).rounded()
            if l >= 1, l <= 10_000, abs(l / Double(m) - x) <= 1e-9 * x { return (Int(l), m) }
        }
        return nil
    }

    private static func reflect(_ j: Int, _ n: Int) -> Int {
        if n == 1 { return 0 }
        let period = 2 * (n - 1)
        var k = j % period
        if k < 0 { k += period }
        return k < n ? k : period - k
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    private static func ceilDiv(_ a: Int, _ b: Int) -> Int { -floorDiv(-a, b) }

    private static func besselI0(_ x: Double) -> Double {
        var sum = 1.0, term = 1.0, k = 1.0
        while term > 1e-12 * sum {
            term *= (x / (2 * k)) * (x / (2 * k))
            sum += term
            k += 1
        }
        return sum
    }
}
