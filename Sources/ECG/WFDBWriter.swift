import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a `Signal` as a WFDB record (`<name>.hea` + `<name>.dat`) that the usual tools open.
///
/// ```swift
/// try WFDBWriter.write(denoised, recordName: "100_denoised", to: outputDirectory)
/// ```
public enum WFDBWriter {
    /// Writes the record atomically (data file first, header last; see ``WFDBRecordFiles``). Samples are digitised as
    /// `round(x · gain) + baseline`; the gain must keep the signal inside the format's range.
    ///
    /// - Parameters:
    ///   - format: 16 (default, 16-bit) or 212 (12-bit, MIT-BIH's format).
    ///   - gain: ADC units per mV (default 200 as in MIT-BIH; use e.g. 1000 for format 16 precision).
    /// ```swift
    /// let hea = try WFDBWriter.write(signal, recordName: "out", to: dir, format: 212)
    /// ```
    @discardableResult
    public static func write(_ signal: Signal, recordName: String, to directory: URL, format: Int = 16,
                             gain: Double = 200, baseline: Int = 0, comments: [String] = []) throws -> URL {
        guard [16, 212].contains(format) else { throw ECGError.unsupportedFormat(file: recordName, format: "\(format) for writing (use 16 or 212)") }
        guard gain.isFinite, gain > 0 else { throw ECGError.invalidArgument("gain \(gain) must be a positive finite number") }
        try WFDBHeader.checkRecordName(recordName)
        try signal.validate(context: recordName)
        let (low, high): (Int32, Int32) = format == 212 ? (-2047, 2047) : (-32767, 32767)
        var digital: [[Int32]] = []
        for (l, lead) in signal.leads.enumerated() {
            var out = [Int32](repeating: 0, count: lead.count)
            for (i, x) in lead.enumerated() {
                let v = (Double(x) * gain).rounded() + Double(baseline)
                guard v >= Double(low), v <= Double(high) else {
                    throw ECGError.invalidArgument("\(recordName): lead \(l) sample \(i) = \(x) does not fit format \(format) at gain \(gain) (digital \(v) outside \(low)…\(high)); lower the gain")
                }
                out[i] = Int32(v)
            }
            digital.append(out)
        }
        let dataName = recordName + ".dat"
        let specs = signal.leads.indices.map { l -> WFDBSignalSpec in
            var spec = WFDBSignalSpec(fileName: dataName, format: format)
            spec.gain = gain
            spec.baseline = baseline
            spec.units = signal.units[l]
            spec.adcResolution = format == 212 ? 12 : 16
            spec.adcZero = 0
            spec.initialValue = Int(digital[l].first ?? 0)
            spec.checksum = WFDBRecord.checksum(digital[l])
            spec.description = signal.leadNames[l]
            return spec
        }
        let header = WFDBHeader(recordName: recordName, sampleRate: signal.sampleRate,
                                sampleCount: signal.sampleCount, signals: specs, comments: comments)
        let dataURL = directory.appendingPathComponent(dataName)
        let headerURL = directory.appendingPathComponent(recordName + ".hea")
        let dataTemporary = temporarySibling(of: dataURL)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try writeSynced(try WFDBSignalDecoder.encode(digital, format: format), to: dataTemporary)
        } catch {
            try? FileManager.default.removeItem(at: dataTemporary)
            if let error = error as? ECGError { throw error }
            throw ECGError.ioFailure(path: dataURL.path, reason: "cannot write: \(error.localizedDescription)")
        }
        try WFDBRecordFiles.commit(dataTemporary: dataTemporary, to: dataURL, header: Data(header.text().utf8), at: headerURL)
        return headerURL
    }
}

/// How a WFDB record — two files, `<name>.hea` and `<name>.dat` — is put in place, by
/// ``WFDBWriter`` and ``WFDBStreamWriter`` alike. Readers open the header, so the header is
/// what makes a record exist:
///
/// 1. the data and the header are written to temporary files beside their targets
///    (`.<name>.dat.<uuid>.tmp`, `.<name>.hea.<uuid>.tmp`) and flushed to disk (`fsync`);
/// 2. an existing header of the same name is removed — from here on the record does not exist;
/// 3. the data file is renamed into place;
/// 4. the header is renamed into place, last.
///
/// So at every moment either `<name>.hea` is absent or it describes the complete `<name>.dat`
/// next to it: a process killed at any point never leaves a header without its data, or a
/// header over another run's data. Replacing a record has one short window (between steps 2
/// and 4, two renames) in which a kill leaves no record at all rather than the old one; a
/// killed write otherwise leaves the previous record untouched plus temporary files, which
/// the next successful write of the record (`dancer denoise`) removes.
enum WFDBRecordFiles {
    static func commit(dataTemporary: URL, to dataURL: URL, header: Data, at headerURL: URL) throws {
        let headerTemporary = temporarySibling(of: headerURL)
        do {
            try writeSynced(header, to: headerTemporary)
        } catch {
            try? FileManager.default.removeItem(at: headerTemporary)
            try? FileManager.default.removeItem(at: dataTemporary)
            throw ECGError.ioFailure(path: headerURL.path, reason: "cannot write: \(error.localizedDescription)")
        }
        guard unlink(headerURL.path) == 0 || errno == ENOENT else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: headerTemporary)
            try? FileManager.default.removeItem(at: dataTemporary)
            throw ECGError.ioFailure(path: headerURL.path, reason: "cannot replace the old header: \(reason)")
        }
        do {
            try atomicRename(dataTemporary, to: dataURL)
        } catch {
            try? FileManager.default.removeItem(at: headerTemporary)
            throw error
        }
        try atomicRename(headerTemporary, to: headerURL)
    }
}

/// Writes `data` to a new file at `url` and flushes it to disk (`fsync`) before returning, so
/// that a rename of the file that follows never exposes unwritten blocks after a crash.
func writeSynced(_ data: Data, to url: URL) throws {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
        throw ECGError.ioFailure(path: url.path, reason: "cannot create")
    }
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    try handle.write(contentsOf: data)
    try handle.synchronize()
}
