import Foundation

/// The noise types of the benchmark: one NSTDB record each, or `emb`, their equal-power sum.
///
/// ```swift
/// for type in NoiseType.allCases { print(type.components) }
/// ```
public enum NoiseType: String, Codable, CaseIterable, Sendable {
    case emb, bw, ma, em

    /// The NSTDB records this type draws from (`emb`: em, ma, bw).
    public var components: [String] {
        self == .emb ? ["em", "ma", "bw"] : [rawValue]
    }
}

/// Mixing at a target SNR exactly as PROTOCOL.md says: mean-centre, `P(v) = mean(v²)`,
/// `noisy = x + k·n` with `k = sqrt(P(x) / (P(n) · 10^(SNR/10)))`.
///
/// ```swift
/// let mixed = try NoiseMixer.mix(clean: segment, noise: noiseSegment, snr: -4)
/// ```
public enum NoiseMixer {
    /// A mixed segment: the centred clean reference, the noisy input and the noise gain `k`.
    public struct Mixture: Equatable, Sendable {
        /// The centred clean segment: the reference.
        public var clean: [Float]
        /// `clean + k·noise`.
        public var noisy: [Float]
        /// The gain `k` applied to the centred noise.
        public var noiseGain: Double
    }

    /// Mixes copies of `clean` and `noise` (both mean-centred first) at `snr` dB.
    ///
    /// ```swift
    /// let m = try NoiseMixer.mix(clean: x, noise: n, snr: 0)
    /// ```
    public static func mix(clean: [Float], noise: [Float], snr: Double) throws -> Mixture {
        guard !clean.isEmpty else { throw ECGError.emptySignal(context: "clean segment") }
        guard clean.count == noise.count else {
            throw ECGError.invalidArgument("clean segment has \(clean.count) samples, noise \(noise.count)")
        }
        var x = clean, n = noise, noisy = [Float](repeating: 0, count: clean.count)
        let k = try x.withUnsafeMutableBufferPointer { xb in
            try n.withUnsafeMutableBufferPointer { nb in
                try noisy.withUnsafeMutableBufferPointer { yb in try mix(clean: xb, noise: nb, snr: snr, into: yb) }
            }
        }
        return Mixture(clean: x, noisy: noisy, noiseGain: k)
    }

    /// In-place hot-path variant: centres `clean` and `noise`, writes `x + k·n` into `noisy`, returns `k`.
    ///
    /// ```swift
    /// let k = try NoiseMixer.mix(clean: xb, noise: nb, snr: 2, into: yb)
    /// ```
    public static func mix(clean: UnsafeMutableBufferPointer<Float>, noise: UnsafeMutableBufferPointer<Float>,
                           snr: Double, into noisy: UnsafeMutableBufferPointer<Float>) throws -> Double {
        guard snr.isFinite else { throw ECGError.invalidArgument("target SNR \(snr) dB is not finite") }
        centre(clean)
        centre(noise)
        let px = power(UnsafeBufferPointer(clean)), pn = power(UnsafeBufferPointer(noise))
        guard px > 0 else { throw ECGError.constantSignal(context: "clean segment") }
        guard pn > 0 else { throw ECGError.constantSignal(context: "noise segment") }
        let k = (px / (pn * pow(10, snr / 10))).squareRoot()
        let kf = Float(k)
        for i in 0..<clean.count { noisy[i] = clean[i] + kf * noise[i] }
        return k
    }

    /// Subtracts the mean (accumulated in Double) in place.
    ///
    /// ```swift
    /// NoiseMixer.centre(buffer)
    /// ```
    public static func centre(_ v: UnsafeMutableBufferPointer<Float>) {
        guard !v.isEmpty else { return }
        var sum = 0.0
        for x in v { sum += Double(x) }
        let mean = Float(sum / Double(v.count))
        for i in 0..<v.count { v[i] -= mean }
    }

    /// `mean(v²)` accumulated in Double.
    ///
    /// ```swift
    /// let p = samples.withUnsafeBufferPointer(NoiseMixer.power)
    /// ```
    public static func power(_ v: UnsafeBufferPointer<Float>) -> Double {
        guard !v.isEmpty else { return 0 }
        var sum = 0.0
        for x in v { let d = Double(x); sum += d * d }
        return sum / Double(v.count)
    }

    /// The SNR in dB that `noisy` has against the reference `clean`: `10·log10(P(x)/P(noisy − x))`.
    ///
    /// ```swift
    /// let achieved = NoiseMixer.snr(clean: m.clean, noisy: m.noisy)
    /// ```
    public static func snr(clean: [Float], noisy: [Float]) -> Double {
        var signal = 0.0, noise = 0.0
        for (x, y) in zip(clean, noisy) {
            signal += Double(x) * Double(x)
            noise += (Double(y) - Double(x)) * (Double(y) - Double(x))
        }
        return 10 * log10(signal / noise)
    }

    /// Adds the centred `component` scaled to unit power into `sum`; `component` is centred in place.
    ///
    /// ```swift
    /// try NoiseMixer.addUnitPower(emBuffer, into: sumBuffer) // emb = em/√P + ma/√P + bw/√P
    /// ```
    public static func addUnitPower(_ component: UnsafeMutableBufferPointer<Float>,
                                    into sum: UnsafeMutableBufferPointer<Float>) throws {
        centre(component)
        let p = power(UnsafeBufferPointer(component))
        guard p > 0 else { throw ECGError.constantSignal(context: "noise component segment") }
        let scale = Float(1 / p.squareRoot())
        for i in 0..<sum.count { sum[i] += component[i] * scale }
    }
}
