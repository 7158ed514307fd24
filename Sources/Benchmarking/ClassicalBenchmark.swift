import DenoiserKit
import ECG
import Foundation

/// Throughput of one classical filter (`dancer bench --models fft,dwt`): segments per second
/// at the model's segment length, and the time and peak memory of denoising a long recording
/// whole, each the median of repeated runs after warm-up. Classical filters learn nothing, so
/// there is no training step to time.
public struct ClassicalBenchmark {
    /// The figures for one filter.
    public struct Result: Codable, Sendable {
        public let model: String
        /// The settings that differ from the registry's (`--config`), as given; `nil` for the registry's own.
        public let settings: String?
        /// Segments per second, 64 segments of the model's segment length per call.
        public let segmentsPerSecond: Double
        /// Samples per lead of the whole recording.
        public let recordSamplesPerLead: Int
        /// Leads of the whole recording.
        public let recordLeads: Int
        /// Median seconds to denoise the whole recording (`Denoiser.denoise(_:)`).
        public let recordSeconds: Double
        /// Peak resident memory of the process while it denoises the whole recording (the
        /// recording itself included), in MiB.
        public let peakMemoryMiB: Double
    }

    /// Minutes of the whole recording at the model's sampling rate.
    public let recordMinutes: Double
    /// Leads of the whole recording.
    public let recordLeads: Int
    public let repetitions: Int

    /// A benchmark on `recordMinutes` of `recordLeads` leads (30 minutes, 2 leads: one MIT-BIH record).
    public init(recordMinutes: Double = 30, recordLeads: Int = 2, repetitions: Int = 7) {
        (self.recordMinutes, self.recordLeads, self.repetitions) = (recordMinutes, recordLeads, repetitions)
    }

    /// Measures `denoiser`. Its first call is made outside the timing, so a filter that
    /// refuses the input (an invalid configuration) throws here instead of being timed.
    ///
    /// ```swift
    /// let result = try ClassicalBenchmark(repetitions: 3).measure(id: "dwt", denoiser: ModelZoo.shared.load("dwt"))
    /// ```
    public func measure(id: String, denoiser: any Denoiser, settings: String? = nil) throws -> Result {
        let length = denoiser.card.segmentLength
        let segments = ModelBenchmark.input(batch: 64, length: length).scalars
        _ = try denoiser.denoise(segments: segments, length: length)
        let perBatch = Stopwatch.median(repetitions: repetitions) { _ = try? denoiser.denoise(segments: segments, length: length) }

        let record = self.record(sampleRate: denoiser.card.sampleRate)
        MemoryProbe.resetPeak()
        _ = try denoiser.denoise(record)
        let whole = Stopwatch.median(warmup: 0, repetitions: repetitions) { _ = try? denoiser.denoise(record) }
        return Result(model: id, settings: settings, segmentsPerSecond: 64 / perBatch,
                      recordSamplesPerLead: record.sampleCount, recordLeads: recordLeads, recordSeconds: whole,
                      peakMemoryMiB: MemoryProbe.peakMiB())
    }

    /// The whole recording: ``recordLeads`` leads of the benchmark waveform
    /// (``ModelBenchmark/input(batch:length:scale:)``), ``recordMinutes`` long at `sampleRate`.
    func record(sampleRate: Double) -> Signal {
        let samples = max(1, Int((recordMinutes * 60 * sampleRate).rounded()))
        let waveform = ModelBenchmark.input(batch: recordLeads, length: samples).scalars
        return Signal(leads: (0..<recordLeads).map { Array(waveform[($0 * samples)..<(($0 + 1) * samples)]) },
                      sampleRate: sampleRate)
    }
}
