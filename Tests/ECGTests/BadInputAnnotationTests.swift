import Foundation
import Random
import Testing
@testable import ECG

/// Hostile MIT annotation bytes and the problem the error must name.
struct HostileAnnotations: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var problem: String
    var testDescription: String { name }

    init(_ name: String, _ bytes: [UInt8], _ problem: String) {
        self.name = name
        self.bytes = bytes
        self.problem = problem
    }
}

@Suite("Bad input: MIT annotation files", .timeLimit(.minutes(2)))
struct BadInputAnnotationTests {
    // Words are little-endian: code << 10 | interval. N = 1, V = 5, SKIP = 59, NUM = 60, AUX = 63.
    static let endMarker: [UInt8] = [0x00, 0x00]
    static let normalBeat: [UInt8] = [0x05, 0x04]   // N, 5 samples on

    static let cases: [HostileAnnotations] = [
        .init("empty file", [], "the file is empty"),
        .init("a single byte", [0x05], "ends mid-record: odd length 1 bytes"),
        .init("no end-of-file marker", normalBeat, "ends at byte 2 without the end-of-file marker"),
        .init("SKIP with no interval", [0x00, 0xEC], "SKIP at byte 0 is cut short"),
        .init("SKIP with half its interval", [0x00, 0xEC, 0x00, 0x00], "SKIP at byte 0 is cut short"),
        .init("SKIP cut after a beat", normalBeat + [0x00, 0xEC, 0x01, 0x00, 0x00], "SKIP at byte 2 is cut short"),
        .init("AUX of 200 bytes with 2 present", normalBeat + [0xC8, 0xFC, 0x41, 0x42], "AUX of 200 bytes at byte 2 runs past the end (6 bytes)"),
        .init("AUX of 1023 bytes at the end", normalBeat + [0xFF, 0xFF] + endMarker, "AUX of 1023 bytes at byte 2 runs past the end"),
        .init("odd AUX without its pad byte", normalBeat + [0x03, 0xFC, 0x41, 0x42, 0x43], "ends at byte 7 without the end-of-file marker"),
        .init("AUX before any annotation", [0x02, 0xFC, 0x41, 0x42] + endMarker, "AUX before any annotation at byte 0"),
        .init("SKIP back before sample 0", [0x00, 0xEC, 0xFF, 0xFF, 0x9C, 0xFF] + normalBeat + endMarker, "negative time at byte 6"),
        .init("a PNG file", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "without the end-of-file marker"),
    ]

    @Test("a malformed annotation file is a malformedAnnotations error naming file and problem", arguments: cases)
    func malformed(_ hostile: HostileAnnotations) throws {
        let url = try HostileFiles.write(hostile.bytes, named: "r.atr")
        expectECGError("malformedAnnotations", mentioning: [url.path, hostile.problem]) { _ = try Annotation.read(from: url) }
    }

    /// N at 5, SKIP +1000, V at +3, NUM 2, AUX "(N", N at +7, odd AUX "(AB" with its pad, end.
    static let valid: [UInt8] = normalBeat + [0x00, 0xEC, 0x00, 0x00, 0xE8, 0x03, 0x03, 0x14, 0x02, 0xF0,
                                              0x02, 0xFC, 0x28, 0x4E, 0x07, 0x04, 0x03, 0xFC, 0x28, 0x41, 0x42, 0x00]
        + endMarker

    @Test("every proper prefix of a valid file is an error, never a shorter list")
    func everyTruncation() throws {
        let url = try HostileFiles.write(Self.valid, named: "t.atr")
        #expect(try Annotation.read(from: url).map(\.sample) == [5, 1008, 1015])
        for length in 0..<Self.valid.count {
            try Data(Self.valid.prefix(length)).write(to: url)
            let error = #expect(throws: ECGError.self, "\(length) bytes") { try Annotation.read(from: url) }
            #expect(error?.caseName == "malformedAnnotations" && error?.description.contains(url.path) == true)
        }
    }

    @Test("byte-flipped files: annotations or an ECGError, nothing else")
    func fuzz() throws {
        var rng = SeededGenerator(seed: 11)
        for round in 0..<2000 {
            var bytes = Self.valid
            for _ in 0..<(1 + rng.index(below: 4)) { bytes[rng.index(below: bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            expectSuccessOrECGError("round \(round)") { _ = try Annotation.parse(Data(bytes), file: "f.atr") }
        }
    }
}
