import Foundation

/// The metrics of one segment (PROTOCOL.md "Metrics"; SSD and MAD as in DeepFilter).
///
/// ```swift
/// let m = try Metrics.evaluate(clean: x, denoised: y, noisy: z)
/// print(m.snrOut, m.rmse)
/// ```
public struct SegmentMetrics: Codable, Equatable, Sendable {
    /// `10·log10(Σx² / Σ(x − x̂)²)` dB (+∞ for a perfect reconstruction).
    public var snrOut: Double
    /// The same for the noisy input, dB.
    public var snrIn: Double
    /// `snrOut − snrIn`, dB.
    public var snrImprovement: Double { snrOut - snrIn }
    /// `sqrt(mean((x − x̂)²))`, in the signal's units (mV).
    public var rmse: Double
    /// `100·sqrt(Σ(x − x̂)² / Σx²)`, percent.
    public var prd: Double
    /// `Σ x·x̂ / (‖x‖·‖x̂‖)` (0 when either is all zeros).
    public var cosine: Double
    /// `Σ(x − x̂)²` (DeepFilter's SSD).
    public var ssd: Double
    /// `max|x − x̂|` (DeepFilter's MAD).
    public var mad: Double
}

/// Computing and aggregating metrics.
///
/// ```swift
/// let perSegment = try Metrics.evaluate(batch: batch, output: modelOutput)
/// let summary = MetricsSummary(perSegment)
/// ```
public enum Metrics {
    /// Metrics of one segment: `clean` reference, `denoised` estimate, `noisy` input, all in mV.
    ///
    /// ```swift
    /// let m = try Metrics.evaluate(clean: x, denoised: y, noisy: z)
    /// ```
    public static func evaluate(clean: [Float], denoised: [Float], noisy: [Float]) throws -> SegmentMetrics {
        guard !clean.isEmpty else { throw ECGError.emptySignal(context: "metrics reference") }
        guard denoised.count == clean.count, noisy.count == clean.count else {
            throw ECGError.invalidArgument("metrics: clean has \(clean.count) samples, denoised \(denoised.count), noisy \(noisy.count)")
        }
        return clean.withUnsafeBufferPointer { x in
            denoised.withUnsafeBufferPointer { y in
                noisy.withUnsafeBufferPointer { z in evaluate(x, y, z, scale: 1) }
            }
        }
    }

    /// Per-segment metrics of a model's output for a batch. `output` is in the model's scale
    /// (as `batch.noisy`); every segment is restored to mV with its scale before measuring.
    ///
    /// ```swift
    /// let metrics = try Metrics.evaluate(batch: batch, output: y)
    /// ```
    public static func evaluate(batch: SegmentBatch, output: [Float]) throws -> [SegmentMetrics] {
        let n = batch.segmentLength
        guard output.count == batch.count * n else {
            throw ECGError.invalidArgument("model output has \(output.count) values, batch needs \(batch.count) × \(n)")
        }
        return batch.clean.withUnsafeBufferPointer { x in
            output.withUnsafeBufferPointer { y in
                batch.noisy.withUnsafeBufferPointer { z in
                    (0..<batch.count).map { i in
                        let r = (i * n)..<((i + 1) * n)
                        return evaluate(UnsafeBufferPointer(rebasing: x[r]), UnsafeBufferPointer(rebasing: y[r]),
                                        UnsafeBufferPointer(rebasing: z[r]), scale: Double(batch.scales[i]))
                    }
                }
            }
        }
    }

    private static func evaluate(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>,
                                 _ z: UnsafeBufferPointer<Float>, scale s: Double) -> SegmentMetrics {
        var sxx = 0.0, syy = 0.0, sxy = 0.0, err = 0.0, noiseErr = 0.0, mad = 0.0
        for i in 0..<x.count {
            let a = Double(x[i]) * s, b = Double(y[i]) * s, c = Double(z[i]) * s
            sxx += a * a; syy += b * b; sxy += a * b
            err += (a - b) * (a - b); noiseErr += (a - c) * (a - c)
            mad = max(mad, abs(a - b))
        }
        let norms = (sxx * syy).squareRoot()
        return SegmentMetrics(snrOut: 10 * log10(sxx / err), snrIn: 10 * log10(sxx / noiseErr),
                              rmse: (err / Double(x.count)).squareRoot(), prd: 100 * (err / sxx).squareRoot(),
                              cosine: norms > 0 ? sxy / norms : 0, ssd: err, mad: mad)
    }
}

/// The mean of each metric over many segments (a table cell of one run).
///
/// ```swift
/// let summary = MetricsSummary(perSegment)
/// ```
public struct MetricsSummary: Codable, Equatable, Sendable {
    /// Segments averaged.
    public var count: Int
    /// Mean SNR_out, dB.
    public var snrOut: Double
    /// Mean input SNR, dB.
    public var snrIn: Double
    /// Mean SNR improvement, dB.
    public var snrImprovement: Double
    /// Mean RMSE, mV.
    public var rmse: Double
    /// Mean PRD, %.
    public var prd: Double
    /// Mean cosine similarity.
    public var cosine: Double
    /// Mean SSD.
    public var ssd: Double
    /// Mean MAD, mV.
    public var mad: Double

    /// Averages per-segment metrics (all zeros for an empty list).
    ///
    /// ```swift
    /// let s = MetricsSummary(metrics)
    /// ```
    public init(_ segments: [SegmentMetrics]) {
        count = segments.count
        let n = Double(max(1, segments.count))
        func mean(_ f: (SegmentMetrics) -> Double) -> Double { segments.reduce(0) { $0 + f($1) } / n }
        snrOut = mean(\.snrOut); snrIn = mean(\.snrIn); snrImprovement = mean(\.snrImprovement)
        rmse = mean(\.rmse); prd = mean(\.prd); cosine = mean(\.cosine); ssd = mean(\.ssd); mad = mean(\.mad)
    }
}

/// Mean ± sample standard deviation across runs (std 0 for one run).
///
/// ```swift
/// let cell = MeanStd([8.1, 8.3, 8.2])   // "8.20 ± 0.10"
/// ```
public struct MeanStd: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Mean over runs.
    public var mean: Double
    /// Sample standard deviation over runs.
    public var std: Double
    /// Number of runs.
    public var count: Int

    /// Computes mean and sample std (n − 1 in the denominator).
    ///
    /// ```swift
    /// let m = MeanStd(runs.map(\.snrOut))
    /// ```
    public init(_ values: [Double]) {
        count = values.count
        mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        let m = mean
        std = values.count < 2 ? 0 : (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }

    public var description: String { String(format: "%.2f ± %.2f", mean, std) }
}
