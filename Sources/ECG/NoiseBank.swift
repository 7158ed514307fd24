import Foundation
import Random

/// The NSTDB noise records (`bw`, `ma`, `em`), each channel kept in mV, with the time split and
/// a sampler of random windows that never straddles a recorded stretch boundary.
///
/// ```swift
/// let bank = try NoiseBank(dataDirectory: dataDir.appendingPathComponent("nstdb"))
/// ```
public final class NoiseBank: Sendable {
    /// One noise record.
    public struct Record: Sendable {
        /// Channels in mV; lengths come from the header.
        public var channels: [[Float]]
        /// Sample indices where concatenated stretches meet (from `em`'s header); windows avoid them.
        public var boundaries: [Int]

        /// Creates a record from channels and stretch boundaries.
        ///
        /// ```swift
        /// let record = NoiseBank.Record(channels: [noise], boundaries: [])
        /// ```
        public init(channels: [[Float]], boundaries: [Int] = []) {
            self.channels = channels
            self.boundaries = boundaries
        }
    }

    /// Records by name ("bw", "ma", "em").
    public let records: [String: Record]

    /// Loads `bw`, `ma` and `em` (each record's length from its header).
    ///
    /// ```swift
    /// let bank = try NoiseBank(dataDirectory: nstdb)
    /// ```
    public init(dataDirectory: URL, names: [String] = ["bw", "ma", "em"]) throws {
        var records: [String: Record] = [:]
        for name in names {
            let url = dataDirectory.appendingPathComponent(name + ".hea")
            let header = try WFDBHeader(contentsOf: url)
            let signal = try WFDBRecord.read(headerAt: url)
            try signal.validate(context: url.path)
            records[name] = Record(channels: signal.leads, boundaries: NoiseBank.boundaries(in: header.comments))
        }
        self.records = records
    }

    /// Wraps records already in memory.
    ///
    /// ```swift
    /// let bank = NoiseBank(records: ["bw": .init(channels: [a, b])])
    /// ```
    public init(records: [String: Record]) {
        self.records = records
    }

    /// Fills `destination` with one unmixed noise segment of `type` from `portion`: a random channel and
    /// offset per component; `emb` sums em, ma, bw each centred and at unit power.
    ///
    /// ```swift
    /// try bank.draw(.emb, portion: .test, into: buffer, using: &rng)
    /// ```
    public func draw(_ type: NoiseType, portion: NoisePortion, into destination: UnsafeMutableBufferPointer<Float>,
                     using rng: inout SeededGenerator) throws {
        if type != .emb {
            try drawComponent(type.rawValue, portion: portion, into: destination, using: &rng)
            return
        }
        for i in 0..<destination.count { destination[i] = 0 }
        let scratch = UnsafeMutableBufferPointer<Float>.allocate(capacity: destination.count)
        defer { scratch.deallocate() }
        for name in type.components {
            try drawComponent(name, portion: portion, into: scratch, using: &rng)
            try NoiseMixer.addUnitPower(scratch, into: destination)
        }
    }

    /// Copies one window of one channel of record `name` into `destination`.
    func drawComponent(_ name: String, portion: NoisePortion, into destination: UnsafeMutableBufferPointer<Float>,
                       using rng: inout SeededGenerator) throws {
        guard let record = records[name], !record.channels.isEmpty else {
            throw ECGError.invalidArgument("noise record '\(name)' is not loaded")
        }
        let channel = record.channels[rng.index(below: record.channels.count)]
        let length = destination.count
        let starts = NoiseBank.validStarts(range: portion.range(sampleCount: channel.count),
                                           length: length, boundaries: record.boundaries)
        let total = starts.reduce(0) { $0 + $1.count }
        guard total > 0 else {
            throw ECGError.invalidArgument("noise record '\(name)' has no \(length)-sample window in its \(portion.rawValue) portion")
        }
        var pick = rng.index(below: total)
        var start = 0
        for r in starts {
            if pick < r.count { start = r.lowerBound + pick; break }
            pick -= r.count
        }
        channel.withUnsafeBufferPointer { src in
            _ = destination.initialize(from: src[start..<(start + length)])
        }
    }

    /// Window starts inside `range` whose `length`-sample window crosses no boundary.
    static func validStarts(range: Range<Int>, length: Int, boundaries: [Int]) -> [Range<Int>] {
        guard range.count >= length else { return [] }
        var pieces = [range.lowerBound..<(range.upperBound - length + 1)]
        for b in boundaries.sorted() {
            // A window [s, s+length) straddles b when s < b < s + length.
            let bad = (b - length + 1)..<b
            pieces = pieces.flatMap { p -> [Range<Int>] in
                let left = p.lowerBound..<max(p.lowerBound, min(p.upperBound, bad.lowerBound))
                let right = max(p.lowerBound, min(p.upperBound, bad.upperBound))..<p.upperBound
                return [left, right].filter { !$0.isEmpty }
            }
        }
        return pieces
    }

    /// Parses "stretch boundaries in this record at samples: 43200 86400 …" from header comments.
    static func boundaries(in comments: [String]) -> [Int] {
        for c in comments {
            guard let r = c.range(of: "boundaries in this record at samples:") else { continue }
            return c[r.upperBound...].split(separator: " ").compactMap { Int($0) }
        }
        return []
    }
}
