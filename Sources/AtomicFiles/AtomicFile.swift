import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// All-or-nothing file writes: a temporary file beside the target, fsync, then rename, so a
/// reader never sees a half-written file and an interrupted write leaves the old one intact.
///
/// ```swift
/// try AtomicFile.write(data, to: url)
/// ```
public enum AtomicFile {
    /// Why a write failed; `path` is the target.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Writes `data` to `url` atomically; on failure removes the temporary file and leaves
    /// `url` untouched.
    public static func write(_ data: Data, to url: URL) throws {
        let target = url.standardizedFileURL
        let directory = target.deletingLastPathComponent()
        let temp = temporarySibling(of: target)
        do {
            guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
                throw Failure(path: target.path, reason: "cannot create a temporary file in \(directory.path)")
            }
            let handle = try FileHandle(forWritingTo: temp)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try moveIntoPlace(temp, over: target)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            if let failure = error as? Failure { throw failure }
            throw Failure(path: target.path, reason: "write failed: \(error.localizedDescription)")
        }
    }

    /// Renames `temporary` over `target` (POSIX `rename`: atomic within one file system), then
    /// flushes the directory entry to disk (``synchronizeDirectory(_:)``). On failure removes
    /// `temporary`, leaves `target` as it was, and throws a ``Failure`` naming `target`.
    ///
    /// ```swift
    /// try AtomicFile.moveIntoPlace(temporarySibling(of: url), over: url)
    /// ```
    public static func moveIntoPlace(_ temporary: URL, over target: URL) throws {
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(path: target.path, reason: "cannot rename the temporary file into place: \(reason)")
        }
        synchronizeDirectory(target.deletingLastPathComponent())
    }

    /// Flushes `directory`'s entries to disk (`fsync` on the directory), so that a rename into
    /// it survives a power loss and not only a killed process. Best effort: `false` when the
    /// directory cannot be opened or the file system does not sync directories.
    ///
    /// ```swift
    /// AtomicFile.synchronizeDirectory(url.deletingLastPathComponent())
    /// ```
    @discardableResult
    public static func synchronizeDirectory(_ directory: URL) -> Bool {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return fsync(descriptor) == 0
    }
}
