import Foundation
import Testing
@testable import ECG

/// Download tests against a loopback server serving Fixtures/physionet (never any other address).
@Suite("Download", .serialized)
struct DownloadTests {
    private static var tree: URL? { TestData.fixture("physionet") }
    private static let expectedFiles = ["mitdb/RECORDS", "mitdb/r1.hea", "mitdb/r1.dat", "mitdb/r1.atr", "mitdb/r2.hea",
                                        "mitdb/r2.dat", "mitdb/r2.atr", "nstdb/RECORDS", "nstdb/nz.hea", "nstdb/nz.dat"]

    private final class ProgressLog: @unchecked Sendable {
        let lock = NSLock()
        var events: [DownloadProgress] = []
        func add(_ p: DownloadProgress) { lock.withLock { events.append(p) } }
    }

    private func fixtureFile(_ relative: String) throws -> Data {
        let parts = relative.split(separator: "/")
        let tree = try #require(Self.tree)
        return try Data(contentsOf: tree.appendingPathComponent("\(parts[0])/1.0.0/\(parts[1])"))
    }

    @Test("downloads the tree, reports progress, then skips what is already right")
    func downloadAndResume() async throws {
        let server = try LoopbackHTTPServer(root: try #require(Self.tree))
        defer { server.stop() }
        let dir = try TestData.scratchDirectory()
        let log = ProgressLog()
        let downloader = DataDownloader(baseURL: server.baseURL, timeout: 60)
        let report = try await downloader.download(into: dir) { log.add($0) }
        #expect(report.downloaded == Self.expectedFiles)
        #expect(report.absent == ["nstdb/nz.atr"])
        for file in Self.expectedFiles { #expect(try Data(contentsOf: dir.appendingPathComponent(file)) == fixtureFile(file)) }
        let last = try #require(log.events.last { $0.file == "mitdb/r1.dat" })
        #expect(last.bytesTotal == Int64(try fixtureFile("mitdb/r1.dat").count) && last.bytesDone == last.bytesTotal)
        // The downloaded records read back.
        #expect(try WFDBRecord.read(headerAt: dir.appendingPathComponent("mitdb/r1.hea")).sampleCount == 360)

        let again = try await downloader.download(into: dir)
        #expect(again.downloaded.isEmpty && again.skipped == Self.expectedFiles)
        // A corrupted local file is fetched again; the rest is skipped.
        try Data("garbage".utf8).write(to: dir.appendingPathComponent("mitdb/r2.dat"))
        let repaired = try await downloader.download(into: dir)
        #expect(repaired.downloaded == ["mitdb/r2.dat"])
        #expect(try Data(contentsOf: dir.appendingPathComponent("mitdb/r2.dat")) == fixtureFile("mitdb/r2.dat"))
    }

    @Test("without SHA256SUMS.txt, files of the right size are skipped (HEAD)")
    func sizeOnly() async throws {
        let server = try LoopbackHTTPServer(root: try #require(Self.tree), hiding: ["SHA256SUMS.txt"])
        defer { server.stop() }
        let dir = try TestData.scratchDirectory()
        let downloader = DataDownloader(baseURL: server.baseURL, timeout: 60)
        _ = try await downloader.download(into: dir)
        let again = try await downloader.download(into: dir)
        #expect(again.downloaded.isEmpty && again.skipped.count == Self.expectedFiles.count)
        #expect(server.requests.contains("HEAD /files/mitdb/1.0.0/r1.dat"))
    }

    @Test("a connection dropped mid-file is an error, leaves no partial file, and a rerun resumes")
    func droppedConnection() async throws {
        let tree = try #require(Self.tree)
        let dir = try TestData.scratchDirectory()
        let bad = try LoopbackHTTPServer(root: tree, fault: .dropMidFile(suffix: "r2.dat"))
        let error = await #expect(throws: ECGError.self) {
            try await DataDownloader(baseURL: bad.baseURL, timeout: 60).download(into: dir)
        }
        bad.stop()
        guard case .downloadFailed(let url, _)? = error else { Issue.record("unexpected \(String(describing: error))"); return }
        #expect(url.hasSuffix("mitdb/1.0.0/r2.dat"))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("mitdb").path).sorted()
        #expect(left == ["RECORDS", "r1.atr", "r1.dat", "r1.hea", "r2.hea"])
        let good = try LoopbackHTTPServer(root: tree)
        defer { good.stop() }
        let report = try await DataDownloader(baseURL: good.baseURL, timeout: 60).download(into: dir)
        #expect(report.skipped.contains("mitdb/r1.dat") && report.downloaded.contains("mitdb/r2.dat"))
    }

    @Test("a file whose checksum is wrong is rejected and not kept")
    func wrongChecksum() async throws {
        let server = try LoopbackHTTPServer(root: try #require(Self.tree), fault: .wrongContent(suffix: "r1.dat"))
        defer { server.stop() }
        let dir = try TestData.scratchDirectory()
        let error = await #expect(throws: ECGError.self) {
            try await DataDownloader(baseURL: server.baseURL, timeout: 60).download(into: dir)
        }
        guard case .hashMismatch(let file, _, _)? = error else { Issue.record("unexpected \(String(describing: error))"); return }
        #expect(file == "mitdb/r1.dat")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("mitdb/r1.dat").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("mitdb").path).allSatisfy { !$0.hasSuffix(".part") })
    }
}
