import DenoiserKit
import ECG
import Foundation
import Testing
@testable import DancerCommands

@Suite("Chunked (streaming) denoising equals whole-signal denoising")
struct ChunkedDenoisingTests {
    @Test("360 Hz: chunk seams are invisible", arguments: [700, 1500, 4096])
    func seamsAtModelRate(chunkLength: Int) throws {
        let denoiser = try CLITestSupport.tinyDenoiser()
        let signal = CLITestSupport.signal(seconds: 25)          // 9000 samples: several chunks
        let whole = try denoiser.denoise(signal)
        var chunked: [[Float]] = []
        let collector = SignalCollector(sampleRate: signal.sampleRate, leadNames: signal.leadNames) { chunked = $0.leads }
        try ChunkedDenoising(denoiser: denoiser, chunkLength: chunkLength)
            .denoise(InMemorySignalSource(signal), into: collector)
        #expect(CLITestSupport.maxDifference(whole.leads, chunked) <= 1e-5)
    }

    @Test("250 Hz and 128 Hz: resampling to the model's rate and back is chunked exactly too", arguments: [250.0, 128.0])
    func seamsWithResampling(rate: Double) throws {
        let denoiser = try CLITestSupport.tinyDenoiser()
        let signal = CLITestSupport.signal(seconds: 20, rate: rate, leads: 1)
        let whole = try denoiser.denoise(signal)
        var chunked: [[Float]] = []
        let collector = SignalCollector(sampleRate: rate, leadNames: signal.leadNames) { chunked = $0.leads }
        try ChunkedDenoising(denoiser: denoiser, chunkLength: 900).denoise(InMemorySignalSource(signal), into: collector)
        #expect(CLITestSupport.maxDifference(whole.leads, chunked) <= 1e-5)
    }

    @Test("signals shorter than a segment, and a single sample")
    func shortSignals() throws {
        let denoiser = try CLITestSupport.tinyDenoiser()
        for count in [1, 100, 512, 513] {
            let signal = Signal(leads: [CLITestSupport.signal(seconds: 2).leads[0].prefix(count).map { $0 }], sampleRate: 360)
            let whole = try denoiser.denoise(signal)
            var chunked: [[Float]] = []
            let collector = SignalCollector(sampleRate: 360, leadNames: signal.leadNames) { chunked = $0.leads }
            try ChunkedDenoising(denoiser: denoiser, chunkLength: 64).denoise(InMemorySignalSource(signal), into: collector)
            #expect(CLITestSupport.maxDifference(whole.leads, chunked) <= 1e-5, "length \(count)")
        }
    }

    @Test("a NaN in the input is an error naming lead and sample, and nothing is written")
    func nonFiniteInput() throws {
        let denoiser = try CLITestSupport.tinyDenoiser()
        var signal = CLITestSupport.signal(seconds: 3, leads: 1)
        signal.leads[0][700] = .nan
        let directory = try CLITestSupport.scratchDirectory()
        let url = directory.appendingPathComponent("out.csv")
        let sink = try CSVStreamWriter(url: url, sampleRate: 360, leadNames: ["L0"])
        #expect(throws: ECGError.nonFiniteSample(context: "input signal", lead: 0, index: 700)) {
            try ChunkedDenoising(denoiser: denoiser, chunkLength: 400).denoise(InMemorySignalSource(signal), into: sink)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// A whole-lead "filter" (like the classical models): subtracts each lead's mean.
    final class WholeLeadFilter: Denoiser {
        let card = ModelCard(id: "mean", family: .classical, summary: "", reference: "")
        func denoise(segments: [Float], length: Int) throws -> [Float] { segments }
        func denoise(_ signal: Signal) throws -> Signal {
            var out = signal
            out.leads = signal.leads.map { lead in let m = lead.reduce(0, +) / Float(lead.count); return lead.map { $0 - m } }
            return out
        }
    }

    @Test("whole-lead (classical) denoisers get the whole signal: output equals their denoise(signal)")
    func classical() throws {
        let filter = WholeLeadFilter()
        let signal = CLITestSupport.signal(seconds: 10)
        var chunked: [[Float]] = []
        let collector = SignalCollector(sampleRate: 360, leadNames: signal.leadNames) { chunked = $0.leads }
        try ChunkedDenoising(denoiser: filter, chunkLength: 1000).denoise(InMemorySignalSource(signal), into: collector)
        #expect(chunked == (try filter.denoise(signal)).leads)
    }
}
