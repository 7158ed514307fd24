import Foundation

/// Writes zip archives byte by byte, so tests can state anything a hostile archive could:
/// raw entry names (NUL, backslashes, `..`), declared sizes and CRCs that lie, duplicate
/// names, entry counts that disagree with the central directory.
struct RawZipBuilder {
    /// One entry as it will be written; every field defaults to the honest value.
    struct Entry {
        var name: [UInt8]
        var data: [UInt8]
        /// 0 = stored, 8 = deflate (the bytes in `data` are then written as they are).
        var method: UInt16 = 0
        var crc: UInt32?
        var declaredSize: UInt32?
        /// A different name for the central directory than for the local header.
        var centralName: [UInt8]?
        /// Sets general purpose flag 11: the name is UTF-8 (otherwise readers take it as CP437).
        var utf8Name = false

        init(name: [UInt8], data: [UInt8], method: UInt16 = 0) {
            self.name = name
            self.data = data
            self.method = method
        }

        init(_ name: String, _ data: String = "payload") {
            self.init(name: Array(name.utf8), data: Array(data.utf8))
        }
    }

    var entries: [Entry] = []
    /// Replaces the entry count in the end-of-central-directory record.
    var declaredEntryCount: UInt16?
    /// Replaces the central directory offset in the end-of-central-directory record.
    var declaredDirectoryOffset: UInt32?

    init(_ entries: [Entry] = []) { self.entries = entries }

    /// The archive's bytes: local headers with data, the central directory, the end record.
    func bytes() -> Data {
        var out = Data()
        var offsets: [UInt32] = []
        for entry in entries {
            offsets.append(UInt32(out.count))
            appendLocalHeader(entry, to: &out)
            out.append(contentsOf: entry.data)
        }
        let directoryStart = out.count
        for (entry, offset) in zip(entries, offsets) { appendCentralHeader(entry, offset: offset, to: &out) }
        let directorySize = out.count - directoryStart
        Self.append(UInt32(0x0605_4B50), to: &out)
        Self.append(UInt16(0), to: &out)
        Self.append(UInt16(0), to: &out)
        Self.append(declaredEntryCount ?? UInt16(entries.count), to: &out)
        Self.append(declaredEntryCount ?? UInt16(entries.count), to: &out)
        Self.append(UInt32(directorySize), to: &out)
        Self.append(declaredDirectoryOffset ?? UInt32(directoryStart), to: &out)
        Self.append(UInt16(0), to: &out)
        return out
    }

    /// Writes `bytes()` to `url`.
    func write(to url: URL) throws { try bytes().write(to: url) }

    private func appendLocalHeader(_ entry: Entry, to out: inout Data) {
        Self.append(UInt32(0x0403_4B50), to: &out)
        Self.append(UInt16(20), to: &out)
        appendCommonFields(entry, name: entry.name, to: &out)
        Self.append(UInt16(0), to: &out)   // extra field length
        out.append(contentsOf: entry.name)
    }

    private func appendCentralHeader(_ entry: Entry, offset: UInt32, to out: inout Data) {
        let name = entry.centralName ?? entry.name
        Self.append(UInt32(0x0201_4B50), to: &out)
        Self.append(UInt16(20), to: &out)   // version made by
        Self.append(UInt16(20), to: &out)   // version needed
        appendCommonFields(entry, name: name, to: &out)
        Self.append(UInt16(0), to: &out)    // extra field length
        Self.append(UInt16(0), to: &out)    // comment length
        Self.append(UInt16(0), to: &out)    // disk number
        Self.append(UInt16(0), to: &out)    // internal attributes
        Self.append(UInt32(0), to: &out)    // external attributes
        Self.append(offset, to: &out)
        out.append(contentsOf: name)
    }

    /// Flags, method, time, date, CRC, sizes and name length: the same in both headers.
    private func appendCommonFields(_ entry: Entry, name: [UInt8], to out: inout Data) {
        Self.append(UInt16(entry.utf8Name ? 0x0800 : 0), to: &out)   // flags
        Self.append(entry.method, to: &out)
        Self.append(UInt16(0), to: &out)        // time 00:00:00
        Self.append(UInt16(0x2821), to: &out)   // date 2000-01-01
        Self.append(entry.crc ?? Self.crc32(entry.data), to: &out)
        Self.append(UInt32(entry.data.count), to: &out)
        Self.append(entry.declaredSize ?? UInt32(entry.data.count), to: &out)
        Self.append(UInt16(name.count), to: &out)
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to out: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    /// CRC-32 (IEEE, as in zip).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
