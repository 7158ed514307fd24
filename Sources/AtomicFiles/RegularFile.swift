import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reading side of safe file IO: a whole regular file read through one open descriptor.
///
/// The file is opened once (non-blocking, so opening a FIFO cannot hang) and every check —
/// regular file, size limit — is made on that descriptor, so the bytes returned are the
/// bytes of the file that was checked even if the path is replaced meanwhile. Callers that
/// verify a checksum hash these bytes and parse the same bytes.
///
/// ```swift
/// let bytes = try RegularFile.contents(of: url, limit: 512 << 20)
/// ```
public enum RegularFile {
    /// Why a file could not be read.
    public enum Failure: Error, Equatable, Sendable {
        /// Nothing is at the path.
        case notFound
        /// A directory.
        case directory
        /// A FIFO, device or socket.
        case notRegular
        /// Larger than the caller's limit.
        case tooLarge(size: Int, limit: Int)
        /// Open, inspect or read failed (the system's reason).
        case unreadable(reason: String)
    }

    /// The bytes of the regular file at `url` (symbolic links followed), at most `limit` of them.
    public static func contents(of url: URL, limit: Int = .max) throws(Failure) -> Data {
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .notFound }
            if code == EISDIR { throw .directory }
            throw .unreadable(reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(reason: String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .directory
        default: throw .notRegular
        }
        let size = Int(info.st_size)
        guard size <= limit else { throw .tooLarge(size: size, limit: limit) }
        var data = Data(capacity: size)
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, chunk)
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(reason: String(cString: strerror(errno)))
            }
            if count == 0 { return data }
            data.append(buffer.assumingMemoryBound(to: UInt8.self), count: count)
            // The file grew while it was read: still refuse what the limit refuses.
            guard data.count <= limit else { throw .tooLarge(size: data.count, limit: limit) }
        }
    }
}
