import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP GET or HEAD through URLSession, streaming the body to a file or memory with progress.
final class HTTPTransfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// The outcome of a transfer.
    struct Result {
        var status: Int
        var expectedLength: Int64?
        var received: Int64
        var body: Data
    }

    private let sink: FileHandle?
    private let progress: (Int64, Int64?) -> Void
    private var result = Result(status: 0, expectedLength: nil, received: 0, body: Data())
    private var writeError: Error?
    private var continuation: CheckedContinuation<Result, Error>?

    private init(sink: FileHandle?, progress: @escaping (Int64, Int64?) -> Void) {
        self.sink = sink
        self.progress = progress
    }

    /// Performs the request; the body goes to `file` (created/truncated) when given, else to memory.
    static func run(_ url: URL, method: String = "GET", to file: URL? = nil, timeout: TimeInterval,
                    progress: @escaping (Int64, Int64?) -> Void = { _, _ in }) async throws -> Result {
        var handle: FileHandle?
        if let file {
            guard FileManager.default.createFile(atPath: file.path, contents: nil),
                  let h = FileHandle(forWritingAtPath: file.path) else {
                throw ECGError.ioFailure(path: file.path, reason: "cannot create download file")
            }
            handle = h
        }
        defer { try? handle?.close() }
        let transfer = HTTPTransfer(sink: handle, progress: progress)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 10
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration, delegate: transfer, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: url)
        request.httpMethod = method
        return try await withCheckedThrowingContinuation { continuation in
            transfer.continuation = continuation
            session.dataTask(with: request).resume()
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        result.status = (response as? HTTPURLResponse)?.statusCode ?? 0
        result.expectedLength = response.expectedContentLength >= 0 ? response.expectedContentLength : nil
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard writeError == nil else { return }
        if result.status == 200, let sink {
            do { try sink.write(contentsOf: data) } catch { writeError = error; dataTask.cancel(); return }
        } else {
            result.body.append(data)
        }
        result.received += Int64(data.count)
        progress(result.received, result.expectedLength)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let c = continuation
        continuation = nil
        if let writeError { c?.resume(throwing: writeError) } else if let error { c?.resume(throwing: error) } else { c?.resume(returning: result) }
    }
}
