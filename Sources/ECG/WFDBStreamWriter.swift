import Foundation

/// Writes a WFDB record (`<name>.hea` + `<name>.dat`, format 16) chunk by chunk: samples go
/// to a temporary data file (`.<name>.dat.<uuid>.tmp`) as they come; ``finish()`` writes the
/// header (with checksums and initial values) and renames both into place, data first and
/// header last (``WFDBRecordFiles``), so a record whose header exists is complete. A killed
/// writer leaves only temporary files.
///
/// ```swift
/// let writer = try WFDBStreamWriter(recordName: "100_denoised", directory: out, sampleRate: 360, leadNames: ["MLII"])
/// try writer.append([chunk]); try writer.finish()
/// ```
public final class WFDBStreamWriter: SignalSink {
    /// The header written by ``finish()``.
    public let headerURL: URL
    private let dataURL: URL, temporaryDataURL: URL
    private let handle: FileHandle
    private var specs: [WFDBSignalSpec]
    private let recordName: String, sampleRate: Double, gain: Double, comments: [String]
    private var sums: [Int32], framesWritten = 0, finished = false

    /// Starts a record; `gain` is ADC units per mV (1000 keeps 1 µV resolution up to ±32.7 mV).
    public init(recordName: String, directory: URL, sampleRate: Double, leadNames: [String], units: [String] = [],
                gain: Double = 1000, comments: [String] = []) throws {
        try WFDBHeader.checkRecordName(recordName)
        guard gain.isFinite, gain > 0 else { throw ECGError.invalidArgument("gain \(gain) must be a positive finite number") }
        try Signal.checkSampleRate(sampleRate, context: recordName)
        headerURL = directory.appendingPathComponent(recordName + ".hea")
        dataURL = directory.appendingPathComponent(recordName + ".dat")
        temporaryDataURL = temporarySibling(of: dataURL)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporaryDataURL.path, contents: nil) else {
                throw ECGError.ioFailure(path: temporaryDataURL.path, reason: "cannot create")
            }
            handle = try FileHandle(forWritingTo: temporaryDataURL)
        } catch {
            throw ECGError.ioFailure(path: dataURL.path, reason: "cannot write: \(error.localizedDescription)")
        }
        specs = leadNames.indices.map { l in
            var spec = WFDBSignalSpec(fileName: recordName + ".dat", format: 16)
            spec.gain = gain
            spec.units = l < units.count ? units[l] : "mV"
            spec.adcResolution = 16
            spec.description = leadNames[l]
            return spec
        }
        sums = Array(repeating: 0, count: leadNames.count)
        (self.recordName, self.sampleRate, self.gain, self.comments) = (recordName, sampleRate, gain, comments)
    }

    deinit { if !finished { cancel() } }

    public func append(_ leads: [[Float]]) throws {
        guard leads.count == specs.count, let count = leads.first?.count, leads.allSatisfy({ $0.count == count }) else {
            throw ECGError.invalidArgument("\(recordName): chunk must have \(specs.count) leads of equal length")
        }
        var bytes = [UInt8](repeating: 0, count: 2 * count * specs.count)
        for (l, lead) in leads.enumerated() {
            for (t, x) in lead.enumerated() {
                let v = (Double(x) * gain).rounded()
                guard v.isFinite, v >= -32767, v <= 32767 else {
                    throw ECGError.invalidArgument("\(recordName): lead \(l) sample \(framesWritten + t) = \(x) does not fit format 16 at gain \(gain); lower the gain")
                }
                let digital = Int16(v)
                if framesWritten + t == 0 { specs[l].initialValue = Int(digital) }
                sums[l] = sums[l] &+ Int32(digital)
                let u = UInt16(bitPattern: digital), i = 2 * (t * specs.count + l)
                bytes[i] = UInt8(u & 0xFF)
                bytes[i + 1] = UInt8(u >> 8)
            }
        }
        do { try handle.write(contentsOf: bytes) } catch {
            throw ECGError.ioFailure(path: dataURL.path, reason: "cannot write: \(error.localizedDescription)")
        }
        framesWritten += count
    }

    /// Flushes the data to disk and puts the record in place: data file first, header last, an
    /// older header of the same name removed before (see ``WFDBRecordFiles``), so a header
    /// that exists always describes its complete data file.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        do { try synchronizeAndClose(handle, path: dataURL.path) } catch {
            cancel()
            throw error
        }
        for l in specs.indices { specs[l].checksum = Int(Int16(truncatingIfNeeded: sums[l])) }
        let header = WFDBHeader(recordName: recordName, sampleRate: sampleRate, sampleCount: framesWritten,
                                signals: specs, comments: comments)
        try WFDBRecordFiles.commit(dataTemporary: temporaryDataURL, to: dataURL, header: Data(header.text().utf8), at: headerURL)
    }

    public func cancel() {
        finished = true
        try? handle.close()
        try? FileManager.default.removeItem(at: temporaryDataURL)
    }
}
