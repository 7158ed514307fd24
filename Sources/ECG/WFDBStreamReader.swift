import Foundation

/// Reads a WFDB record's samples frame range by frame range, straight from the data files,
/// so a 24-hour Holter record never has to be in memory whole. Formats 212, 16, 61 and 80;
/// one or more data files; byte offsets.
///
/// ```swift
/// let reader = try WFDBStreamReader(headerAt: URL(fileURLWithPath: "holter/h01.hea"))
/// let chunk = try reader.read(frames: 0..<(1 << 20))   // [[Float]] per lead, in mV
/// ```
public final class WFDBStreamReader: SignalSource {
    /// The parsed header.
    public let header: WFDBHeader
    public let sampleCount: Int
    private let groups: [FileGroup]

    /// One data file and the signals interleaved in it.
    private struct FileGroup {
        var url: URL
        var handle: FileHandle
        var signals: [Int]
        var format: Int
        var byteOffset: Int
    }

    /// Opens the record: parses the header, checks formats and data file sizes.
    ///
    /// ```swift
    /// let reader = try WFDBStreamReader(headerAt: url)
    /// ```
    public init(headerAt url: URL) throws {
        let header = try WFDBHeader(contentsOf: url)
        self.header = header
        guard !header.signals.isEmpty else { throw ECGError.emptySignal(context: url.path) }
        let directory = url.deletingLastPathComponent()
        var groups: [FileGroup] = [], count: Int?
        for indices in WFDBRecord.fileGroups(header) {
            let spec = header.signals[indices[0]]
            let dataURL = directory.appendingPathComponent(spec.fileName)
            try Self.checkSupported(indices.map { header.signals[$0] }, first: spec, file: dataURL.path)
            guard FileManager.default.fileExists(atPath: dataURL.path) else { throw ECGError.fileNotFound(path: dataURL.path) }
            let size = try Self.fileSize(dataURL)
            let payload = size - spec.byteOffset
            let frames = header.sampleCount ?? Self.frames(payloadBytes: payload, format: spec.format, signals: indices.count)
            let needed = WFDBSignalDecoder.byteCount(format: spec.format, sampleCount: frames * indices.count)
            guard payload >= needed else {
                throw ECGError.truncatedData(file: dataURL.path, expectedBytes: needed + spec.byteOffset, actualBytes: size)
            }
            count = min(count ?? frames, frames)
            let handle: FileHandle
            do { handle = try FileHandle(forReadingFrom: dataURL) } catch {
                throw ECGError.ioFailure(path: dataURL.path, reason: "cannot open: \(error.localizedDescription)")
            }
            groups.append(FileGroup(url: dataURL, handle: handle, signals: indices, format: spec.format,
                                    byteOffset: spec.byteOffset))
        }
        guard let frames = count, frames > 0 else { throw ECGError.emptySignal(context: url.path) }
        sampleCount = frames
        self.groups = groups
    }

    deinit { for group in groups { try? group.handle.close() } }

    public var sampleRate: Double { header.sampleRate }
    public var leadNames: [String] { header.signals.map { $0.description.isEmpty ? $0.fileName : $0.description } }
    public var units: [String] { header.signals.map(\.units) }

    /// The samples of `frames` for every signal in physical units (invalid samples are NaN).
    ///
    /// ```swift
    /// let leads = try reader.read(frames: 1000..<2000)
    /// ```
    public func read(frames: Range<Int>) throws -> [[Float]] {
        guard frames.lowerBound >= 0, frames.upperBound <= sampleCount else {
            throw ECGError.invalidArgument("frames \(frames) outside the record's 0..<\(sampleCount)")
        }
        var leads = [[Float]](repeating: [], count: header.signals.count)
        for group in groups {
            let digital = try readDigital(group, frames: frames)
            for (k, index) in group.signals.enumerated() {
                leads[index] = WFDBRecord.physical(digital[k], spec: header.signals[index])
            }
        }
        return leads
    }

    /// Digital samples of one file's signals for `frames`.
    private func readDigital(_ group: FileGroup, frames: Range<Int>) throws -> [[Int32]] {
        let n = group.signals.count
        guard !frames.isEmpty else { return Array(repeating: [], count: n) }
        // Format 212 packs sample pairs into 3 bytes: start at an even sample index.
        let first = frames.lowerBound * n, end = frames.upperBound * n
        let aligned = group.format == 212 ? first & ~1 : first
        let byteStart = group.byteOffset + WFDBSignalDecoder.byteCount(format: group.format, sampleCount: aligned)
        let byteCount = WFDBSignalDecoder.byteCount(format: group.format, sampleCount: end - aligned)
        let data: Data
        do {
            try group.handle.seek(toOffset: UInt64(byteStart))
            data = try group.handle.read(upToCount: byteCount) ?? Data()
        } catch {
            throw ECGError.ioFailure(path: group.url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        guard data.count == byteCount else {
            throw ECGError.truncatedData(file: group.url.path, expectedBytes: byteStart + byteCount, actualBytes: byteStart + data.count)
        }
        let flat = try WFDBSignalDecoder.decode(data, format: group.format, signalCount: 1,
                                                frameCount: end - aligned, file: group.url.path)[0]
        let skip = first - aligned, count = frames.count
        return (0..<n).map { s in
            [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
                flat.withUnsafeBufferPointer { src in
                    for t in 0..<count { buffer[t] = src[skip + t * n + s] }
                }
                initialized = count
            }
        }
    }

    private static func checkSupported(_ specs: [WFDBSignalSpec], first: WFDBSignalSpec, file: String) throws {
        for s in specs {
            guard WFDBSignalDecoder.supportedFormats.contains(s.format) else {
                throw ECGError.unsupportedFormat(file: file, format: String(s.format))
            }
            guard s.format == first.format, s.byteOffset == first.byteOffset, s.samplesPerFrame == 1, s.skew == 0 else {
                throw ECGError.unsupportedFormat(file: file, format: "\(s.format) with mixed formats/offsets, samples per frame ≠ 1 or skew ≠ 0")
            }
        }
    }

    private static func fileSize(_ url: URL) throws -> Int {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let size = (attributes[.size] as? NSNumber)?.intValue else {
            throw ECGError.ioFailure(path: url.path, reason: "cannot read the file size")
        }
        return size
    }

    private static func frames(payloadBytes: Int, format: Int, signals: Int) -> Int {
        let samples = format == 212 ? payloadBytes * 2 / 3 : format == 80 ? payloadBytes : payloadBytes / 2
        return samples / max(1, signals)
    }
}
