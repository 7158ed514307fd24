import Foundation
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
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
        var data = Data()
        try read(url, limit: limit, reserving: { data.reserveCapacity($0) }) { data.append(contentsOf: $0) }
        return data
    }

    /// Streams the regular file at `url` to `body` in chunks of at most `chunkSize` bytes
    /// (constant memory, e.g. for hashing), refusing it when it is, or grows, over `limit`.
    ///
    /// ```swift
    /// try RegularFile.read(url) { hasher.update(bytes: $0) }
    /// ```
    public static func read(_ url: URL, limit: Int = .max, chunkSize: Int = 1 << 20,
                            reserving reserve: (Int) -> Void = { _ in },
                            _ body: (UnsafeRawBufferPointer) -> Void) throws(Failure) {
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
        reserve(size)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(chunkSize, 1), alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let count = systemRead(descriptor, buffer, max(chunkSize, 1))
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(reason: String(cString: strerror(errno)))
            }
            if count == 0 { return }
            total += count
            // The file grew while it was read: still refuse what the limit refuses.
            guard total <= limit else { throw .tooLarge(size: total, limit: limit) }
            body(UnsafeRawBufferPointer(start: buffer, count: count))
        }
    }
}
