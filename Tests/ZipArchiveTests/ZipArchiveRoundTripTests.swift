import Foundation
import Testing
@testable import ZipArchive

@Suite struct ZipArchiveRoundTripTests {
    static let entries: [(name: String, data: Data)] = [
        (name: "manifest.json", data: Data(#"{"format": 1, "model": "dancer"}"#.utf8)),
        (name: "weights.safetensors", data: Data((0..<1024).map { UInt8(truncatingIfNeeded: $0 &* 37) })),
        (name: "empty.txt", data: Data()),
        (name: "nested/dir/MODEL_CARD.md", data: Data("# DANCER\nünïcode ✓\n".utf8)),
        (name: "big.bin", data: ZipTestSupport.pseudoRandomBytes(count: 5 << 20, seed: 1)),
    ]

    @Test(arguments: [ZipArchive.Compression.deflate, .store])
    func roundTripsEveryEntry(compression: ZipArchive.Compression) throws {
        let directory = try ZipTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("checkpoint.zip")
        try ZipArchive.write(Self.entries, to: url, compression: compression)
        #expect(try ZipArchive.entryNames(in: url) == Self.entries.map(\.name))
        let read = try ZipArchive.read(from: url)
        #expect(read.count == Self.entries.count)
        for entry in Self.entries { #expect(read[entry.name] == entry.data, "\(entry.name)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["checkpoint.zip"])
    }

    @Test func deflateActuallyCompresses() throws {
        let text = Data(String(repeating: "ECG denoising ", count: 10_000).utf8)
        let deflated = try ZipArchive.archiveData([(name: "a.txt", data: text)], compression: .deflate)
        let stored = try ZipArchive.archiveData([(name: "a.txt", data: text)], compression: .store)
        #expect(deflated.count < text.count / 10)
        #expect(stored.count > text.count)
    }

    @Test func identicalInputGivesIdenticalBytes() throws {
        let directory = try ZipTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("a.zip"), second = directory.appendingPathComponent("b.zip")
        try ZipArchive.write(Self.entries, to: first)
        try ZipArchive.write(Self.entries, to: second)
        let bytes = try Data(contentsOf: first)
        #expect(bytes == (try Data(contentsOf: second)))
        #expect(bytes == (try ZipArchive.archiveData(Self.entries)))
        let changed = Self.entries.map { ($0.name, $0.name == "empty.txt" ? Data([1]) : $0.data) }
        #expect(try ZipArchive.archiveData(changed) != bytes)
    }

    @Test func emptyArchiveRoundTrips() throws {
        let directory = try ZipTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("empty.zip")
        try ZipArchive.write([], to: url)
        #expect(try ZipArchive.read(from: url).isEmpty)
    }

    @Test func readerReadsByNameAndCloses() throws {
        let directory = try ZipTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("c.zip")
        try ZipArchive.write(Array(Self.entries.prefix(3)), to: url)
        let reader = try ZipArchiveReader(contentsOf: url)
        #expect(reader.entrySizes["weights.safetensors"] == 1024)
        #expect(try reader.data(forEntry: "manifest.json") == Self.entries[0].data)
        reader.close()
        reader.close()
        #expect(throws: ZipArchiveError.readFailed(path: url.path, entry: "manifest.json", reason: "archive is closed")) {
            try reader.data(forEntry: "manifest.json")
        }
    }
}
