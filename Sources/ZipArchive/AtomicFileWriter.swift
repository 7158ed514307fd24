import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes bytes with all-or-nothing semantics: temp file beside the target, fsync, rename.
enum AtomicFileWriter {
    /// Writes `data` to `url` atomically; on failure removes the temp file and leaves `url` untouched.
    static func write(_ data: Data, to url: URL) throws {
        let target = url.standardizedFileURL
        let directory = target.deletingLastPathComponent()
        let temp = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
                throw ZipArchiveError.writeFailed(path: target.path, reason: "cannot create a temp file in \(directory.path)")
            }
            let handle = try FileHandle(forWritingTo: temp)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
            guard rename(temp.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                throw ZipArchiveError.writeFailed(path: target.path, reason: "cannot rename the temp file into place: \(reason)")
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            if let error = error as? ZipArchiveError { throw error }
            throw ZipArchiveError.writeFailed(path: target.path, reason: error.localizedDescription)
        }
    }
}
