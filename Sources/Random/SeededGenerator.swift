import Foundation

/// A fast, seedable pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// Every stochastic choice in DANCER Zoo — weight initialisation, noise offsets, SNR
/// draws, shuffling — goes through this type, so a run is reproducible from its seed.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let u = rng.uniform(-1, 1)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Codable, Equatable, Sendable {
    /// The four words of xoshiro256** state; public so that training can save and restore it.
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    /// Derives an independent generator for a sub-stream (e.g. one per epoch or per record).
    public func derived(_ stream: UInt64) -> SeededGenerator {
        var copy = self
        let mixed = copy.next() ^ (stream &* 0xD1B5_4A32_D192_ED03)
        return SeededGenerator(seed: mixed)
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    public mutating func unitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform `Float` in `[low, high)`.
    public mutating func uniform(_ low: Float, _ high: Float) -> Float {
        low + Float(unitDouble()) * (high - low)
    }

    /// A uniform integer in `0..<upperBound` (unbiased).
    public mutating func index(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "upperBound must be positive")
        return Int(next(upperBound: UInt64(upperBound)))
    }

    /// A standard normal sample (Box–Muller).
    public mutating func normal() -> Double {
        let u1 = max(unitDouble(), .leastNonzeroMagnitude)
        let u2 = unitDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    public static func == (a: SeededGenerator, b: SeededGenerator) -> Bool {
        a.state == b.state
    }

    // Codable for resumable training: the state as four words.
    private enum CodingKeys: String, CodingKey { case state }
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let words = try container.decode([UInt64].self, forKey: .state)
        guard words.count == 4 else {
            throw DecodingError.dataCorruptedError(
                forKey: .state, in: container, debugDescription: "expected 4 state words, found \(words.count)")
        }
        state = (words[0], words[1], words[2], words[3])
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode([state.0, state.1, state.2, state.3], forKey: .state)
    }
}
