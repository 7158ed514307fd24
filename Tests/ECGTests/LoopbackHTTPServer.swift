import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 file server on 127.0.0.1 for the download tests (never any other address).
/// Serves a directory tree under `/files/`, one request per connection, and stops by itself
/// after `lifetime` seconds or `maxConnections` connections, whichever comes first.
final class LoopbackHTTPServer: @unchecked Sendable {
    /// A deliberate misbehaviour.
    enum Fault {
        case none
        /// Sends the full Content-Length header, then half the body, then closes.
        case dropMidFile(suffix: String)
        /// Serves the file with its bytes altered (same length), so its checksum is wrong.
        case wrongContent(suffix: String)
    }

    private(set) var port: UInt16 = 0
    private let listener: Int32
    private let files: [String: Data]
    private let fault: Fault
    private let deadline: Date
    private let maxConnections: Int
    private let lock = NSLock()
    private var stopped = false
    private var log: [String] = []
    private let finished = DispatchSemaphore(value: 0)

    /// Requests served so far ("GET /files/…").
    var requests: [String] { lock.withLock { log } }

    init(root: URL, fault: Fault = .none, hiding hidden: Set<String> = [], lifetime: TimeInterval = 900,
         maxConnections: Int = 300) throws {
        var files: [String: Data] = [:]
        let rootPath = root.resolvingSymlinksInPath().path
        if let walker = FileManager.default.enumerator(atPath: rootPath) {
            for case let relative as String in walker where !hidden.contains((relative as NSString).lastPathComponent) {
                var isDirectory: ObjCBool = false
                let full = rootPath + "/" + relative
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files["/files/" + relative] = try Data(contentsOf: URL(fileURLWithPath: full))
                }
            }
        }
        self.files = files
        self.fault = fault
        self.deadline = Date().addingTimeInterval(lifetime)
        self.maxConnections = maxConnections
        // The listening socket lives at a high descriptor number: tests elsewhere in the
        // process open and close many low-numbered descriptors concurrently (files, pipes of
        // child processes), and a stray close of a recycled low number must not hit it.
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw POSIXError(.EIO) }
        listener = fcntl(socketDescriptor, F_DUPFD_CLOEXEC, 700)
        Glibc.close(socketDescriptor)
        guard listener >= 0 else { throw POSIXError(.EMFILE) }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { close(listener); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in serve() }.start()
    }

    /// The base URL to give the downloader.
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/files/") ?? URL(fileURLWithPath: "/") }

    /// Stops accepting, waits (bounded) for the serving thread to end, then closes the
    /// listening socket — only once the thread is done with it, so its number can never be
    /// closed after being reused.
    func stop() {
        lock.withLock { stopped = true }
        if finished.wait(timeout: .now() + 60) == .success { Glibc.close(listener) }
    }

    private func serve() {
        var served = 0
        while served < maxConnections, Date() < deadline, !lock.withLock({ stopped }) {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            served += 1
            handle(client)
            close(client)
        }
        finished.signal()
    }

    private func handle(_ client: Int32) {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while request.count < 16_384, !request.ends(with: Array("\r\n\r\n".utf8)) {
            let n = recv(client, &chunk, chunk.count, 0)
            if n <= 0 { return }
            request += chunk[0..<n]
        }
        let line = String(decoding: request.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
        guard line.count >= 2 else { return }
        let method = String(line[0]), path = String(line[1])
        lock.withLock { log.append("\(method) \(path)") }
        guard var body = files[path] else {
            send(client, "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found")
            return
        }
        let fullLength = body.count
        var drop = false
        switch fault {
        case .dropMidFile(let suffix) where path.hasSuffix(suffix): drop = true
        case .wrongContent(let suffix) where path.hasSuffix(suffix) && !body.isEmpty: body[body.count / 2] ^= 0xFF
        default: break
        }
        send(client, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: \(fullLength)\r\nConnection: close\r\n\r\n")
        guard method == "GET" else { return }
        sendBytes(client, drop ? body.prefix(fullLength / 2) : body)
    }

    private func send(_ client: Int32, _ text: String) { sendBytes(client, Data(text.utf8)) }

    private func sendBytes(_ client: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = Glibc.send(client, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
