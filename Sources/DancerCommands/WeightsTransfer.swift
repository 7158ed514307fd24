import DenoiserKit
import ECG
import Foundation
import SafeTensors

/// Moving weights between the zoo's checkpoints and PyTorch (`safetensors` with state-dict names).
///
/// ```swift
/// try WeightsTransfer(zoo: .shared).export(model: "dancer", checkpoint: "emb", to: url)
/// let checkpoint = try WeightsTransfer(zoo: .shared).checkpoint(model: "unet", weightsAt: url)
/// ```
struct WeightsTransfer {
    let zoo: ModelZoo

    /// Writes a checkpoint's weights as a plain safetensors file (atomically).
    func export(model: String, checkpoint: String?, to url: URL) throws {
        let entry = try zoo.entry(model)
        let archive = try zoo.resolveCheckpoint(entry, checkpoint)
        let loaded = try Checkpoint.read(from: archive.url, expectedSHA256: archive.sha256)
        guard loaded.manifest.modelId == entry.id else {
            throw ZooError.checkpointOfAnotherModel(path: archive.url.path, expected: entry.id, found: loaded.manifest.modelId)
        }
        var weights = loaded.weights
        weights.metadata["dancer.model"] = entry.id
        weights.metadata["dancer.config"] = (try? String(decoding: JSONEncoder().encode(loaded.manifest.config), as: UTF8.self)) ?? ""
        weights.metadata[Self.inputScalingKey] = loaded.manifest.effectiveInputScaling.rawValue
        try write(weights.serialized(), to: url, flag: "-o")
    }

    /// The safetensors metadata key under which `dancer export` records the input scaling.
    static let inputScalingKey = "dancer.input_scaling"

    /// A checkpoint of `model` from PyTorch weights, after checking every tensor's name, shape
    /// and dtype against the model built with `configuration` (default: the one recorded by
    /// `dancer export`, else the registry's). The input scaling is `inputScaling`, else the one
    /// `dancer export` recorded, else the protocol's peak.
    func checkpoint(model: String, weightsAt url: URL, configuration: JSONValue? = nil,
                    noise: String? = nil, notes: String? = nil, inputScaling: InputScaling? = nil) throws -> Checkpoint {
        let entry = try zoo.entry(model)
        guard FileManager.default.fileExists(atPath: url.path) else { throw CommandError("\(url.path): file not found") }
        let file: SafeTensorsFile
        do { file = try SafeTensorsFile(contentsOf: url) } catch {
            throw CommandError("\(url.path) is not a safetensors file: \(error)")
        }
        // A file written by `dancer export` of this model records its configuration.
        let recorded = file.metadata["dancer.model"] == model
            ? file.metadata["dancer.config"].flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) } : nil
        let config = try configuration ?? recorded ?? entry.config ?? zoo.factory(model).defaultConfiguration()
        let recordedScaling = try file.metadata[Self.inputScalingKey].map { value in
            guard let scaling = InputScaling(rawValue: value) else {
                throw CommandError("\(url.path): metadata \(Self.inputScalingKey) is '\(value)', expected one of \(InputScaling.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return scaling
        }
        let scaling = inputScaling ?? recordedScaling ?? .peak
        let network = try zoo.makeNetwork(model, configuration: config)
        try checkNames(file, against: network.layer.safeTensorsFile(), model: model, path: url.path)
        try network.layer.load(file, source: url.path)
        let manifest = CheckpointManifest(modelId: entry.id, target: entry.target, config: config, noise: noise,
                                          training: nil, metrics: nil, inputScaling: scaling == .peak ? nil : scaling)
        let weights = network.layer.safeTensorsFile(metadata: ["dancer.model": entry.id])
        let card = ModelCardText.imported(entry: entry, parameters: network.layer.parameterCount, source: url,
                                          noise: noise, notes: notes, inputScaling: scaling)
        return Checkpoint(manifest: manifest, weights: weights, modelCard: card)
    }

    /// A one-line summary when the tensor names do not match (the full lists can be long).
    private func checkNames(_ file: SafeTensorsFile, against expected: SafeTensorsFile, model: String, path: String) throws {
        let have = Set(file.tensors.keys), want = Set(expected.tensors.keys)
        let missing = want.subtracting(have).sorted(), extra = have.subtracting(want).sorted()
        guard missing.isEmpty && extra.isEmpty else {
            func sample(_ keys: [String]) -> String {
                keys.prefix(4).joined(separator: ", ") + (keys.count > 4 ? ", … (\(keys.count - 4) more)" : "")
            }
            var parts: [String] = []
            if !missing.isEmpty { parts.append("\(missing.count) of the model's \(want.count) tensors are missing (\(sample(missing)))") }
            if !extra.isEmpty { parts.append("\(extra.count) tensors are not in the model (\(sample(extra)))") }
            throw CommandError("\(path) does not hold weights of '\(model)' with this configuration: \(parts.joined(separator: "; ")); is it another model, or does it need --config?")
        }
    }

    /// Writes `data` to `url` atomically, naming `flag` on failure.
    func write(_ data: Data, to url: URL, flag: String) throws {
        do { try data.write(to: url, options: .atomic) } catch {
            throw CommandError("\(flag) \(url.path): cannot write: \(error.localizedDescription)")
        }
    }
}

/// MODEL_CARD.md texts written by the CLI.
enum ModelCardText {
    static func imported(entry: Registry.Entry, parameters: Int, source: URL, noise: String?, notes: String?,
                         inputScaling: InputScaling) -> String {
        let sha = (try? SHA256.hash(fileAt: source)) ?? "unknown"
        return """
        # \(entry.id) — imported weights

        \(entry.summary)

        - Reference: \(entry.reference)
        - Parameters: \(parameters)
        - Noise type: \(noise ?? "unspecified")
        - Input scaling: each segment divided by \(inputScaling == .peak ? "max|x| + 1e-8 (the protocol's)" : "std(x) + 1e-8")
        - Imported from: `\(source.lastPathComponent)` (sha256 \(sha)) with `dancer import`
        - Notes: \(notes ?? "none")

        Weights trained on MIT-BIH Arrhythmia Database and MIT-BIH Noise Stress Test Database
        data are derived from data under the Open Data Commons Attribution License v1.0
        (Moody & Mark 2001; Moody, Muldrow & Mark 1984; Goldberger et al. 2000, PhysioNet).

        """
    }
}
