import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Progress of one file: the CLI renders it as a bar.
public struct DownloadProgress: Sendable {
    /// Path relative to the data directory, e.g. "mitdb/100.dat".
    public var file: String
    /// Bytes received so far.
    public var bytesDone: Int64
    /// Total bytes, when the server says.
    public var bytesTotal: Int64?
}

/// What a download run did.
public struct DownloadReport: Sendable {
    /// Files fetched (relative paths).
    public var downloaded: [String] = []
    /// Files already present with the right size and checksum.
    public var skipped: [String] = []
    /// Optional files the server does not have (e.g. `.atr` of noise records).
    public var absent: [String] = []
}

/// Fetches `mitdb` and `nstdb` from a PhysioNet-style file server into the layout of the data
/// directory (`mitdb/`, `nstdb/`). Resumable: files whose size and checksum are already right are
/// skipped; every file is written to a temp name, checked, then renamed. Nothing runs by itself.
///
/// ```swift
/// let report = try await DataDownloader().download(into: dataDir) { p in print(p.file, p.bytesDone) }
/// ```
public struct DataDownloader: Sendable {
    /// One database on the server: `<base>/<name>/<version>/RECORDS`, then `<record>.<ext>`.
    public struct Database: Sendable {
        /// Directory name on the server and locally, e.g. "mitdb".
        public var name: String
        /// Version directory on the server, e.g. "1.0.0".
        public var version: String
        /// Extensions every record must have.
        public var requiredExtensions: [String]
        /// Extensions a record may lack (a 404 is not an error).
        public var optionalExtensions: [String]

        /// Creates a database description.
        ///
        /// ```swift
        /// let db = DataDownloader.Database(name: "mitdb", version: "1.0.0")
        /// ```
        public init(name: String, version: String, requiredExtensions: [String] = ["hea", "dat"],
                    optionalExtensions: [String] = ["atr"]) {
            self.name = name
            self.version = version
            self.requiredExtensions = requiredExtensions
            self.optionalExtensions = optionalExtensions
        }

        /// MIT-BIH Arrhythmia Database 1.0.0.
        public static let mitdb = Database(name: "mitdb", version: "1.0.0")
        /// MIT-BIH Noise Stress Test Database 1.0.0 (RECORDS lists bw, em, ma and the 118/119 NST records).
        public static let nstdb = Database(name: "nstdb", version: "1.0.0")
    }

    /// Server root, default `https://physionet.org/files/`.
    public var baseURL: URL
    /// Databases to fetch.
    public var databases: [Database]
    /// Pinned checksums by relative path ("mitdb/100.dat" → hex); they override the server's SHA256SUMS.txt.
    public var expectedChecksums: [String: String]
    /// Seconds without progress before a request fails.
    public var timeout: TimeInterval

    /// Creates a downloader (no network activity until `download` is called).
    ///
    /// ```swift
    /// let downloader = DataDownloader(baseURL: URL(string: "http://127.0.0.1:8080/files/")!)
    /// ```
    public init(baseURL: URL = DataDownloader.physioNet, databases: [Database] = [.mitdb, .nstdb],
                expectedChecksums: [String: String] = [:], timeout: TimeInterval = 60) {
        self.baseURL = baseURL
        self.databases = databases
        self.expectedChecksums = expectedChecksums
        self.timeout = timeout
    }

    /// PhysioNet's file server.
    public static let physioNet = URL(string: "https://physionet.org/files/") ?? URL(fileURLWithPath: "/physionet-url-unavailable")

    /// Downloads every database into `directory/<name>/`.
    ///
    /// ```swift
    /// let report = try await downloader.download(into: dataDir) { progress in bar.update(progress) }
    /// ```
    public func download(into directory: URL,
                         progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }) async throws -> DownloadReport {
        var report = DownloadReport()
        for db in databases {
            let remote = baseURL.appendingPathComponent(db.name).appendingPathComponent(db.version)
            let local = directory.appendingPathComponent(db.name)
            let recordsText = try await fetchText(remote.appendingPathComponent("RECORDS"), required: true) ?? ""
            let records = try parseRecords(recordsText, url: remote.appendingPathComponent("RECORDS"))
            var sums: [String: String] = [:]
            if let text = try await fetchText(remote.appendingPathComponent("SHA256SUMS.txt"), required: false) {
                for (path, hex) in try DataVerifier.parseChecksums(text, file: remote.appendingPathComponent("SHA256SUMS.txt").absoluteString) {
                    sums[path] = hex
                }
            }
            for (key, hex) in expectedChecksums where key.hasPrefix(db.name + "/") { sums[String(key.dropFirst(db.name.count + 1))] = hex }
            var files = [("RECORDS", true)]
            for r in records {
                files += db.requiredExtensions.map { ("\(r).\($0)", true) } + db.optionalExtensions.map { ("\(r).\($0)", false) }
            }
            for (name, required) in files {
                let relative = db.name + "/" + name
                let outcome = try await fetchFile(remote.appendingPathComponent(name), to: local.appendingPathComponent(name),
                                                  relative: relative, sha256: sums[name], required: required, progress: progress)
                switch outcome {
                case .downloaded: report.downloaded.append(relative)
                case .skipped: report.skipped.append(relative)
                case .absent: report.absent.append(relative)
                }
            }
        }
        return report
    }

    // MARK: - Helpers

    private enum Outcome { case downloaded, skipped, absent }

    private func fetchFile(_ url: URL, to destination: URL, relative: String, sha256: String?, required: Bool,
                           progress: @escaping @Sendable (DownloadProgress) -> Void) async throws -> Outcome {
        let fm = FileManager.default
        if fm.fileExists(atPath: destination.path) {
            if let sha256 {
                if (try? SHA256.hash(fileAt: destination)) == sha256 { return .skipped }
            } else {
                let head = try await request(url, method: "HEAD", to: nil)
                let size = (try? fm.attributesOfItem(atPath: destination.path)[.size] as? NSNumber)??.int64Value
                if head.status == 200, let expected = head.expectedLength, expected == size { return .skipped }
            }
        }
        try? fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = destination.deletingLastPathComponent().appendingPathComponent("." + destination.lastPathComponent + ".part")
        defer { try? fm.removeItem(at: temp) }
        let result = try await request(url, method: "GET", to: temp) { done, total in
            progress(DownloadProgress(file: relative, bytesDone: done, bytesTotal: total))
        }
        if result.status == 404 && !required { return .absent }
        guard result.status == 200 else {
            throw ECGError.downloadFailed(url: url.absoluteString, reason: "HTTP status \(result.status)")
        }
        if let expected = result.expectedLength, expected != result.received {
            throw ECGError.downloadFailed(url: url.absoluteString, reason: "connection closed after \(result.received) of \(expected) bytes")
        }
        if let sha256 {
            let actual = try SHA256.hash(fileAt: temp)
            guard actual == sha256 else { throw ECGError.hashMismatch(file: relative, expected: sha256, actual: actual) }
        }
        try atomicRename(temp, to: destination)
        return .downloaded
    }

    private func fetchText(_ url: URL, required: Bool) async throws -> String? {
        let result = try await request(url, method: "GET", to: nil)
        if result.status == 404 && !required { return nil }
        guard result.status == 200 else { throw ECGError.downloadFailed(url: url.absoluteString, reason: "HTTP status \(result.status)") }
        return String(decoding: result.body, as: UTF8.self)
    }

    private func request(_ url: URL, method: String, to file: URL?,
                         progress: @escaping (Int64, Int64?) -> Void = { _, _ in }) async throws -> HTTPTransfer.Result {
        do {
            return try await HTTPTransfer.run(url, method: method, to: file, timeout: timeout, progress: progress)
        } catch let error as ECGError {
            throw error
        } catch {
            throw ECGError.downloadFailed(url: url.absoluteString, reason: error.localizedDescription)
        }
    }

    private func parseRecords(_ text: String, url: URL) throws -> [String] {
        let names = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for n in names where n.contains("/") || n.hasPrefix(".") || n.contains(" ") {
            throw ECGError.downloadFailed(url: url.absoluteString, reason: "record name '\(n)' is not a plain file name")
        }
        return names
    }
}
