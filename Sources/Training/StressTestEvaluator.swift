import DenoiserKit
import ECG
import Foundation

/// Results on the real noise-stress records: which stretches were used and, per record and lead,
/// the metrics over 512-sample windows against the clean mitdb record 118.
public struct StressTestReport: Codable, Equatable, Sendable {
    /// The clean reference record.
    public var reference: String
    /// The noisy stretches `[start, end)` (samples at 360 Hz) that were evaluated.
    public var stretches: [[Int]]
    /// Where the stretches came from.
    public var stretchSource: String
    /// Samples per window.
    public var windowLength: Int
    /// One result per record and lead.
    public var results: [StressTestResult]
}

/// One lead of one stress-test record.
public struct StressTestResult: Codable, Equatable, Sendable {
    /// `118e24`, `118e12` or `118e00`.
    public var record: String
    /// The SNR `nst` mixed at, dB.
    public var nominalSNR: Double
    /// Lead index and name.
    public var lead: Int
    public var leadName: String
    /// Windows evaluated.
    public var windows: Int
    /// Mean ± std across the denoisers evaluated (one per run when each run has its own checkpoint).
    public var statistics: MetricStatistics
}

/// Evaluates a denoiser on nstdb `118e24`, `118e12`, `118e00` against the clean mitdb `118`:
/// only inside the stretches where `nst` added noise (2-minute stretches alternating with clean
/// ones after minute 5), each lead cut into non-overlapping 512-sample windows, each window
/// mean-centred (noisy and reference separately) as in the synthetic protocol.
///
/// ```swift
/// let report = try StressTestEvaluator(data: data).run(denoisers: [denoiser])
/// ```
public struct StressTestEvaluator {
    /// The records and the SNR at which `nst` made them.
    public static let records: [(name: String, snr: Double)] = [("118e24", 24), ("118e12", 12), ("118e00", 0)]
    public let data: DataLocation
    public var windowLength = 512
    /// Windows per denoiser call.
    public var batchSize = 256

    public init(data: DataLocation) { self.data = data }

    /// Metrics of each denoiser (e.g. one per run) on every record and lead.
    public func run(denoisers: [any Denoiser]) throws -> StressTestReport {
        let clean = try WFDBRecord.read(headerAt: data.mitdb.appendingPathComponent("118.hea"))
        let (stretches, source) = try Self.stretches(data: data, sampleCount: clean.sampleCount)
        var results: [StressTestResult] = []
        for (name, snr) in Self.records {
            let noisy = try WFDBRecord.read(headerAt: data.nstdb.appendingPathComponent(name + ".hea"))
            guard noisy.leadCount == clean.leadCount, noisy.sampleCount == clean.sampleCount else {
                throw TrainingError.inconsistentData(path: data.nstdb.appendingPathComponent(name + ".hea").path,
                                                     reason: "its leads or length differ from mitdb/118")
            }
            for lead in 0..<clean.leadCount {
                let (noisyWindows, cleanWindows) = windows(noisy.leads[lead], clean.leads[lead], stretches: stretches)
                let summaries = try denoisers.map { denoiser -> MetricsSummary in
                    let output = try denoise(noisyWindows, with: denoiser)
                    return MetricsSummary(try cleanWindows.indices.map { k in
                        try Metrics.evaluate(clean: cleanWindows[k], denoised: Array(output[(k * windowLength)..<((k + 1) * windowLength)]),
                                             noisy: noisyWindows[k])
                    })
                }
                results.append(StressTestResult(record: name, nominalSNR: snr, lead: lead, leadName: clean.leadNames[lead],
                                                windows: cleanWindows.count, statistics: MetricStatistics(summaries)))
            }
        }
        return StressTestReport(reference: "mitdb/118", stretches: stretches.map { [$0.lowerBound, $0.upperBound] },
                                stretchSource: source, windowLength: windowLength, results: results)
    }

    /// The denoised windows, concatenated, computed `batchSize` windows per call.
    func denoise(_ windows: [[Float]], with denoiser: any Denoiser) throws -> [Float] {
        var output: [Float] = []
        for start in stride(from: 0, to: windows.count, by: batchSize) {
            let chunk = windows[start..<min(start + batchSize, windows.count)]
            output += try denoiser.denoise(segments: chunk.flatMap { $0 }, length: windowLength)
        }
        return output
    }

    /// Mean-centred windows of the noisy and clean lead inside the stretches.
    func windows(_ noisy: [Float], _ clean: [Float], stretches: [Range<Int>]) -> ([[Float]], [[Float]]) {
        var noisyWindows: [[Float]] = [], cleanWindows: [[Float]] = []
        for stretch in stretches {
            var start = stretch.lowerBound
            while start + windowLength <= min(stretch.upperBound, clean.count) {
                let range = start..<(start + windowLength)
                noisyWindows.append(Self.centred(noisy[range]))
                cleanWindows.append(Self.centred(clean[range]))
                start += windowLength
            }
        }
        return (noisyWindows, cleanWindows)
    }

    static func centred(_ values: ArraySlice<Float>) -> [Float] {
        let mean = values.reduce(0, +) / Float(values.count)
        return values.map { $0 - mean }
    }

    /// The noisy stretches: from the `source sample ranges` comment of nstdb/em.hea when
    /// present, else the rule of `nst` (2 minutes on, 2 off, from minute 5).
    static func stretches(data: DataLocation, sampleCount: Int) throws -> ([Range<Int>], String) {
        let header = data.nstdb.appendingPathComponent("em.hea")
        if let parsed = try? WFDBHeader(contentsOf: header), let ranges = parse(comments: parsed.comments), !ranges.isEmpty {
            return (ranges, "nstdb/em.hea comment 'source sample ranges [start,end) of 118e00'")
        }
        let rate = 360, on = 120 * rate
        let ranges = stride(from: 300 * rate, to: sampleCount, by: 2 * on).map { $0..<min($0 + on, sampleCount) }
        return (ranges, "rule of nst: 2-minute noisy stretches alternating with clean ones from minute 5")
    }

    /// Ranges `a-b` after "source sample ranges [start,end) of 118e00:" in header comments.
    static func parse(comments: [String]) -> [Range<Int>]? {
        for comment in comments {
            guard let marker = comment.range(of: "of 118e00:") , comment.contains("source sample ranges") else { continue }
            return comment[marker.upperBound...].split(separator: " ").compactMap { pair -> Range<Int>? in
                let bounds = pair.split(separator: "-").compactMap { Int($0) }
                guard bounds.count == 2, bounds[0] < bounds[1] else { return nil }
                return bounds[0]..<bounds[1]
            }
        }
        return nil
    }
}
