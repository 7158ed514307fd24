import AtomicFiles
import ECG
import Foundation
import SafeTensors
import ZipArchive

/// A checkpoint archive: one `.zip` (written and read with libzip) holding
/// `manifest.json`, `weights.safetensors` (standard layout, PyTorch names) and
/// `MODEL_CARD.md`, plus optional attachments such as `training-log.csv`.
///
/// ```swift
/// let checkpoint = try Checkpoint.read(from: url, expectedSHA256: entry.sha256)
/// try model.load(checkpoint.weights, source: url.path)
/// ```
public struct Checkpoint: Sendable {
    public static let manifestEntry = "manifest.json"
    public static let weightsEntry = "weights.safetensors"
    public static let cardEntry = "MODEL_CARD.md"
    /// Limits that keep a hostile archive from exhausting memory (DANCER's weights are 3.5 MB).
    public static let maxEntrySize = 256 << 20
    public static let maxTotalSize = 512 << 20
    /// A checkpoint holds a handful of entries; archives with more than this are refused.
    public static let maxEntryCount = 1_000
    /// A manifest is a few kilobytes; larger ones are refused before they are parsed.
    public static let maxManifestSize = 1 << 20

    public var manifest: CheckpointManifest
    public var weights: SafeTensorsFile
    public var modelCard: String
    /// Other entries by name (e.g. `training-log.csv`).
    public var attachments: [String: Data]

    public init(manifest: CheckpointManifest, weights: SafeTensorsFile, modelCard: String,
                attachments: [String: Data] = [:]) {
        self.manifest = manifest
        self.weights = weights
        self.modelCard = modelCard
        self.attachments = attachments
    }

    /// Reads and checks an archive: it exists, its sha256 is `expectedSHA256` (when given),
    /// it is a zip with a manifest of a format this code reads, and valid safetensors weights.
    ///
    /// Other entries (a `data.pkl`, a script) are kept as inert bytes in `attachments`:
    /// nothing from an archive is ever executed or deserialized except the manifest and weights.
    public static func read(from url: URL, expectedSHA256: String? = nil) throws -> Checkpoint {
        let path = url.path
        // One read: the bytes that are hashed are the bytes that are parsed, even if the path
        // is swapped meanwhile. A directory, FIFO or device (/dev/zero) is refused before reading.
        let bytes: Data
        do {
            bytes = try RegularFile.contents(of: url, limit: maxTotalSize)
        } catch {
            switch error {
            case .notFound: throw ZooError.checkpointMissing(path: path)
            case .directory, .notRegular: throw ZooError.notACheckpoint(path: path, reason: "not a regular file")
            case .tooLarge(let size, let limit): throw ZooError.notACheckpoint(path: path, reason: "\(size) bytes, over the \(limit)-byte limit")
            case .unreadable(let reason): throw ZooError.notACheckpoint(path: path, reason: "cannot read: \(reason)")
            }
        }
        if let expected = expectedSHA256 {
            let found = SHA256.hash(data: bytes)
            guard found == expected.lowercased() else {
                throw ZooError.checksumMismatch(path: path, expected: expected, found: found)
            }
        }
        let entries: [String: Data]
        do {
            entries = try ZipArchive.read(bytes: bytes, url: url, maxEntrySize: maxEntrySize, maxTotalSize: maxTotalSize,
                                          maxEntryCount: maxEntryCount)
        } catch let error as ZipArchiveError {
            throw ZooError.notACheckpoint(path: path, reason: "\(error)")
        }
        guard let manifestData = entries[manifestEntry] else {
            throw ZooError.notACheckpoint(path: path, reason: "no \(manifestEntry) inside (entries: \(entries.keys.sorted().joined(separator: ", ")))")
        }
        let manifest = try decodeManifest(manifestData, path: path)
        guard let weightsData = entries[weightsEntry] else {
            throw ZooError.notACheckpoint(path: path, reason: "no \(weightsEntry) inside")
        }
        let weights: SafeTensorsFile
        do {
            weights = try SafeTensorsFile(data: weightsData)
        } catch {
            throw ZooError.notACheckpoint(path: path, reason: "\(weightsEntry): \(error)")
        }
        let card = entries[cardEntry].map { String(decoding: $0, as: UTF8.self) } ?? ""
        let known: Set<String> = [manifestEntry, weightsEntry, cardEntry]
        return Checkpoint(manifest: manifest, weights: weights, modelCard: card,
                          attachments: entries.filter { !known.contains($0.key) })
    }

    private static func decodeManifest(_ data: Data, path: String) throws -> CheckpointManifest {
        guard data.count <= maxManifestSize else {
            throw ZooError.notACheckpoint(path: path, reason: "\(manifestEntry) is \(data.count) bytes, over the \(maxManifestSize)-byte limit")
        }
        if let key = StrictJSON.duplicateKeyPath(in: data) {
            throw ZooError.notACheckpoint(path: path, reason: "\(manifestEntry): key '\(key)' appears more than once")
        }
        struct VersionOnly: Decodable { var formatVersion: Int }
        guard let version = try? JSONDecoder().decode(VersionOnly.self, from: data) else {
            throw ZooError.notACheckpoint(path: path, reason: "\(manifestEntry) is not JSON with a formatVersion")
        }
        guard version.formatVersion >= 1 else {
            throw ZooError.notACheckpoint(path: path, reason: "\(manifestEntry) has formatVersion \(version.formatVersion), expected 1 or more")
        }
        guard version.formatVersion <= CheckpointManifest.currentFormatVersion else {
            throw ZooError.newerCheckpointFormat(path: path, version: version.formatVersion,
                                                 supported: CheckpointManifest.currentFormatVersion)
        }
        do {
            return try JSONDecoder().decode(CheckpointManifest.self, from: data)
        } catch let error as DecodingError {
            throw ZooError.notACheckpoint(path: path, reason: "\(manifestEntry): \(Registry.describe(error, in: data))")
        } catch {
            throw ZooError.notACheckpoint(path: path, reason: "\(manifestEntry): \(error)")
        }
    }

    /// The archive's entries, in a fixed order (deterministic bytes for the same content).
    public func entries() throws -> [(name: String, data: Data)] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var list: [(name: String, data: Data)] = [
            (Self.manifestEntry, try encoder.encode(manifest)),
            (Self.weightsEntry, try weights.serialized()),
            (Self.cardEntry, Data(modelCard.utf8)),
        ]
        for (name, data) in attachments.sorted(by: { $0.key < $1.key }) { list.append((name, data)) }
        return list
    }

    /// Writes the archive atomically (temporary file + rename).
    public func write(to url: URL) throws {
        try ZipArchive.write(entries(), to: url)
    }
}
