import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole file, mapping failures to `ECGError`.
func readFile(_ url: URL) throws -> Data {
    guard FileManager.default.fileExists(atPath: url.path) else { throw ECGError.fileNotFound(path: url.path) }
    do { return try Data(contentsOf: url) } catch {
        throw ECGError.ioFailure(path: url.path, reason: "cannot read: \(error.localizedDescription)")
    }
}

/// A temp path beside `url`, used before an atomic rename.
func temporarySibling(of url: URL) -> URL {
    url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
}

/// Renames `from` over `to` atomically (POSIX `rename`), removing `from` on failure.
func atomicRename(_ from: URL, to url: URL) throws {
    guard rename(from.path, url.path) == 0 else {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: from)
        throw ECGError.ioFailure(path: url.path, reason: "cannot rename temp file into place: \(reason)")
    }
}

/// Writes data atomically: a temp file in the same directory, then rename.
func writeAtomically(_ data: Data, to url: URL) throws {
    let temp = temporarySibling(of: url)
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: temp)
    } catch {
        try? FileManager.default.removeItem(at: temp)
        throw ECGError.ioFailure(path: url.path, reason: "cannot write: \(error.localizedDescription)")
    }
    try atomicRename(temp, to: url)
}
