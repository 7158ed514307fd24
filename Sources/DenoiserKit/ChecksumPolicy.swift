/// Whether a registered checkpoint must match the sha256 recorded in `Registry.json`.
///
/// The default, ``enforce``, refuses an archive whose bytes differ from the registered
/// ones (``ZooError/checksumMismatch(path:expected:found:)``). ``skip`` exists for the
/// one deliberate exception — a user who edited a shipped archive and says so explicitly
/// (`dancer denoise --allow-checksum-mismatch`); the archive is still fully validated as a
/// checkpoint (zip structure, manifest, tensor names, shapes, dtypes and finite values).
///
/// ```swift
/// let denoiser = try ModelZoo.shared.load("dancer", checkpoint: "emb")                 // verified
/// let edited = try ModelZoo.shared.load("dancer", checkpoint: "emb", checksum: .skip)  // not verified
/// ```
public enum ChecksumPolicy: Sendable, Equatable {
    /// Refuse a registered checkpoint whose sha256 differs from the registry's.
    case enforce
    /// Load without comparing the sha256 (an explicit user override).
    case skip
}
