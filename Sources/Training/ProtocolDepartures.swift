import DenoiserKit
import ECG
import Foundation

extension TrainingOptions {
    /// Every setting of this run that departs from the protocol's training (PROTOCOL.md
    /// "Training defaults"), one phrase each, as the checkpoint's ``TrainingRecord/departures``
    /// and notes write them; empty for a protocol run. The schedule is not among them: the
    /// protocol allows a constant or a cosine rate.
    ///
    /// ```swift
    /// var options = TrainingOptions(model: "dancer", noise: .emb, seed: 1)
    /// options.learningRate = 3e-3
    /// options.protocolDepartures()   // ["NOT the protocol's learning rate: 0.003 (the protocol's 0.001)"]
    /// ```
    public func protocolDepartures(registryConfiguration: JSONValue? = nil) -> [String] {
        let reference = TrainingOptions(model: model, noise: noise, seed: seed)
        var departures: [String] = []
        if inputSNR != nil {
            departures.append("NOT the protocol's input SNRs: trained and validated on \(ModelCardText.range(effectiveInputSNR))")
        }
        if !usesProtocolLoss {
            departures.append("NOT the protocol's loss: \(ModelCardText.loss(similarityWeight: effectiveSimilarityWeight))")
        }
        if effectiveInputScaling != .peak {
            departures.append("NOT the protocol's input scaling: \(ModelCardText.scaling(effectiveInputScaling))")
        }
        if trainRecords != nil, effectiveTrainRecords != reference.effectiveTrainRecords {
            departures.append("NOT the protocol's training set: records \(effectiveTrainRecords.joined(separator: ","))")
        }
        departures += [Self.learningRateDeparture(learningRate), Self.batchSizeDeparture(batchSize)].compactMap { $0 }
        if steps < reference.steps {
            departures.append("short run: \(steps) of the default \(reference.steps) steps")
        } else if steps > reference.steps {
            departures.append("NOT the protocol's budget: \(steps) steps (the protocol's \(reference.steps))")
        }
        let validation = validationDepartures(from: reference)
        if !validation.isEmpty { departures.append("NOT the protocol's validation: " + validation.joined(separator: ", ")) }
        if let configuration, configuration != registryConfiguration {
            departures.append("model configuration differs from the registry's")
        }
        if let clipNorm { departures.append("gradient norm clipped at \(Self.number(clipNorm))") }
        return departures
    }

    /// The validation settings (which decide the weights kept) that differ from `reference`'s.
    private func validationDepartures(from reference: TrainingOptions) -> [String] {
        var differences: [String] = []
        if effectiveValidationRecords != reference.effectiveValidationRecords {
            differences.append("records \(effectiveValidationRecords.joined(separator: ","))")
        }
        if validationSegments != reference.validationSegments {
            differences.append("\(validationSegments == 0 ? "all" : String(validationSegments)) segments (the protocol's \(reference.validationSegments))")
        }
        if validationSeed != reference.validationSeed { differences.append("seed \(validationSeed) (the protocol's \(reference.validationSeed))") }
        if validateEvery != reference.validateEvery { differences.append("every \(validateEvery) steps (the protocol's \(reference.validateEvery))") }
        if patience != reference.patience { differences.append("patience \(patience) (the protocol's \(reference.patience))") }
        return differences
    }

    /// The departure of a run at learning rate `rate`; `nil` at the protocol's.
    static func learningRateDeparture(_ rate: Double) -> String? {
        rate == defaultLearningRate ? nil
            : "NOT the protocol's learning rate: \(number(rate)) (the protocol's \(number(defaultLearningRate)))"
    }

    /// The departure of a run with `size` examples per step; `nil` at the protocol's.
    static func batchSizeDeparture(_ size: Int) -> String? {
        size == defaultBatchSize ? nil : "NOT the protocol's batch size: \(size) (the protocol's \(defaultBatchSize))"
    }

    private static func number(_ x: Double) -> String { String(format: "%g", x) }
}
