import Foundation

/// Reads EDF and EDF+ files (Holter and wearable exports) into a `Signal` in mV.
///
/// EDF+ annotation channels are skipped; all selected channels must share one sample rate.
///
/// ```swift
/// let signal = try EDFReader.read(from: URL(fileURLWithPath: "holter.edf"))
/// ```
public enum EDFReader {
    /// One channel's header fields.
    struct Channel {
        var label: String, unit: String, physicalMin: Double, physicalMax: Double
        var digitalMin: Int, digitalMax: Int, samplesPerRecord: Int
        var isAnnotation: Bool { label == "EDF Annotations" }
    }

    /// The header fields the reader uses, checked against each other and the file size.
    struct Header {
        /// Bytes before the first data record: 256 × (signals + 1).
        var headerBytes: Int
        /// Seconds per data record (finite, > 0).
        var recordDuration: Double
        /// Data records in the file (the header's count, or the one the size implies when it says −1).
        var recordCount: Int
        /// One entry per signal, in header order.
        var channels: [Channel]
        /// Bytes per data record: 2 × the samples per record of every signal.
        var recordBytes: Int
    }

    /// The largest signal count accepted (the field has 4 digits; real files have a few dozen).
    static let maximumSignals = 4096
    /// The largest samples-per-record accepted for one signal.
    static let maximumSamplesPerRecord = 10_000_000

    /// Reads the channels named in `labels` (default: every non-annotation channel).
    ///
    /// Every header field is checked before any sample is decoded; the data must be a whole number
    /// of records, as many as the header declares. Discontinuous EDF+D files are refused.
    ///
    /// ```swift
    /// let ecg = try EDFReader.read(from: url, labels: ["ECG1", "ECG2"])
    /// ```
    public static func read(from url: URL, labels: [String]? = nil) throws -> Signal {
        let data = try readFile(url)
        let file = url.path
        return try data.withUnsafeBytes { raw -> Signal in
            let bytes = raw.bindMemory(to: UInt8.self)
            let header = try parseHeader(bytes, file: file)
            let channels = header.channels
            let selected = try select(channels, labels: labels, file: file)
            let rate = Double(channels[selected[0]].samplesPerRecord) / header.recordDuration
            try Signal.checkSampleRate(rate, context: file)
            var offsets = [Int](repeating: 0, count: channels.count)
            for i in channels.indices.dropFirst() { offsets[i] = offsets[i - 1] + 2 * channels[i - 1].samplesPerRecord }
            let leads = selected.map { c in
                decode(channels[c], bytes: bytes, start: header.headerBytes + offsets[c],
                       recordBytes: header.recordBytes, records: header.recordCount)
            }
            let signal = Signal(leads: leads.map(\.0), sampleRate: rate, leadNames: selected.map { channels[$0].label },
                                units: leads.map(\.1))
            try signal.validate(context: file)
            return signal
        }
    }

    // MARK: - Header

    /// Parses and checks the fixed header and the signal headers.
    static func parseHeader(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws -> Header {
        func fail(_ reason: String) -> ECGError { .malformedEDF(file: file, reason: reason) }
        guard bytes.count >= 256 else { throw fail("file has \(bytes.count) bytes, less than the 256-byte fixed header") }
        func field(_ offset: Int, _ length: Int) -> String {
            String(decoding: bytes[offset..<(offset + length)], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
        guard field(0, 8) == "0" else { throw fail("version field is \(quotedExcerpt(field(0, 8))), expected '0'") }
        guard !field(192, 44).hasPrefix("EDF+D") else { throw fail("discontinuous EDF+D recordings are not supported (only EDF and EDF+C)") }
        let ns = try integer(field(252, 4), "signal count", file: file)
        guard ns >= 1, ns <= maximumSignals else { throw fail("signal count \(ns) is not in 1…\(maximumSignals)") }
        let headerBytes = try integer(field(184, 8), "header size", file: file)
        guard headerBytes == 256 * (ns + 1) else {
            throw fail("header size field says \(headerBytes) bytes; \(ns) signals need \(256 * (ns + 1))")
        }
        guard bytes.count >= headerBytes else {
            throw fail("file has \(bytes.count) bytes, less than its \(headerBytes)-byte header (truncated header)")
        }
        let declared = try integer(field(236, 8), "data-record count", file: file)
        guard declared >= -1 else { throw fail("data-record count \(declared) is negative (only −1, unknown, is allowed)") }
        let durationField = field(244, 8)
        guard let duration = Double(durationField), duration.isFinite, duration > 0 else {
            throw fail("data-record duration \(quotedExcerpt(durationField)) is not a positive number of seconds")
        }
        let channels = try (0..<ns).map { try channel($0, count: ns, field: field, file: file) }
        let recordBytes = channels.reduce(0) { $0 + 2 * $1.samplesPerRecord }
        let records = try recordCount(declared: declared, headerBytes: headerBytes, fileBytes: bytes.count,
                                      recordBytes: recordBytes, file: file)
        return Header(headerBytes: headerBytes, recordDuration: duration, recordCount: records,
                      channels: channels, recordBytes: recordBytes)
    }

    /// The records the data holds; throws unless they are as many as declared (−1: any number
    /// but at least one) with no bytes left over.
    private static func recordCount(declared: Int, headerBytes: Int, fileBytes: Int, recordBytes: Int,
                                    file: String) throws -> Int {
        let dataBytes = fileBytes - headerBytes
        let whole = dataBytes / recordBytes
        guard declared == -1 || declared == whole, whole > 0 || declared == 0 else {
            throw ECGError.edfRecordCountMismatch(file: file, declared: declared, actual: whole)
        }
        guard dataBytes % recordBytes == 0 else {
            throw ECGError.sizeMismatch(file: file, expectedBytes: headerBytes + whole * recordBytes, actualBytes: fileBytes)
        }
        return whole
    }

    /// An integer header field; `name` says which in the error.
    private static func integer(_ text: String, _ name: String, file: String) throws -> Int {
        guard let value = Int(text) else {
            throw ECGError.malformedEDF(file: file, reason: "\(name) field \(quotedExcerpt(text)) is not an integer")
        }
        return value
    }

    private static func channel(_ i: Int, count ns: Int, field: (Int, Int) -> String, file: String) throws -> Channel {
        func at(_ base: Int, _ width: Int) -> String { field(256 + base * ns + i * width, width) }
        let label = at(0, 16), unit = at(96, 8)
        func fail(_ reason: String) -> ECGError { .malformedEDF(file: file, reason: "signal \(i) (\(quotedExcerpt(label))): \(reason)") }
        func number(_ base: Int, _ name: String) throws -> Double {
            guard let v = Double(at(base, 8)), v.isFinite else { throw fail("\(name) \(quotedExcerpt(at(base, 8))) is not a finite number") }
            return v
        }
        func integer(_ base: Int, _ name: String) throws -> Int {
            guard let v = Int(at(base, 8)) else { throw fail("\(name) \(quotedExcerpt(at(base, 8))) is not an integer") }
            return v
        }
        let pmin = try number(104, "physical minimum"), pmax = try number(112, "physical maximum")
        let dmin = try integer(120, "digital minimum"), dmax = try integer(128, "digital maximum")
        let spr = try integer(216, "samples per record")
        guard dmin >= -32768, dmax <= 32767, dmax > dmin else {
            throw fail("digital range \(dmin)…\(dmax) must be increasing and within −32768…32767")
        }
        let scale = millivoltScale(unit).0, largest = Double(Float.greatestFiniteMagnitude)
        guard pmax != pmin, abs(pmin * scale) <= largest, abs(pmax * scale) <= largest else {
            throw fail("physical range \(pmin)…\(pmax) \(unit) must have distinct ends within 32-bit float range")
        }
        guard spr > 0, spr <= maximumSamplesPerRecord else {
            throw fail("samples per record \(spr) is not in 1…\(maximumSamplesPerRecord)")
        }
        return Channel(label: label, unit: unit, physicalMin: pmin, physicalMax: pmax,
                       digitalMin: dmin, digitalMax: dmax, samplesPerRecord: spr)
    }

    private static func select(_ channels: [Channel], labels: [String]?, file: String) throws -> [Int] {
        let chosen: [Int]
        if let labels {
            chosen = try labels.map { label in
                guard let i = channels.firstIndex(where: { $0.label == label }) else {
                    throw ECGError.malformedEDF(file: file, reason: "no signal labelled '\(label)' (have: \(channels.map(\.label).joined(separator: ", ")))")
                }
                return i
            }
        } else {
            chosen = channels.indices.filter { !channels[$0].isAnnotation }
        }
        guard !chosen.isEmpty else { throw ECGError.emptySignal(context: "\(file) (no ordinary signals)") }
        let rates = Set(chosen.map { channels[$0].samplesPerRecord })
        guard rates.count == 1 else {
            throw ECGError.malformedEDF(file: file, reason: "selected signals have different sample rates (\(chosen.map { "\(channels[$0].label): \(channels[$0].samplesPerRecord)/record" }.joined(separator: ", "))); choose leads with one rate via labels")
        }
        return chosen
    }

    private static func decode(_ c: Channel, bytes: UnsafeBufferPointer<UInt8>, start: Int, recordBytes: Int, records: Int) -> ([Float], String) {
        let (unitScale, unit) = millivoltScale(c.unit)
        let slope = (c.physicalMax - c.physicalMin) / Double(c.digitalMax - c.digitalMin) * unitScale
        let intercept = c.physicalMin * unitScale - Double(c.digitalMin) * slope
        let n = c.samplesPerRecord
        let samples = [Float](unsafeUninitializedCapacity: n * records) { out, count in
            for r in 0..<records {
                let base = start + r * recordBytes
                for k in 0..<n {
                    let d = Int16(bitPattern: UInt16(bytes[base + 2 * k]) | UInt16(bytes[base + 2 * k + 1]) << 8)
                    out[r * n + k] = Float(Double(d) * slope + intercept)
                }
            }
            count = n * records
        }
        return (samples, unit)
    }

    /// Factor that converts `unit` to mV, and the resulting unit name (unknown units pass through).
    static func millivoltScale(_ unit: String) -> (Double, String) {
        switch unit {
        case "uV", "µV", "microV": return (0.001, "mV")
        case "mV": return (1, "mV")
        case "V": return (1000, "mV")
        case "nV": return (1e-6, "mV")
        default: return (1, unit)
        }
    }
}
