import DenoiserKit
import ECG
import Foundation
import Layers
import Random
import Tensors
import Testing

/// Checks every neural model target runs: parameter count, shapes, the denoiser adapter.
public enum ModelChecks {
    /// The output has the input's shape for every length in `lengths` (eval mode, batch 1 and 3).
    public static func expectShapesPreserved(
        _ model: any Layer, lengths: [Int], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        model.setTraining(false)
        for length in lengths {
            for batch in [1, 3] {
                let x = Tensor(shape: [batch, 1, length], repeating: 0.1)
                let y = withoutGradients { model(x) }
                #expect(y.shape == [batch, 1, length], "length \(length), batch \(batch): got \(y.shape)",
                        sourceLocation: sourceLocation)
                let finite = y.scalars.allSatisfy { $0.isFinite }
                #expect(finite, sourceLocation: sourceLocation)
            }
        }
    }

    /// A neural denoiser built on `model` handles a recording whose length is not a multiple
    /// of anything, at a foreign rate, with two leads, and returns the same layout.
    public static func expectAdapterHandlesAnyRecording(
        _ network: ModelFactory.Network, id: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let card = ModelCard(id: id, family: .dance, summary: "", reference: "")
        let denoiser = NeuralDenoiser(network: network.layer, card: card, lengthMultiple: network.lengthMultiple)
        let samples = (0..<1_001).map { Float(sin(Double($0) / 20)) }
        let recording = Signal(leads: [samples, samples.map { -$0 }], sampleRate: 250)
        let output = try denoiser.denoise(recording)
        #expect(output.leadCount == 2 && output.sampleCount == 1_001 && output.sampleRate == 250,
                sourceLocation: sourceLocation)
        let finite = output.leads.allSatisfy { $0.allSatisfy { $0.isFinite } }
        #expect(finite, sourceLocation: sourceLocation)
    }

    /// The parameters under each top-level key (`enc1.…`) add up to the spec's count.
    public static func expectBlockParameterCounts(
        _ model: any Layer, _ counts: [String: Int], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (block, count) in counts.sorted(by: { $0.key < $1.key }) {
            let actual = model.namedParameters.filter { $0.0.hasPrefix(block + ".") }.reduce(0) { $0 + $1.1.value.count }
            #expect(actual == count, "\(block): \(actual) parameters, spec says \(count)", sourceLocation: sourceLocation)
        }
    }
}
