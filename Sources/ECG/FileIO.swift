import AtomicFiles
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole regular file, mapping failures to `ECGError` (directories, FIFOs and devices
/// are refused before anything is read, so a reader never blocks on one).
func readFile(_ url: URL) throws -> Data {
    do { return try RegularFile.contents(of: url) } catch { throw ECGError(error, path: url.path) }
}

extension ECGError {
    /// The error of a failed whole-file read of `path`.
    init(_ failure: RegularFile.Failure, path: String) {
        switch failure {
        case .notFound: self = .fileNotFound(path: path)
        case .directory: self = .ioFailure(path: path, reason: "is a directory, not a file")
        case .notRegular: self = .ioFailure(path: path, reason: "is not a regular file (a FIFO, device or socket)")
        case .tooLarge(let size, let limit): self = .ioFailure(path: path, reason: "\(size) bytes, over the \(limit)-byte limit")
        case .unreadable(let reason): self = .ioFailure(path: path, reason: "cannot read: \(reason)")
        }
    }
}

/// The size in bytes of the regular file at `url` (symbolic links followed).
///
/// Throws `fileNotFound` when nothing is there and `ioFailure` for a directory, FIFO, device or
/// socket, or when the file cannot be inspected.
func regularFileSize(_ url: URL) throws -> Int {
    var info = stat()
    guard stat(url.path, &info) == 0 else {
        let code = errno
        if code == ENOENT || code == ENOTDIR { throw ECGError.fileNotFound(path: url.path) }
        throw ECGError.ioFailure(path: url.path, reason: "cannot inspect: \(String(cString: strerror(code)))")
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return Int(info.st_size)
    case S_IFDIR: throw ECGError.ioFailure(path: url.path, reason: "is a directory, not a file")
    default: throw ECGError.ioFailure(path: url.path, reason: "is not a regular file (a FIFO, device or socket)")
    }
}

/// A temp path beside `url`, used before an atomic rename (the package's one naming rule).
func temporarySibling(of url: URL) -> URL { AtomicFile.temporarySibling(of: url) }

/// ``AtomicFile/moveIntoPlace(_:over:)`` (rename, directory flushed, `from` removed on
/// failure) with its failure as an `ioFailure` naming `url`.
func atomicRename(_ from: URL, to url: URL) throws {
    do { try AtomicFile.moveIntoPlace(from, over: url) } catch let failure as AtomicFile.Failure {
        throw ECGError.ioFailure(path: url.path, reason: failure.reason)
    }
}

/// Flushes `handle` to disk and closes it; a failure is an `ioFailure` naming `path`.
func synchronizeAndClose(_ handle: FileHandle, path: String) throws {
    do {
        try handle.synchronize()
        try handle.close()
    } catch {
        throw ECGError.ioFailure(path: path, reason: "cannot flush and close: \(error.localizedDescription)")
    }
}

/// Writes data atomically: a temp file in the same directory, flushed to disk, then rename.
func writeAtomically(_ data: Data, to url: URL) throws {
    let temp = temporarySibling(of: url)
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try writeSynced(data, to: temp)
    } catch {
        try? FileManager.default.removeItem(at: temp)
        throw ECGError.ioFailure(path: url.path, reason: "cannot write: \(error.localizedDescription)")
    }
    try atomicRename(temp, to: url)
}
