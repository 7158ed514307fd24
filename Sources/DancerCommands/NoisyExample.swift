import ECG
import Foundation
import Random

/// A noisy example mixed as the benchmark protocol mixes test examples: a stretch of one lead
/// of an MIT-BIH record, mean-centred, plus NSTDB noise from the test portion at an exact SNR.
///
/// ```swift
/// let example = try NoisyExample.make(dataDirectory: dir, record: "103", lead: 0, noise: .emb, snr: 0, seconds: 10, seed: 0)
/// ```
struct NoisyExample {
    var clean: Signal
    var noisy: Signal
    /// The SNR the mixture has (equal to the target up to rounding).
    var achievedSNR: Double

    static func make(dataDirectory: URL, record: String, lead: Int, noise: NoiseType, snr: Double,
                     start: Double, seconds: Double, seed: UInt64) throws -> NoisyExample {
        let header = dataDirectory.appendingPathComponent("mitdb").appendingPathComponent(record + ".hea")
        guard FileManager.default.fileExists(atPath: header.path) else {
            throw CommandError("record \(record): \(header.path) not found (--data-dir should hold mitdb/ and nstdb/)")
        }
        let signal = try WFDBRecord.read(headerAt: header)
        guard signal.leads.indices.contains(lead) else {
            throw CommandError("--lead \(lead): record \(record) has leads 0…\(signal.leadCount - 1) (\(signal.leadNames.joined(separator: ", ")))")
        }
        let first = Int(start * signal.sampleRate), count = Int(seconds * signal.sampleRate)
        guard first >= 0, count >= 2, first + count <= signal.sampleCount else {
            throw CommandError("--start \(start) --seconds \(seconds): record \(record) is \(String(format: "%.0f", signal.duration)) s long")
        }
        let bank = try NoiseBank(dataDirectory: dataDirectory.appendingPathComponent("nstdb"), names: noise.components)
        var rng = SeededGenerator(seed: seed)
        var noiseSamples = [Float](repeating: 0, count: count)
        try noiseSamples.withUnsafeMutableBufferPointer { try bank.draw(noise, portion: .test, into: $0, using: &rng) }
        let mixture = try NoiseMixer.mix(clean: Array(signal.leads[lead][first..<(first + count)]), noise: noiseSamples, snr: snr)
        let name = signal.leadNames[lead]
        return NoisyExample(
            clean: Signal(leads: [mixture.clean], sampleRate: signal.sampleRate, leadNames: [name]),
            noisy: Signal(leads: [mixture.noisy], sampleRate: signal.sampleRate, leadNames: [name]),
            achievedSNR: NoiseMixer.snr(clean: mixture.clean, noisy: mixture.noisy))
    }
}
