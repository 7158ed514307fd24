import ArgumentParser
import DenoiserKit
import Foundation
import Zoo

/// `--model`, `--checkpoint` and `--allow-checksum-mismatch`: which denoiser and which weights.
struct ModelOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Model id (see `dancer list`), e.g. dancer, unet.")
    var model: String

    @Option(help: ArgumentHelp("Checkpoint: a registered name (e.g. emb) or a path to a .zip (default: the model's first registered one).",
                               valueName: "name|path.zip"))
    var checkpoint: String?

    @Flag(help: ArgumentHelp("Load a registered checkpoint even when its sha256 differs from Registry.json (prints a warning). Without it such an archive is refused."))
    var allowChecksumMismatch = false

    func validate() throws {
        guard !model.isEmpty else { throw ValidationError("--model needs a model id; `dancer list` shows them") }
    }

    /// The ready denoiser (throws ZooError naming the model or checkpoint on failure). The
    /// registry's sha256 is enforced; with `--allow-checksum-mismatch` a mismatch becomes a
    /// warning on standard error and the archive is loaded unverified.
    func load(from zoo: ModelZoo = .shared) throws -> any Denoiser {
        do {
            return try zoo.load(model, checkpoint: checkpoint)
        } catch ZooError.checksumMismatch(let path, let expected, let found) where allowChecksumMismatch {
            FileHandle.standardError.write(Data(
                "warning: \(path) has sha256 \(found), the registry expects \(expected); loading it anyway (--allow-checksum-mismatch)\n".utf8))
            return try zoo.load(model, checkpoint: checkpoint, checksum: .skip)
        }
    }
}
