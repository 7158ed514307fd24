import AtomicFiles
import Foundation

/// Reading and writing the zip archives that hold DANCER Zoo checkpoints, via libzip.
///
/// ```swift
/// try ZipArchive.write([(name: "manifest.json", data: manifest)], to: url)
/// let entries = try ZipArchive.read(from: url)   // ["manifest.json": manifest]
/// ```
public enum ZipArchive {
    /// How entries are stored.
    public enum Compression: Sendable {
        /// Deflate at zlib's default level.
        case deflate
        /// No compression.
        case store
    }

    /// The default per-entry limit on uncompressed size: 256 MiB.
    public static let defaultMaxEntrySize = 256 << 20
    /// The default limit on the uncompressed size of all entries together: 1 GiB.
    public static let defaultMaxTotalSize = 1 << 30

    /// Reads every entry of the archive at `url`, refusing entries or totals over the limits.
    ///
    /// The declared sizes are checked before anything is decompressed, and each entry must
    /// decompress to exactly its declared size with a matching CRC-32.
    ///
    /// ```swift
    /// let entries = try ZipArchive.read(from: url, maxEntrySize: 64 << 20)
    /// ```
    public static func read(from url: URL, maxEntrySize: Int = defaultMaxEntrySize,
                            maxTotalSize: Int = defaultMaxTotalSize) throws -> [String: Data] {
        let reader = try ZipArchiveReader(contentsOf: url, maxEntrySize: maxEntrySize, maxTotalSize: maxTotalSize)
        defer { reader.close() }
        let total = reader.entrySizes.values.reduce(0) { $0.addingReportingOverflow($1).overflow ? .max : $0 + $1 }
        guard total <= maxTotalSize else {
            throw ZipArchiveError.archiveTooLarge(path: url.path, size: total, limit: maxTotalSize)
        }
        var entries: [String: Data] = [:]
        for name in reader.entryNames { entries[name] = try reader.data(forEntry: name) }
        return entries
    }

    /// The names of the entries in the archive at `url`, in archive order.
    ///
    /// ```swift
    /// let names = try ZipArchive.entryNames(in: url)   // ["manifest.json", "weights.safetensors"]
    /// ```
    public static func entryNames(in url: URL) throws -> [String] {
        let reader = try ZipArchiveReader(contentsOf: url)
        defer { reader.close() }
        return reader.entryNames
    }

    /// Writes `entries`, in order, as a zip archive at `url`, atomically.
    ///
    /// The archive is built in memory, written to a temp file in the same directory and renamed
    /// over `url`; on failure the temp file is removed and an existing file at `url` is untouched.
    /// Every entry gets the same fixed timestamp, so identical input gives identical bytes.
    ///
    /// ```swift
    /// try ZipArchive.write([(name: "weights.safetensors", data: weights)], to: url, compression: .store)
    /// ```
    public static func write(_ entries: [(name: String, data: Data)], to url: URL,
                             compression: Compression = .deflate) throws {
        let bytes = try ZipArchiveWriter.archiveBytes(entries, compression: compression, path: url.path)
        do {
            try AtomicFile.write(bytes, to: url)
        } catch let failure as AtomicFile.Failure {
            throw ZipArchiveError.writeFailed(path: failure.path, reason: failure.reason)
        }
    }

    /// The bytes of a zip archive holding `entries`, exactly as `write(_:to:compression:)` stores them.
    ///
    /// ```swift
    /// let bytes = try ZipArchive.archiveData([(name: "a.txt", data: Data("hi".utf8))])
    /// ```
    public static func archiveData(_ entries: [(name: String, data: Data)],
                                   compression: Compression = .deflate) throws -> Data {
        try ZipArchiveWriter.archiveBytes(entries, compression: compression, path: "<in-memory archive>")
    }
}
