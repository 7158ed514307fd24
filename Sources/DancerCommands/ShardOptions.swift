import ArgumentParser

/// One shard of a batch: `--shard i/n` takes the manifest lines whose index ≡ i (mod n).
struct Shard: ExpressibleByArgument, Equatable, CustomStringConvertible {
    var index: Int
    var count: Int

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    var description: String { "\(index)/\(count)" }

    /// Whether the manifest line at `position` (0-based) belongs to this shard.
    func contains(_ position: Int) -> Bool { position % count == index }

    /// Throws unless `0 ≤ index < count`.
    func validate() throws {
        guard count >= 1 else { throw ValidationError("--shard \(self): the shard count must be at least 1") }
        guard index >= 0, index < count else {
            throw ValidationError("--shard \(self): the index must be in 0…\(count - 1) (shards are numbered from 0, e.g. --shard 0/\(count))")
        }
    }
}

/// `--manifest`, `--out-dir`, `--shard`, `--output-format`, `--overwrite`: batch denoising.
struct BatchOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A text file with one input path per line (relative paths are relative to the manifest; # comments).",
                               valueName: "inputs.txt"))
    var manifest: String?

    @Option(help: "Directory for the batch's outputs (one per input, same base name).")
    var outDir: String?

    @Option(help: ArgumentHelp("Process only this shard: lines whose index mod n is i (0-based).", valueName: "i/n"))
    var shard: Shard?

    @Option(help: "Output format of the batch (default: the input's).")
    var outputFormat: SignalFileKind?

    @Flag(help: "Redo inputs whose output exists already (default: skip them, so a killed batch resumes where it stopped).")
    var overwrite = false

    var isBatch: Bool { manifest != nil || outDir != nil || shard != nil || outputFormat != nil || overwrite }

    func validate() throws {
        try shard?.validate()
        guard isBatch else { return }
        guard manifest != nil else { throw ValidationError("batch mode needs --manifest inputs.txt (one input path per line)") }
        guard outDir != nil else { throw ValidationError("batch mode needs --out-dir DIR for the outputs") }
    }
}
