import ArgumentParser
import DenoiserKit
import ECG
import Foundation
import Zoo

extension Dancer {
    /// `dancer export`: a checkpoint's weights as a safetensors file for PyTorch.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a checkpoint's weights as .safetensors (PyTorch state-dict names) for `safetensors.torch.load_file`.")

        @Argument(help: "Model id.")
        var model: String

        @Option(help: ArgumentHelp("A registered checkpoint name or a .zip path (default: the first registered).", valueName: "name|path.zip"))
        var checkpoint: String?

        @Option(name: .shortAndLong, help: "The .safetensors file to write.")
        var output: String

        func validate() throws {
            guard output.hasSuffix(".safetensors") else { throw ValidationError("-o \(output): name the output *.safetensors") }
        }

        func run() throws {
            try WeightsTransfer(zoo: .shared).export(model: model, checkpoint: checkpoint, to: URL(fileURLWithPath: output))
            print("wrote \(output)")
        }
    }

    /// `dancer import`: PyTorch weights into a checkpoint archive.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a checkpoint (.zip with manifest and MODEL_CARD.md) from PyTorch .safetensors weights, checking every tensor.")

        @Argument(help: "Model id the weights belong to.")
        var model: String

        @Argument(help: "The .safetensors file (PyTorch state dict).")
        var weights: String

        @Option(name: .shortAndLong, help: "The checkpoint .zip to write.")
        var output: String

        @Option(help: "Noise type the weights were trained for.")
        var noise: NoiseTag?

        @Option(help: "Free text for the model card (how the weights were trained).")
        var notes: String?

        @Option(help: ArgumentHelp("Model configuration as JSON (default: the registry's), e.g. '{\"widths\":[16,32],\"kernelSize\":3}'.", valueName: "json"))
        var config: String?

        @Option(help: "What the weights expect each input segment divided by: peak or std (default: what `dancer export` recorded, else peak, the protocol's).")
        var inputScaling: InputScaling?

        func validate() throws {
            guard output.hasSuffix(".zip") else { throw ValidationError("-o \(output): a checkpoint is a .zip; name it *.zip") }
            if let config, (try? JSONDecoder().decode(JSONValue.self, from: Data(config.utf8))) == nil {
                throw ValidationError("--config is not valid JSON: \(config)")
            }
        }

        func run() throws {
            let configuration = try config.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
            let checkpoint = try WeightsTransfer(zoo: .shared).checkpoint(
                model: model, weightsAt: URL(fileURLWithPath: weights), configuration: configuration,
                noise: noise?.rawValue, notes: notes, inputScaling: inputScaling)
            try checkpoint.write(to: URL(fileURLWithPath: output))
            print("wrote \(output) (\(checkpoint.weights.tensors.count) tensors of \(model))")
        }
    }
}

/// The noise types a checkpoint can be trained for.
enum NoiseTag: String, CaseIterable, ExpressibleByArgument {
    case emb, bw, ma, em
}
