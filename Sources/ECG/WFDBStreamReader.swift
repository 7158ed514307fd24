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

    /// One data file, checked against the header, and an open handle on it.
    private struct FileGroup {
        var file: WFDBRecord.DataFile
        var handle: FileHandle
        var url: URL { file.url }
    }

    /// Opens the record: parses the header, checks formats and data file sizes (every file must
    /// hold exactly the frames the header declares, as ``WFDBRecord/readDigital(header:directory:verifyChecksums:)`` requires).
    ///
    /// ```swift
    /// let reader = try WFDBStreamReader(headerAt: url)
    /// ```
    public init(headerAt url: URL) throws {
        let header = try WFDBHeader(contentsOf: url)
        self.header = header
        guard !header.signals.isEmpty else { throw ECGError.emptySignal(context: "\(url.path) (the header declares no signals)") }
        let files = try WFDBRecord.dataFiles(of: header, in: url.deletingLastPathComponent())
        var groups: [FileGroup] = []
        for file in files {
            let handle: FileHandle
            do { handle = try FileHandle(forReadingFrom: file.url) } catch {
                throw ECGError.ioFailure(path: file.url.path, reason: "cannot open: \(error.localizedDescription)")
            }
            groups.append(FileGroup(file: file, handle: handle))
        }
        sampleCount = files[0].frames
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
            for (k, index) in group.file.signals.enumerated() {
                leads[index] = WFDBRecord.physical(digital[k], spec: header.signals[index])
            }
        }
        return leads
    }

    /// Digital samples of one file's signals for `frames`.
    private func readDigital(_ group: FileGroup, frames: Range<Int>) throws -> [[Int32]] {
        let n = group.file.signals.count, format = group.file.format
        guard !frames.isEmpty else { return Array(repeating: [], count: n) }
        // Format 212 packs sample pairs into 3 bytes: start at an even sample index.
        let first = frames.lowerBound * n, end = frames.upperBound * n
        let aligned = format == 212 ? first & ~1 : first
        let byteStart = group.file.byteOffset + WFDBSignalDecoder.byteCount(format: format, sampleCount: aligned)
        let byteCount = WFDBSignalDecoder.byteCount(format: format, sampleCount: end - aligned)
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
        let flat = try WFDBSignalDecoder.decode(data, format: format, signalCount: 1,
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
}
