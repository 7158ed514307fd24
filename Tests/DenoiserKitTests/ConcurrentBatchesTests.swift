import DenoiserKit
import ECG
import Foundation
import Testing
import Zoo

/// A denoiser that forwards to another but declines concurrent calls: the serial reference.
final class SerialDenoiser: Denoiser {
    let base: any Denoiser
    init(_ base: any Denoiser) { self.base = base }
    var card: ModelCard { base.card }
    func denoise(segments: [Float], length: Int) throws -> [Float] { try base.denoise(segments: segments, length: length) }
}

/// An identity denoiser that allows concurrent calls and counts them (thread-safely).
final class CountingDenoiser: Denoiser, @unchecked Sendable {
    let card = ModelCard(id: "counting", family: .classical, summary: "", reference: "", segmentLength: 64)
    var allowsConcurrentCalls: Bool { true }
    private let lock = NSLock()
    private var count = 0
    var calls: Int { lock.lock(); defer { lock.unlock() }; return count }
    func denoise(segments: [Float], length: Int) throws -> [Float] {
        lock.lock(); count += 1; lock.unlock()
        return segments
    }
}

@Suite("Batches on one lane per core")
struct ConcurrentBatchesTests {
    /// Neural denoisers run their batches concurrently; the output is bit-identical to
    /// running them one after another.
    @Test func concurrentBatchesEqualSerialBatches() throws {
        let network = try ModelZoo.shared.makeNetwork("dancer", seed: 7)
        let neural = NeuralDenoiser(network: network.layer, card: try ModelZoo.shared.card("dancer"),
                                    lengthMultiple: network.lengthMultiple)
        #expect(neural.allowsConcurrentCalls)
        let lead = (0..<9_000).map { Float(sin(Double($0) * 0.05) + 0.3 * sin(Double($0) * 0.71)) }
        let signal = Signal(leads: [lead, lead.reversed()], sampleRate: 360)
        var concurrent = SegmentedDenoising(denoiser: neural), serial = SegmentedDenoising(denoiser: SerialDenoiser(neural))
        concurrent.batchSize = 4
        serial.batchSize = 4
        #expect(!SerialDenoiser(neural).allowsConcurrentCalls)
        #expect(try concurrent.denoise(signal).leads == serial.denoise(signal).leads)
    }

    @Test func everyBatchIsDenoisedOnce() throws {
        let denoiser = CountingDenoiser()
        var segmented = SegmentedDenoising(denoiser: denoiser)
        segmented.batchSize = 3
        let lead = (0..<3_200).map { Float(sin(2 * Double.pi * Double($0) / 32)) }
        let output = try segmented.denoise(Signal(leads: [lead], sampleRate: 360))
        // 3 200 samples, 64-sample segments with hop 32: 99 segments in 33 batches of 3.
        #expect(denoiser.calls == 33)
        #expect(zip(output.leads[0], lead).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func aFailingBatchFailsTheWholeCall() {
        let lead = (0..<3_200).map { Float(sin(2 * Double.pi * Double($0) / 32)) }
        var segmented = SegmentedDenoising(denoiser: FailingAfterDenoiser(failAt: 20))
        segmented.batchSize = 2
        #expect(throws: FailingAfterDenoiser.Failure.self) {
            try segmented.denoise(Signal(leads: [lead], sampleRate: 360))
        }
    }
}

/// Fails every call from the `failAt`-th on.
final class FailingAfterDenoiser: Denoiser, @unchecked Sendable {
    struct Failure: Error {}
    let card = ModelCard(id: "failing", family: .classical, summary: "", reference: "", segmentLength: 64)
    var allowsConcurrentCalls: Bool { true }
    let failAt: Int
    private let lock = NSLock()
    private var count = 0
    init(failAt: Int) { self.failAt = failAt }
    func denoise(segments: [Float], length: Int) throws -> [Float] {
        lock.lock(); count += 1; let call = count; lock.unlock()
        if call >= failAt { throw Failure() }
        return segments
    }
}
