import CZip
import Foundation

/// Builds zip archives in memory with libzip (a growable buffer source).
enum ZipArchiveWriter {
    /// An empty archive: just the end-of-central-directory record (libzip would write nothing).
    private static let emptyArchive = Data([0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18))

    /// The bytes of an archive holding `entries` in order; `path` names the destination in errors.
    static func archiveBytes(_ entries: [(name: String, data: Data)], compression: ZipArchive.Compression,
                             path: String) throws -> Data {
        try validateNames(entries.map(\.name), path: path)
        if entries.isEmpty { return emptyArchive }
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(nil, 0, 0, &error) else {
            throw ZipArchiveError.writeFailed(path: path, reason: Libzip.describe(&error).message)
        }
        guard let archive = zip_open_from_source(source, ZIP_TRUNCATE, &error) else {
            zip_source_free(source)
            throw ZipArchiveError.writeFailed(path: path, reason: Libzip.describe(&error).message)
        }
        zip_source_keep(source)   // survive zip_close so the finished bytes can be read back
        defer { zip_source_free(source) }
        do {
            for entry in entries { try add(entry, to: archive, compression: compression, path: path) }
        } catch {
            zip_discard(archive)
            throw error
        }
        guard zip_close(archive) == 0 else {
            let reason = Libzip.describe(zip_get_error(archive)).message
            zip_discard(archive)
            throw ZipArchiveError.writeFailed(path: path, reason: reason)
        }
        return try contents(of: source, path: path)
    }

    /// Adds one entry (a copy of its bytes, owned and freed by libzip) with a fixed timestamp.
    private static func add(_ entry: (name: String, data: Data), to archive: OpaquePointer,
                            compression: ZipArchive.Compression, path: String) throws {
        let count = entry.data.count
        let buffer = count > 0 ? malloc(count) : nil
        if count > 0 {
            guard let buffer else { throw ZipArchiveError.writeFailed(path: path, reason: "out of memory") }
            entry.data.withUnsafeBytes { raw in
                if let base = raw.baseAddress { buffer.copyMemory(from: base, byteCount: count) }
            }
        }
        guard let source = zip_source_buffer(archive, buffer, zip_uint64_t(count), 1) else {
            free(buffer)
            throw failure(archive, entry: entry.name, path: path)
        }
        let index = zip_file_add(archive, entry.name, source, zip_flags_t(ZIP_FL_ENC_UTF_8))
        guard index >= 0 else {
            zip_source_free(source)
            throw failure(archive, entry: entry.name, path: path)
        }
        let method = compression == .deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE
        guard zip_set_file_compression(archive, zip_uint64_t(index), method, 0) == 0,
              zip_file_set_mtime(archive, zip_uint64_t(index), Libzip.fixedModificationTime, 0) == 0
        else { throw failure(archive, entry: entry.name, path: path) }
    }

    /// Reads the finished archive back out of the buffer source.
    private static func contents(of source: OpaquePointer, path: String) throws -> Data {
        guard zip_source_open(source) == 0 else {
            throw ZipArchiveError.writeFailed(path: path, reason: Libzip.describe(zip_source_error(source)).message)
        }
        defer { zip_source_close(source) }
        var result = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { raw -> zip_int64_t in
                guard let base = raw.baseAddress else { return -1 }
                return zip_source_read(source, base, zip_uint64_t(raw.count))
            }
            if count < 0 {
                throw ZipArchiveError.writeFailed(path: path, reason: Libzip.describe(zip_source_error(source)).message)
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<Int(count)])
        }
    }

    private static func failure(_ archive: OpaquePointer, entry: String, path: String) -> ZipArchiveError {
        .writeFailed(path: path, reason: "entry '\(entry)': " + Libzip.describe(zip_get_error(archive)).message)
    }

    /// Rejects unsafe names (``ZipArchive/entryNameProblem(_:)``) and repeated ones.
    private static func validateNames(_ names: [String], path: String) throws {
        var seen = Set<String>()
        for name in names {
            let reason = ZipArchive.entryNameProblem(name) ?? (seen.insert(name).inserted ? nil : "appears more than once")
            if let reason { throw ZipArchiveError.invalidEntryName(path: path, entry: name, reason: reason) }
        }
    }
}
