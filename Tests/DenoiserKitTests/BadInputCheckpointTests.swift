import DenoiserKit
import ECG
import Foundation
import Layers
import SafeTensors
import Testing
import ZipArchive
import Zoo

/// One way to spoil the entries of a good checkpoint, and the phrase its error must contain.
struct SpoiledCheckpoint: Sendable, CustomTestStringConvertible {
    let label: String
    /// Replaces `manifest.json` (nil keeps the good one).
    var manifest: Data?
    /// Replaces `weights.safetensors` (nil keeps the good one).
    var weights: Data?
    /// Entries to leave out.
    var dropped: Set<String> = []
    let problem: String

    var testDescription: String { label }

    static func manifest(_ label: String, _ json: String, _ problem: String) -> SpoiledCheckpoint {
        SpoiledCheckpoint(label: label, manifest: Data(json.utf8), problem: problem)
    }

    static func weights(_ label: String, _ bytes: Data, _ problem: String) -> SpoiledCheckpoint {
        SpoiledCheckpoint(label: label, weights: bytes, problem: problem)
    }
}

/// A manifest of the tiny unet with some fields replaced (JSON literals) and `extra` members appended.
private func manifestJSON(formatVersion: String = "1", modelId: String = #""unet""#, extra: String = "") -> String {
    #"{"formatVersion": \#(formatVersion), "modelId": \#(modelId), "target": "UNet", "config": {"widths": [4, 8], "kernelSize": 3}, "createdAt": "2026-01-01T00:00:00Z", "codeVersion": "0.1.0"\#(extra)}"#
}

/// Raw safetensors bytes from a hand-written header and data buffer.
private func rawSafeTensors(_ header: String, _ data: [UInt8] = []) -> Data {
    var bytes = Data()
    withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
    return bytes + Data(header.utf8) + Data(data)
}

private let spoiledCheckpoints: [SpoiledCheckpoint] = [
    SpoiledCheckpoint(label: "no weights", dropped: [Checkpoint.weightsEntry], problem: "no weights.safetensors inside"),
    SpoiledCheckpoint(label: "no manifest", dropped: [Checkpoint.manifestEntry], problem: "no manifest.json inside"),
    SpoiledCheckpoint(label: "no entries at all",
                      dropped: [Checkpoint.manifestEntry, Checkpoint.weightsEntry, Checkpoint.cardEntry, "training-log.csv"],
                      problem: "no manifest.json inside (entries: )"),
    .manifest("empty manifest", "", "manifest.json is not JSON with a formatVersion"),
    .manifest("manifest not JSON", "hello", "manifest.json is not JSON with a formatVersion"),
    .manifest("manifest an array", "[1, 2]", "manifest.json is not JSON with a formatVersion"),
    .manifest("formatVersion a string", manifestJSON(formatVersion: #""1""#), "manifest.json is not JSON with a formatVersion"),
    .manifest("formatVersion fractional", manifestJSON(formatVersion: "1.5"), "manifest.json is not JSON with a formatVersion"),
    .manifest("formatVersion beyond Int", manifestJSON(formatVersion: "1e30"), "manifest.json is not JSON with a formatVersion"),
    .manifest("formatVersion 0", manifestJSON(formatVersion: "0"), "manifest.json has formatVersion 0, expected 1 or more"),
    .manifest("formatVersion negative", manifestJSON(formatVersion: "-3"), "manifest.json has formatVersion -3, expected 1 or more"),
    .manifest("only a formatVersion", #"{"formatVersion": 1}"#, "manifest.json: missing field 'modelId' at top level"),
    .manifest("modelId a number", manifestJSON(modelId: "5"), "manifest.json: Expected to decode String but found number"),
    .manifest("negative seed", manifestJSON(extra: #", "training": {"protocolVersion": "p", "seed": -1, "steps": 1, "batchSize": 1, "learningRate": 0.1}"#),
              "manifest.json: a number does not fit its field"),
    .manifest("unknown input scaling", manifestJSON(extra: #", "inputScaling": "zscore""#),
              "invalid String value zscore at inputScaling"),
    .manifest("repeated modelId", manifestJSON(extra: #", "modelId": "dancer""#), "manifest.json: key 'modelId' appears more than once"),
    .manifest("manifest over 1 MiB", manifestJSON(extra: ", \"notes\": \"\(String(repeating: "x", count: 1 << 20))\""),
              "manifest.json is \((1 << 20) + 178) bytes, over the \(Checkpoint.maxManifestSize)-byte limit"),
    SpoiledCheckpoint(label: "manifest not UTF-8", manifest: Data([0xFF, 0xFE, 0x7B, 0x7D]), problem: "manifest.json is not JSON"),
    .weights("weights empty", Data(), "weights.safetensors: <safetensors data>: file is 0 bytes"),
    .weights("weights not safetensors", Data("this is not a safetensors file".utf8), "weights.safetensors: <safetensors data>: header length"),
    .weights("weights with a duplicate tensor",
             rawSafeTensors(#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                            Array(repeating: 0, count: 8)),
             "tensor 'w' appears more than once"),
    .weights("weights with an overflowing shape",
             rawSafeTensors(#"{"w":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,4]}}"#, [0, 0, 0, 0]),
             "is too large (its byte count overflows)"),
]

@Suite("Bad input: checkpoint archives")
struct BadInputCheckpointTests {
    /// The entries of a good tiny-unet checkpoint, in archive order.
    private func goodEntries() throws -> [(name: String, data: Data)] { try tinyUNetCheckpoint().checkpoint.entries() }

    /// The `ZooError` of reading `url`, or nil if it read.
    private func readError(_ url: URL, expectedSHA256: String? = nil) -> ZooError? {
        do {
            _ = try Checkpoint.read(from: url, expectedSHA256: expectedSHA256)
            return nil
        } catch let error as ZooError {
            return error
        } catch {
            Issue.record("not a ZooError: \(error)")
            return nil
        }
    }

    /// Checks that `error` is `notACheckpoint` for `url` whose message states `problem`.
    private func expectNotACheckpoint(_ error: ZooError?, _ url: URL, _ problem: String) {
        guard case let .notACheckpoint(path, reason)? = error else {
            Issue.record("expected notACheckpoint(\(problem)), got \(String(describing: error))")
            return
        }
        #expect(path == url.path)
        #expect(reason.contains(problem), "\(reason)")
        #expect(error?.description.hasPrefix("\(url.path) is not a DANCER Zoo checkpoint: ") == true)
    }

    @Test(arguments: spoiledCheckpoints)
    func spoiledEntriesAreRefused(_ spoiled: SpoiledCheckpoint) throws {
        var entries = try goodEntries().filter { !spoiled.dropped.contains($0.name) }
        for (index, entry) in entries.enumerated() {
            if entry.name == Checkpoint.manifestEntry, let manifest = spoiled.manifest { entries[index].data = manifest }
            if entry.name == Checkpoint.weightsEntry, let weights = spoiled.weights { entries[index].data = weights }
        }
        let url = try scratchDirectory().appendingPathComponent("spoiled.zip")
        try ZipArchive.write(entries, to: url)
        expectNotACheckpoint(readError(url), url, spoiled.problem)
    }

    @Test func emptyFileIsNotACheckpoint() throws {
        let url = try scratchDirectory().appendingPathComponent("empty.zip")
        try Data().write(to: url)
        expectNotACheckpoint(readError(url), url, "not a zip archive")
    }

    @Test func aSafeTensorsFileIsNotACheckpoint() throws {
        let (network, _) = try tinyUNetCheckpoint()
        let url = try scratchDirectory().appendingPathComponent("weights.zip")
        try network.layer.safeTensorsFile().write(to: url)
        expectNotACheckpoint(readError(url), url, "not a zip archive")
    }

    /// Directories and devices are refused before hashing (`/dev/zero` would be hashed forever).
    @Test func nonRegularFilesAreRefusedBeforeHashing() throws {
        let directory = try scratchDirectory()
        var paths = [directory]
        if FileManager.default.fileExists(atPath: "/dev/zero") { paths.append(URL(fileURLWithPath: "/dev/zero")) }
        for url in paths {
            expectNotACheckpoint(readError(url, expectedSHA256: String(repeating: "0", count: 64)), url, "not a regular file")
        }
        let target = directory.appendingPathComponent("real.zip"), link = directory.appendingPathComponent("link.zip")
        try ZipArchive.write(try goodEntries(), to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(readError(link, expectedSHA256: try SHA256.hash(fileAt: target)) == nil)
    }

    // MARK: - Inert attachments

    /// A pickle and scripts inside an archive are kept as bytes and never run: loading succeeds,
    /// the bytes come back unchanged, and the files their code would create do not appear.
    @Test func executableLookingEntriesAreInertAttachments() throws {
        let directory = try scratchDirectory()
        let marker = directory.appendingPathComponent("executed")
        // Protocol-0 pickle that calls os.system("touch <marker>") when unpickled.
        let pickle = Data("cos\nsystem\n(S'touch \(marker.path)'\ntR.".utf8)
        let script = Data("import pathlib\npathlib.Path('\(marker.path)').touch()\n".utf8)
        let shell = Data("#!/bin/sh\ntouch '\(marker.path)'\n".utf8)
        let extras: [(name: String, data: Data)] = [
            ("data.pkl", pickle), ("setup.py", script), ("__init__.py", script), ("run.sh", shell),
            ("archive/data.pkl", pickle), ("model.pt", Data([0x80, 0x02, 0x63]) + pickle),
        ]
        let url = directory.appendingPathComponent("with-extras.zip")
        try ZipArchive.write(try goodEntries() + extras, to: url)
        let checkpoint = try Checkpoint.read(from: url)
        for (name, data) in extras { #expect(checkpoint.attachments[name] == data, "\(name)") }
        let entry = try ModelZoo.shared.entry("unet")
        let denoiser = try ModelZoo.shared.denoiser(entry, from: checkpoint, path: url.path)
        #expect(denoiser.card.id == "unet")
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    // MARK: - Tampering and checksums

    @Test func oneFlippedByteFailsTheChecksumBeforeAnythingIsRead() throws {
        let url = try scratchDirectory().appendingPathComponent("tampered.zip")
        try ZipArchive.write(try goodEntries(), to: url, compression: .store)
        let good = try SHA256.hash(fileAt: url)
        var bytes = try Data(contentsOf: url)
        let weights = try tinyUNetCheckpoint().checkpoint.weights.serialized()
        let start = try #require(bytes.range(of: weights)?.lowerBound)
        bytes[start + weights.count - 3] ^= 0x40   // a weight, not a header byte
        try bytes.write(to: url)
        let error = readError(url, expectedSHA256: good)
        guard case let .checksumMismatch(path, expected, found)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(path == url.path && expected == good && found != good)
        #expect(error?.description.contains("the file is corrupt or not the registered one") == true)
        // Without a registered checksum the zip CRC still catches it.
        expectNotACheckpoint(readError(url), url, "entry 'weights.safetensors' fails its CRC-32 check")
    }

    @Test(arguments: ["", "xyz", String(repeating: "g", count: 64)])
    func malformedExpectedChecksumNeverMatches(expected: String) throws {
        let url = try scratchDirectory().appendingPathComponent("c.zip")
        try ZipArchive.write(try goodEntries(), to: url)
        guard case .checksumMismatch? = readError(url, expectedSHA256: expected) else { Issue.record("accepted '\(expected)'"); return }
    }

    @Test func uppercaseExpectedChecksumIsAccepted() throws {
        let url = try scratchDirectory().appendingPathComponent("c.zip")
        try ZipArchive.write(try goodEntries(), to: url)
        #expect(readError(url, expectedSHA256: try SHA256.hash(fileAt: url).uppercased()) == nil)
    }

    // MARK: - Hostile archive structure

    @Test(arguments: ["../x", "/etc/passwd", "a/../../b", "..\\evil", "C:/evil"])
    func unsafeEntryNameIsRefused(name: String) throws {
        let placeholder = String(repeating: "q", count: name.utf8.count)
        let url = try scratchDirectory().appendingPathComponent("unsafe.zip")
        try ZipArchive.write(try goodEntries() + [(placeholder, Data("inert".utf8))], to: url)
        var bytes = try Data(contentsOf: url)
        try replaceAll(Data(placeholder.utf8), with: Data(name.utf8), in: &bytes, expected: 2)
        try bytes.write(to: url)
        expectNotACheckpoint(readError(url), url, "unsafe entry name '\(name)'")
    }

    @Test func entryOverTheCheckpointSizeLimitIsRefusedBeforeReading() throws {
        let url = try scratchDirectory().appendingPathComponent("big.zip")
        try ZipArchive.write(try goodEntries(), to: url)
        var bytes = try Data(contentsOf: url)
        try patchDeclaredSize(of: Checkpoint.weightsEntry, in: &bytes, to: 300 << 20)
        try bytes.write(to: url)
        expectNotACheckpoint(readError(url), url,
                             "entry 'weights.safetensors' is \(300 << 20) bytes uncompressed, over the \(Checkpoint.maxEntrySize)-byte limit")
    }

    @Test func entriesOverTheCheckpointTotalLimitAreRefusedBeforeReading() throws {
        let url = try scratchDirectory().appendingPathComponent("total.zip")
        try ZipArchive.write(try goodEntries(), to: url)
        var bytes = try Data(contentsOf: url)
        for name in [Checkpoint.manifestEntry, Checkpoint.weightsEntry, Checkpoint.cardEntry] {
            try patchDeclaredSize(of: name, in: &bytes, to: 200 << 20)
        }
        try bytes.write(to: url)
        expectNotACheckpoint(readError(url), url, "over the \(Checkpoint.maxTotalSize)-byte limit")
    }

    @Test func tooManyEntriesAreRefused() throws {
        let url = try scratchDirectory().appendingPathComponent("many.zip")
        let good = try goodEntries()
        let filler = (0..<(Checkpoint.maxEntryCount + 1 - good.count)).map { (name: "filler/\($0)", data: Data()) }
        try ZipArchive.write(good + filler, to: url)
        expectNotACheckpoint(readError(url), url,
                             "the archive has \(Checkpoint.maxEntryCount + 1) entries, over the limit of \(Checkpoint.maxEntryCount)")
    }

    /// Replaces every occurrence of `old` by `new` (same length) and checks how many there were.
    private func replaceAll(_ old: Data, with new: Data, in bytes: inout Data, expected: Int) throws {
        try #require(old.count == new.count)
        var found = 0
        var searchStart = bytes.startIndex
        while let range = bytes.range(of: old, in: searchStart..<bytes.endIndex) {
            bytes.replaceSubrange(range, with: new)
            searchStart = range.upperBound
            found += 1
        }
        #expect(found == expected)
    }

    /// Sets the declared uncompressed size of entry `name` in its local and central headers.
    private func patchDeclaredSize(of name: String, in bytes: inout Data, to size: UInt32) throws {
        let little = withUnsafeBytes(of: size.littleEndian) { Data($0) }
        var patched = 0
        var searchStart = bytes.startIndex
        while let range = bytes.range(of: Data(name.utf8), in: searchStart..<bytes.endIndex) {
            searchStart = range.upperBound
            let localHeader = range.lowerBound - 30, centralHeader = range.lowerBound - 46
            if localHeader >= 0, bytes[localHeader..<localHeader + 4] == Data([0x50, 0x4B, 0x03, 0x04]) {
                bytes.replaceSubrange(localHeader + 22..<localHeader + 26, with: little)
                patched += 1
            } else if centralHeader >= 0, bytes[centralHeader..<centralHeader + 4] == Data([0x50, 0x4B, 0x01, 0x02]) {
                bytes.replaceSubrange(centralHeader + 24..<centralHeader + 28, with: little)
                patched += 1
            }
        }
        try #require(patched == 2, "\(name): patched \(patched) headers")
    }
}
