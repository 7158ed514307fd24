import DenoiserKit
import ECG
import Foundation

/// The `MODEL_CARD.md` of a trained checkpoint: what it is, the data, the budget, the
/// validation metrics, and the licence and attribution of MIT-BIH and NSTDB (ODC-By 1.0).
///
/// ```swift
/// let card = ModelCardText(entry: entry, manifest: manifest, options: options, progress: progress,
///                          parameterCount: 3_500, validationCount: 2_048).markdown
/// ```
struct ModelCardText {
    let entry: Registry.Entry
    let manifest: CheckpointManifest
    let options: TrainingOptions
    let progress: TrainingState.Progress
    let parameterCount: Int
    let validationCount: Int

    /// The three references every derived artefact must cite (data/SOURCES.md).
    static let references = [
        "Moody GB, Mark RG. The impact of the MIT-BIH Arrhythmia Database. IEEE Eng in Med and Biol 20(3):45-50 (May-June 2001).",
        "Moody GB, Muldrow WE, Mark RG. A noise stress test for arrhythmia detectors. Computers in Cardiology 1984; 11:381-384.",
        "Goldberger AL, Amaral LAN, Glass L, et al. PhysioBank, PhysioToolkit, and PhysioNet: Components of a New Research Resource for Complex Physiologic Signals. Circulation 101(23):e215-e220 (2000).",
    ]

    var markdown: String {
        [header, data, budget, metrics, licence].joined(separator: "\n\n") + "\n"
    }

    private var header: String {
        """
        # \(entry.id) — \(options.noise.rawValue) noise (seed \(options.seed))

        \(entry.summary). Reference: \(entry.reference).

        - Model id `\(entry.id)`, target `\(entry.target)`, \(parameterCount) trainable parameters.
        - Configuration: `\(Self.json(manifest.config))`.
        - Input: `[batch, 1, 512]` single-lead segments at 360 Hz, mean-centred and \(Self.scaling(options.effectiveInputScaling));
          the output is multiplied back (PROTOCOL.md "Model input scaling"\(options.effectiveInputScaling == .peak ? "" : "; not the protocol's scaling")).
        - Written by DANCER Zoo \(manifest.codeVersion) on \(manifest.createdAt); protocol `\(TrainedCheckpoint.protocolVersion)`.
        - \(departures)
        """
    }

    /// Whether the run followed the protocol, and where it did not (as its manifest records).
    private var departures: String {
        let departures = manifest.training?.effectiveDepartures ?? []
        guard !departures.isEmpty else { return "Trained as the protocol prescribes: a benchmark checkpoint." }
        return "**Trained off the protocol** (an experiment: `dancer report` keeps its evaluations out of the results): "
            + departures.joined(separator: "; ") + "."
    }

    private var data: String {
        var text = """
        ## Data

        - Clean ECG: MIT-BIH Arrhythmia Database, each lead its own signal; trained on records
          \(options.effectiveTrainRecords.joined(separator: ", ")) (stride-256 segments of 512 samples).
        - Noise: MIT-BIH Noise Stress Test Database, `\(options.noise.rawValue)` (\(options.noise.components.joined(separator: " + "))),
          first 70 % of each noise record; SNR uniform in \(Self.range(options.effectiveInputSNR)) per example, fresh noise every pass.
        - Validation: \(validationCount) segments of records \(options.effectiveValidationRecords.joined(separator: ", ")), fixed seed \(options.validationSeed).
        - Test records (never seen): \(RecordSplit.testRecords.joined(separator: ", ")).
        """
        if options.noise.components.contains("em") {
            text += """

            - **The `em` noise is reconstructed**, not PhysioNet's `em` record: it is `118e00 − 118`
              over the seven stretches where `nst` added noise (282,800 samples; see the data's SOURCES.md).
              Each channel is the original em channel times an unknown constant, harmless after SNR scaling.
            """
        }
        return text
    }

    private var budget: String {
        let rate = options.schedule == .cosine ? "cosine decay from \(options.learningRate) to 0" : "constant \(options.learningRate)"
        return """
        ## Training

        Adam (β 0.9/0.999, ε 1e-8), learning rate \(rate), batch \(options.batchSize), loss
        `\(Self.loss(similarityWeight: options.effectiveSimilarityWeight))`, seed \(options.seed). Budget \(options.steps) steps, validation every
        \(options.validateEvery) steps, patience \(options.patience); ran \(progress.step) steps
        (\(progress.stopReason ?? "budget spent")), kept the weights of step \(progress.stopping.bestStep.map(String.init) ?? "–"),
        in \(TrainingProgressPrinter.duration(progress.elapsedSeconds)) of wall-clock time on the training machine.
        The training curve is `training-log.csv` in this archive.
        """
    }

    private var metrics: String {
        let best = progress.log.rows.first { $0.step == progress.stopping.bestStep }
        let loss = best.map { String(format: "%.5f", $0.validationLoss) } ?? "–"
        let snr = best.map { String(format: "%.2f dB", $0.validationSNR) } ?? "–"
        return """
        ## Metrics

        At the kept step: validation loss \(loss), mean validation SNR_out \(snr) (input SNR uniform in
        \(Self.range(options.effectiveInputSNR))). Test-set numbers come from `dancer eval` and are published in docs/results.
        """
    }

    /// An SNR range as the card writes it: `[−6, 6] dB`.
    static func range(_ range: ClosedRange<Float>) -> String {
        "[\(number(range.lowerBound)), \(number(range.upperBound))] dB"
    }

    /// What a segment is divided by under `scaling`, as the card and the notes write it.
    static func scaling(_ scaling: InputScaling) -> String {
        switch scaling {
        case .peak: return "divided by `max|noisy| + 1e-8`"
        case .standardDeviation: return "divided by `std(noisy) + 1e-8` (z-scored)"
        }
    }

    /// The training loss with cosine weight `weight`, as the card, the notes and the plots
    /// write it: `MSE + 0.1·(1 − cos)`.
    static func loss(similarityWeight weight: Float) -> String { "MSE + \(number(weight))·(1 − cos)" }

    /// A number in the shortest form, with a true minus sign: −6, 0.1, 30.
    private static func number(_ x: Float) -> String { String(format: "%g", x).replacingOccurrences(of: "-", with: "−") }

    private var licence: String {
        """
        ## Licence and attribution

        The weights are derived from the MIT-BIH Arrhythmia Database and the MIT-BIH Noise Stress
        Test Database, both distributed by PhysioNet under the Open Data Commons Attribution
        License v1.0 (ODC-By 1.0). Cite:

        \(Self.references.map { "- " + $0 }.joined(separator: "\n"))
        """
    }

    private static func json(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }
}
