import Foundation
import Testing
@testable import ZipArchive

/// Hostile and damaged zip archives: each must give a typed `ZipArchiveError` that names the
/// file and the problem — never a crash, a hang, an unbounded allocation or a read past a
/// declared size.
@Suite final class BadInputZipArchiveTests {
    let directory: URL

    init() throws { directory = try ZipTestSupport.makeTemporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func file(_ name: String, _ bytes: Data) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try bytes.write(to: url)
        return url
    }

    /// The error of reading every entry of `url`, or nil if it read. The same bytes read from
    /// memory (`ZipArchive.read(bytes:url:)`, the path of checksum-verified checkpoints) must
    /// give the same entries or the same error.
    private func readError(_ url: URL, maxEntrySize: Int = ZipArchive.defaultMaxEntrySize,
                           maxTotalSize: Int = ZipArchive.defaultMaxTotalSize,
                           maxEntryCount: Int = ZipArchive.defaultMaxEntryCount) -> ZipArchiveError? {
        let fromFile = outcome {
            try ZipArchive.read(from: url, maxEntrySize: maxEntrySize, maxTotalSize: maxTotalSize, maxEntryCount: maxEntryCount)
        }
        if let bytes = try? Data(contentsOf: url) {
            let fromMemory = outcome {
                try ZipArchive.read(bytes: bytes, url: url, maxEntrySize: maxEntrySize, maxTotalSize: maxTotalSize,
                                    maxEntryCount: maxEntryCount)
            }
            #expect(Self.summary(fromMemory) == Self.summary(fromFile), "\(url.lastPathComponent): memory vs file")
        }
        if case .failure(let error) = fromFile { return error }
        return nil
    }

    /// The entries in name order, or the error's text.
    private static func summary(_ result: Result<[String: Data], ZipArchiveError>) -> String {
        switch result {
        case .success(let entries): return entries.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.base64EncodedString())" }.joined(separator: ",")
        case .failure(let error): return "\(error)"
        }
    }

    private func outcome(_ read: () throws -> [String: Data]) -> Result<[String: Data], ZipArchiveError> {
        do {
            return .success(try read())
        } catch let error as ZipArchiveError {
            return .failure(error)
        } catch {
            Issue.record("untyped error \(error)")
            return .failure(.notAZipArchive(path: "untyped"))
        }
    }

    /// Checks that `error` is a corrupt-archive error naming `url`.
    private func expectCorrupt(_ error: ZipArchiveError?, _ url: URL, _ comment: Comment? = nil) {
        guard case let .corruptArchive(path, _)? = error else {
            Issue.record("expected corruptArchive, got \(String(describing: error))")
            return
        }
        #expect(path == url.path, comment)
        #expect(error?.description.hasPrefix("\(url.path): corrupt or truncated zip archive") == true, comment)
    }

    // MARK: - Not a zip, empty, truncated

    @Test(arguments: [
        ("png.zip", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64))),
        ("one-byte.zip", Data([0x50])),
        ("zeros.zip", Data(count: 4096)),
        ("safetensors.zip", Data([2, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D])),
    ])
    func foreignBytesAreNotAZip(name: String, bytes: Data) throws {
        let url = try file(name, bytes)
        let error = readError(url)
        #expect(error == .notAZipArchive(path: url.path))
        #expect(error?.description == "\(url.path): not a zip archive")
    }

    @Test func localHeaderSignatureFollowedByJunkIsCorrupt() throws {
        let url = try file("junk.zip", Data([0x50, 0x4B, 0x03, 0x04]) + ZipTestSupport.pseudoRandomBytes(count: 300, seed: 9))
        expectCorrupt(readError(url), url)
    }

    /// Every strict prefix of a valid archive is refused with a typed error (no crash, no partial read).
    @Test func everyTruncationIsRefused() throws {
        let whole = RawZipBuilder([.init("manifest.json", "{}"), .init("weights.bin", "0123456789")]).bytes()
        for length in 1..<whole.count {
            let url = try file("cut-\(length).zip", whole.prefix(length))
            switch readError(url) {
            case .notAZipArchive(url.path)?, .corruptArchive(url.path, _)?:
                break
            case let other:
                Issue.record("prefix of \(length) bytes: \(String(describing: other))")
            }
            try FileManager.default.removeItem(at: url)
        }
    }

    // MARK: - Corrupt central directory

    @Test func brokenCentralDirectorySignature() throws {
        var bytes = RawZipBuilder([.init("a.txt")]).bytes()
        let central = try #require(ZipTestSupport.offset(of: Data([0x50, 0x4B, 0x01, 0x02]), in: bytes))
        bytes[central + 2] = 0x7F
        let url = try file("cd-signature.zip", bytes)
        expectCorrupt(readError(url), url)
    }

    @Test func centralDirectoryOffsetPastTheEnd() throws {
        var builder = RawZipBuilder([.init("a.txt")])
        builder.declaredDirectoryOffset = 0x7FFF_FFFF
        let url = try file("cd-offset.zip", builder.bytes())
        expectCorrupt(readError(url), url)
    }

    @Test func entryCountDisagreesWithCentralDirectory() throws {
        for count: UInt16 in [0, 2, 0xFFFF] {
            var builder = RawZipBuilder([.init("a.txt")])
            builder.declaredEntryCount = count
            let url = try file("count-\(count).zip", builder.bytes())
            expectCorrupt(readError(url), url, "declared \(count) entries")
        }
    }

    @Test func localAndCentralNamesDisagree() throws {
        var entry = RawZipBuilder.Entry("a.txt")
        entry.centralName = Array("b.txt".utf8)
        let url = try file("names.zip", RawZipBuilder([entry]).bytes())
        let error = readError(url)
        guard case .corruptArchive? = error else { Issue.record("got \(String(describing: error))"); return }
    }

    // MARK: - CRC

    @Test func wrongCRCOnADeflatedEntry() throws {
        let payload = Data(String(repeating: "deflate me ", count: 200).utf8)
        let url = directory.appendingPathComponent("crc-deflate.zip")
        try ZipArchive.write([(name: "w.bin", data: payload)], to: url)
        var bytes = try Data(contentsOf: url)
        let central = try #require(ZipTestSupport.offset(of: Data([0x50, 0x4B, 0x01, 0x02]), in: bytes))
        for offset in [14, central + 16] { bytes[offset] ^= 0x01 }   // the CRC field of both headers
        try bytes.write(to: url)
        let error = readError(url)
        #expect(error == .crcMismatch(path: url.path, entry: "w.bin"))
        #expect(error?.description == "\(url.path): entry 'w.bin' fails its CRC-32 check (corrupted data)")
    }

    @Test func wrongCRCOnAStoredEntryWrittenByHand() throws {
        var entry = RawZipBuilder.Entry("weights.bin", "0123456789")
        entry.crc = 0xDEAD_BEEF
        let url = try file("crc-raw.zip", RawZipBuilder([entry]).bytes())
        #expect(readError(url) == .crcMismatch(path: url.path, entry: "weights.bin"))
    }

    // MARK: - Unsafe entry names

    @Test(arguments: [
        ("../x", "contains '..'"),
        ("..", "contains '..'"),
        ("a/../../b", "contains '..'"),
        ("x/..", "contains '..'"),
        ("/etc/passwd", "absolute path"),
        ("C:/Windows/win.ini", "absolute path"),
        ("c:evil", "absolute path"),
        ("..\\..\\evil.txt", "contains a backslash"),
        ("a\\b", "contains a backslash"),
        ("line\nbreak", "contains a control character"),
        ("carriage\rreturn", "contains a control character"),
        ("tab\there", "contains a control character"),
        ("delete\u{7F}", "contains a control character"),
        ("", "empty"),
    ])
    func unsafeEntryNamesAreRefused(name: String, reason: String) throws {
        var unsafe = RawZipBuilder.Entry(name)
        unsafe.utf8Name = true   // taken as is; without the flag libzip maps bytes below 0x20 to CP437 glyphs
        let url = try file("unsafe.zip", RawZipBuilder([.init("manifest.json", "{}"), unsafe]).bytes())
        let error = readError(url)
        #expect(error == .invalidEntryName(path: url.path, entry: name, reason: reason))
        let text = error?.description ?? ""
        #expect(text.hasPrefix("\(url.path): unsafe entry name '") && text.hasSuffix(reason), "\(text)")
        #expect(!text.contains("\n") && !text.contains("\u{1B}"), "control characters are escaped: \(text)")
        #expect(throws: ZipArchiveError.invalidEntryName(path: url.path, entry: name, reason: reason)) {
            try ZipArchiveReader(contentsOf: url)
        }
    }

    /// libzip itself refuses a UTF-8-flagged name with control characters other than tab, CR, LF.
    @Test func utf8NamesWithOtherControlCharactersAreCorrupt() throws {
        for name in ["a\u{01}b", "escape\u{1B}[2J"] {
            var entry = RawZipBuilder.Entry(name)
            entry.utf8Name = true
            let url = try file("utf8-control.zip", RawZipBuilder([entry]).bytes())
            expectCorrupt(readError(url), url, "\(name.debugDescription)")
        }
    }

    /// Without the UTF-8 flag libzip reads names as CP437, whose bytes 0x01–0x1F are glyphs
    /// (`☺`, `←`): a control character never reaches the caller that way either.
    @Test func cp437NamesNeverCarryControlCharacters() throws {
        let url = try file("cp437.zip", RawZipBuilder([.init("a\u{01}b"), .init("esc\u{1B}[2J")]).bytes())
        let entries = try ZipArchive.read(from: url)
        #expect(entries.count == 2)
        #expect(entries.keys.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 } }, "\(entries.keys)")
    }

    /// libzip turns a NUL inside a stored name into a space before we see it, so a NUL can
    /// neither hide a suffix (`manifest.json\0.exe`) nor alias another entry.
    @Test func nulInAStoredNameNeverReachesTheCaller() throws {
        for utf8Name in [false, true] {
            var entry = RawZipBuilder.Entry(name: Array("manifest.json\0.exe".utf8), data: [1])
            entry.utf8Name = utf8Name
            let url = try file("nul.zip", RawZipBuilder([entry]).bytes())
            let names = try ZipArchive.entryNames(in: url)
            #expect(names == ["manifest.json .exe"], "UTF-8 flag \(utf8Name)")
        }
    }

    @Test(arguments: ["manifest.json", "dir/sub/file.txt", "..hidden", "a..b", "dir/", "ünïcödé.txt"])
    func ordinaryNamesAreAccepted(name: String) throws {
        let url = try file("fine.zip", try ZipArchive.archiveData([(name: name, data: Data("x".utf8))]))
        #expect(try ZipArchive.read(from: url) == [name: Data("x".utf8)])
    }

    @Test(arguments: ["..\\x", "a\u{01}b", "C:/x"])
    func theWriterRefusesWhatTheReaderRefuses(name: String) {
        #expect(throws: ZipArchiveError.self) { try ZipArchive.archiveData([(name: name, data: Data())]) }
    }

    // MARK: - Duplicates and entry counts

    @Test func duplicateEntryNamesAreRefused() throws {
        let url = try file("dup.zip", RawZipBuilder([.init("weights.bin", "good"), .init("weights.bin", "evil")]).bytes())
        let error = readError(url)
        #expect(error == .corruptArchive(path: url.path, reason: "two entries have the same name"))
        #expect(throws: ZipArchiveError.self) { try ZipArchiveReader(contentsOf: url) }
    }

    @Test func moreEntriesThanTheLimit() throws {
        let entries = (0..<11).map { RawZipBuilder.Entry("e\($0).txt", "") }
        let url = try file("many.zip", RawZipBuilder(entries).bytes())
        let error = readError(url, maxEntryCount: 10)
        #expect(error == .tooManyEntries(path: url.path, count: 11, limit: 10))
        #expect(error?.description == "\(url.path): the archive has 11 entries, over the limit of 10")
        #expect(readError(url, maxEntryCount: 11) == nil)
    }

    @Test func theDefaultEntryCountLimitHolds() throws {
        let count = ZipArchive.defaultMaxEntryCount + 1
        let entries = (0..<count).map { RawZipBuilder.Entry(name: Array("\($0)".utf8), data: []) }
        let url = try file("huge-count.zip", RawZipBuilder(entries).bytes())
        #expect(readError(url) == .tooManyEntries(path: url.path, count: count, limit: ZipArchive.defaultMaxEntryCount))
        #expect(throws: ZipArchiveError.tooManyEntries(path: url.path, count: count, limit: ZipArchive.defaultMaxEntryCount)) {
            try ZipArchive.entryNames(in: url)
        }
    }

    /// A zip64 end record claiming 50 million or 2^40 entries for a one-entry directory is
    /// refused by libzip as inconsistent, quickly and without allocating for the claim.
    @Test(arguments: [UInt64(50_000_000), 1 << 40])
    func zip64EntryCountFarBeyondTheDirectoryIsCorrupt(claimed: UInt64) throws {
        let url = try file("zip64-count.zip", zip64Archive(claimingEntries: claimed))
        let start = Date()
        expectCorrupt(readError(url), url)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    /// One stored entry whose end records are zip64: the classic record defers to the zip64 one,
    /// which claims `count` entries.
    private func zip64Archive(claimingEntries count: UInt64) -> Data {
        var bytes = RawZipBuilder([.init("a.txt")]).bytes().dropLast(22)   // without the classic end record
        let directorySize = UInt64(46 + 5), directoryOffset = UInt64(bytes.count) - directorySize
        let zip64EndOffset = UInt64(bytes.count)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        append(UInt32(0x0606_4B50)); append(UInt64(44)); append(UInt16(45)); append(UInt16(45))
        append(UInt32(0)); append(UInt32(0)); append(count); append(count); append(directorySize); append(directoryOffset)
        append(UInt32(0x0706_4B50)); append(UInt32(0)); append(zip64EndOffset); append(UInt32(1))
        append(UInt32(0x0605_4B50)); append(UInt16(0)); append(UInt16(0)); append(UInt16(0xFFFF)); append(UInt16(0xFFFF))
        append(UInt32(0xFFFF_FFFF)); append(UInt32(0xFFFF_FFFF)); append(UInt16(0))
        return Data(bytes)
    }

    // MARK: - Zip bombs and lying sizes

    /// 4 MiB of zeros deflate to ~4 KiB; declared as 100 bytes, the reader stops at 101.
    @Test func inflatesToMoreThanDeclared() throws {
        let url = directory.appendingPathComponent("bomb.zip")
        try ZipArchive.write([(name: "zeros.bin", data: Data(count: 4 << 20))], to: url)
        var bytes = try Data(contentsOf: url)
        #expect(bytes.count < 10_000)
        try patchUncompressedSize(of: &bytes, to: 100)
        try bytes.write(to: url)
        let error = readError(url)
        #expect(error == .sizeMismatch(path: url.path, entry: "zeros.bin", declared: 100, found: 101))
        #expect(error?.description == "\(url.path): entry 'zeros.bin' declares 100 bytes but decompresses to more than that")
        let reader = try ZipArchiveReader(contentsOf: url)
        #expect(reader.entrySizes["zeros.bin"] == 100)
    }

    @Test func inflatesToLessThanDeclared() throws {
        let payload = Data(String(repeating: "short ", count: 200).utf8)
        let url = directory.appendingPathComponent("short.zip")
        try ZipArchive.write([(name: "a.txt", data: payload)], to: url)
        var bytes = try Data(contentsOf: url)
        try patchUncompressedSize(of: &bytes, to: UInt32(payload.count + 500))
        try bytes.write(to: url)
        let error = readError(url)
        #expect(error == .sizeMismatch(path: url.path, entry: "a.txt", declared: payload.count + 500, found: payload.count))
        #expect(error?.description == "\(url.path): entry 'a.txt' declares \(payload.count + 500) bytes but decompresses to \(payload.count)")
    }

    /// A 4 GiB declared size is refused from the header alone: nothing is allocated or inflated.
    @Test func declaredSizeOverTheDefaultLimitIsRefusedBeforeReading() throws {
        var entry = RawZipBuilder.Entry(name: Array("weights.safetensors".utf8), data: [0x03, 0x00], method: 8)
        entry.declaredSize = 0xFFFF_FFFE
        let url = try file("declared-4g.zip", RawZipBuilder([entry]).bytes())
        let error = readError(url)
        #expect(error == .entryTooLarge(path: url.path, entry: "weights.safetensors", size: 0xFFFF_FFFE,
                                        limit: ZipArchive.defaultMaxEntrySize))
        #expect(error?.description.contains("over the \(ZipArchive.defaultMaxEntrySize)-byte limit") == true)
    }

    /// Five entries of 250 MiB each pass the per-entry limit but not the 1 GiB total.
    @Test func declaredTotalOverTheDefaultLimitIsRefusedBeforeReading() throws {
        let entries = (0..<5).map { index -> RawZipBuilder.Entry in
            var entry = RawZipBuilder.Entry(name: Array("part\(index).bin".utf8), data: [0x03, 0x00], method: 8)
            entry.declaredSize = 250 << 20
            return entry
        }
        let url = try file("declared-total.zip", RawZipBuilder(entries).bytes())
        #expect(readError(url) == .archiveTooLarge(path: url.path, size: 5 * (250 << 20), limit: ZipArchive.defaultMaxTotalSize))
    }

    /// Reading entries one by one also stops at the total limit.
    @Test func readerStopsAtItsTotalLimit() throws {
        let url = try file("total.zip", RawZipBuilder([.init("a", "0123456789"), .init("b", "0123456789")]).bytes())
        let reader = try ZipArchiveReader(contentsOf: url, maxEntrySize: 10, maxTotalSize: 15)
        #expect(try reader.data(forEntry: "a") == Data("0123456789".utf8))
        #expect(throws: ZipArchiveError.archiveTooLarge(path: url.path, size: 20, limit: 15)) {
            try reader.data(forEntry: "b")
        }
    }

    /// Sets the declared uncompressed size of the (single) entry in both of its headers.
    private func patchUncompressedSize(of bytes: inout Data, to size: UInt32) throws {
        let central = try #require(ZipTestSupport.offset(of: Data([0x50, 0x4B, 0x01, 0x02]), in: bytes))
        let little = withUnsafeBytes(of: size.littleEndian) { Array($0) }
        for offset in [22, central + 24] { bytes.replaceSubrange(offset..<offset + 4, with: little) }
    }
}
