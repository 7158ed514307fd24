import Foundation

/// Reads WFDB records (header + signal files) into digital samples or a physical `Signal`.
///
/// ```swift
/// let signal = try WFDBRecord.read(headerAt: URL(fileURLWithPath: "mitdb/100.hea"))
/// ```
public enum WFDBRecord {
    /// Reads a record's samples in physical units (`(digital − baseline) / gain`, as Float).
    /// Invalid-sample markers become NaN, as in the WFDB library.
    ///
    /// ```swift
    /// let signal = try WFDBRecord.read(headerAt: url)
    /// ```
    public static func read(headerAt url: URL, verifyChecksums: Bool = true) throws -> Signal {
        let header = try WFDBHeader(contentsOf: url)
        guard !header.signals.isEmpty else { throw ECGError.emptySignal(context: "\(url.path) (the header declares no signals)") }
        let digital = try readDigital(header: header, directory: url.deletingLastPathComponent(),
                                      verifyChecksums: verifyChecksums)
        let leads = zip(header.signals, digital).map { spec, samples in physical(samples, spec: spec) }
        return Signal(leads: leads, sampleRate: header.sampleRate,
                      leadNames: header.signals.map { $0.description.isEmpty ? $0.fileName : $0.description },
                      units: header.signals.map(\.units))
    }

    /// Converts digital samples to physical units with the spec's gain and baseline.
    ///
    /// ```swift
    /// let mV = WFDBRecord.physical(digital, spec: header.signals[0])
    /// ```
    public static func physical(_ digital: [Int32], spec: WFDBSignalSpec) -> [Float] {
        let invalid = WFDBSignalDecoder.invalidSample(format: spec.format)
        let baseline = Double(spec.baseline), inverse = 1 / spec.gain
        return [Float](unsafeUninitializedCapacity: digital.count) { out, count in
            digital.withUnsafeBufferPointer { src in
                for i in 0..<src.count {
                    out[i] = src[i] == invalid ? .nan : Float((Double(src[i]) - baseline) * inverse)
                }
            }
            count = digital.count
        }
    }

    /// Reads the digital samples of every signal in the header, one array per signal.
    ///
    /// The data files must hold exactly the bytes the header implies (after any byte offset);
    /// without a sample count in the header, every file must hold the same number of frames.
    ///
    /// ```swift
    /// let digital = try WFDBRecord.readDigital(header: header, directory: dir)
    /// ```
    public static func readDigital(header: WFDBHeader, directory: URL, verifyChecksums: Bool = true) throws -> [[Int32]] {
        var result = [[Int32]](repeating: [], count: header.signals.count)
        for file in try dataFiles(of: header, in: directory) {
            let data = try readFile(file.url)
            guard data.count == file.size else {
                throw ECGError.sizeMismatch(file: file.url.path, expectedBytes: file.size, actualBytes: data.count)
            }
            let decoded = try WFDBSignalDecoder.decode(data.subdata(in: file.byteOffset..<data.count), format: file.format,
                                                       signalCount: file.signals.count, frameCount: file.frames,
                                                       file: file.url.path)
            for (k, index) in file.signals.enumerated() {
                if verifyChecksums, let expected = header.signals[index].checksum {
                    let actual = checksum(decoded[k])
                    if actual & 0xFFFF != expected & 0xFFFF { throw ECGError.checksumMismatch(file: file.url.path, signal: index, expected: expected, actual: actual) }
                }
                result[index] = decoded[k]
            }
        }
        return result
    }

    /// The WFDB 16-bit checksum of a signal (sum of samples, as a signed 16-bit value;
    /// headers may store it signed or unsigned, so compare modulo 65536).
    ///
    /// ```swift
    /// let c = WFDBRecord.checksum(samples)
    /// ```
    public static func checksum(_ samples: [Int32]) -> Int {
        var sum: Int32 = 0
        samples.withUnsafeBufferPointer { for v in $0 { sum = sum &+ v } }
        return Int(Int16(truncatingIfNeeded: sum))
    }

    /// Expected size in bytes of each data file named in the header (including byte offsets),
    /// or nil for a file whose length the header does not fix.
    ///
    /// ```swift
    /// let sizes = try WFDBRecord.expectedFileSizes(header) // ["100.dat": 1950000]
    /// ```
    public static func expectedFileSizes(_ header: WFDBHeader) -> [String: Int?] {
        var sizes: [String: Int?] = [:]
        for group in fileGroups(header) {
            let spec = header.signals[group[0]]
            sizes[spec.fileName] = header.sampleCount.map {
                spec.byteOffset + WFDBSignalDecoder.byteCount(format: spec.format, sampleCount: $0 * group.count)
            }
        }
        return sizes
    }

    // MARK: - Helpers

    /// Signal indices grouped by data file, in order of first appearance.
    static func fileGroups(_ header: WFDBHeader) -> [[Int]] {
        var order: [String] = [], groups: [String: [Int]] = [:]
        for (i, s) in header.signals.enumerated() {
            if groups[s.fileName] == nil { order.append(s.fileName) }
            groups[s.fileName, default: []].append(i)
        }
        return order.compactMap { groups[$0] }
    }

    /// One data file of a record, checked against the header.
    struct DataFile {
        /// Where the file is.
        var url: URL
        /// Indices (into the header's signals) of the signals interleaved in the file.
        var signals: [Int]
        /// Storage format shared by those signals.
        var format: Int
        /// Bytes skipped at the start of the file.
        var byteOffset: Int
        /// Frames (samples per signal) the file holds.
        var frames: Int
        /// The file's size in bytes: exactly `byteOffset` plus the frames' bytes.
        var size: Int
    }

    /// Every data file the header names, in order of first appearance, each checked to be a
    /// regular file in a supported format whose size holds exactly the declared frames (or,
    /// without a sample count, whole frames, as many in every file). Nothing is read yet.
    static func dataFiles(of header: WFDBHeader, in directory: URL) throws -> [DataFile] {
        var files: [DataFile] = []
        for group in fileGroups(header) {
            let spec = header.signals[group[0]]
            let url = directory.appendingPathComponent(spec.fileName)
            try checkSupported(group.map { header.signals[$0] }, file: url.path)
            let size = try regularFileSize(url)
            let frames = try frameCount(header: header, spec: spec, signals: group.count, fileSize: size,
                                        expected: files.first?.frames, file: url.path)
            files.append(DataFile(url: url, signals: group, format: spec.format, byteOffset: spec.byteOffset,
                                  frames: frames, size: size))
        }
        return files
    }

    /// Formats this reader decodes, one format and byte offset per file, one sample per frame, no skew.
    private static func checkSupported(_ group: [WFDBSignalSpec], file: String) throws {
        let first = group[0]
        for s in group {
            guard WFDBSignalDecoder.supportedFormats.contains(s.format) else {
                throw ECGError.unsupportedFormat(file: file, format: String(s.format))
            }
            guard s.format == first.format, s.byteOffset == first.byteOffset else {
                throw ECGError.unsupportedFormat(file: file, format: "mixed formats/offsets in one file")
            }
            guard s.samplesPerFrame == 1, s.skew == 0 else {
                throw ECGError.unsupportedFormat(file: file, format: "\(s.format) with \(s.samplesPerFrame) samples/frame, skew \(s.skew) (only 1 and 0 are supported)")
            }
        }
    }

    /// The frames a data file of `fileSize` bytes holds: the header's sample count (0 means
    /// unknown), else as many whole frames as fit — `expected` when an earlier file fixed it.
    /// Throws unless the size is exactly the byte offset plus those frames.
    private static func frameCount(header: WFDBHeader, spec: WFDBSignalSpec, signals: Int, fileSize: Int,
                                   expected: Int?, file: String) throws -> Int {
        let payload = max(0, fileSize - spec.byteOffset)
        let fitting = WFDBSignalDecoder.sampleCapacity(format: spec.format, byteCount: payload) / signals
        let frames = header.sampleCount.flatMap { $0 > 0 ? $0 : nil } ?? expected ?? fitting
        let needed = spec.byteOffset + WFDBSignalDecoder.byteCount(format: spec.format, sampleCount: frames * signals)
        if fileSize < needed { throw ECGError.truncatedData(file: file, expectedBytes: needed, actualBytes: fileSize) }
        if fileSize > needed { throw ECGError.sizeMismatch(file: file, expectedBytes: needed, actualBytes: fileSize) }
        guard frames > 0 else { throw ECGError.emptySignal(context: file) }
        return frames
    }
}
