import Foundation
import Testing
@testable import ZipArchive

@Suite final class ZipArchiveErrorTests {
    let directory: URL

    init() throws { directory = try ZipTestSupport.makeTemporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func archive(_ name: String, _ entries: [(name: String, data: Data)],
                         compression: ZipArchive.Compression = .deflate) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try ZipArchive.write(entries, to: url, compression: compression)
        return url
    }

    @Test func missingFile() {
        let url = directory.appendingPathComponent("nope.zip")
        #expect(throws: ZipArchiveError.fileNotFound(path: url.path)) { try ZipArchive.read(from: url) }
        #expect(ZipArchiveError.fileNotFound(path: url.path).description == "\(url.path): no such file")
    }

    @Test func foreignAndEmptyFiles() throws {
        let text = directory.appendingPathComponent("notes.zip")
        try Data(String(repeating: "this is plain text, not a zip\n", count: 10).utf8).write(to: text)
        #expect(throws: ZipArchiveError.notAZipArchive(path: text.path)) { try ZipArchive.read(from: text) }
        let empty = directory.appendingPathComponent("empty.zip")
        try Data().write(to: empty)
        #expect(throws: ZipArchiveError.notAZipArchive(path: empty.path)) { try ZipArchive.read(from: empty) }
        #expect(throws: ZipArchiveError.notAZipArchive(path: directory.path)) { try ZipArchive.read(from: directory) }
    }

    @Test func truncatedArchive() throws {
        let url = try archive("cut.zip", [(name: "w.bin", data: ZipTestSupport.pseudoRandomBytes(count: 4096, seed: 2))])
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
        let error = #expect(throws: ZipArchiveError.self) { try ZipArchive.read(from: url) }
        guard case let .corruptArchive(path, _) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(path == url.path)
    }

    @Test func corruptedStoredByteFailsCRC() throws {
        let payload = Data((0..<2000).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) })
        let url = try archive("crc.zip", [(name: "weights.bin", data: payload)], compression: .store)
        var bytes = try Data(contentsOf: url)
        let start = try #require(ZipTestSupport.offset(of: payload, in: bytes))
        bytes[start + 1000] ^= 0xFF
        try bytes.write(to: url)
        #expect(throws: ZipArchiveError.crcMismatch(path: url.path, entry: "weights.bin")) { try ZipArchive.read(from: url) }
    }

    @Test func missingEntryListsWhatIsThere() throws {
        let url = try archive("m.zip", [(name: "manifest.json", data: Data("{}".utf8)), (name: "MODEL_CARD.md", data: Data())])
        let reader = try ZipArchiveReader(contentsOf: url)
        let error = ZipArchiveError.entryNotFound(
            path: url.path, entry: "weights.safetensors", available: ["manifest.json", "MODEL_CARD.md"])
        #expect(throws: error) { try reader.data(forEntry: "weights.safetensors") }
        #expect(error.description.contains("no entry 'weights.safetensors'; the archive holds: manifest.json, MODEL_CARD.md"))
    }

    @Test func entryOverTheLimit() throws {
        let url = try archive("bomb.zip", [(name: "zeros.bin", data: Data(count: 1 << 20))])
        #expect(try Data(contentsOf: url).count < 10_000)
        #expect(throws: ZipArchiveError.entryTooLarge(path: url.path, entry: "zeros.bin", size: 1 << 20, limit: 1000)) {
            try ZipArchive.read(from: url, maxEntrySize: 1000)
        }
        #expect(throws: ZipArchiveError.archiveTooLarge(path: url.path, size: 1 << 20, limit: 4096)) {
            try ZipArchive.read(from: url, maxTotalSize: 4096)
        }
    }

    @Test func entryLargerThanDeclared() throws {
        let payload = Data(String(repeating: "lying header ", count: 100).utf8)
        let url = try archive("lie.zip", [(name: "a.txt", data: payload)])
        var bytes = try Data(contentsOf: url)
        // Patch the uncompressed size (local header offset 22, central header offset 24) to 10.
        let central = try #require(ZipTestSupport.offset(of: Data([0x50, 0x4B, 0x01, 0x02]), in: bytes))
        for offset in [22, central + 24] { bytes.replaceSubrange(offset..<offset + 4, with: [10, 0, 0, 0]) }
        try bytes.write(to: url)
        #expect(throws: ZipArchiveError.sizeMismatch(path: url.path, entry: "a.txt", declared: 10, found: 11)) {
            try ZipArchive.read(from: url)
        }
    }

    @Test func invalidEntryNamesAreRejected() {
        for (name, reason) in [("", "empty"), ("/etc/passwd", "absolute path"), ("a/../../b", "contains '..'")] {
            #expect(throws: ZipArchiveError.invalidEntryName(path: "<in-memory archive>", entry: name, reason: reason)) {
                try ZipArchive.archiveData([(name: name, data: Data())])
            }
        }
        #expect(throws: ZipArchiveError.invalidEntryName(path: "<in-memory archive>", entry: "a", reason: "appears more than once")) {
            try ZipArchive.archiveData([(name: "a", data: Data()), (name: "a", data: Data([1]))])
        }
    }
}
