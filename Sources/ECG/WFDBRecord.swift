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
    /// The data files must hold exactly the bytes the header implies (after any byte offset).
    ///
    /// ```swift
    /// let digital = try WFDBRecord.readDigital(header: header, directory: dir)
    /// ```
    public static func readDigital(header: WFDBHeader, directory: URL, verifyChecksums: Bool = true) throws -> [[Int32]] {
        var result = [[Int32]](repeating: [], count: header.signals.count)
        for group in fileGroups(header) {
            let spec = header.signals[group[0]]
            let url = directory.appendingPathComponent(spec.fileName)
            try checkSupported(spec, group: group.map { header.signals[$0] }, file: url.path)
            let data = try readFile(url)
            let payload = data.count - spec.byteOffset
            let frames = try frameCount(header: header, signals: group.count, format: spec.format,
                                        payloadBytes: payload, file: url.path)
            let needed = WFDBSignalDecoder.byteCount(format: spec.format, sampleCount: frames * group.count)
            if payload < needed { throw ECGError.truncatedData(file: url.path, expectedBytes: needed + spec.byteOffset, actualBytes: data.count) }
            if payload > needed { throw ECGError.sizeMismatch(file: url.path, expectedBytes: needed + spec.byteOffset, actualBytes: data.count) }
            let decoded = try WFDBSignalDecoder.decode(data.subdata(in: spec.byteOffset..<data.count), format: spec.format,
                                                       signalCount: group.count, frameCount: frames, file: url.path)
            for (k, index) in group.enumerated() {
                if verifyChecksums, let expected = header.signals[index].checksum {
                    let actual = checksum(decoded[k])
                    if actual & 0xFFFF != expected & 0xFFFF { throw ECGError.checksumMismatch(file: url.path, signal: index, expected: expected, actual: actual) }
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

    private static func checkSupported(_ spec: WFDBSignalSpec, group: [WFDBSignalSpec], file: String) throws {
        for s in group {
            guard WFDBSignalDecoder.supportedFormats.contains(s.format) else {
                throw ECGError.unsupportedFormat(file: file, format: String(s.format))
            }
            guard s.format == spec.format, s.byteOffset == spec.byteOffset else {
                throw ECGError.unsupportedFormat(file: file, format: "mixed formats/offsets in one file")
            }
            guard s.samplesPerFrame == 1, s.skew == 0 else {
                throw ECGError.unsupportedFormat(file: file, format: "\(s.format) with \(s.samplesPerFrame) samples/frame, skew \(s.skew) (only 1 and 0 are supported)")
            }
        }
    }

    private static func frameCount(header: WFDBHeader, signals: Int, format: Int, payloadBytes: Int, file: String) throws -> Int {
        if let n = header.sampleCount, n > 0 { return n }
        guard payloadBytes > 0 else { throw ECGError.emptySignal(context: file) }
        let samples = format == 212 ? payloadBytes * 2 / 3 : format == 80 ? payloadBytes : payloadBytes / 2
        return samples / signals
    }
}
