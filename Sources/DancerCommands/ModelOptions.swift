import ArgumentParser
import DenoiserKit
import Zoo

/// `--model` and `--checkpoint`: which denoiser and which weights.
struct ModelOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Model id (see `dancer list`), e.g. dancer, unet.")
    var model: String

    @Option(help: ArgumentHelp("Checkpoint: a registered name (e.g. emb) or a path to a .zip (default: the model's first registered one).",
                               valueName: "name|path.zip"))
    var checkpoint: String?

    func validate() throws {
        guard !model.isEmpty else { throw ValidationError("--model needs a model id; `dancer list` shows them") }
    }

    /// The ready denoiser (throws ZooError naming the model or checkpoint on failure).
    func load() throws -> any Denoiser {
        try ModelZoo.shared.load(model, checkpoint: checkpoint)
    }
}
