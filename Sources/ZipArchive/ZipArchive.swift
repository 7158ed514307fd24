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
    /// The default limit on the number of entries in an archive.
    public static let defaultMaxEntryCount = 10_000

    /// Why `name` is unsafe as an entry name, or nil when it is a plain relative path.
    ///
    /// Refused: empty names, control characters (NUL included), absolute paths (`/x`, `C:x`),
    /// backslashes (a path separator on Windows) and `..` components. Archives are never
    /// extracted to disk, but such names are refused on both writing and reading.
    static func entryNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "empty" }
        if name.contains("\0") { return "contains NUL" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "contains a control character"
        }
        if name.hasPrefix("/") || hasDriveLetter(name) { return "absolute path" }
        if name.contains("\\") { return "contains a backslash" }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") { return "contains '..'" }
        return nil
    }

    /// Whether `name` starts like a Windows drive path (`C:`).
    private static func hasDriveLetter(_ name: String) -> Bool {
        let bytes = Array(name.utf8.prefix(2))
        guard bytes.count == 2, bytes[1] == UInt8(ascii: ":") else { return false }
        let letter = bytes[0] | 0x20   // ASCII lowercase
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(letter)
    }

    /// Reads every entry of the archive at `url`, refusing entries, totals or entry counts over the limits.
    ///
    /// The declared sizes are checked before anything is decompressed, and each entry must
    /// decompress to exactly its declared size with a matching CRC-32. Unsafe entry names
    /// (see ``ZipArchiveError/invalidEntryName(path:entry:reason:)``) are refused.
    ///
    /// ```swift
    /// let entries = try ZipArchive.read(from: url, maxEntrySize: 64 << 20)
    /// ```
    public static func read(from url: URL, maxEntrySize: Int = defaultMaxEntrySize,
                            maxTotalSize: Int = defaultMaxTotalSize,
                            maxEntryCount: Int = defaultMaxEntryCount) throws -> [String: Data] {
        try entries(of: ZipArchiveReader(contentsOf: url, maxEntrySize: maxEntrySize, maxTotalSize: maxTotalSize,
                                         maxEntryCount: maxEntryCount))
    }

    /// Reads every entry of an archive held in memory (`url` names it in errors), with the
    /// checks of ``read(from:maxEntrySize:maxTotalSize:maxEntryCount:)``.
    ///
    /// ```swift
    /// let entries = try ZipArchive.read(bytes: data, url: url)
    /// ```
    public static func read(bytes: Data, url: URL, maxEntrySize: Int = defaultMaxEntrySize,
                            maxTotalSize: Int = defaultMaxTotalSize,
                            maxEntryCount: Int = defaultMaxEntryCount) throws -> [String: Data] {
        try entries(of: ZipArchiveReader(bytes: bytes, url: url, maxEntrySize: maxEntrySize, maxTotalSize: maxTotalSize,
                                         maxEntryCount: maxEntryCount))
    }

    /// Every entry of `reader` after checking the declared sizes; closes it.
    private static func entries(of reader: ZipArchiveReader) throws -> [String: Data] {
        defer { reader.close() }
        try checkDeclaredSizes(of: reader)
        var entries: [String: Data] = [:]
        for name in reader.entryNames { entries[name] = try reader.data(forEntry: name) }
        return entries
    }

    /// Refuses an archive whose header sizes exceed the reader's limits: each entry first, then the total.
    private static func checkDeclaredSizes(of reader: ZipArchiveReader) throws {
        let path = reader.url.path
        for name in reader.entryNames {
            let size = reader.entrySizes[name] ?? 0
            guard size <= reader.maxEntrySize else {
                throw ZipArchiveError.entryTooLarge(path: path, entry: name, size: size, limit: reader.maxEntrySize)
            }
        }
        let total = reader.entrySizes.values.reduce(0) { $0.addingReportingOverflow($1).overflow ? .max : $0 + $1 }
        guard total <= reader.maxTotalSize else {
            throw ZipArchiveError.archiveTooLarge(path: path, size: total, limit: reader.maxTotalSize)
        }
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
