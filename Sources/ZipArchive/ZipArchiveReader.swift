import CZip
import Foundation

/// An open zip archive whose entries are read by name, with size limits against zip bombs.
///
/// The archive is opened read-only with consistency checks (`ZIP_RDONLY | ZIP_CHECKCONS`);
/// libzip verifies each entry's CRC-32 as it is read. Archives with more than `maxEntryCount`
/// entries, repeated entry names or unsafe ones (absolute, `..`, backslashes, control
/// characters) are refused when opened. The handle is released by `close()` or on deinit.
///
/// ```swift
/// let reader = try ZipArchiveReader(contentsOf: url, maxEntrySize: 64 << 20)
/// let manifest = try reader.data(forEntry: "manifest.json")
/// ```
public final class ZipArchiveReader {
    /// The archive file.
    public let url: URL
    /// The entry names in archive order.
    public let entryNames: [String]
    /// The declared uncompressed size of each entry, by name.
    public let entrySizes: [String: Int]
    /// The largest uncompressed entry that `data(forEntry:)` will read.
    public let maxEntrySize: Int
    /// The most uncompressed bytes that this reader will read in total.
    public let maxTotalSize: Int
    /// The most entries an archive may have.
    public let maxEntryCount: Int

    private var archive: OpaquePointer?
    private var bytesRead = 0
    private var path: String { url.path }

    /// Opens the archive at `url`, checking that it exists, is a zip archive, is consistent,
    /// has at most `maxEntryCount` entries and only safe, distinct entry names.
    ///
    /// ```swift
    /// let reader = try ZipArchiveReader(contentsOf: URL(fileURLWithPath: "dancer-bw.zip"))
    /// ```
    public convenience init(contentsOf url: URL, maxEntrySize: Int = ZipArchive.defaultMaxEntrySize,
                maxTotalSize: Int = ZipArchive.defaultMaxTotalSize,
                maxEntryCount: Int = ZipArchive.defaultMaxEntryCount) throws {
        try self.init(handle: Self.open(path: url.path), url: url, maxEntrySize: maxEntrySize,
                      maxTotalSize: maxTotalSize, maxEntryCount: maxEntryCount)
    }

    /// Opens an archive held in memory — e.g. a file read once, whose bytes were also hashed —
    /// with the same checks as ``init(contentsOf:maxEntrySize:maxTotalSize:maxEntryCount:)``;
    /// `url` names it in errors.
    ///
    /// ```swift
    /// let reader = try ZipArchiveReader(bytes: data, url: url)
    /// ```
    public convenience init(bytes: Data, url: URL, maxEntrySize: Int = ZipArchive.defaultMaxEntrySize,
                maxTotalSize: Int = ZipArchive.defaultMaxTotalSize,
                maxEntryCount: Int = ZipArchive.defaultMaxEntryCount) throws {
        try self.init(handle: Self.open(bytes: bytes, path: url.path), url: url, maxEntrySize: maxEntrySize,
                      maxTotalSize: maxTotalSize, maxEntryCount: maxEntryCount)
    }

    /// Takes an open libzip handle: lists and checks its entries, and discards it on failure.
    private init(handle: OpaquePointer, url: URL, maxEntrySize: Int, maxTotalSize: Int, maxEntryCount: Int) throws {
        self.url = url
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
        self.maxEntryCount = maxEntryCount
        do {
            (entryNames, entrySizes) = try Self.listEntries(handle, path: url.path, limit: maxEntryCount)
        } catch {
            zip_discard(handle)
            throw error
        }
        archive = handle
    }

    deinit { close() }

    /// Releases the libzip handle; later reads throw. Safe to call twice.
    ///
    /// ```swift
    /// defer { reader.close() }
    /// ```
    public func close() {
        if let archive { zip_discard(archive) }
        archive = nil
    }

    /// The uncompressed bytes of the entry called `name`, CRC- and size-checked.
    ///
    /// ```swift
    /// let weights = try reader.data(forEntry: "weights.safetensors")
    /// ```
    public func data(forEntry name: String) throws -> Data {
        guard let archive else { throw ZipArchiveError.readFailed(path: path, entry: name, reason: "archive is closed") }
        let index = zip_name_locate(archive, name, 0)
        guard index >= 0, let size = entrySizes[name] else {
            throw ZipArchiveError.entryNotFound(path: path, entry: name, available: entryNames)
        }
        guard size <= maxEntrySize else {
            throw ZipArchiveError.entryTooLarge(path: path, entry: name, size: size, limit: maxEntrySize)
        }
        guard size <= maxTotalSize - bytesRead else {
            throw ZipArchiveError.archiveTooLarge(path: path, size: bytesRead + size, limit: maxTotalSize)
        }
        guard let file = zip_fopen_index(archive, zip_uint64_t(index), 0) else {
            let (_, message) = Libzip.describe(zip_get_error(archive))
            throw ZipArchiveError.readFailed(path: path, entry: name, reason: message)
        }
        defer { zip_fclose(file) }
        let data = try readExactly(size, from: file, entry: name)
        bytesRead += size
        return data
    }

    /// Reads `size` bytes, then confirms end-of-entry (which is when libzip checks the CRC).
    private func readExactly(_ size: Int, from file: OpaquePointer, entry: String) throws -> Data {
        var data = Data(count: size)
        var filled = 0
        while filled < size {
            let count = data.withUnsafeMutableBytes { raw in
                zip_fread(file, raw.baseAddress.map { $0 + filled }, zip_uint64_t(size - filled))
            }
            if count < 0 { throw readError(file, entry: entry) }
            if count == 0 { throw ZipArchiveError.sizeMismatch(path: path, entry: entry, declared: size, found: filled) }
            filled += Int(count)
        }
        var extra: UInt8 = 0
        let trailing = zip_fread(file, &extra, 1)
        if trailing < 0 { throw readError(file, entry: entry) }
        if trailing > 0 { throw ZipArchiveError.sizeMismatch(path: path, entry: entry, declared: size, found: size + 1) }
        return data
    }

    private func readError(_ file: OpaquePointer, entry: String) -> ZipArchiveError {
        let (code, message) = Libzip.describe(zip_file_get_error(file))
        if code == ZIP_ER_CRC { return .crcMismatch(path: path, entry: entry) }
        if code == ZIP_ER_INCONS || code == ZIP_ER_ZLIB || code == ZIP_ER_EOF {
            return .corruptArchive(path: path, reason: "entry '\(entry)': \(message)")
        }
        return .readFailed(path: path, entry: entry, reason: message)
    }

    /// Opens with libzip, turning its error codes into typed errors.
    private static func open(path: String) throws -> OpaquePointer {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ZipArchiveError.fileNotFound(path: path)
        }
        // libzip treats an empty file as an empty archive; a checkpoint never is one.
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard !isDirectory.boolValue, size != 0 else { throw ZipArchiveError.notAZipArchive(path: path) }
        var code: Int32 = 0
        if let handle = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code) { return handle }
        throw openFailure(code: code, path: path, hasZipSignature: startsWithZipSignature(path: path))
    }

    /// Opens `bytes` through a libzip buffer source that owns a copy of them.
    private static func open(bytes: Data, path: String) throws -> OpaquePointer {
        guard !bytes.isEmpty, let buffer = malloc(bytes.count) else { throw ZipArchiveError.notAZipArchive(path: path) }
        bytes.copyBytes(to: buffer.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        // freep = 1: libzip frees the copy with the source (or here, if creating the source fails).
        guard let source = zip_source_buffer_create(buffer, zip_uint64_t(bytes.count), 1, &error) else {
            free(buffer)
            throw ZipArchiveError.readFailed(path: path, entry: nil, reason: Libzip.message(forCode: zip_error_code_zip(&error)))
        }
        if let handle = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) { return handle }
        zip_source_free(source)
        throw openFailure(code: zip_error_code_zip(&error), path: path, hasZipSignature: isZipSignature(Array(bytes.prefix(4))))
    }

    /// The error for libzip's open failure `code`.
    private static func openFailure(code: Int32, path: String, hasZipSignature: Bool) -> ZipArchiveError {
        switch code {
        case ZIP_ER_NOENT:
            return ZipArchiveError.fileNotFound(path: path)
        case ZIP_ER_NOZIP where !hasZipSignature:
            return ZipArchiveError.notAZipArchive(path: path)
        case ZIP_ER_NOZIP:
            return ZipArchiveError.corruptArchive(
                path: path, reason: "starts like a zip archive but has no valid central directory (truncated?)")
        case ZIP_ER_EXISTS:   // with ZIP_CHECKCONS, libzip's report of a repeated entry name
            return ZipArchiveError.corruptArchive(path: path, reason: "two entries have the same name")
        case ZIP_ER_INCONS, ZIP_ER_CRC, ZIP_ER_EOF:
            return ZipArchiveError.corruptArchive(path: path, reason: Libzip.message(forCode: code))
        default:
            return ZipArchiveError.readFailed(path: path, entry: nil, reason: Libzip.message(forCode: code))
        }
    }

    private static func startsWithZipSignature(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4)) ?? nil
        return head.map { isZipSignature(Array($0)) } ?? false
    }

    /// Whether `head` is a local-file or (empty archive) end-of-directory signature.
    private static func isZipSignature(_ head: [UInt8]) -> Bool {
        head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06]
    }

    /// Names and declared sizes of every entry; duplicate or unreadable names mean corruption,
    /// unsafe names and more than `limit` entries are refused.
    private static func listEntries(_ archive: OpaquePointer, path: String, limit: Int) throws -> ([String], [String: Int]) {
        let count = zip_get_num_entries(archive, 0)
        guard count <= limit else { throw ZipArchiveError.tooManyEntries(path: path, count: Int(count), limit: limit) }
        var names: [String] = []
        var sizes: [String: Int] = [:]
        for index in 0..<max(count, 0) {
            var stat = zip_stat_t()
            zip_stat_init(&stat)
            guard zip_stat_index(archive, zip_uint64_t(index), 0, &stat) == 0, let cName = stat.name,
                  stat.valid & zip_uint64_t(ZIP_STAT_NAME | ZIP_STAT_SIZE) == zip_uint64_t(ZIP_STAT_NAME | ZIP_STAT_SIZE),
                  stat.size <= zip_uint64_t(Int.max)
            else { throw ZipArchiveError.corruptArchive(path: path, reason: "cannot read entry \(index)'s header") }
            let name = String(cString: cName)
            if let problem = ZipArchive.entryNameProblem(name) {
                throw ZipArchiveError.invalidEntryName(path: path, entry: name, reason: problem)
            }
            guard sizes.updateValue(Int(stat.size), forKey: name) == nil else {
                throw ZipArchiveError.corruptArchive(path: path, reason: "entry '\(name)' appears twice")
            }
            names.append(name)
        }
        return (names, sizes)
    }
}
